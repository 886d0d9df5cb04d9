import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { analyzePaths } from '../analysis/analyze.js'
import { checkDocument } from '../document/check-document.js'
import { createDocument } from '../document/document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { sentences } from '../sentences/index.js'
import { tokens } from '../tokens/index.js'
import { entities } from './index.js'
import { decodeModel, modelDir } from './model.js'

const run = pipeline([tokens(), sentences(), entities()])

async function names(text: string): Promise<[string, string][]> {
  const doc = await run.run(createDocument({ text }))
  return (doc.layers.entities ?? []).filter((e) => e.kind === 'name').map((e) => [text.slice(e.start, e.end), e.label])
}

describe('the committed model', () => {
  test('loads fast from models/ner and tags a sentence right', async () => {
    const cpu = process.cpuUsage()
    decodeModel(readFileSync(`${modelDir}ner.bin.gz`), readFileSync(`${modelDir}lexicon.json.gz`))
    const used = process.cpuUsage(cpu)
    // CPU time, not wall clock: machines running the tests are often shared. About 120 ms here.
    expect((used.user + used.system) / 1000).toBeLessThan(600)
    expect(await names('German Chancellor Angela Merkel met Microsoft executives in Paris on Monday.')).toEqual([
      ['German', 'misc'],
      ['Angela Merkel', 'person'],
      ['Microsoft', 'organization'],
      ['Paris', 'location'],
    ])
  })

  test.each([
    ['EU rejects German call to boycott British lamb.', [['EU', 'organization'], ['German', 'misc'], ['British', 'misc']]],
    ['Peter Blackburn said the United Nations would act.', [['Peter Blackburn', 'person'], ['United Nations', 'organization']]],
    ['Russia has led its greatest drone attack on Ukraine, including kyiv.', [['Russia', 'location'], ['Ukraine', 'location'], ['kyiv', 'location']]],
  ] as [string, [string, string][]][])('%s', async (text, expected) => {
    expect(await names(text)).toEqual(expected)
  })
})

describe('entities layer', () => {
  test('keys merge variants and short names point at the full name', async () => {
    const text = "President Donald Trump called Volodymyr Zelenskyy. Trump's aides said Zelensky agreed. The U.S. will help."
    const doc = await run.run(createDocument({ text }))
    checkDocument(doc)
    const items = doc.layers.entities ?? []
    const byText = new Map(items.map((e, i) => [text.slice(e.start, e.end), { ...e, i }]))
    expect(byText.get('Zelenskyy')?.normal ?? byText.get('Volodymyr Zelenskyy')?.normal).toMatch(/zelensky$/)
    expect(byText.get('Zelensky')?.normal).toBe('zelensky')
    expect(byText.get('U.S.')?.normal).toBe('united states')
    const trump = byText.get('Trump')!
    expect(trump.normal).toBe('trump')
    expect(items[trump.ref!] && text.slice(items[trump.ref!]!.start, items[trump.ref!]!.end)).toMatch(/Donald Trump$/)
  })

  test('pronouns refer to the person named before them', async () => {
    const text = 'Putin described the discussion as helpful, but he also stated demands.'
    const doc = await run.run(createDocument({ text }))
    const items = doc.layers.entities ?? []
    const he = items.find((e) => e.kind === 'pronoun')!
    expect(text.slice(he.start, he.end)).toBe('he')
    expect(text.slice(items[he.ref!]!.start, items[he.ref!]!.end)).toBe('Putin')
  })

  test('a lone surname of a full name in the document is that person; US keeps its type', async () => {
    const text = 'US Vice President JD Vance and US Secretary of State Marco Rubio warned that the US may walk away. The administration is frustrated with both sides, even though, as Vance stated earlier this month, it is Russia that is asking for too much.'
    const found = await names(text)
    expect(found).toContainEqual(['JD Vance', 'person'])
    expect(found).toContainEqual(['Vance', 'person'])
    expect(found.filter(([t]) => t === 'US').map(([, l]) => l)).toEqual(['location', 'location', 'location'])
  })

  test('a document without sentences gets an empty layer', async () => {
    const doc = await run.run(createDocument({ text: '' }))
    expect(doc.layers.entities).toEqual([])
  })
})

describe('the sample pair (examples/trump-putin-call), analysed together', async () => {
  const { analysis, documents } = await analyzePaths(['examples/trump-putin-call'])
  const typeOf = (name: string): string[] => [...new Set(analysis.entities.filter((e) => e.aliases.some((a) => a === name || a.endsWith(` ${name}`) || a === `${name}'s`)).map((e) => e.type))]

  test.each(['Trump', 'Putin', 'Zelensky', 'Vance', 'Rubio', 'Leavitt', 'Medinsky'])('%s is a person', (name) => {
    expect(typeOf(name)).toEqual(['person'])
  })
  test.each(['White House', 'Kremlin'])('%s is an organisation', (name) => {
    expect(typeOf(name)).toEqual(['organization'])
  })
  test.each(['Russia', 'Ukraine', 'Istanbul', 'Moscow', 'kyiv', 'Sochi', 'Brussels', 'China'])('%s is a location', (name) => {
    expect(typeOf(name)).toEqual(['location'])
  })
  test.each([['Zelensky'], ['United States']])('%s is one entity with mentions in both articles', (name) => {
    const matches = analysis.entities.filter((e) => e.aliases.some((a) => a.includes(name)))
    expect(matches).toHaveLength(1)
    expect(new Set(matches[0]!.mentions.map((m) => m.doc)).size).toBe(2)
  })
  test('Zelenskyy and Zelensky are aliases of one entity', () => {
    const z = analysis.entities.filter((e) => e.aliases.some((a) => /Zelensky/.test(a)))
    expect(z).toHaveLength(1)
    expect(z[0]!.aliases).toEqual(expect.arrayContaining(['Zelenskyy', 'Zelensky']))
  })
  test.each(['Monday', 'Abandon', 'Truth Social', 'Sunday'])('%s is not a person', (name) => {
    expect(typeOf(name)).not.toContain('person')
  })
  test('every document passes checkDocument', () => {
    for (const doc of documents) checkDocument(doc)
  })
})
