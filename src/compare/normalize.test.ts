import { describe, expect, test } from 'vitest'
import { clauseFeatures, findQuantities, foldStem, incompatible, parseNumber } from './normalize.js'

describe('parseNumber', () => {
  test.each([
    [['two', 'hundred'], 200],
    [['1,200'], 1200],
    [['3.5', 'million'], 3_500_000],
    [['twenty', 'five'], 25],
    [['two', 'hundred', 'and', 'fifty'], 250],
    [['drones'], undefined],
  ])('%j → %s', (words, value) => {
    expect(parseNumber(words)).toBe(value)
  })
})

describe('findQuantities', () => {
  test.each([
    ['using more than two hundred drones', { value: 200, unit: 'drone', high: Number.POSITIVE_INFINITY }],
    ['about 150 drones were launched', { value: 150, unit: 'drone', low: 127.5 }],
    ['a two-hour telephone call', { value: 2, unit: 'hour' }],
    ['61 percent of Americans', { value: 61, unit: 'percent', low: 61, high: 61 }],
  ])('%j', (text, expected) => {
    expect(findQuantities(text)[0]).toMatchObject(expected)
  })

  test('spans point at the number as written', () => {
    const text = 'Officials counted nearly three thousand votes.'
    const [q] = findQuantities(text)
    expect(q && text.slice(q.start, q.end)).toBe('three thousand')
  })
})

describe('incompatible', () => {
  const q = (text: string) => findQuantities(text)[0]!
  test.each([
    ['more than 200 drones', 'about 150 drones', true],
    ['more than 200 drones', 'about 230 drones', false],
    ['200 drones', 'two hundred drones', false],
    ['200 drones', '150 missiles', false],
    ['61 percent', '45 percent', true],
    ['five days of riots', 'eight days of riots', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(incompatible(q(a), q(b))).toBe(expected)
  })
})

describe('clauseFeatures', () => {
  test('paraphrases share folded stems', () => {
    const a = clauseFeatures('two-hour phone conversation', 0, 27).stems
    const b = clauseFeatures('two-hour telephone call', 0, 23).stems
    expect(a).toEqual(b)
    expect(foldStem('strike')).toBe(foldStem('attack'))
  })

  test('inherited property names are words, not numbers or synonyms', () => {
    expect(clauseFeatures('The constructor built two bridges', 0, 33).stems).toEqual(['constructor', 'built', '#2', 'bridg'])
    expect(parseNumber(['constructor'])).toBeUndefined()
    expect(foldStem('constructor')).toBe('constructor')
  })
})
