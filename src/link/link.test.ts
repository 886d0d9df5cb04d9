import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/document.js'
import type { Entity } from '../document/layers.js'
import { linkEntities } from './index.js'

/** Build a document whose entities are given as [surface, label, normal, kind?, ref?], found in order. */
function doc(id: string, text: string, mentions: [string, Entity['label'], string, Entity['kind']?, number?][]): ReturnType<typeof createDocument> {
  let from = 0
  const items: Entity[] = mentions.map(([surface, label, normal, kind = 'name', ref]) => {
    const start = text.indexOf(surface, from)
    if (start < 0) throw new Error(`${surface} not in text`)
    from = start + 1
    const e: Entity = { start, end: start + surface.length, label, normal, kind }
    return ref === undefined ? e : { ...e, ref }
  })
  return createDocument({ id, text }, { entities: items })
}

describe('linkEntities', () => {
  test('merges name variants across documents and keeps every surface form', () => {
    const a = doc('a', 'President Donald Trump met Zelenskyy. Trump said the U.S. would help.', [
      ['President Donald Trump', 'person', 'donald trump'],
      ['Zelenskyy', 'person', 'zelensky'],
      ['Trump', 'person', 'trump'],
      ['U.S.', 'location', 'united states'],
    ])
    const b = doc('b', "Zelensky thanked the United States and Trump's team.", [
      ['Zelensky', 'person', 'zelensky'],
      ['United States', 'location', 'united states'],
      ["Trump's", 'person', 'trump'],
    ])
    const links = linkEntities([a, b])
    const byName = new Map(links.entities.map((e) => [e.name, e]))
    expect([...byName.keys()].sort()).toEqual(['Donald Trump', 'United States', 'Zelensky'])
    const trump = byName.get('Donald Trump')!
    expect(trump.aliases).toEqual(['President Donald Trump', 'Trump', "Trump's"])
    expect(new Set(trump.mentions.map((m) => m.doc))).toEqual(new Set(['a', 'b']))
    const zelensky = byName.get('Zelensky')!
    expect(zelensky.aliases).toEqual(['Zelenskyy', 'Zelensky'])
    expect(byName.get('United States')!.aliases).toEqual(['U.S.', 'United States'])
    expect(links.byDoc.get('b')).toEqual([zelensky.id, byName.get('United States')!.id, trump.id])
  })

  test.each([
    ['MT plural joins its singular', [['Kremlin', 'organization', 'kremlin']], [['Kremlins', 'organization', 'kremlins']], 1],
    ['two people sharing a surname stay apart', [['Hunter Biden', 'person', 'hunter biden'], ['Joe Biden', 'person', 'joe biden']], [['Biden', 'person', 'biden']], 3],
    ['person and place with one key stay apart', [['Washington', 'person', 'washington']], [['Washington', 'location', 'washington']], 2],
    [
      'a rare label joins a dominant one with the same key',
      [['Trump', 'person', 'trump'], ['Trump', 'person', 'trump'], ['Trump', 'person', 'trump'], ['Trump', 'person', 'trump']],
      [['Trumps', 'location', 'trump']],
      1,
    ],
  ] as [string, [string, Entity['label'], string][], [string, Entity['label'], string][], number][])('%s', (_name, first, second, count) => {
    const a = doc('a', first.map((m) => m[0]).join(' and '), first)
    const b = doc('b', second.map((m) => m[0]).join(' and '), second)
    expect(linkEntities([a, b]).entities).toHaveLength(count)
  })

  test('pronoun and role mentions join the entity of their ref; unresolved ones join nothing', () => {
    const a = doc('a', 'Vladimir Putin said he would talk. The president of Ukraine said she would not.', [
      ['Vladimir Putin', 'person', 'vladimir putin'],
      ['he', 'person', 'he', 'pronoun', 0],
      ['The president of Ukraine', 'person', 'the president of ukraine', 'role'],
      ['Ukraine', 'location', 'ukraine'],
      ['she', 'person', 'she', 'pronoun'],
    ])
    const links = linkEntities([a])
    const putin = links.entities.find((e) => e.name === 'Vladimir Putin')!
    expect(putin.mentions).toHaveLength(2)
    expect(putin.aliases).toEqual(['Vladimir Putin'])
    expect(links.byDoc.get('a')).toEqual([putin.id, putin.id, null, links.entities.find((e) => e.name === 'Ukraine')!.id, null])
  })
})
