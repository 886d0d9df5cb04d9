/** @module ingest/extractor — HTML → document under a CPU-time budget (a worker thread with a deadline). */
import { Worker } from 'node:worker_threads'
import { createDocument, type Document, type DocumentInit, type LayerMap } from '../document/document.js'
import { extractArticle, type ExtractOptions } from '../extract/html.js'

/** Options of {@link createExtractor}. */
export interface ExtractorOptions {
  /** Most wall-clock ms one page may take to extract (default 10 000); 0 runs in-process with no budget. */
  readonly timeBudgetMs?: number
  /** Most elements in a page's DOM (default 200 000), passed to `extractArticle`. */
  readonly maxElements?: number
  /** Deepest element nesting accepted (default 256), see {@link htmlDepth}. */
  readonly maxDepth?: number
}

/** Options of {@link extractGuarded}: those of `extractArticle` plus the nesting cap. */
export type GuardedExtractOptions = ExtractOptions & { readonly maxDepth?: number }

/**
 * `extractArticle`, which itself refuses pages nested deeper than `maxDepth` (default 256,
 * `extract:too-deep`) and turns markup it cannot read into an `extract:unreadable-html` message.
 * Kept as the entry point of the extraction worker thread. Never throws.
 */
export function extractGuarded(html: string, options: GuardedExtractOptions): Document {
  return extractArticle(html, options)
}

/** Extracts articles one at a time; `close` stops its worker. */
export interface Extractor {
  extract(html: string, options: ExtractOptions): Promise<Document>
  close(): Promise<void>
}

type Reply = { seq: number; doc?: DocumentInit & { layers: Partial<LayerMap> }; error?: string }

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', import.meta.url))
  // Under tsx/vitest this module is TypeScript: the worker registers the tsx loader first
  // (a worker does not inherit loaders, and Node 20 ignores --import in a worker's execArgv).
  const url = new URL('./extract-worker.ts', import.meta.url).href
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}) })`, { eval: true })
}

/**
 * Create an extractor. With a time budget, pages are extracted in a worker thread; a page that
 * runs past the budget has its worker terminated (and replaced) and yields a document with no
 * text and an `ingest:time-budget` message. DOM size is capped by `maxElements`.
 */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const budget = options.timeBudgetMs ?? 10_000
  const withCaps = (o: ExtractOptions): GuardedExtractOptions => ({
    ...o,
    ...(options.maxElements !== undefined && o.maxElements === undefined ? { maxElements: options.maxElements } : {}),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
  })
  if (budget <= 0) {
    return { async extract(html, o) { return extractGuarded(html, withCaps(o)) }, async close() {} }
  }
  let worker: { w: Worker; ready: Promise<void> } | undefined
  let seq = 0
  let chain: Promise<unknown> = Promise.resolve()
  const spawn = (): { w: Worker; ready: Promise<void> } => {
    const w = startWorker()
    w.unref()
    const ready = new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve())
      w.once('error', reject)
    })
    return { w, ready }
  }
  const run = async (html: string, o: ExtractOptions): Promise<Document> => {
    worker ??= spawn()
    const current = worker
    try {
      await current.ready
    } catch (error) {
      worker = undefined
      throw error
    }
    return new Promise((resolve, reject) => {
      const w = current.w
      const id = ++seq
      const done = (): void => {
        clearTimeout(timer)
        w.off('message', onMessage)
        w.off('error', onError)
      }
      const onMessage = (reply: Reply): void => {
        if (reply.seq !== id) return
        done()
        if (reply.error !== undefined || !reply.doc) return reject(new Error(reply.error ?? 'extraction failed'))
        resolve(createDocument(reply.doc, reply.doc.layers))
      }
      const onError = (error: Error): void => {
        done()
        worker = undefined
        reject(error)
      }
      const timer = setTimeout(() => {
        done()
        worker = undefined
        void w.terminate()
        const where = o.where ?? o.id
        resolve(createDocument({ id: o.id, text: '', meta: { ...o.meta }, messages: [{ reason: `${where}: extraction took longer than the ${budget} ms budget and was stopped. Raise --time-budget if the page is genuine.`, ruleId: 'ingest:time-budget', severity: 'error' }] }, { blocks: [] }))
      }, budget)
      w.on('message', onMessage)
      w.on('error', onError)
      w.postMessage({ seq: id, html, options: withCaps(o) })
    })
  }
  return {
    extract(html, o) {
      const next = chain.then(() => run(html, o))
      chain = next.catch(() => undefined)
      return next
    },
    async close() {
      const w = worker
      worker = undefined
      await w?.w.terminate()
    },
  }
}
