import { describe, expect, test } from 'vitest'
import { checkDocument, compareSpans, containsSpan, createDocument, DocumentError, overlapsSpan, spanText, withLayer, withMessages, withMeta } from './index.js'

describe('createDocument', () => {
  test('keeps text, meta and layers, and gives an id', () => {
    const doc = createDocument({ text: 'Putin spoke.', meta: { title: 'T' } }, { blocks: [{ start: 0, end: 12, kind: 'paragraph' }] })
    expect(doc.text).toBe('Putin spoke.')
    expect(doc.meta.title).toBe('T')
    expect(doc.layers.blocks).toHaveLength(1)
    expect(doc.id).toMatch(/^doc-\d+$/)
    expect(createDocument({ id: 'x', text: '' }).id).toBe('x')
  })
  test('is deeply frozen', () => {
    const doc = createDocument({ text: 'abc' }, { blocks: [{ start: 0, end: 3, kind: 'paragraph' }] })
    expect(Object.isFrozen(doc)).toBe(true)
    expect(Object.isFrozen(doc.layers.blocks?.[0])).toBe(true)
    expect(() => {
      ;(doc as { text: string }).text = 'x'
    }).toThrow(TypeError)
  })
  test('rejects non-string text', () => {
    expect(() => createDocument({ text: 3 as unknown as string })).toThrow(/text/)
  })
})

describe('with*', () => {
  const doc = createDocument({ id: 'd', text: 'Hello world' })
  test('withLayer returns a new document and leaves the old one alone', () => {
    const next = withLayer(doc, 'blocks', [{ start: 0, end: 11, kind: 'paragraph' }])
    expect(next).not.toBe(doc)
    expect(doc.layers.blocks).toBeUndefined()
    expect(next.layers.blocks).toHaveLength(1)
    expect(next.text).toBe(doc.text)
  })
  test('withMessages appends; no messages returns the same document', () => {
    expect(withMessages(doc, [])).toBe(doc)
    const next = withMessages(doc, [{ reason: 'r', ruleId: 'x:y' }])
    expect(next.messages).toEqual([{ reason: 'r', ruleId: 'x:y' }])
    expect(doc.messages).toEqual([])
  })
  test('withMeta merges', () => {
    expect(withMeta(withMeta(doc, { title: 'a' }), { source: 'b' }).meta).toEqual({ title: 'a', source: 'b' })
  })
})

describe('spans', () => {
  test.each([
    [{ start: 0, end: 5 }, { start: 1, end: 3 }, true, true],
    [{ start: 0, end: 5 }, { start: 5, end: 6 }, false, false],
    [{ start: 2, end: 4 }, { start: 0, end: 3 }, false, true],
  ])('%o vs %o', (a, b, contains, overlaps) => {
    expect(containsSpan(a, b)).toBe(contains)
    expect(overlapsSpan(a, b)).toBe(overlaps)
  })
  test('compareSpans orders by start, then longer first', () => {
    const spans = [{ start: 3, end: 4 }, { start: 0, end: 2 }, { start: 0, end: 5 }]
    expect([...spans].sort(compareSpans)).toEqual([{ start: 0, end: 5 }, { start: 0, end: 2 }, { start: 3, end: 4 }])
    expect(spanText('abcdef', { start: 1, end: 3 })).toBe('bc')
  })
})

describe('checkDocument', () => {
  const text = 'Trump called Putin.'
  test('accepts a valid document', () => {
    const doc = createDocument({ text }, {
      entities: [
        { start: 0, end: 5, label: 'person', normal: 'trump', kind: 'name' },
        { start: 13, end: 18, label: 'person', normal: 'putin', kind: 'name' },
      ],
      quotes: [{ start: 0, end: 18, kind: 'indirect', speaker: 0, cue: { start: 6, end: 12 } }],
    })
    expect(() => checkDocument(doc)).not.toThrow()
  })
  test.each([
    ['out of bounds', { blocks: [{ start: 0, end: 99, kind: 'paragraph' }] }, 'span-out-of-bounds'],
    ['negative', { blocks: [{ start: -1, end: 2, kind: 'paragraph' }] }, 'span-out-of-bounds'],
    ['inverted', { blocks: [{ start: 4, end: 2, kind: 'paragraph' }] }, 'span-out-of-bounds'],
    ['unsorted', { blocks: [{ start: 5, end: 7, kind: 'paragraph' }, { start: 0, end: 2, kind: 'paragraph' }] }, 'layer-unsorted'],
    ['nested span out of bounds', { quotes: [{ start: 0, end: 2, kind: 'direct', cue: { start: 0, end: 50 } }] }, 'span-out-of-bounds'],
    ['bad speaker index', { entities: [], quotes: [{ start: 0, end: 2, kind: 'direct', speaker: 3 }] }, 'bad-index'],
    ['speaker without entities', { quotes: [{ start: 0, end: 2, kind: 'direct', speaker: 0 }] }, 'bad-index'],
  ])('rejects %s', (_name, layers, code) => {
    const doc = createDocument({ id: 'bad', text }, layers as never)
    try {
      checkDocument(doc)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentError)
      expect((error as DocumentError).code).toBe(code)
      expect((error as Error).message).toContain('bad')
    }
  })
  test('checks message spans', () => {
    const doc = createDocument({ text: 'ab', messages: [{ reason: 'r', ruleId: 'a:b', span: { start: 0, end: 9 } }] })
    expect(() => checkDocument(doc)).toThrow(DocumentError)
  })
})
