import { describe, expect, test } from 'vitest'
import { parseTextArticle, textToDocument } from './text.js'
import { textBlocks } from './blocks.js'
import { normalizeDate } from './dates.js'

describe('parseTextArticle', () => {
  test.each([
    ['bare date header, like the sample', ' date 2025-05-20 \n\n\n\nAfter a two-hour call.', { published: '2025-05-20' }, 'After a two-hour call.'],
    ['colon headers', 'Title: Talks\nSource: Reuters\nAuthor: Jane Doe\nPublished: 2025-05-20T08:30:00Z\nURL: https://x.org/a\n\nBody.', { title: 'Talks', source: 'Reuters', author: 'Jane Doe', published: '2025-05-20T08:30:00.000Z', url: 'https://x.org/a' }, 'Body.'],
    ['outlet alias and human date', 'outlet: The Daily\ndate: May 20, 2025\n\nBody.', { source: 'The Daily', published: '2025-05-20' }, 'Body.'],
    ['YAML front matter', '---\ntitle: "A: B"\ndate: 2025-05-20\nsource: AP\ntags: [x]\n---\nBody here.', { title: 'A: B', published: '2025-05-20', source: 'AP' }, 'Body here.'],
    ['no header', 'Statements from the White House indicate a poor outcome.', {}, 'Statements from the White House indicate a poor outcome.'],
    ['prose that starts with a key word is not a header', 'Source of the leak was a Kremlin aide.\nMore text.', {}, 'Source of the leak was a Kremlin aide.\nMore text.'],
    ['a bare title line alone is not a header', 'Title fight ends in a draw\n\nBody.', {}, 'Title fight ends in a draw\n\nBody.'],
    ['CRLF and BOM', '\uFEFFdate 2025-05-20\r\n\r\nBody\r\nline.', { published: '2025-05-20' }, 'Body\nline.'],
  ])('%s', (_name, raw, meta, text) => {
    const article = parseTextArticle(raw)
    expect(article.meta).toEqual(meta)
    expect(article.text).toBe(text)
  })
  test('an unreadable date in a colon header is reported, not guessed', () => {
    const article = parseTextArticle('date: someday soon\n\nBody.', 'a.txt')
    expect(article.meta.published).toBeUndefined()
    expect(article.messages[0]?.ruleId).toBe('extract:bad-date')
    expect(article.messages[0]?.reason).toContain('a.txt')
  })
  test('broken YAML front matter is kept as text with a message', () => {
    const article = parseTextArticle('---\ntitle: [unclosed\n---\nBody.', 'b.md')
    expect(article.text).toContain('Body.')
    expect(article.messages[0]?.ruleId).toBe('extract:bad-front-matter')
  })
})

describe('normalizeDate', () => {
  test.each([
    ['2025-05-20', '2025-05-20'],
    ['2025-02-30', undefined],
    ['2025-05-20T10:00:00+02:00', '2025-05-20T08:00:00.000Z'],
    ['Tue, 20 May 2025 10:00:00 GMT', '2025-05-20T10:00:00.000Z'],
    ['20 May 2025', '2025-05-20'],
    ['May 2025', undefined],
    ['yesterday', undefined],
    ['', undefined],
    [42, undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected)
  })
})

describe('textBlocks', () => {
  test('blank lines separate paragraphs', () => {
    const text = 'One\nstill one.\n\nTwo.\n\n\nThree.'
    expect(textBlocks(text).map((b) => text.slice(b.start, b.end))).toEqual(['One\nstill one.', 'Two.', 'Three.'])
  })
  test('without blank lines each line is a paragraph', () => {
    const text = 'One.\nTwo.\n  Three.  '
    expect(textBlocks(text).map((b) => text.slice(b.start, b.end))).toEqual(['One.', 'Two.', 'Three.'])
  })
})

test('textToDocument keeps given meta and adds blocks', () => {
  const doc = textToDocument('title: T\n\nA.\n\nB.', { id: 'x', meta: { path: 'x.txt' } })
  expect(doc.meta).toEqual({ path: 'x.txt', title: 'T' })
  expect(doc.layers.blocks).toHaveLength(2)
})
