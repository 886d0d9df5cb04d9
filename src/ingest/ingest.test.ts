/** @module ingest/ingest.test — end to end on local fixtures: feeds, sitemaps, robots, 304s, WARC, time budget; the queue on PostgreSQL. */
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStore } from '../storage/create-store.js'
import type { Store } from '../storage/store.js'
import { createExtractor } from './extractor.js'
import { articleHtml, startFixtureServer, type FixtureServer } from './fixture-server.js'
import { createIngester, ingest, type IngestItem, type IngestOptions } from './ingest.js'
import { memoryIngestState } from './ingest-state.js'
import { jobsForInputs, openJobQueue, runWorker } from './queue.js'
import { buildWarc } from './warc-writer.js'
import { postgresReachable, testPostgresUrl } from '../storage/store.conformance.js'

let server: FixtureServer
const tmp = mkdtempSync(join(tmpdir(), 'parallax-ingest-'))

beforeAll(async () => {
  const base = (): string => `http://news.test:${server.port}`
  const page = (title: string) => (_q: unknown, r: ServerResponse) => r.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: `"${title}"` }).end(articleHtml(title))
  server = await startFixtureServer({
    '/robots.txt': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /secret/\n'),
    '/feed.xml': (_q, r) =>
      r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>One</title><link>${base()}/a/1</link><pubDate>Mon, 19 May 2025 10:00:00 GMT</pubDate></item>
        <item><title>Two</title><link>${base()}/a/2?utm_source=rss</link></item>
        <item><title>Secret</title><link>${base()}/secret/3</link></item>
        <item><title>Intranet</title><link>http://169.254.169.254/latest/meta-data/</link></item>
        <item><title>Gone</title><link>${base()}/missing</link></item>
      </channel></rss>`),
    '/sitemap-index.xml': (_q, r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex><sitemap><loc>${base()}/news-sitemap.xml</loc></sitemap></sitemapindex>`),
    '/news-sitemap.xml': (_q, r) =>
      r.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${base()}/a/4</loc><news:news><news:title>Four</news:title><news:publication_date>2025-05-19</news:publication_date></news:news></url><url><loc>${base()}/a/1</loc></url></urlset>`),
    '/xxe.xml': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>'),
    '/a/1': page('Article one'),
    '/a/2': page('Article two'),
    '/a/4': page('Article four'),
    '/secret/3': page('Secret'),
    '/etag': (q, r) => (q.headers['if-none-match'] === '"e1"' ? r.writeHead(304).end() : r.writeHead(200, { 'content-type': 'text/html', etag: '"e1"' }).end(articleHtml('Tagged'))),
  })
})
afterAll(async () => {
  await server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const resolve = async () => [{ address: '127.0.0.1', family: 4 as const }]

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await createStore(join(tmp, `${randomBytes(4).toString('hex')}.db`))
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

const options = (store: Store, extra: Partial<IngestOptions> = {}): IngestOptions => ({ store, allowPrivate: ['news.test'], resolve, minIntervalMs: 0, retries: 0, timeBudgetMs: 0, ...extra })

describe('ingest', () => {
  test('a feed: articles fetched and stored once; robots.txt, SSRF and 404 reported; a second run stores nothing new', async () => {
    await withStore(async (store) => {
      const state = memoryIngestState()
      const items: IngestItem[] = []
      const feed = `http://news.test:${server.port}/feed.xml`
      const first = await ingest([feed], options(store, { state, onItem: (i) => items.push(i) }))
      expect({ added: first.added, skipped: first.skipped, failed: first.failed }).toEqual({ added: 2, skipped: 1, failed: 2 })
      expect(first.messages.map((m) => m.reason).join('\n')).toMatch(/refused to connect to 169\.254\.169\.254 \(linkLocal/)
      expect(first.messages.map((m) => m.reason).join('\n')).toMatch(/missing: HTTP 404/)
      const docs = await store.listDocuments()
      expect(docs.map((d) => d.title).sort()).toEqual(['One', 'Two'])
      expect(docs.find((d) => d.title === 'One')?.published).toBe('2025-05-19T10:00:00.000Z')
      const second = await ingest([feed], options(store, { state }))
      expect({ added: second.added, unchanged: second.unchanged }).toEqual({ added: 0, unchanged: 2 })
      expect((await store.counts()).documents).toBe(2)
    })
  })

  test('a sitemap index → news sitemap → articles, with news titles', async () => {
    await withStore(async (store) => {
      const summary = await ingest([`http://news.test:${server.port}/sitemap-index.xml`], options(store))
      expect(summary.added).toBe(2)
      expect((await store.listDocuments()).map((d) => d.title).sort()).toEqual(['Article one', 'Four'])
    })
  })

  test('a hostile feed is refused with a clear message, nothing stored', async () => {
    await withStore(async (store) => {
      const summary = await ingest([`http://news.test:${server.port}/xxe.xml`], options(store))
      expect(summary.failed).toBe(1)
      expect(summary.messages[0]?.reason).toMatch(/XXE and billion-laughs/)
      expect((await store.counts()).documents).toBe(0)
    })
  })

  test('--refresh: a stored page is fetched again with its ETag and reported not modified', async () => {
    await withStore(async (store) => {
      const state = memoryIngestState()
      const url = `http://news.test:${server.port}/etag`
      expect((await ingest([url], options(store, { state }))).added).toBe(1)
      const again = await ingest([url], options(store, { state, refresh: true }))
      expect(again.notModified).toBe(1)
      expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"e1"')
    })
  })

  test('without allowPrivate nothing is fetched from the fixture', async () => {
    await withStore(async (store) => {
      const summary = await ingest([`http://news.test:${server.port}/a/1`], options(store, { allowPrivate: false }))
      expect(summary.failed).toBe(1)
      expect(summary.messages[0]?.reason).toMatch(/--allow-private/)
    })
  })

  test('a CC-NEWS-style WARC file: HTML responses stored by target URI, exactly once across runs', async () => {
    const path = join(tmp, 'news.warc.gz')
    writeFileSync(path, buildWarc([
      { url: 'https://cc.example/1', html: articleHtml('WARC one') },
      { url: 'https://cc.example/2', html: articleHtml('WARC two') },
      { url: 'https://cc.example/img', html: 'GIF89a', contentType: 'image/gif' },
      { url: 'https://cc.example/404', html: articleHtml('Not found'), status: 404 },
    ]))
    await withStore(async (store) => {
      expect((await ingest([path], options(store))).added).toBe(2)
      expect((await ingest([path], options(store))).unchanged).toBe(2)
      expect((await store.findDocument({ url: 'https://cc.example/2' }))?.title).toBe('WARC two')
    })
  })

  test('annotate: documents are stored with their standard layers', async () => {
    const path = join(tmp, 'one.txt')
    writeFileSync(path, 'Putin spoke with Trump. They talked for two hours.')
    await withStore(async (store) => {
      await ingest([path], options(store, { annotate: true }))
      const [summary] = await store.listDocuments()
      const doc = await store.getDocument(summary!.id)
      expect(doc.layers.sentences).toHaveLength(2)
    })
  })
})

describe('extraction time budget', () => {
  test('a page over the budget yields a time-budget message; the next page is extracted normally', async () => {
    const extractor = createExtractor({ timeBudgetMs: 1 })
    const big = `<html><body>${'<div><p>word word word</p></div>'.repeat(20000)}</body></html>`
    const slow = await extractor.extract(big, { id: 'big', where: 'big.html' })
    expect(slow.text).toBe('')
    expect(slow.messages[0]?.ruleId).toBe('ingest:time-budget')
    await extractor.close()
    const normal = createExtractor({ timeBudgetMs: 20_000 })
    const doc = await normal.extract(articleHtml('Budgeted'), { id: 'ok' })
    expect(doc.text).toContain('Budgeted: paragraph 1')
    await normal.close()
  })

  test('a DOM over maxElements is refused', async () => {
    const extractor = createExtractor({ timeBudgetMs: 0, maxElements: 100 })
    const doc = await extractor.extract(`<html><body>${'<p>x</p>'.repeat(500)}</body></html>`, { id: 'dom' })
    expect(doc.messages[0]?.ruleId).toBe('extract:too-large')
  })
})


describe.runIf(await postgresReachable())('queue on PostgreSQL', () => {
  test('two workers share a feed: each article stored once, the source expanded into article jobs', async () => {
    const { default: pg } = await import('pg')
    const name = `ingestq_${process.pid}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: testPostgresUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(testPostgresUrl)
    url.pathname = `/${name}`
    try {
      const queue = await openJobQueue(url.href)
      expect(await queue.enqueue(jobsForInputs([`http://news.test:${server.port}/feed.xml`, `http://news.test:${server.port}/sitemap-index.xml`]))).toBe(2)
      expect(await queue.enqueue(jobsForInputs([`http://news.test:${server.port}/feed.xml`]))).toBe(0)
      const stores = [await createStore(url.href), await createStore(url.href)]
      const workers = stores.map((store, i) => runWorker(queue, createIngester(options(store)), { worker: `w${i}`, exitWhenIdle: true, pollMs: 50 }))
      const ran = await Promise.all(workers)
      // 2 sources, 5 feed articles, 1 more from the sitemap (its /a/1 is the feed's job already).
      expect(ran[0]! + ran[1]!).toBe(8)
      expect(await queue.stats()).toEqual({ queued: 0, running: 0, done: 6, failed: 2 })
      const titles = (await stores[0]!.listDocuments()).map((d) => d.title)
      expect(titles).toHaveLength(3)
      expect(titles).toEqual(expect.arrayContaining(['Four', 'Two']))
      for (const s of stores) await s.close()
      await queue.close()
    } finally {
      // Wait for the closed pools' connections to go, so dropping terminates none of them.
      for (let i = 0; i < 50; i++) {
        const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
        if (rows[0].n === 0) break
        await new Promise((r) => setTimeout(r, 100))
      }
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})
