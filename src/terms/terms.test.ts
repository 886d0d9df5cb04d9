import { describe, expect, test } from 'vitest'
import { contentStems, terms } from './terms.js'
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
