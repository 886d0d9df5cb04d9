import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { analyzePaths } from '../src/analysis/analyze.js'
import { renderMarkdown } from '../src/analysis/markdown.js'

// Issue 6, the sample pair: two outlets on the Trump–Putin call of 19 May 2025.
const paths = ['examples/trump-putin-call/000_4eb90098a0ede75c.txt', 'examples/trump-putin-call/003_424b30a26a76942e.txt']
const [a, b] = ['000_4eb90098a0ede75c', '003_424b30a26a76942e']
const { analysis } = await analyzePaths(paths)
const text = new Map(analysis.documents.map((d) => [d.id, d.text]))
const mentioning = (needle: RegExp) => analysis.claims.filter((c) => c.evidence.some((e) => needle.test(text.get(e.doc)?.slice(e.start, e.end) ?? '')))

describe('sample pair (trump-putin-call)', () => {
  test('is one story', () => {
    expect(analysis.stories).toHaveLength(1)
    expect(analysis.stories[0]?.docs).toEqual([a, b])
  })

  test('the two-hour call is corroborated by both outlets', () => {
    const call = mentioning(/two-hour (?:phone|telephone)/)
    expect(call).toHaveLength(1)
    expect(call[0]).toMatchObject({ status: 'corroborated', docs: [a, b], independent: 2 })
    const quoted = call[0]!.evidence.map((e) => text.get(e.doc)!.slice(e.start, e.end))
    expect(quoted[0]).toMatch(/two-hour phone conversation/)
    expect(quoted[1]).toMatch(/two-hour telephone call/)
  })

  test('the drone attack is corroborated by both outlets', () => {
    const drones = mentioning(/drone (?:strike|attack)/)
    expect(drones).toHaveLength(1)
    expect(drones[0]).toMatchObject({ status: 'corroborated', docs: [a, b] })
  })

  test('"61 percent of Americans" is single-source (000)', () => {
    const poll = mentioning(/61 percent of Americans/)
    expect(poll.map((c) => [c.status, c.docs])).toEqual([['single-source', [a]]])
  })

  test('the Vatican’s interest is single-source (003)', () => {
    const vatican = mentioning(/Vatican/)
    expect(vatican.map((c) => [c.status, c.docs])).toEqual([['single-source', [b]]])
  })

  test('the omission matrix shows each outlet’s unique facts', () => {
    const [matrix] = analysis.omissions ?? []
    expect(matrix?.docs).toEqual([a, b])
    const poll = mentioning(/61 percent/)[0]!.id
    const vatican = mentioning(/Vatican/)[0]!.id
    expect(matrix?.unique[a]).toContain(poll)
    expect(matrix?.unique[b]).toContain(vatican)
    expect(matrix?.unique[a]).not.toContain(vatican)
    const row = matrix?.rows.find((r) => r.claim === poll)
    expect(row?.carried.map((c) => c?.doc ?? null)).toEqual([a, null])
    // Every corroborated claim is carried by both, so nothing corroborated is omitted here.
    expect(matrix?.omitted).toEqual([])
  })

  test('briefs, framing and claims point at real text', () => {
    for (const s of analysis.stories) for (const e of s.brief ?? []) expect(text.get(e.doc)?.slice(e.start, e.end)).toBe(e.text)
    for (const f of analysis.framing ?? []) for (const e of [...f.loaded, ...f.tone.negative]) expect(text.get(e.doc)?.slice(e.start, e.end)).toBe(e.text)
    expect(analysis.framing?.find((f) => f.doc === a)?.loaded.map((e) => e.text)).toContain('blinked')
    expect(analysis.copies).toEqual([])
  })

  test('validates against the JSON schema and renders', () => {
    const ajv = new Ajv2020({ strict: false })
    const validate = ajv.compile(JSON.parse(readFileSync('schema/analysis.schema.json', 'utf8')) as object)
    expect(validate(analysis), JSON.stringify(validate.errors)).toBe(true)
    const markdown = renderMarkdown(analysis)
    expect(markdown).toContain('## Who carries what')
    expect(markdown).toContain('## Framing')
  })

  test('golden: stories, claims and omissions', async () => {
    const golden = {
      stories: analysis.stories.map((s) => ({ id: s.id, docs: s.docs, brief: s.brief?.map((e) => [e.doc, e.start, e.end]) })),
      claims: analysis.claims.map((c) => ({ id: c.id, status: c.status, docs: c.docs, evidence: c.evidence.map((e) => [e.doc, e.start, e.end]), text: c.text })),
      omissions: analysis.omissions,
    }
    await expect(`${JSON.stringify(golden, null, 1)}\n`).toMatchFileSnapshot('../fixtures/stories/trump-putin-call.json')
  })
})
