import { describe, expect, test } from 'vitest'
import { contentStems, documentTerms, terms, withDocumentTerms } from './terms.js'
import { backgroundIdf } from './background.js'

describe('terms', () => {
  test.each([
    ['Two drones fell.', ['two', 'drone', 'fell']],
    ["Trump's two-hour call", ['trump', 'two-hour', 'call']],
    ['The talks were held in Istanbul', ['talk', 'held', 'istanbul']],
  ])('contentStems(%j)', (text, expected) => {
    expect(contentStems(text)).toEqual(expected)
  })

  test('offsets slice back to the surface, possessive kept in the span', () => {
    const text = 'Putin’s call, Zelenskyy said.'
    for (const t of terms(text)) expect(text.slice(t.start, t.end).toLowerCase().replace('’', "'")).toContain(t.word)
    expect(terms(text).map((t) => t.capitalized)).toEqual([true, false, true, false])
  })

  test('a range restricts the terms', () => {
    expect(terms('one two three', 4, 7).map((t) => t.word)).toEqual(['two'])
  })

  test('rare stems weigh more than common ones', () => {
    const bg = { docs: 100, df: { said: 90, drone: 2 } }
    expect(backgroundIdf(bg, 'drone')).toBeGreaterThan(backgroundIdf(bg, 'said'))
  })
})

describe('documentTerms', () => {
  test('equals terms(text, from, to) for every range, also inside a word, with and without the shared cache', () => {
    const doc = { text: "Putin's two-hour call with Zelenskyy ended; U.S. officials said 1,200 drones flew." }
    const check = (): void => {
      for (let from = 0; from <= doc.text.length; from += 3) {
        for (let to = from; to <= doc.text.length; to += 7) expect(documentTerms(doc, from, to)).toEqual(terms(doc.text, from, to))
      }
    }
    check()
    withDocumentTerms(check)
  })

  test('a scope shares one tokenisation per document and ends with the outermost call', () => {
    const doc = { text: 'Two drones fell near Kyiv.' }
    withDocumentTerms(() => {
      const first = documentTerms(doc)
      withDocumentTerms(() => expect(documentTerms(doc, 0, 10)[0]).toBe(first[0]))
      expect(documentTerms(doc)[1]).toBe(first[1])
    })
    expect(documentTerms(doc)[0]).not.toBe(documentTerms(doc)[0])
  })
})
