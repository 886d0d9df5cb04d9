import { describe, expect, test } from 'vitest'
import { publicationLabel } from './publication-date.js'

describe('publicationLabel', () => {
  test('a given date wins; an inferred one is marked; neither is undefined', () => {
    expect(publicationLabel({ published: '2025-05-20T08:00:00Z', publishedInferred: { date: '2025-05-19' } })).toBe('2025-05-20T08:00:00Z')
    expect(publicationLabel({ published: '2025-05-20T08:00:00Z' }, true)).toBe('2025-05-20')
    expect(publicationLabel({ published: null, publishedInferred: { date: '2025-05-20T00:00:00Z' } }, true)).toBe('2025-05-20 (inferred)')
    expect(publicationLabel({ published: null, publishedInferred: { date: '2025-05-20' } })).toBe('2025-05-20 (inferred)')
    expect(publicationLabel({ published: null })).toBeUndefined()
  })
})
