import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import { analyzePaths, type Analysis } from '../src/index.js'

const schema = JSON.parse(readFileSync(new URL('../schema/analysis.schema.json', import.meta.url), 'utf8')) as object
const ajv = new Ajv2020.default({ allErrors: true, strict: false })
const validate = ajv.compile(schema)

const samples = ['examples/trump-putin-call/000_4eb90098a0ede75c.txt', 'examples/trump-putin-call/003_424b30a26a76942e.txt']

/** Check every offset in the analysis against the text of the document it names. */
function checkOffsets(analysis: Analysis): void {
  const texts = new Map(analysis.documents.map((d) => [d.id, d.text]))
  const check = (e: { doc?: string; start?: number; end?: number }, what: string): void => {
    if (e.doc === undefined || e.start === undefined || e.end === undefined) return
    const text = texts.get(e.doc)
    expect(text, `${what} names an unknown document ${e.doc}`).toBeDefined()
    expect(e.start, what).toBeLessThanOrEqual(e.end)
    expect(e.end, what).toBeLessThanOrEqual((text as string).length)
  }
  for (const e of analysis.entities) for (const m of e.mentions) check(m, `entity ${e.id}`)
  for (const q of analysis.quotes) {
    check(q, `quote ${q.id}`)
    expect(q.text).toBe(texts.get(q.doc)?.slice(q.start, q.end))
  }
  for (const t of analysis.times) {
    check(t, 'time')
    expect(t.text).toBe(texts.get(t.doc)?.slice(t.start, t.end))
  }
  for (const e of analysis.events) for (const m of e.evidence) check(m, `event ${e.id}`)
  for (const c of analysis.claims) for (const m of c.evidence) check(m, `claim ${c.id}`)
  for (const m of analysis.messages) check(m, 'message')
}

describe('the analysis contract', () => {
  test('the sample pair validates against the JSON Schema, with every offset in bounds', async () => {
    const { analysis } = await analyzePaths(samples)
    const ok = validate(analysis)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    checkOffsets(analysis)
  })
  test('the sample documents carry the right metadata and text', async () => {
    const { analysis } = await analyzePaths(samples)
    const [d000, d003] = analysis.documents
    expect(d000?.id).toBe('000_4eb90098a0ede75c')
    expect(d003?.id).toBe('003_424b30a26a76942e')
    expect(d003?.published).toBe('2025-05-20')
    expect(d003?.text.startsWith('After a two-hour telephone call')).toBe(true)
    expect(d003?.text).not.toContain('date 2025-05-20')
    expect(d000?.path).toBe(samples[0])
    // 000 has no date of its own: `published` stays null; the inferred date is reported beside it.
    expect(d000?.published).toBeNull()
    expect(d000?.publishedInferred?.date).toBe('2025-05-20')
    expect(d000?.publishedInferred?.reason).toContain('003_424b30a26a76942e')
    expect(d003?.publishedInferred).toBeUndefined()
  })
  test('the schema rejects what breaks the contract', () => {
    const base = { version: 1, documents: [], entities: [], quotes: [], times: [], events: [], claims: [], stories: [], messages: [] }
    expect(validate(base)).toBe(true)
    expect(validate({ ...base, stories: undefined })).toBe(false)
    expect(validate({ ...base, documents: [{ id: 'x', text: 't', published: 'yesterday' }] })).toBe(false)
    expect(validate({ ...base, entities: [{ id: 'E1', name: 'X', type: 'alien', aliases: [], mentions: [] }] })).toBe(false)
    expect(validate({ ...base, quotes: [{ id: 'Q1', doc: 'x', start: -1, end: 2, text: 't', kind: 'direct', speaker: null, speakerName: null }] })).toBe(false)
    expect(validate({ ...base, claims: [{ id: 'C1', text: 't', status: 'probably', docs: [], evidence: [] }] })).toBe(false)
  })
})
