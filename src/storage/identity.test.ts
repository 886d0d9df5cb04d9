import { describe, expect, test } from 'vitest'
import type { Analysis } from '../analysis/analysis.js'
import { contentHash, normalizeUrl } from './identity.js'
import { storyAnalysis, storyId } from './story-analysis.js'

describe('normalizeUrl', () => {
  test.each([
    ['HTTPS://www.Example.com/a/?utm_source=x&b=1#top', 'https://example.com/a?b=1'],
    ['http://example.com/a', 'https://example.com/a'],
    ['https://example.com/', 'https://example.com'],
    ['https://example.com/a?z=1&a=2&fbclid=abc', 'https://example.com/a?a=2&z=1'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com/a/b/', 'https://example.com/a/b'],
    ['https://www.example.com/?b=2', 'https://example.com?b=2'],
    ['not a url', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected)
  })
})

describe('contentHash', () => {
  test('ignores line-ending style and outer whitespace, nothing else', () => {
    expect(contentHash('a\r\nb\n')).toBe(contentHash('a\nb'))
    expect(contentHash('a b')).not.toBe(contentHash('a  b'))
    expect(contentHash('x')).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('storyAnalysis', () => {
  const analysis = {
    version: 1,
    documents: [{ id: 'a', published: null, text: 'A' }, { id: 'b', published: null, text: 'B' }, { id: 'c', published: null, text: 'C' }],
    entities: [
      { id: 'E1', name: 'X', type: 'person', aliases: [], mentions: [{ doc: 'a', start: 0, end: 1 }, { doc: 'c', start: 0, end: 1 }] },
      { id: 'E2', name: 'Y', type: 'person', aliases: [], mentions: [{ doc: 'c', start: 0, end: 1 }] },
    ],
    quotes: [{ id: 'Q1', doc: 'a', start: 0, end: 1, text: 'A', kind: 'direct', speaker: null, speakerName: null }, { id: 'Q2', doc: 'c', start: 0, end: 1, text: 'C', kind: 'direct', speaker: null, speakerName: null }],
    times: [],
    events: [],
    claims: [{ id: 'C1', text: 't', status: 'corroborated', docs: ['a', 'c'], evidence: [{ doc: 'a', start: 0, end: 1 }, { doc: 'c', start: 0, end: 1 }] }],
    stories: [{ id: 'S1', title: 'One', docs: ['a', 'b'], summary: '' }, { id: 'S2', title: 'Two', docs: ['c'], summary: '' }],
    messages: [],
    framing: [{ story: 'S1', frame: 'f1' }, { story: 'S2', frame: 'f2' }],
    copies: [{ docs: ['c'] }, { note: 'global' }],
  } as unknown as Analysis

  test('keeps only what concerns the story, in every section, known or not', () => {
    const out = storyAnalysis(analysis, analysis.stories[0]!) as unknown as Record<string, unknown[]>
    expect((out['documents'] as { id: string }[]).map((d) => d.id)).toEqual(['a', 'b'])
    expect(out['entities']).toEqual([{ ...analysis.entities[0], mentions: [{ doc: 'a', start: 0, end: 1 }] }])
    expect((out['quotes'] as { id: string }[]).map((q) => q.id)).toEqual(['Q1'])
    expect(out['claims']).toEqual([{ ...analysis.claims[0], docs: ['a'], evidence: [{ doc: 'a', start: 0, end: 1 }] }])
    expect(out['stories']).toEqual([analysis.stories[0]])
    expect(out['framing']).toEqual([{ story: 'S1', frame: 'f1' }])
    expect(out['copies']).toEqual([{ note: 'global' }])
  })

  test('story ids are stable, slugged and depend on membership, not order', () => {
    expect(storyId('Trump–Putin call!', ['b', 'a'])).toBe(storyId('Trump–Putin call!', ['a', 'b']))
    expect(storyId('Trump–Putin call!', ['a'])).toMatch(/^trump-putin-call-[0-9a-f]{8}$/)
    expect(storyId('Trump–Putin call!', ['a'])).not.toBe(storyId('Trump–Putin call!', ['a', 'b']))
    expect(storyId('«»', ['a'])).toMatch(/^story-[0-9a-f]{8}$/)
  })
})
