import { describe, expect, test } from 'vitest'
import type { Entity } from '../document/layers.js'
import { tokenize } from '../tokens/tokens.js'
import { findMentions, type MentionToken } from './mentions.js'

/**
 * Run the mention finder on `text` with the given names ([surface, label], found in order;
 * sentences split at ". "). Returns [mention surface, kind, surface of the referenced name].
 */
function run(text: string, names: [string, Entity['label']][]): [string, string, string | null][] {
  let sentence = 0
  const tokens: MentionToken[] = tokenize(text).map((t) => {
    const tok = { start: t.start, end: t.end, normal: t.normal, sentence }
    if (t.normal === '.') sentence++
    return tok
  })
  let from = 0
  const items: Entity[] = names.map(([surface, label]) => {
    const start = text.indexOf(surface, from)
    from = start + surface.length
    return { start, end: start + surface.length, label, normal: surface.toLowerCase(), kind: 'name' }
  })
  return findMentions(tokens, items, (i) => items[i]!.normal).map((m) => [
    text.slice(m.start, m.end),
    m.kind,
    m.ref === undefined ? null : text.slice(items[m.ref]!.start, items[m.ref]!.end),
  ])
}

describe('findMentions', () => {
  test.each([
    ['pronoun after the only person of the sentence', 'Putin said he was ready.', [['Putin', 'person']], [['he', 'pronoun', 'Putin']]],
    ['nearest person before the pronoun', 'Zelensky said he told Trump.', [['Zelensky', 'person'], ['Trump', 'person']], [['he', 'pronoun', 'Zelensky']]],
    ['pronoun opening a sentence takes the only person of the previous one', 'Putin spoke. He was calm.', [['Putin', 'person']], [['He', 'pronoun', 'Putin']]],
    ['two people in the previous sentence: no ref', 'Putin met Trump. He was calm.', [['Putin', 'person'], ['Trump', 'person']], [['He', 'pronoun', null]]],
    ['no person at all: no ref', 'The talks failed. He left.', [], [['He', 'pronoun', null]]],
    [
      'title before a name',
      'US Secretary of State Marco Rubio warned.',
      [['US', 'location'], ['Marco Rubio', 'person']],
      [['US Secretary of State', 'role', 'Marco Rubio']],
    ],
    [
      'organisation in a title',
      'White House Press Secretary Karoline Leavitt said so.',
      [['White House', 'organization'], ['Karoline Leavitt', 'person']],
      [['White House Press Secretary', 'role', 'Karoline Leavitt']],
    ],
    [
      'appositive role',
      'Trump and the president of Ukraine, Volodymyr Zelensky, spoke.',
      [['Trump', 'person'], ['Ukraine', 'location'], ['Volodymyr Zelensky', 'person']],
      [['the president of Ukraine', 'role', 'Volodymyr Zelensky']],
    ],
    [
      'a later role description refers to the known holder',
      'Ukrainian President Volodymyr Zelensky flew in. Later the president of Ukraine left.',
      [['Volodymyr Zelensky', 'person'], ['Ukraine', 'location']],
      [
        ['Ukrainian President', 'role', 'Volodymyr Zelensky'],
        ['the president of Ukraine', 'role', 'Volodymyr Zelensky'],
      ],
    ],
    [
      'an unknown holder stays unresolved',
      'Trump spoke. The Russian leader was silent.',
      [['Trump', 'person']],
      [['The Russian leader', 'role', null]],
    ],
  ] as [string, string, [string, Entity['label']][], [string, string, string | null][]][])('%s', (_name, text, names, expected) => {
    expect(run(text, names)).toEqual(expected)
  })
})
