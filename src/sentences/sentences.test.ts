import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/index.js'
import { pipeline } from '../pipeline/index.js'
import { tokenize, tokens } from '../tokens/index.js'
import { sentences, splitSentences } from './index.js'

const split = (text: string): string[] => splitSentences(text, tokenize(text)).map((s) => text.slice(s.start, s.end))

describe('splitSentences', () => {
  test.each([
    ['Putin spoke. Trump listened.', ['Putin spoke.', 'Trump listened.']],
    ['Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
    ['“It went well.” Then he left.', ['“It went well.”', 'Then he left.']],
    ['He asked: why? Nobody knew!', ['He asked: why?', 'Nobody knew!']],
    ['The U.S. economy grew 3.5 percent.', ['The U.S. economy grew 3.5 percent.']],
    ['Prices rose 3.5 percent. Analysts cheered.', ['Prices rose 3.5 percent.', 'Analysts cheered.']],
    ['It ended. 61 percent agreed.', ['It ended.', '61 percent agreed.']],
    ['he said. and then', ['he said. and then']],
    ['Heading\n\nBody text here.', ['Heading', 'Body text here.']],
    ['Trump stated,\n“I think it went very well.”', ['Trump stated,\n“I think it went very well.”']],
    ['an END to the war,”\nTrump stated on Truth Social.', ['an END to the war,”\nTrump stated on Truth Social.']],
    ['Abandon\nTrump said no.', ['Abandon', 'Trump said no.']],
  ])('%j', (text, expected) => {
    expect(split(text)).toEqual(expected)
  })
  test('sentences index their token ranges', () => {
    const text = 'A b. C d.'
    const toks = tokenize(text)
    const s = splitSentences(text, toks)
    expect(s.map((x) => x.tokens)).toEqual([{ start: 0, end: 3 }, { start: 3, end: 6 }])
  })
  test('empty text has no sentences', () => {
    expect(split('')).toEqual([])
  })
})

test('sentences() requires tokens', () => {
  expect(() => pipeline([sentences()])).toThrow(/Add `tokens\(\)` before `sentences\(\)`/)
  const doc = pipeline([tokens(), sentences()]).runSync(createDocument({ text: 'One. Two.' }))
  expect(doc.layers.sentences).toHaveLength(2)
})
