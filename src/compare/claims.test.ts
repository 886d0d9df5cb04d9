import { describe, expect, test } from 'vitest'
import { createDocument, type Document } from '../document/index.js'
import { sentences } from '../sentences/index.js'
import { tokens } from '../tokens/index.js'
import { pipeline } from '../pipeline/pipeline.js'
import { alignClaims, splitClauses } from './claims.js'

const run = pipeline([tokens(), sentences()])
const doc = (id: string, text: string, source?: string): Document => run.runSync(createDocument({ id, text, meta: source ? { source } : {} }))

const a = doc('a', 'The minister announced a new tax on imported steel on Monday. Officials said more than 200 drones hit the port overnight. The opposition called the plan a disaster for exporters.', 'Alpha')
const b = doc('b', 'On Monday the minister declared a new levy on imported steel. About 150 drones struck the port during the night, officials said. Farmers protested in the capital against fuel prices.', 'Beta')
const c = doc('c', 'The minister announced a new tax on imported steel on Monday. Officials said more than 200 drones hit the port overnight.', 'Alpha')

describe('alignClaims', () => {
  const claims = alignClaims([a, b], [{ id: 'S1', docs: ['a', 'b'] }], [], { minCheckWorthiness: 0 })
  const find = (needle: string) => claims.find((claim) => claim.mentions.some((m) => (m.doc === 'a' ? a : b).text.slice(m.start, m.end).includes(needle)))

  test('a paraphrased statement in two outlets is corroborated', () => {
    const claim = find('new tax')
    expect(claim?.status).toBe('corroborated')
    expect(claim?.docs).toEqual(['a', 'b'])
    expect(claim?.independent).toBe(2)
  })

  test('incompatible counts of the same thing are contested, with both values as evidence', () => {
    const claim = find('drones')
    expect(claim?.status).toBe('contested')
    expect(claim?.values?.map((v) => [v.doc, v.value, v.unit])).toEqual([
      ['a', 200, 'drone'],
      ['b', 150, 'drone'],
    ])
  })

  test('claims name their actors', () => {
    expect(find('Farmers')?.actors).toEqual([])
    const withNames = alignClaims([doc('n', 'On Tuesday, Mark Carney met Donald Trump in Washington to discuss tariffs on steel.')], [{ id: 'S', docs: ['n'] }], [], { minCheckWorthiness: 0 })
    expect(withNames[0]?.actors).toEqual(['mark carney', 'donald trump', 'washington'])
  })

  test('what only one outlet says is single-source', () => {
    expect(find('Farmers')?.status).toBe('single-source')
    expect(find('opposition')?.docs).toEqual(['a'])
  })

  test('every mention slices back to its document text', () => {
    for (const claim of claims) for (const m of claim.mentions) expect((m.doc === 'a' ? a : b).text.slice(m.start, m.end).length).toBeGreaterThan(0)
    expect(claims.map((x) => x.id)).toEqual(claims.map((_, i) => `C${i + 1}`))
  })

  test('copies and one outlet’s two articles are not independent', () => {
    const copied = alignClaims([a, c], [{ id: 'S1', docs: ['a', 'c'] }], [{ doc: 'c', of: 'a' }])
    expect(copied.find((x) => x.docs.length === 2)?.status).toBe('single-source')
    const sameOutlet = alignClaims([a, c], [{ id: 'S1', docs: ['a', 'c'] }])
    expect(sameOutlet.every((x) => x.independent === 1)).toBe(true)
  })

  test('documents without sentences are misuse', () => {
    expect(() => alignClaims([createDocument({ id: 'x', text: 'No layers.' })], [{ id: 'S', docs: ['x'] }])).toThrow(/sentences/)
  })
})

describe('splitClauses', () => {
  test.each([
    ['After a two-hour telephone call with Putin on May 19, Trump declared that talks would begin at once.', ['After a two-hour telephone call with Putin on May 19', 'Trump declared that talks would begin at once.']],
    ['The outcome was poor for both sides, and Trump could be reversing some of his harsh words.', ['The outcome was poor for both sides', 'Trump could be reversing some of his harsh words.']],
    ['Prices rose, and fell.', ['Prices rose, and fell.']],
  ])('%j', (text, expected) => {
    expect(splitClauses(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end))).toEqual(expected)
  })
})
