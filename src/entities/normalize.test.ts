import { describe, expect, test } from 'vitest'
import { normalizeName } from './normalize.js'
import { allowed, decodeSpans, labelId } from './tagger.js'

describe('normalizeName', () => {
  test.each([
    ['Zelenskyy', 'person', 'zelensky'],
    ['Zelensky', 'person', 'zelensky'],
    ['Volodymyr Zelenskyy', 'person', 'volodymyr zelensky'],
    ['President Donald Trump', 'person', 'donald trump'],
    ["Trump's", 'person', 'trump'],
    ['Trump’s', 'person', 'trump'],
    ['U.S.', 'location', 'united states'],
    ['US', 'location', 'united states'],
    ['the United States', 'location', 'united states'],
    ['United States', 'location', 'united states'],
    ['kyiv', 'location', 'kyiv'],
    ['Kiev', 'location', 'kyiv'],
    ['Kremlin', 'organization', 'kremlin'],
    ['Zürich', 'location', 'zurich'],
    ['President', 'person', 'president'],
  ])('%s (%s) → %s', (surface, label, normal) => {
    expect(normalizeName(surface, label)).toBe(normal)
  })
})

describe('BILOU decoding', () => {
  const B = (t: number): number => labelId(t, 0)
  const I = (t: number): number => labelId(t, 1)
  const L = (t: number): number => labelId(t, 2)
  const U = (t: number): number => labelId(t, 3)
  test.each([
    ['single unit', [0, U(0), 0], [[1, 2, 0]]],
    ['begin-inside-last', [B(1), I(1), L(1), 0], [[0, 3, 1]]],
    ['two adjacent units', [U(2), U(2)], [[0, 1, 2], [1, 2, 2]]],
    ['broken sequence is repaired', [B(0), 0, U(1)], [[0, 1, 0], [2, 3, 1]]],
    ['unclosed at end', [0, B(3), I(3)], [[1, 3, 3]]],
  ])('%s', (_name, labels, spans) => {
    expect(decodeSpans(Uint8Array.from(labels))).toEqual(spans)
  })

  test.each([
    [-1, B(0), true],
    [-1, I(0), false],
    [B(0), L(0), true],
    [B(0), L(1), false],
    [B(0), 0, false],
    [L(0), U(1), true],
    [U(0), I(0), false],
  ])('allowed(%i, %i) = %s', (prev, next, ok) => {
    expect(allowed(prev, next)).toBe(ok)
  })
})
