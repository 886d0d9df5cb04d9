import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/index.js'
import { pipeline } from '../pipeline/index.js'
import { normalizeToken, tokenize, tokens } from './index.js'

const surface = (text: string): string[] => tokenize(text).map((t) => text.slice(t.start, t.end))

describe('tokenize', () => {
  test.each([
    ["Trump's call didn't go well.", ['Trump', "'s", 'call', 'did', "n't", 'go', 'well', '.']],
    ['Kremlin’s aide', ['Kremlin', '’s', 'aide']],
    ['Mr. Smith of the U.S. said', ['Mr.', 'Smith', 'of', 'the', 'U.S.', 'said']],
    ['George W. Bush', ['George', 'W.', 'Bush']],
    ['on May 19, 2025.', ['on', 'May', '19', ',', '2025', '.']],
    ['“I think it went very well.”', ['“', 'I', 'think', 'it', 'went', 'very', 'well', '.', '”']],
    ['Trump-Putin call, O\'Brien and AT&T', ['Trump-Putin', 'call', ',', "O'Brien", 'and', 'AT&T']],
    ['61 percent, 3.5m and 1,200 drones', ['61', 'percent', ',', '3.5m', 'and', '1,200', 'drones']],
    ['see https://example.com/a?b=1.', ['see', 'https://example.com/a?b=1', '.']],
    ['Wait... what?!', ['Wait', '...', 'what', '?!']],
    ['Zelenskyy—Kyiv', ['Zelenskyy', '—', 'Kyiv']],
  ])('%s', (text, expected) => {
    expect(surface(text)).toEqual(expected)
  })
  test('offsets are UTF-16 indices, sorted and in bounds', () => {
    const text = 'Émigrés 😀 met in Kraków.'
    const toks = tokenize(text)
    expect(toks.map((t) => text.slice(t.start, t.end))).toEqual(['Émigrés', '😀', 'met', 'in', 'Kraków', '.'])
    for (let i = 1; i < toks.length; i++) expect(toks[i]!.start).toBeGreaterThanOrEqual(toks[i - 1]!.end)
  })
  test('kinds and normal forms', () => {
    const toks = tokenize('The 2 “Big” ones')
    expect(toks.map((t) => t.kind)).toEqual(['word', 'number', 'punct', 'word', 'punct', 'word'])
    expect(toks.map((t) => t.normal)).toEqual(['the', '2', '"', 'big', '"', 'ones'])
    expect(normalizeToken('’S–')).toBe("'s-")
  })
})

test('tokens() annotator produces the tokens layer', () => {
  const doc = pipeline([tokens()]).runSync(createDocument({ text: 'Hi there.' }))
  expect(doc.layers.tokens?.map((t) => t.normal)).toEqual(['hi', 'there', '.'])
})

describe('tokenize: PTB clitics and pathological input', () => {
  test.each([
    ["don't", ['do', "n't"]],
    ['couldn’t', ['could', 'n’t']],
    ['rock-n-roll R&D', ['rock-n-roll', 'R&D']],
  ])('%s', (text, expected) => {
    expect(surface(text)).toEqual(expected)
  })

  test('a very long word is tokenized in linear time (no catastrophic backtracking)', () => {
    const text = `${'a'.repeat(20_000)} ${'b'.repeat(20_000)}n't then-Republican-turned-independent-${'x-'.repeat(2000)}y`
    const t0 = performance.now()
    expect(tokenize(text)).toHaveLength(4)
    expect(performance.now() - t0).toBeLessThan(2_000)
  })
})
