import { describe, expect, test } from 'vitest'
import { tokenize } from './tokens.js'

describe('tokenize', () => {
  test.each([
    ["don't", ['do', "n't"]],
    ["Trump's call", ['Trump', "'s", 'call']],
    ['the U.S. said', ['the', 'U.S.', 'said']],
    ['couldn’t', ['could', 'n’t']],
    ['rock-n-roll R&D', ['rock-n-roll', 'R&D']],
  ])('%s', (text, expected) => {
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(expected)
  })

  test('a very long word is tokenized in linear time (no catastrophic backtracking)', () => {
    const text = `${'a'.repeat(20_000)} ${'b'.repeat(20_000)}n't`
    const t0 = performance.now()
    expect(tokenize(text)).toHaveLength(3)
    expect(performance.now() - t0).toBeLessThan(2_000)
  })
})
