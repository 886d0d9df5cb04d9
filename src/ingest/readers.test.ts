/** @module ingest/readers.test — feeds, sitemaps, hostile XML, WARC and encoding detection. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, test } from 'vitest'
import { decodeBody } from './decode.js'
import { InputError } from './errors.js'
import { parseFeed } from './feeds.js'
import { parseSitemap } from './sitemap.js'
import { parseHttpPayload, parseWarc, readWarcFile, WarcParser } from './warc.js'
import { buildWarc, warcResponse } from './warc-writer.js'

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8')
const tmp = mkdtempSync(join(tmpdir(), 'parallax-readers-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('feeds', () => {
  test('RSS 2.0: links resolved, entities decoded, dates normalised, content:encoded kept', () => {
    const feed = parseFeed(fixture('rss.xml'), { base: 'https://news.example/rss.xml' })
    expect(feed.format).toBe('rss')
    expect(feed.title).toBe('World & Politics')
    expect(feed.items).toEqual([
      {
        url: 'https://news.example/2025/05/19/call?utm_source=rss',
        id: 'call-1',
        title: 'Trump and Putin speak for two hours',
        published: '2025-05-19T18:30:00.000Z',
        author: 'Jane Doe',
        summary: '<p>The leaders spoke &amp; agreed.</p>',
        html: '<p>Full text of the call story.</p>',
      },
      { url: 'https://news.example/2025/05/20/relative', title: 'Relative link ’item’' },
      { url: 'https://news.example/guid-as-link', id: 'https://news.example/guid-as-link', title: 'Guid only' },
    ])
  })

  test('Atom: xml:base, alternate link, escaped html content, author', () => {
    const feed = parseFeed(fixture('atom.xml'))
    expect(feed.format).toBe('atom')
    expect(feed.items[0]).toEqual({
      url: 'https://atom.example/news/kremlin',
      id: 'tag:atom.example,2025:1',
      title: 'Kremlin readout',
      published: '2025-05-19T17:00:00.000Z',
      author: 'Ivan Petrov',
      summary: 'Short',
      html: '<p>Escaped &amp; html</p>',
    })
  })

  test('JSON Feed: items that are not objects are skipped; relative urls resolved', () => {
    const feed = parseFeed(fixture('feed.json'))
    expect(feed.format).toBe('json')
    expect(feed.items.map((i) => i.url)).toEqual(['https://json.example/a', 'https://json.example/b'])
    expect(feed.items[0]).toMatchObject({ author: 'Ann', html: '<p>a</p>', published: '2025-05-19T10:00:00.000Z' })
    expect(feed.items[1]).toMatchObject({ id: '2', text: 'Plain text item' })
  })

  test('an old RSS 0.91 with an external DOCTYPE is read (the DTD is never loaded)', () => {
    expect(parseFeed(fixture('rss091-doctype.xml')).items).toEqual([{ url: 'https://old.example/1', title: 'Old item' }])
  })

  test.each([
    ['xxe.xml', 'xml-doctype', /entity expansion is disabled/i],
    ['billion-laughs.xml', 'xml-doctype', /billion-laughs/],
    ['broken.xml', 'xml-malformed', /malformed XML at line 1/],
  ])('hostile or broken feed %s is rejected with %s', (name, code, message) => {
    const started = Date.now()
    let error: unknown
    try {
      parseFeed(fixture(name), { where: name })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).code).toBe(code)
    expect((error as InputError).message).toMatch(message)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  test.each([
    ['<html><body>hi</body></html>', 'not-a-feed'],
    ['{"title": "no items"}', 'not-a-feed'],
    ['{"items": [', 'bad-json'],
    ['<a>'.repeat(500) + '</a>'.repeat(500), 'xml-malformed'],
  ])('%s → %s', (content, code) => {
    expect(() => parseFeed(content)).toThrow(expect.objectContaining({ code }))
  })
})

describe('sitemaps', () => {
  test('a Google News sitemap: news fields read, non-http locs dropped', () => {
    const map = parseSitemap(fixture('news-sitemap.xml'))
    expect(map.format).toBe('urlset')
    expect(map.urls).toEqual([
      { url: 'https://news.example/2025/05/19/call', lastModified: '2025-05-19', news: { title: 'Trump & Putin speak', publication: 'News Example', language: 'en', published: '2025-05-19T18:30:00.000Z' } },
      { url: 'https://news.example/plain' },
    ])
  })

  test('a sitemap index lists its sitemaps', () => {
    expect(parseSitemap(fixture('sitemap-index.xml'))).toEqual({ format: 'index', urls: [], sitemaps: ['https://news.example/sitemap-1.xml', 'https://news.example/sitemap-news.xml'] })
  })

  test('an XXE sitemap is refused', () => {
    expect(() => parseSitemap(fixture('xxe.xml').replace('rss', 'urlset'))).toThrow(expect.objectContaining({ code: 'xml-doctype' }))
  })
})

describe('WARC', () => {
  const pages = [
    { url: 'https://a.example/1', html: '<html><body><p>one</p></body></html>' },
    { url: 'https://a.example/2', html: '<html><body><p>two é</p></body></html>' },
  ]

  test.each([true, false])('a WARC file (gzip per record: %s) streams its response records', async (gzip) => {
    const path = join(tmp, `a${gzip ? '.warc.gz' : '.warc'}`)
    writeFileSync(path, buildWarc(pages, { gzip }))
    const records = []
    for await (const r of readWarcFile(path)) records.push(r)
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'response', 'response'])
    expect(records[2]?.targetUri).toBe('https://a.example/2')
    const http = parseHttpPayload(records[2]!.block)
    expect(http?.status).toBe(200)
    expect(http?.body.toString('utf8')).toBe(pages[1]!.html)
  })

  test('records split across chunks at every byte boundary parse the same', () => {
    const bytes = buildWarc(pages, { gzip: false })
    const whole = parseWarc(bytes).map((r) => r.block.toString('latin1'))
    for (const step of [1, 7, 64, 1000]) {
      const parser = new WarcParser('chunks')
      const out = []
      for (let i = 0; i < bytes.length; i += step) out.push(...parser.push(bytes.subarray(i, i + step)))
      parser.end()
      expect(out.map((r) => r.block.toString('latin1'))).toEqual(whole)
    }
  })

  test.each([
    ['not a warc at all', 'bad-warc', /not a WARC file/],
    ['WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nshort', 'bad-warc', /truncated/],
  ])('%j → %s', (content, code, message) => {
    expect(() => parseWarc(Buffer.from(content))).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }))
  })

  test('a corrupt record in the middle is skipped and the next one read', () => {
    const good = warcResponse(pages[0]!)
    const bytes = Buffer.concat([good, Buffer.from('WARC/1.0\r\nContent-Length: oops\r\n\r\ngarbage\r\n\r\n'), warcResponse(pages[1]!)])
    expect(parseWarc(bytes).map((r) => r.targetUri)).toEqual(['https://a.example/1', 'https://a.example/2'])
  })

  test('chunked and gzip-encoded HTTP payloads are decoded; a gzip bomb is refused', async () => {
    const zlib = await import('node:zlib')
    const chunked = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n')
    expect(parseHttpPayload(chunked)?.body.toString()).toBe('hello world')
    const gz = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n'), zlib.gzipSync('zipped')])
    expect(parseHttpPayload(gz)?.body.toString()).toBe('zipped')
    const bomb = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n'), zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024))])
    expect(parseHttpPayload(bomb, 1024 * 1024)).toBeUndefined()
  })
})

describe('encoding detection', () => {
  const text = 'Café crème — “quoted” naïve'
  test.each([
    ['BOM wins over a wrong header', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'text/html; charset=iso-8859-1', 'utf-8', 'bom'],
    ['header charset windows-1252', iconv.encode(text, 'windows-1252'), 'text/html; charset=windows-1252', 'windows-1252', 'header'],
    ['meta charset when the header has none', Buffer.concat([Buffer.from('<meta charset="windows-1252">'), iconv.encode(text, 'windows-1252')]), 'text/html', 'windows-1252', 'meta'],
    ['header says latin-1 but the bytes are UTF-8', Buffer.from(text), 'text/html; charset=ISO-8859-1', 'utf-8', 'bytes'],
    ['header says utf-8 but the bytes are windows-1252: meta decides', Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), iconv.encode(text, 'windows-1252')]), 'text/html; charset=utf-8', 'windows-1252', 'meta'],
    ['no declaration, UTF-8 bytes', Buffer.from(text), undefined, 'utf-8', 'default'],
  ])('%s', (_name, bytes, contentType, encoding, source) => {
    const decoded = decodeBody(bytes, contentType)
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.source).toBe(source)
    expect(decoded.text).toContain(text)
  })

  test('Shift_JIS from the XML declaration', () => {
    const decoded = decodeBody(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><rss>'), iconv.encode('日本語のニュース', 'shift_jis')]))
    expect(decoded.text).toContain('日本語のニュース')
  })

  test('a conflict is explained', () => {
    expect(decodeBody(Buffer.from(text), 'text/html; charset=ISO-8859-1').conflict).toMatch(/header says windows-1252 but the bytes are valid UTF-8/)
  })
})
