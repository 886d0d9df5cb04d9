/** @module ingest/cli.test — routing of `parallax ingest`, CLI misuse, and the HTML depth scan. */
import { Writable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { main } from '../cli/main.js'
import { wantsWebIngest } from './cli.js'
import { htmlDepth } from '../extract/html-guard.js'

function io() {
  let out = ''
  let err = ''
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb() } })
  return { io: { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) }, out: () => out, err: () => err }
}

describe('parallax ingest routing', () => {
  test.each([
    [['articles/'], false],
    [['a.jsonl', '--db', 'x.db'], false],
    [['https://example.com/rss.xml'], true],
    [['HTTP://example.com/'], true],
    [['cc-news.warc.gz'], true],
    [['dump.warc'], true],
    [['a.jsonl', '--queue'], true],
    [['a.jsonl', '--allow-private'], true],
    [['a.jsonl', '--rate=500'], true],
    [['a.jsonl', '--json'], true],
  ])('%j → web ingester: %s', (args, web) => {
    expect(wantsWebIngest(args)).toBe(web)
  })

  test('misuse exits 1 with the fix in the message', async () => {
    const a = io()
    expect(await main(['ingest', 'https://example.com/', '--rate', 'fast', '--db', ':memory:'], a.io)).toBe(1)
    expect(a.err()).toMatch(/--rate must be a non-negative number/)
    const b = io()
    expect(await main(['ingest', 'a.jsonl', '--queue', '--db', 'x.db'], b.io)).toBe(1)
    expect(b.err()).toMatch(/queue needs PostgreSQL/)
    const c = io()
    expect(await main(['ingest', '--help', '--queue'], c.io)).toBe(0)
    expect(c.out()).toMatch(/--allow-private/)
  })
})

describe('htmlDepth', () => {
  test.each([
    ['<p>a</p>', 0],
    ['<div><div><span>x</span></div></div>', 3],
    ['<html><body><p>a<p>b<li>c<br><img src=x></body></html>', 2],
    ['<div><!-- <div><div><div> --></div>', 1],
    ['<div><script>"<div><div><div>"</script></div>', 1],
    ['<div/><div/><div/>', 0],
    ['</div></div><div>', 1],
    [`${'<div>'.repeat(3000)}`, 3000],
  ])('%s → %i', (html, depth) => {
    expect(htmlDepth(html)).toBe(depth)
  })
})
