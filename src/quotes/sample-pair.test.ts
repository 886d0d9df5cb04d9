/** @module quotes/sample-pair.test — issue 4's acceptance checks on the Trump–Putin sample pair, plus its golden fixture. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkDocument } from '../document/check-document.js'
import { createDocument, type Document } from '../document/document.js'
import type { Entity, Quote } from '../document/layers.js'
import { pipeline } from '../pipeline/pipeline.js'
import { sentences } from '../sentences/index.js'
import { tokens } from '../tokens/index.js'
import { standardPipeline } from '../standard.js'
import { quotes } from './index.js'

const root = process.cwd()
const cases = {
  '000': 'examples/trump-putin-call/000_4eb90098a0ede75c.txt',
  '003': 'examples/trump-putin-call/003_424b30a26a76942e.txt',
} as const

function annotate(file: string): Document {
  const text = readFileSync(path.join(root, file), 'utf8')
  const doc = standardPipeline().runSync(createDocument({ id: path.basename(file), text }))
  checkDocument(doc)
  return doc
}

const slice = (doc: Document, span: { start: number; end: number } | undefined): string | null => (span ? doc.text.slice(span.start, span.end) : null)

/** The quote whose content contains `words`, if any. */
function quoteWith(doc: Document, words: string): Quote | undefined {
  return (doc.layers.quotes ?? []).find((q) => doc.text.slice(q.start, q.end).includes(words))
}

describe('sample pair 000: direct quotes and their speakers', () => {
  const doc = annotate(cases['000'])
  test.each([
    ['Russia and Ukraine will immediately begin negotiations', 'Trump', 'direct'],
    ['I think it went very well', 'Trump', 'direct'],
    ['informative and helpful', 'Putin', 'mixed'],
    ['root cause of the issue', 'he', 'mixed'],
    ['The administration is frustrated with both sides', 'White House Press Secretary Karoline Leavitt', 'direct'],
    ['walk away', 'US Vice President JD Vance and US Secretary of State Marco Rubio', 'mixed'],
  ])('“%s” → %s', (words, source, kind) => {
    const q = quoteWith(doc, words)
    expect(q, `no quote contains “${words}”`).toBeDefined()
    expect(slice(doc, q?.source)).toBe(source)
    expect(q?.kind).toBe(kind)
  })
  test('“root cause of the issue”: the pronoun source is the “he” that follows Putin', () => {
    const q = quoteWith(doc, 'root cause of the issue') as Quote
    expect(doc.text.slice(q.start - 60, q.start)).toContain('he also stated')
  })
  test('“annexed” is a scare quote, not speech', () => {
    expect(quoteWith(doc, 'annexed')).toBeUndefined()
  })
  test('Leavitt’s quote is direct and has the nested “as Vance stated” inside it, not as its own speaker', () => {
    const q = quoteWith(doc, 'as Vance stated') as Quote
    expect(slice(doc, q.source)).toBe('White House Press Secretary Karoline Leavitt')
  })
})

describe('sample pair 003: indirect statements and their speakers', () => {
  const doc = annotate(cases['003'])
  test.each([
    ['Russia and Ukraine will immediately start negotiations', 'US President Donald Trump', 'declare'],
    ['the conditions of peace will be negotiated', 'he', 'added'],
    ['there would be no progress towards peace in Ukraine', 'Trump', 'said'],
    ['the United States could end his shuttle diplomacy', 'vice-president JD Vance', 'told'],
    ['Russia will offer and would be ready to work with Ukraine', 'he', 'declared'],
    ['he told Trump not to make decisions about Ukraine', 'Zelensky', 'said'],
    ['he had spoken with Trump before the telephone conversation', 'Zelensky', 'confirmed'],
  ])('“%s” → %s (%s)', (words, source, cue) => {
    const q = quoteWith(doc, words)
    expect(q, `no quote contains “${words}”`).toBeDefined()
    expect(slice(doc, q?.source)).toBe(source)
    expect(slice(doc, q?.cue)).toBe(cue)
    expect(q?.kind).toBe('indirect')
  })
})

describe('sample pair: speakers link to hand-built entity mentions', () => {
  // A stand-in for the entities annotator: every name mention by string search, pronouns with `ref`.
  function withEntities(file: string, names: string[], pronouns: [string, string][]): Document {
    const text = readFileSync(path.join(root, file), 'utf8')
    const base = pipeline([tokens(), sentences()]).runSync(createDocument({ text }))
    const mentions: Entity[] = []
    for (const name of names) {
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
        if (!mentions.some((m) => m.start < i + name.length && i < m.end)) mentions.push({ start: i, end: i + name.length, label: 'person', kind: 'name', normal: name.split(' ').pop()!.toLowerCase() })
      }
    }
    // Pronoun "he" at the start of each context; its ref (set after sorting) is the closest earlier name with that normal form.
    const antecedents = new Map<number, string>()
    for (const [context, antecedent] of pronouns) {
      const at = text.indexOf(context)
      antecedents.set(at, antecedent)
      mentions.push({ start: at, end: at + 2, label: 'person', kind: 'pronoun', normal: 'he' })
    }
    mentions.sort((a, b) => a.start - b.start || b.end - a.end)
    const fixed = mentions.map((m) => {
      const antecedent = antecedents.get(m.start)
      if (m.kind !== 'pronoun' || antecedent === undefined) return m
      return { ...m, ref: mentions.findLastIndex((n) => n.kind === 'name' && n.end <= m.start && n.normal === antecedent) }
    })
    const doc = pipeline([quotes()], { provided: ['tokens', 'sentences', 'entities'] }).runSync(
      createDocument({ text }, { tokens: base.layers.tokens ?? [], sentences: base.layers.sentences ?? [], entities: fixed }),
    )
    checkDocument(doc)
    return doc
  }
  const speakerNormal = (doc: Document, q: Quote | undefined): string | undefined => {
    const entities = doc.layers.entities ?? []
    let i = q?.speaker
    while (i !== undefined && entities[i]?.ref !== undefined) i = entities[i]?.ref
    return i === undefined ? undefined : entities[i]?.normal
  }
  test('000: Trump, Putin (through “he”), Leavitt, Vance and Rubio', () => {
    const doc = withEntities(cases['000'], ['Donald Trump', 'Vladimir Putin', 'Karoline Leavitt', 'JD Vance', 'Marco Rubio', 'Trump', 'Putin', 'Vance'], [['he also stated', 'putin']])
    expect(speakerNormal(doc, quoteWith(doc, 'I think it went very well'))).toBe('trump')
    expect(speakerNormal(doc, quoteWith(doc, 'informative and helpful'))).toBe('putin')
    expect(speakerNormal(doc, quoteWith(doc, 'root cause of the issue'))).toBe('putin')
    expect(speakerNormal(doc, quoteWith(doc, 'The administration is frustrated'))).toBe('leavitt')
    const walk = quoteWith(doc, 'walk away') as Quote
    expect(walk.speakers?.map((i) => doc.layers.entities?.[i]?.normal)).toEqual(['vance', 'rubio'])
  })
  test('003: Zelensky, Vance, Trump', () => {
    const doc = withEntities(cases['003'], ['Donald Trump', 'Vladimir Putin', 'JD Vance', 'Volodymyr Zelensky', 'Trump', 'Putin', 'Zelensky'], [])
    expect(speakerNormal(doc, quoteWith(doc, 'he told Trump not to make decisions'))).toBe('zelensky')
    expect(speakerNormal(doc, quoteWith(doc, 'could end his shuttle diplomacy'))).toBe('vance')
    expect(speakerNormal(doc, quoteWith(doc, 'there would be no progress towards peace'))).toBe('trump')
  })
})

describe('golden fixtures', () => {
  test.each(Object.entries(cases))('fixtures/quotes/trump-putin-%s.json', async (name, file) => {
    const doc = annotate(file)
    const layer = (doc.layers.quotes ?? []).map((q) => ({
      kind: q.kind,
      start: q.start,
      end: q.end,
      text: doc.text.slice(q.start, q.end),
      cue: slice(doc, q.cue),
      source: slice(doc, q.source),
    }))
    await expect(JSON.stringify(layer, null, 2) + '\n').toMatchFileSnapshot(path.join(root, `fixtures/quotes/trump-putin-${name}.json`))
  })
})
