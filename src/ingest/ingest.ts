/** @module ingest/ingest — URLs, feeds, sitemaps, WARC files and local files → documents in the store, idempotently. */
import { createHash } from 'node:crypto'
import type { Document, DocumentMeta } from '../document/document.js'
import { withMeta } from '../document/document.js'
import { readInputs, type InputMessage } from '../extract/read-inputs.js'
import { textToDocument } from '../extract/text.js'
import { contentHash, normalizeUrl } from '../storage/identity.js'
import type { Store, WriteStatus } from '../storage/store.js'
import { decodeBody } from './decode.js'
import { FetchError, InputError } from './errors.js'
import { createExtractor, type Extractor } from './extractor.js'
import { parseFeed, type FeedItem } from './feeds.js'
import { createFetcher, type FetchOptions, type Fetcher } from './fetch.js'
import { memoryIngestState, type IngestState } from './ingest-state.js'
import { createHostLimiter } from './rate-limit.js'
import { createRobotsPolicy, type RobotsPolicy } from './robots.js'
import { parseSitemap } from './sitemap.js'
import { parseHttpPayload, readWarcFile } from './warc.js'

/** Options of {@link ingest}: the fetch limits plus what to do with what is found. */
export interface IngestOptions extends FetchOptions {
  /** Where documents go. */
  readonly store: Store
  /** Validators and cross-process locks (default: in memory, this run only). */
  readonly state?: IngestState
  /** Obey robots.txt (default true). */
  readonly robots?: boolean
  /** Fetch URLs again (conditional GET) even when the store already has their document (default false). */
  readonly refresh?: boolean
  /** Most wall-clock ms per page extraction (default 10 000; 0 = in-process, no budget). */
  readonly timeBudgetMs?: number
  /** Most DOM elements per page (default 200 000). */
  readonly maxElements?: number
  /** Most article URLs taken from one feed or sitemap tree (default 10 000). */
  readonly maxUrls?: number
  /** Pages fetched at once (default 4); per-host spacing still applies. */
  readonly concurrency?: number
  /** Called once per article with its outcome (for progress and logs). */
  readonly onItem?: (item: IngestItem) => void
  /** Injected fetcher (tests); default {@link createFetcher} with these options. */
  readonly fetcher?: Fetcher
}

/** The outcome for one article. */
export interface IngestItem {
  /** URL or `path[:line]` of the article. */
  readonly where: string
  readonly status: WriteStatus | 'not-modified' | 'skipped' | 'failed'
  /** Store id, when stored. */
  readonly id?: string
  /** Why it was skipped or failed. */
  readonly reason?: string
}

/** Counts per outcome and the problems met. */
export interface IngestSummary {
  readonly added: number
  readonly updated: number
  readonly unchanged: number
  readonly notModified: number
  readonly skipped: number
  readonly failed: number
  readonly messages: InputMessage[]
}

/** What kind of input a string is. */
export type InputKind = 'url' | 'warc' | 'file'

/** Classify an input: an http(s) URL, a `.warc`/`.warc.gz` file, or anything `readInputs` reads. */
export function inputKind(input: string): InputKind {
  if (/^https?:\/\//i.test(input)) return 'url'
  if (/\.warc(\.gz)?$/i.test(input)) return 'warc'
  return 'file'
}

/** A stable document id for a URL: `u-` + 16 hex of the SHA-256 of its normalised form. */
export function urlDocumentId(url: string): string {
  return `u-${createHash('sha256').update(normalizeUrl(url) ?? url).digest('hex').slice(0, 16)}`
}

const retryableStoreError = (error: unknown): boolean => {
  const code = String((error as { code?: unknown }).code ?? '')
  // PostgreSQL unique violation / serialization failure; SQLite busy or a unique race.
  return code === '23505' || code === '40001' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * Store one document in its own transaction, exactly once: work on its identity (normalised URL,
 * else content hash) is serialised across processes, and a lost race (a unique violation, a busy
 * SQLite) is retried, which then finds the winner's row and reports `unchanged`.
 */
export async function commitDocument(store: Store, state: IngestState, doc: Document): Promise<{ id: string; status: WriteStatus }> {
  const key = normalizeUrl(doc.meta.url) ?? `sha256:${contentHash(doc.text)}`
  return state.withLock(key, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await store.putDocument(doc)
      } catch (error) {
        if (attempt >= 8 || !retryableStoreError(error)) throw error
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()))
      }
    }
  })
}

async function pool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lanes = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++] as T)
  })
  await Promise.all(lanes)
}

function looksLikeFeed(contentType: string, text: string): 'feed' | 'sitemap' | 'html' {
  const ct = contentType.toLowerCase()
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2000)
  if (/<(urlset|sitemapindex)\b/.test(head)) return 'sitemap'
  if (/<(rss|feed|rdf:RDF)\b/.test(head)) return 'feed'
  if ((ct.includes('json') || head.startsWith('{')) && /"version"\s*:\s*"https:\/\/jsonfeed\.org/.test(head)) return 'feed'
  if (/(rss|atom)\+xml/.test(ct)) return 'feed'
  return 'html'
}

/**
 * Ingest inputs into the store: article URLs; RSS/Atom/JSON feed URLs and sitemap (index, news)
 * URLs, whose article URLs are then fetched; `.warc`/`.warc.gz` files (HTML `response` records);
 * and local files, directories and globs (as `parallax analyze` reads them). Every fetch goes
 * through the safe fetcher (SSRF guard, robots.txt, per-host spacing, retries, byte caps,
 * conditional GET); every article is committed in its own transaction, exactly once, so an
 * interrupted run can simply be run again. Problems become messages; it throws only on misuse
 * or when the store itself fails.
 *
 * @example
 * const store = await createStore()
 * const summary = await ingest(['https://example.com/feed.xml', 'cc-news.warc.gz'], { store })
 */
export async function ingest(inputs: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  const { store } = options
  const state = options.state ?? memoryIngestState()
  const limiter = options.limiter ?? createHostLimiter(options.minIntervalMs ?? 1000)
  const fetcher = options.fetcher ?? createFetcher({ ...options, limiter, validators: state })
  const robots: RobotsPolicy | undefined = options.robots === false ? undefined : createRobotsPolicy(fetcher, { limiter })
  const extractor: Extractor = createExtractor({ ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}), ...(options.maxElements !== undefined ? { maxElements: options.maxElements } : {}) })
  const maxUrls = options.maxUrls ?? 10_000
  const counts = { added: 0, updated: 0, unchanged: 0, notModified: 0, skipped: 0, failed: 0 }
  const messages: InputMessage[] = []
  const record = (input: string, item: IngestItem): void => {
    const key = item.status === 'not-modified' ? 'notModified' : item.status
    counts[key]++
    if (item.status === 'failed' && item.reason) messages.push({ input, reason: item.reason, ruleId: 'ingest:failed', severity: 'error' })
    options.onItem?.(item)
  }
  const store1 = async (input: string, where: string, doc: Document): Promise<void> => {
    if (doc.text === '') {
      record(input, { where, status: 'failed', reason: doc.messages[0]?.reason ?? `${where}: no article text.` })
      return
    }
    const { id, status } = await commitDocument(store, state, doc)
    record(input, { where, status, id })
  }

  const fetchChecked = async (url: string, accept?: string, conditional = true) => {
    if (robots) await robots.check(url)
    return fetcher.fetch(url, { ...(accept ? { accept } : {}), conditional })
  }

  const article = async (input: string, url: string, item?: FeedItem): Promise<void> => {
    try {
      if (!options.refresh) {
        const known = await state.get(url)
        if (known?.documentId !== undefined || (await store.findDocument({ url })) !== undefined) {
          record(input, { where: url, status: 'unchanged', ...(known?.documentId ? { id: known.documentId } : {}) })
          return
        }
      }
      const feedMeta: Record<string, string> = {}
      if (item?.title) feedMeta['title'] = item.title
      if (item?.published) feedMeta['published'] = item.published
      if (item?.author) feedMeta['author'] = item.author
      let doc: Document
      try {
        const res = await fetchChecked(url)
        if (res.notModified) {
          record(input, { where: url, status: 'not-modified' })
          return
        }
        const decoded = decodeBody(res.body, res.headers['content-type'])
        const meta = { ...feedMeta, url: res.url } as DocumentMeta
        doc = /text\/plain/i.test(res.headers['content-type'] ?? '')
          ? textToDocument(decoded.text, { id: urlDocumentId(res.url), meta, where: url })
          : await extractor.extract(decoded.text, { id: urlDocumentId(res.url), meta, where: url })
        if (res.url !== url) doc = withMeta(doc, { url: res.url })
      } catch (error) {
        // A feed that carries the full article can stand in for an unreachable page.
        if (!(error instanceof FetchError) || !item?.html || error.code === 'blocked-address' || error.code === 'robots-disallowed') throw error
        doc = await extractor.extract(item.html, { id: urlDocumentId(url), meta: { ...feedMeta, url } as DocumentMeta, where: url })
      }
      await store1(input, url, doc)
      const stored = doc.text === '' ? undefined : await store.findDocument({ url: doc.meta.url ?? url })
      if (stored) await state.set(url, { documentId: stored.id })
    } catch (error) {
      if (error instanceof FetchError || error instanceof InputError) {
        record(input, { where: url, status: error instanceof FetchError && error.code === 'robots-disallowed' ? 'skipped' : 'failed', reason: error.message })
      } else throw error
    }
  }

  const listing = async (input: string, url: string, depth: number, seen: Set<string>): Promise<string[] | { feed: FeedItem[] } | 'html'> => {
    const res = await fetchChecked(url, 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5', false)
    const text = decodeBody(res.body, res.headers['content-type']).text
    const kind = looksLikeFeed(res.headers['content-type'] ?? '', text)
    if (kind === 'feed') return { feed: [...parseFeed(text, { where: url, base: res.url }).items] }
    if (kind === 'sitemap') {
      const map = parseSitemap(text, { where: url })
      if (map.format === 'urlset') return map.urls.map((u) => u.url)
      const urls: string[] = []
      for (const child of map.sitemaps) {
        if (depth >= 3 || seen.has(child) || urls.length >= maxUrls) continue
        seen.add(child)
        try {
          const found = await listing(input, child, depth + 1, seen)
          if (Array.isArray(found)) urls.push(...found)
        } catch (error) {
          if (error instanceof FetchError || error instanceof InputError) messages.push({ input, reason: error.message, ruleId: 'ingest:failed', severity: 'error' })
          else throw error
        }
      }
      return urls
    }
    return 'html'
  }

  try {
    const files: string[] = []
    for (const input of inputs) {
      const kind = inputKind(input)
      if (kind === 'file') {
        files.push(input)
        continue
      }
      if (kind === 'warc') {
        try {
          for await (const rec of readWarcFile(input)) {
            if (rec.type !== 'response' || rec.truncated || !rec.targetUri) continue
            const http = parseHttpPayload(rec.block)
            if (!http || http.status !== 200 || !/html/i.test(http.headers['content-type'] ?? '')) continue
            const where = rec.targetUri
            const decoded = decodeBody(http.body, http.headers['content-type'])
            const meta: Record<string, string> = { url: rec.targetUri }
            const doc = await extractor.extract(decoded.text, { id: urlDocumentId(rec.targetUri), meta: meta as DocumentMeta, where })
            await store1(input, where, doc)
          }
        } catch (error) {
          if (error instanceof InputError) messages.push({ input, reason: error.message, ruleId: 'ingest:bad-warc', severity: 'error' })
          else throw error
        }
        continue
      }
      // A URL: a feed, a sitemap, or an article.
      try {
        const found = await listing(input, input, 0, new Set([input]))
        if (found === 'html') await article(input, input)
        else if (Array.isArray(found)) await pool(found.slice(0, maxUrls), options.concurrency ?? 4, (u) => article(input, u))
        else {
          const items = found.feed.filter((i) => i.url !== undefined).slice(0, maxUrls)
          await pool(items, options.concurrency ?? 4, (i) => article(input, i.url as string, i))
          // Items with no link but full text are stored from the feed itself.
          for (const i of found.feed.filter((f) => f.url === undefined && (f.html || f.text))) {
            const meta = { ...(i.title ? { title: i.title } : {}), ...(i.published ? { published: i.published } : {}) }
            const id = `f-${contentHash(i.text ?? i.html ?? '').slice(0, 16)}`
            const doc = i.html ? await extractor.extract(i.html, { id, meta, where: `${input}#${i.id ?? id}` }) : textToDocument(i.text as string, { id, meta, where: input })
            await store1(input, `${input}#${i.id ?? id}`, doc)
          }
        }
      } catch (error) {
        if (error instanceof FetchError || error instanceof InputError) record(input, { where: input, status: error instanceof FetchError && error.code === 'robots-disallowed' ? 'skipped' : 'failed', reason: error.message })
        else throw error
      }
    }
    if (files.length > 0) {
      const read = await readInputs(files)
      messages.push(...read.messages)
      for (const doc of read.documents) await store1(doc.meta.path ?? doc.id, doc.id, doc)
    }
  } finally {
    await extractor.close()
  }
  return { ...counts, messages }
}
