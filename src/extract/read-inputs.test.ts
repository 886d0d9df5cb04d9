import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { beforeAll, describe, expect, test } from 'vitest'
import { looksBinary, readInputs } from './read-inputs.js'

let dir: string
const article = (n: number): string => `<html><head><title>T${n}</title></head><body><article>${'<p>Officials in Kyiv and Moscow said the talks would resume next week in Istanbul.</p>'.repeat(6)}</article></body></html>`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-inputs-'))
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true })
  mkdirSync(join(dir, '.hidden'))
  writeFileSync(join(dir, 'a.txt'), 'date 2025-05-20\n\nFirst article.')
  writeFileSync(join(dir, 'nested', 'b.md'), '---\ntitle: B\n---\nSecond article.')
  writeFileSync(join(dir, 'nested', 'deeper', 'c.html'), article(3))
  writeFileSync(join(dir, 'nested', 'records.jsonl'), '{"id":"r1","text":"Record one."}\n{"id":"r2","text":"Record two."}\n')
  writeFileSync(join(dir, 'nested', 'ignored.csv'), 'a,b')
  writeFileSync(join(dir, '.hidden', 'd.txt'), 'Hidden.')
  writeFileSync(join(dir, 'empty.txt'), '')
  writeFileSync(join(dir, 'blank.txt'), '  \n\n ')
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]))
  writeFileSync(join(dir, 'bad.jsonl'), '{"text":"Good line."}\nnot json\n')
  writeFileSync(join(dir, 'nav.html'), '<html><body><nav>Sign in</nav></body></html>')
  mkdirSync(join(dir, 'dup1'))
  mkdirSync(join(dir, 'dup2'))
  writeFileSync(join(dir, 'dup1', 'same.txt'), 'One.')
  writeFileSync(join(dir, 'dup2', 'same.txt'), 'Two.')
})

describe('readInputs', () => {
  test('a directory is read recursively, readable extensions only, hidden folders skipped', async () => {
    const { documents } = await readInputs([join(dir, 'nested')])
    expect(documents.map((d) => d.id).sort()).toEqual(['b', 'c', 'r1', 'r2'])
    const b = documents.find((d) => d.id === 'b')
    expect(b?.meta).toEqual({ path: join(dir, 'nested', 'b.md'), title: 'B' })
    expect(documents.find((d) => d.id === 'r1')?.meta.path).toBe(join(dir, 'nested', 'records.jsonl'))
  })
  test('a file keeps its path as given', async () => {
    const { documents, messages } = await readInputs([join(dir, 'a.txt')])
    expect(messages).toEqual([])
    expect(documents[0]).toMatchObject({ id: 'a', text: 'First article.', meta: { path: join(dir, 'a.txt'), published: '2025-05-20' } })
  })
  test('globs expand, sorted', async () => {
    const { documents } = await readInputs([join(dir, 'nested/**/*.{md,html}')])
    expect(documents.map((d) => d.id)).toEqual(['b', 'c'])
  })
  test('stdin is sniffed', async () => {
    const { documents } = await readInputs(['-'], { stdin: Readable.from([Buffer.from('{"id":"s","text":"From stdin."}')]) })
    expect(documents.map((d) => [d.id, d.text])).toEqual([['s', 'From stdin.']])
    const html = await readInputs(['-'], { stdin: Readable.from([Buffer.from(article(9))]) })
    expect(html.documents[0]?.text).toContain('Officials in Kyiv')
  })
  test('same stems get unique ids', async () => {
    const { documents } = await readInputs([join(dir, 'dup1'), join(dir, 'dup2')])
    expect(documents.map((d) => d.id)).toEqual(['same', 'same~2'])
  })
  test.each([
    ['a missing path', 'missing.txt', 'extract:missing', /no such file or directory/],
    ['an empty file', 'empty.txt', 'extract:empty', /the file is empty/],
    ['a blank file', 'blank.txt', 'extract:empty', /the file is empty/],
    ['a binary file', 'binary.txt', 'extract:binary', /binary file/],
    ['HTML with no article', 'nav.html', 'extract:no-article', /no article body/],
    ['a glob matching nothing', '*.nothing', 'extract:no-match', /matches no file/],
  ])('%s gives a message naming the input and the fix; the other inputs are still read', async (_name, input, rule, reason) => {
    const path = join(dir, input)
    const { documents, messages } = await readInputs([path, join(dir, 'a.txt')])
    expect(documents.map((d) => d.id)).toEqual(['a'])
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ ruleId: rule, input: path, severity: 'error' })
    expect(messages[0]?.reason).toMatch(reason)
    expect(messages[0]?.reason).toContain(input.replace('*', ''))
  })
  test('an invalid JSON line is reported with file and line; the good line is read', async () => {
    const path = join(dir, 'bad.jsonl')
    const { documents, messages } = await readInputs([path])
    expect(documents.map((d) => d.text)).toEqual(['Good line.'])
    expect(messages[0]?.reason).toContain(`${path}:2: invalid JSON`)
  })
  test('files over the size limit are refused', async () => {
    const { messages } = await readInputs([join(dir, 'a.txt')], { maxBytes: 4 })
    expect(messages[0]?.ruleId).toBe('extract:too-large')
  })
})

test.each([
  [Buffer.from('plain text é ü'), false],
  [Buffer.from([0x41, 0x00, 0x42]), true],
  [Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37) % 256 | 0x80)), true],
])('looksBinary %#', (bytes, expected) => {
  expect(looksBinary(bytes)).toBe(expected)
})
