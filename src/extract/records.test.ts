import { describe, expect, test } from 'vitest'
import { readJson, readJsonLines, recordToDocument } from './records.js'

describe('readJsonLines', () => {
  test('reads each record with its id and metadata', () => {
    const content = [
      JSON.stringify({ id: 'a1', text: 'Putin spoke on Monday.', title: 'A', published: '2025-05-20', source: 'Outlet A', url: 'https://a.example/1', author: 'Ann', language: 'en' }),
      '',
      JSON.stringify({ text: 'No id here.' }),
    ].join('\n')
    const { documents, messages } = readJsonLines(content, 'in.jsonl', 'in', 'in.jsonl')
    expect(messages).toEqual([])
    expect(documents.map((d) => d.id)).toEqual(['a1', 'in:3'])
    expect(documents[0]?.meta).toEqual({ path: 'in.jsonl', title: 'A', source: 'Outlet A', url: 'https://a.example/1', author: 'Ann', language: 'en', published: '2025-05-20' })
    expect(documents[0]?.text).toBe('Putin spoke on Monday.')
  })
  test('an invalid line is reported with its line number; the others are read', () => {
    const { documents, messages } = readJsonLines('{"text":"ok one"}\n{"text": broken\n{"text":"ok two"}\n', 'feed.jsonl', 'feed')
    expect(documents.map((d) => d.text)).toEqual(['ok one', 'ok two'])
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ ruleId: 'extract:bad-json', severity: 'error' })
    expect(messages[0]?.reason).toMatch(/^feed\.jsonl:2: invalid JSON/)
  })
  test('records without text or html are refused with the fix', () => {
    const { documents, messages } = readJsonLines('{"title":"only a title"}\n[1,2]\n', 'x.jsonl', 'x')
    expect(documents).toEqual([])
    expect(messages.map((m) => m.reason)).toEqual([
      'x.jsonl:1: the record has neither "text" nor "html"; add one of them with the article\'s content.',
      'x.jsonl:2: expected an object like {"text": "...", "title": "..."}, found an array.',
    ])
  })
  test('a bad date is reported and left out', () => {
    const { documents } = readJsonLines('{"text":"Body text.","published":"not a date"}', 'x.jsonl', 'x')
    expect(documents[0]?.meta.published).toBeUndefined()
    expect(documents[0]?.messages[0]?.ruleId).toBe('extract:bad-date')
  })
})

describe('readJson', () => {
  test.each([
    ['one record', '{"id":"r","text":"Hello world."}', ['r']],
    ['an array', '[{"text":"One."},{"text":"Two."}]', ['f:1', 'f:2']],
    ['a documents wrapper', '{"documents":[{"id":7,"text":"Seven."}]}', ['7']],
    ['JSON Lines saved as .json', '{"text":"One."}\n{"text":"Two."}', ['f:1', 'f:2']],
  ])('%s', (_name, content, ids) => {
    expect(readJson(content, 'f.json', 'f').documents.map((d) => d.id)).toEqual(ids)
  })
  test('invalid JSON names the file and the accepted shapes', () => {
    const { documents, messages } = readJson('{nope', 'f.json', 'f')
    expect(documents).toEqual([])
    expect(messages[0]?.reason).toMatch(/^f\.json: invalid JSON .*JSON Lines/)
  })
})

test('records with html go through article extraction', () => {
  const html = `<html><head><meta property="og:title" content="From HTML"></head><body><article>${'<p>Russia and Ukraine will begin negotiations toward a ceasefire, officials said on Monday.</p>'.repeat(5)}</article></body></html>`
  const doc = recordToDocument({ id: 'h', html, source: 'Feed' }, 'x', 'x.jsonl:1')
  expect('text' in doc && doc.text).toContain('Russia and Ukraine')
  expect('meta' in doc && doc.meta).toMatchObject({ title: 'From HTML', source: 'Feed' })
})
