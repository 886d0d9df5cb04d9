/** @module ingest/ingest — URLs, feeds, sitemaps, WARC files and local files → documents in the store, idempotently. */
import { createHash } from 'node:crypto'
import type { Document, DocumentMeta } from '../document/document.js'
import { withMeta } from '../document/document.js'
import { standardPipeline } from '../standard.js'
import { readInputs, type InputMessage } from '../extract/read-inputs.js'
import { textToDocument } from '../extract/text.js'
import { contentHash, normalizeUrl } from '../storage/identity.js'
import type { Store, WriteStatus } from '../storage/store.js'
import { decodeBody } from './decode.js'
import { FetchError, InputError } from './errors.js'
import { createExtractor, type Extractor } from './extractor.js'
import { parseFeed, type FeedItem } from './feeds.js'
import { createFetcher, type FetchOptions, type FetchResult, type Fetcher } from './fetch.js'
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
  /** Deepest element nesting per page (default 256). */
  readonly maxDepth?: number
  /** Most article URLs taken from one feed or sitemap tree (default 10 000). */
  readonly maxUrls?: number
  /** Pages fetched at once (default 4); per-host spacing still applies. */
  readonly concurrency?: number
  /** Called once per article with its outcome (for progress and logs). */
  readonly onItem?: (item: IngestItem) => void
  /** Injected fetcher (tests); default {@link createFetcher} with these options. */
  readonly fetcher?: Fetcher
  /** Run the standard pipeline on each document before storing it, so its layers are stored too (default false). */
  readonly annotate?: boolean
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
  const raw = (error as { code?: unknown }).code
  const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : ''
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

/**
 * Store documents with {@link Store.putDocuments}: one transaction for the batch (stored whole
 * or not at all), under the locks of all their identities; a lost race is retried as in
 * {@link commitDocument}. Results in order.
 */
export async function commitDocuments(store: Store, state: IngestState, docs: readonly Document[]): Promise<{ id: string; status: WriteStatus }[]> {
  const keys = docs.map((doc) => normalizeUrl(doc.meta.url) ?? `sha256:${contentHash(doc.text)}`)
  return state.withLocks(keys, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await store.putDocuments(docs)
      } catch (error) {
        if (attempt >= 8 || !retryableStoreError(error)) throw error
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()))
      }
    }
  })
}

/** Local documents stored per transaction by `files` (a kill loses at most one such batch, which a rerun stores). */
const fileBatch = 100

async function pool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lanes = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++] as T)
  })
  await Promise.all(lanes)
}

/** Whether fetched content is a feed, a sitemap or (anything else) a page. */
export function sniffListing(contentType: string, text: string): 'feed' | 'sitemap' | 'html' {
  const ct = contentType.toLowerCase()
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2000)
  if (/<(urlset|sitemapindex)\b/.test(head)) return 'sitemap'
  if (/<(rss|feed|rdf:RDF)\b/.test(head)) return 'feed'
  if ((ct.includes('json') || head.startsWith('{')) && /"version"\s*:\s*"https:\/\/jsonfeed\.org/.test(head)) return 'feed'
  if (/(rss|atom)\+xml/.test(ct)) return 'feed'
  return 'html'
}

/** An article found in a feed or sitemap: its URL and what the listing said about it. */
export interface ListedArticle {
  readonly url: string
  readonly item?: FeedItem
}

/** What a URL turned out to be: a listing of articles, or an article (already fetched). */
export type Listing = { readonly kind: 'listing'; readonly articles: ListedArticle[]; readonly inline: FeedItem[] } | { readonly kind: 'article' }

/**
 * The ingest machinery for one run (or one worker): the fetcher, robots policy, extractor and
 * counters, with one method per kind of source. {@link ingest} drives it over a list of inputs;
 * the queue worker drives it one job at a time.
 */
export interface Ingester {
  /** A URL of any kind: a feed or sitemap is expanded and its articles ingested; an article is ingested. */
  url(input: string): Promise<void>
  /** Fetch a URL and say what it is, without ingesting articles (the queue's `source` jobs). */
  list(url: string): Promise<Listing>
  /** One article URL (with the feed item that listed it, when any). */
  article(input: string, url: string, item?: FeedItem): Promise<void>
  /** Articles a feed carried in full, with no link. */
  inline(input: string, items: readonly FeedItem[]): Promise<void>
  /** A `.warc` / `.warc.gz` file. */
  warc(path: string): Promise<void>
  /** Local files, directories and globs. */
  files(inputs: readonly string[]): Promise<void>
  /** Counts so far. */
  summary(): IngestSummary
  close(): Promise<void>
}

/** Create an {@link Ingester}; see {@link ingest} for what it guarantees. */
export function createIngester(options: IngestOptions): Ingester {
  const { store } = options
  const state = options.state ?? memoryIngestState()
  const limiter = options.limiter ?? createHostLimiter(options.minIntervalMs ?? 1000)
  const fetcher = options.fetcher ?? createFetcher({ ...options, limiter, validators: state })
  const robots: RobotsPolicy | undefined = options.robots === false ? undefined : createRobotsPolicy(fetcher, { limiter })
  const extractor: Extractor = createExtractor({
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}),
    ...(options.maxElements !== undefined ? { maxElements: options.maxElements } : {}),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
  })
  const annotator = options.annotate ? standardPipeline() : undefined
  const maxUrls = options.maxUrls ?? 10_000
  const concurrency = options.concurrency ?? 4
  const counts = { added: 0, updated: 0, unchanged: 0, notModified: 0, skipped: 0, failed: 0 }
  const messages: InputMessage[] = []
  const record = (input: string, item: IngestItem): void => {
    counts[item.status === 'not-modified' ? 'notModified' : item.status]++
    if (item.status === 'failed' && item.reason) messages.push({ input, reason: item.reason, ruleId: 'ingest:failed', severity: 'error' })
    options.onItem?.(item)
  }
  const fail = (input: string, where: string, error: unknown): void => {
    if (!(error instanceof FetchError) && !(error instanceof InputError)) throw error
    record(input, { where, status: error instanceof FetchError && error.code === 'robots-disallowed' ? 'skipped' : 'failed', reason: error.message })
  }
  const commit = async (input: string, where: string, doc: Document): Promise<string | undefined> => {
    if (doc.text === '') {
      record(input, { where, status: 'failed', reason: doc.messages[0]?.reason ?? `${where}: no article text.` })
      return undefined
    }
    const annotated = annotator ? await annotator.run(doc) : doc
    const { id, status } = await commitDocument(store, state, annotated)
    record(input, { where, status, id })
    return id
  }
  // Conditional GET only for a URL whose document is stored: validators saved by a run that was
  // killed before it committed the document must not turn the rerun's fetch into a 304.
  const fetchChecked = async (url: string, accept?: string, conditional = false) => {
    if (robots) await robots.check(url)
    return fetcher.fetch(url, { ...(accept ? { accept } : {}), conditional })
  }
  const known = async (url: string): Promise<{ id?: string; stored: boolean }> => {
    const remembered = await state.get(url)
    const id = remembered?.documentId ?? (await store.findDocument({ url }))?.id
    return { ...(id !== undefined ? { id } : {}), stored: remembered?.documentId !== undefined }
  }
  const toDocument = async (res: FetchResult, item?: FeedItem): Promise<Document> => {
    const decoded = decodeBody(res.body, res.headers['content-type'])
    const meta = { ...feedMeta(item), url: res.url } as DocumentMeta
    const init = { id: urlDocumentId(res.url), meta, where: res.url }
    const doc = /text\/plain/i.test(res.headers['content-type'] ?? '') ? textToDocument(decoded.text, init) : await extractor.extract(decoded.text, init)
    return doc.meta.url === res.url ? doc : withMeta(doc, { url: res.url })
  }
  const stored = async (input: string, url: string, res: FetchResult, item?: FeedItem): Promise<void> => {
    if (res.notModified) return record(input, { where: url, status: 'not-modified' })
    const id = await commit(input, url, await toDocument(res, item))
    if (id !== undefined) await state.set(url, { documentId: id })
  }
  const classify = async (url: string, res: FetchResult, depth: number, seen: Set<string>): Promise<Listing> => {
    const text = decodeBody(res.body, res.headers['content-type']).text
    const kind = sniffListing(res.headers['content-type'] ?? '', text)
    if (kind === 'feed') {
      const items = parseFeed(text, { where: url, base: res.url }).items
      return { kind: 'listing', articles: items.filter((i) => i.url !== undefined).slice(0, maxUrls).map((i) => ({ url: i.url as string, item: i })), inline: items.filter((i) => i.url === undefined && (i.html || i.text)) }
    }
    if (kind !== 'sitemap') return { kind: 'article' }
    const map = parseSitemap(text, { where: url })
    const articles: ListedArticle[] = map.urls.map((u) => ({ url: u.url, ...(u.news ? { item: { url: u.url, ...(u.news.title ? { title: u.news.title } : {}), ...(u.news.published ? { published: u.news.published } : {}) } } : {}) }))
    for (const child of map.sitemaps) {
      if (depth >= 3 || seen.has(child) || articles.length >= maxUrls) continue
      seen.add(child)
      try {
        const found = await classify(child, await fetchChecked(child, listingAccept), depth + 1, seen)
        if (found.kind === 'listing') articles.push(...found.articles)
      } catch (error) {
        if (!(error instanceof FetchError) && !(error instanceof InputError)) throw error
        messages.push({ input: url, reason: error.message, ruleId: 'ingest:failed', severity: 'error' })
      }
    }
    return { kind: 'listing', articles: articles.slice(0, maxUrls), inline: [] }
  }

  const ingester: Ingester = {
    async url(input) {
      try {
        const seen = await known(input)
        if (seen.id !== undefined && !options.refresh) return record(input, { where: input, status: 'unchanged', id: seen.id })
        const res = await fetchChecked(input, listingAccept, seen.stored)
        if (res.notModified) return record(input, { where: input, status: 'not-modified' })
        const found = await classify(input, res, 0, new Set([input]))
        if (found.kind === 'article') return await stored(input, input, res)
        await pool(found.articles, concurrency, (a) => ingester.article(input, a.url, a.item))
        await ingester.inline(input, found.inline)
      } catch (error) {
        fail(input, input, error)
      }
    },
    async list(url) {
      const res = await fetchChecked(url, listingAccept)
      return res.notModified ? { kind: 'listing', articles: [], inline: [] } : classify(url, res, 0, new Set([url]))
    },
    async article(input, url, item) {
      try {
        const seen = await known(url)
        if (seen.id !== undefined && !options.refresh) return record(input, { where: url, status: 'unchanged', id: seen.id })
        let res: FetchResult
        try {
          res = await fetchChecked(url, undefined, seen.stored)
        } catch (error) {
          // A feed that carries the full article stands in for a page that cannot be fetched.
          if (!(error instanceof FetchError) || !item?.html || error.code === 'blocked-address' || error.code === 'robots-disallowed') throw error
          await commit(input, url, await extractor.extract(item.html, { id: urlDocumentId(url), meta: { ...feedMeta(item), url }, where: url }))
          return
        }
        await stored(input, url, res, item)
      } catch (error) {
        fail(input, url, error)
      }
    },
    async inline(input, items) {
      for (const i of items) {
        const meta = feedMeta(i) as DocumentMeta
        const id = `f-${contentHash(i.text ?? i.html ?? '').slice(0, 16)}`
        const where = `${input}#${i.id ?? id}`
        await commit(input, where, i.html ? await extractor.extract(i.html, { id, meta, where }) : textToDocument(i.text as string, { id, meta, where }))
      }
    },
    async warc(path) {
      try {
        for await (const rec of readWarcFile(path)) {
          if (rec.type !== 'response' || rec.truncated || !rec.targetUri) continue
          const http = parseHttpPayload(rec.block)
          if (!http || http.status !== 200 || !/html/i.test(http.headers['content-type'] ?? '')) continue
          const decoded = decodeBody(http.body, http.headers['content-type'])
          const meta = { url: rec.targetUri } as DocumentMeta
          await commit(path, rec.targetUri, await extractor.extract(decoded.text, { id: urlDocumentId(rec.targetUri), meta, where: rec.targetUri }))
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        messages.push({ input: path, reason: error.message, ruleId: 'ingest:bad-warc', severity: 'error' })
      }
    },
    async files(inputs) {
      const read = await readInputs(inputs)
      messages.push(...read.messages)
      counts.failed += read.messages.filter((m) => m.severity === 'error').length
      for (let i = 0; i < read.documents.length; i += fileBatch) {
        const batch: { input: string; doc: Document }[] = []
        for (const doc of read.documents.slice(i, i + fileBatch)) {
          const input = doc.meta.path ?? doc.id
          if (doc.text === '') record(input, { where: doc.id, status: 'failed', reason: doc.messages[0]?.reason ?? `${doc.id}: no article text.` })
          else batch.push({ input, doc: annotator ? await annotator.run(doc) : doc })
        }
        if (batch.length === 0) continue
        const results = await commitDocuments(store, state, batch.map((b) => b.doc))
        batch.forEach((b, k) => record(b.input, { where: b.doc.id, status: results[k]!.status, id: results[k]!.id }))
      }
    },
    summary() {
      return { ...counts, messages: [...messages] }
    },
    close() {
      return extractor.close()
    },
  }
  return ingester
}

const listingAccept = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5'

function feedMeta(item: FeedItem | undefined): Record<string, string> {
  const meta: Record<string, string> = {}
  if (item?.title) meta['title'] = item.title
  if (item?.published) meta['published'] = item.published
  if (item?.author) meta['author'] = item.author
  return meta
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
  const ingester = createIngester(options)
  try {
    const files: string[] = []
    for (const input of inputs) {
      const kind = inputKind(input)
      if (kind === 'url') await ingester.url(input)
      else if (kind === 'warc') await ingester.warc(input)
      else files.push(input)
    }
    if (files.length > 0) await ingester.files(files)
  } finally {
    await ingester.close()
  }
  return ingester.summary()
}
