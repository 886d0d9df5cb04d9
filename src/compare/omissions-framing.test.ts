import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/index.js'
import type { Claim } from './claims.js'
import { frameArticles } from './framing.js'
import { omissionMatrices } from './omissions.js'

const claim = (id: string, status: Claim['status'], docs: string[]): Claim => ({
  id,
  story: 'S1',
  text: id,
  status,
  docs,
  independent: docs.length,
  checkWorthiness: 0.9,
  actors: [],
  mentions: docs.map((doc) => ({ doc, start: 0, end: 1, checkWorthiness: 0.9 })),
})

describe('omissionMatrices', () => {
  const [m] = omissionMatrices([{ id: 'S1', docs: ['a', 'b', 'c'] }], [claim('C1', 'corroborated', ['a', 'b']), claim('C2', 'single-source', ['c']), claim('C3', 'corroborated', ['a', 'b', 'c'])])
  test('rows carry a mention per document or null', () => {
    expect(m?.rows[0]?.carried.map((x) => x?.doc ?? null)).toEqual(['a', 'b', null])
  })
  test('omitted lists the outlets that leave out a corroborated claim', () => {
    expect(m?.omitted).toEqual([{ claim: 'C1', docs: ['c'] }])
  })
  test('unique lists each outlet’s own facts', () => {
    expect(m?.unique).toEqual({ a: [], b: [], c: ['C2'] })
  })
})

describe('frameArticles', () => {
  const calm = createDocument({ id: 'calm', text: 'Leaders welcomed the agreement and reported good progress toward peace. Talks will resume on Friday in Geneva. Geneva hosts the talks again; Geneva officials expect progress.' })
  const harsh = createDocument({ id: 'harsh', text: 'The regime blinked: a shocking failure, clearly a disaster, and the war goes on. The war and its war crimes dominate. Talks will resume on Friday in Geneva.' })
  const framing = frameArticles([calm, harsh], [{ id: 'S1', docs: ['calm', 'harsh'] }])
  test('tone is relative to the story and explained by words', () => {
    const [c, h] = framing
    expect(c!.tone.score).toBeGreaterThan(h!.tone.score)
    expect(c!.tone.relative).toBeGreaterThan(0)
    expect(h!.tone.negative.map((e) => e.text)).toContain('disaster')
  })
  test('loaded wording carries spans and categories', () => {
    const loaded = framing[1]!.loaded
    expect(loaded.map((e) => [e.text, e.category])).toEqual(expect.arrayContaining([['regime', 'pejorative'], ['blinked', 'pejorative'], ['shocking', 'emotive'], ['clearly', 'intensifier']]))
    for (const e of loaded) expect(harsh.text.slice(e.start, e.end)).toBe(e.text)
  })
  test('foregrounds are terms an article stresses more than the others', () => {
    expect(framing[0]!.foregrounds.map((f) => f.term.toLowerCase())).toContain('geneva')
    expect(framing[1]!.foregrounds.map((f) => f.term.toLowerCase())).toContain('war')
  })
})
