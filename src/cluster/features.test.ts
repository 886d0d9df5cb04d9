import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/index.js'
import { terms } from '../terms/index.js'
import { countFeatures } from './features.js'

describe('countFeatures', () => {
  test('reads only the first maxChars characters, cutting a word there as a slice does', () => {
    const text = 'Rescuers searched the rubble-strewn streets of Aquila overnight while engineers inspected bridges.'
    for (let maxChars = 1; maxChars < text.length; maxChars += 4) {
      const counts = countFeatures(createDocument({ text }), { maxChars })
      const expected = new Map<string, number>()
      for (const t of terms(text.slice(0, maxChars))) if (!t.stop && t.word.length >= 2) expected.set(t.stem, (expected.get(t.stem) ?? 0) + 1)
      expect(counts.stems).toEqual(expected)
    }
  })
})
