/** @module cli/service-commands.test — ingest, stories, story, search, export, serve. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { csvField, } from './export.js'
import { progressLine } from './ingest.js'
import { main, type CliIo } from './main.js'
import { serveCommand, startCommand } from './serve.js'

function capture(tty = false): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  const stream = (push: (s: string) => void, isTTY: boolean) => Object.assign(new Writable({ write(chunk, _enc, done) { push(String(chunk)); done() } }), { isTTY })
  return { stdout: stream((s) => (out += s), false), stderr: stream((s) => (err += s), tty), out: () => out, err: () => err }
}

describe('service commands', () => {
  let dir: string
  let db: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-cli-'))
    db = join(dir, 'p.db')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('ingest adds, then leaves everything unchanged, with a summary; progress only on a terminal', async () => {
    const first = capture(true)
    expect(await main(['ingest', 'examples/', '--db', db], first)).toBe(0)
    expect(first.err()).toMatch(/documents: 2 added, 0 updated, 0 unchanged, 0 failed; stories: 1 added/)
    expect(first.err()).toMatch(/analysing \[#+\] 2\/2/)
    const second = capture()
    expect(await main(['ingest', 'examples/', '--db', db], second)).toBe(0)
    expect(second.err()).toBe(`parallax: documents: 0 added, 0 updated, 2 unchanged, 0 failed; stories: 0 added, 0 updated, 1 unchanged (store: ${db})\n`)
  })

  test('ingest of nothing readable exits 2; misuse exits 1', async () => {
    const io = capture()
    expect(await main(['ingest', join(dir, 'missing.txt'), '--db', db], io)).toBe(2)
    expect(io.err()).toMatch(/no such file/)
    expect(await main(['ingest', '--db', db], capture())).toBe(1)
    expect(await main(['story', '--db', db], capture())).toBe(1)
    expect(await main(['export', '--format', 'xml', '--db', db], capture())).toBe(1)
    expect(await main(['search', '--from', 'soon', '--db', db], capture())).toBe(1)
  })

  test('stories, story, search', async () => {
    const list = capture()
    expect(await main(['stories', '--db', db], list)).toBe(0)
    expect(list.out()).toMatch(/^statements-from-the-white-house-[a-z0-9-]*[0-9a-f]{8} +2 art\. +2025-05-20 +Statements from the White House and the Kremlin/)
    const id = list.out().split(' ')[0]!
    const story = capture()
    expect(await main(['story', id, '--db', db], story)).toBe(0)
    expect(story.out()).toMatch(/^# Statements from the White House and the Kremlin/)
    const json = capture()
    expect(await main(['story', id, '--json', '--db', db], json)).toBe(0)
    expect(JSON.parse(json.out()).documentIds).toHaveLength(2)
    const missing = capture()
    expect(await main(['story', 'nope', '--db', db], missing)).toBe(1)
    expect(missing.err()).toMatch(/No story `nope`/)
    const hits = capture()
    expect(await main(['search', 'Zelensky', '--to', '2025-05-20', '--db', db], hits)).toBe(0)
    expect(hits.out()).toMatch(/^003_424b30a26a76942e {2}2025-05-20 .*\(story statements-from-the-white-house-/m)
    expect(await main(['search', 'zeppelin', '--db', db], capture())).toBe(1)
  })

  test.each(['jsonl', 'csv', 'markdown'])('export --format %s', async (format) => {
    const io = capture()
    const out = join(dir, `export.${format}`)
    expect(await main(['export', '--format', format, '--out', out, '--db', db], io)).toBe(0)
    const text = readFileSync(out, 'utf8')
    if (format === 'jsonl') {
      const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; stories: unknown[]; published: string | null; publishedInferred?: { date: string; reason: string } })
      expect(lines).toHaveLength(2)
      // 000 has no date of its own: the inferred one is reported apart, with its reason.
      const undated = lines.find((l) => l.id.startsWith('000_'))
      expect(undated?.published).toBeNull()
      expect(undated?.publishedInferred).toMatchObject({ date: '2025-05-20', reason: expect.stringMatching(/003_424b30a26a76942e/) })
      expect(lines.find((l) => l.id.startsWith('003_'))).toMatchObject({ published: '2025-05-20' })
      expect(lines.find((l) => l.id.startsWith('003_'))).not.toHaveProperty('publishedInferred')
      expect(lines[0]?.text).toMatch(/Putin/)
      expect(lines[0]?.stories).toHaveLength(1)
    } else if (format === 'csv') {
      expect(text.startsWith('id,title,source,published,published_inferred,url,stories,length,text\r\n')).toBe(true)
      expect(text).toMatch(/\r\n000_[0-9a-f]+,[^\r\n]*?,,2025-05-20,/)
      expect(text).toMatch(/\r\n003_[0-9a-f]+,[^\r\n]*?,2025-05-20,,/)
      expect(text.split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(3)
    } else expect(text).toMatch(/^<!-- story statements-from-the-white-house-[a-z0-9-]*[0-9a-f]{8} -->\n# Statements from the White House and the Kremlin/)
  })

  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"\nthen', '"say ""hi""\nthen"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    [null, ''],
  ])('csvField(%j)', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  test('progressLine draws a bar', () => {
    expect(progressLine('storing', 5, 10, 10)).toBe('\rstoring  [#####-----] 5/10')
  })

  test('serve listens, answers, and stops', async () => {
    const io = capture()
    const stop = new AbortController()
    let url = ''
    const running = serveCommand(['--port', '0', '--db', db], io, { signal: stop.signal, onListening: (u) => (url = u) })
    await expect.poll(() => url, { timeout: 10_000 }).not.toBe('')
    const res = await fetch(`${url}/api/stories`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { stories: unknown[] }).stories).toHaveLength(1)
    expect(io.out()).toMatch(/^Parallax is serving .* at http:\/\/localhost:\d+\n$/)
    stop.abort()
    expect(await running).toBe(0)
  })

  test('start ingests the bundled examples (idempotently) and serves them', async () => {
    const fresh = join(dir, 'start.db')
    for (const expected of [/2 added/, /2 unchanged/]) {
      const io = capture()
      const stop = new AbortController()
      let url = ''
      const running = startCommand(['--port', '0', '--db', fresh], io, { signal: stop.signal, onListening: (u) => (url = u) })
      await expect.poll(() => url, { timeout: 20_000 }).not.toBe('')
      expect(io.err()).toMatch(expected)
      const page = await (await fetch(`${url}/`)).text()
      expect(page).toContain('Statements from the White House and the Kremlin')
      // The undated op-ed's date is inferred, and the API says so.
      const { documents } = (await (await fetch(`${url}/api/documents`)).json()) as { documents: { id: string; published: string | null; publishedInferred?: { date: string } }[] }
      expect(documents.find((d) => d.id.startsWith('000_'))).toMatchObject({ published: null, publishedInferred: { date: '2025-05-20' } })
      stop.abort()
      expect(await running).toBe(0)
    }
  })
})
