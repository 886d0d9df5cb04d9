import { describe, expect, test } from 'vitest'
import { createDocument, withLayer } from '../document/index.js'
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

  test('names: persons by surname, places by full name, from the entities layer only', () => {
    const text = 'Lindsay Lohan left Newport Beach; Lohan met Shawn Holley and IBM.'
    const entities = [
      { start: 0, end: 13, label: 'person', normal: 'Lindsay Lohan', kind: 'name' },
      { start: 19, end: 32, label: 'location', normal: 'Newport Beach', kind: 'name' },
      { start: 34, end: 39, label: 'person', normal: 'Lohan', kind: 'name' },
      { start: 44, end: 56, label: 'person', normal: 'Shawn Holley', kind: 'name' },
      { start: 61, end: 64, label: 'organization', normal: 'IBM', kind: 'name' },
    ] as const
    const counts = countFeatures(withLayer(createDocument({ text }), 'entities', entities))
    expect(counts.names).toEqual(new Map([['p:lohan', 2], ['l:newport beach', 1], ['p:holley', 1]]))
    expect(countFeatures(createDocument({ text })).names.size).toBe(0)
  })
})
