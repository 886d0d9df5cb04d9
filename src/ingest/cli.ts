/** @module ingest/cli — `parallax ingest` (URLs, feeds, sitemaps, WARC, files; `--queue`) and `parallax worker`. */
import { parseArgs } from 'node:util'
import type { Store } from '../storage/store.js'
import type { IngestOptions, IngestSummary } from './ingest.js'

/** Usage of `parallax ingest`. */
export const ingestUsage = `Usage: parallax ingest INPUT... [options]

Stores articles from URLs, RSS/Atom/JSON feeds, sitemaps (incl. news sitemaps and indexes),
.warc/.warc.gz files (CC-NEWS) and local files/folders/globs. Each article is committed in its
own transaction, exactly once: an interrupted run can be run again.

Options:
      --db URL             store: a SQLite path or postgres://… (default PARALLAX_DB, else ./.parallax/parallax.db)
      --schema NAME        PostgreSQL schema (default public)
      --queue              enqueue the inputs for \`parallax worker\` processes instead (PostgreSQL)
      --allow-private      allow private, loopback, link-local and CGNAT addresses (intranets)
      --allow-host HOST    allow this one host to resolve to a private address (repeatable)
      --no-robots          ignore robots.txt (only for sites you run)
      --refresh            fetch stored URLs again (conditional GET: unchanged pages cost a 304)
      --annotate           run the standard pipeline and store the layers too
      --rate MS            least time between two requests to one host (default 1000)
      --max-bytes N        largest body after decompression (default 20000000)
      --timeout MS         whole-request deadline (default 30000)
      --time-budget MS     most time to extract one page (default 10000)
      --max-elements N     largest DOM (default 200000)
      --max-depth N        deepest element nesting (default 256)
      --max-urls N         most articles from one feed or sitemap (default 10000)
      --concurrency N      pages fetched at once (default 4)
      --json               print the summary as JSON on stdout
  -q, --quiet              no progress or problems on stderr
  -h, --help               this help
`

/** Usage of `parallax worker`. */
export const workerUsage = `Usage: parallax worker --db postgres://… [options]

Runs ingest jobs from the PostgreSQL queue (filled by \`parallax ingest --queue\`); start one
or more per machine. Takes the fetch options of \`parallax ingest\` too.

Options:
      --db URL             the PostgreSQL store and queue (required)
      --schema NAME        PostgreSQL schema (default public)
      --exit-when-idle     exit once no job is queued or running (batch runs, benchmarks)
  -h, --help               this help
`

const fetchOptions = {
  db: { type: 'string' },
  schema: { type: 'string' },
  'allow-private': { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  'no-robots': { type: 'boolean' },
  refresh: { type: 'boolean' },
  annotate: { type: 'boolean' },
  rate: { type: 'string' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'time-budget': { type: 'string' },
  'max-elements': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-urls': { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Flags only the web ingester takes. */
const webFlags = new Set(Object.keys(fetchOptions).filter((k) => !['db', 'quiet', 'help'].includes(k)).map((k) => `--${k}`).concat(['--queue']))

/**
 * Whether `parallax ingest ARGS` is for the web ingester: an input is a URL or a WARC file, or a
 * flag only it takes is given. Otherwise the store's path ingest (analysis and stories) runs.
 */
export function wantsWebIngest(args: readonly string[]): boolean {
  return args.some((a) => /^https?:\/\//i.test(a) || /\.warc(\.gz)?$/i.test(a) || webFlags.has(a.split('=')[0] as string))
}

/** Where the commands write. */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

/** A usage mistake: printed without a stack, exit status 1. */
export class IngestUsageError extends Error {
  override readonly name = 'UsageError'
}

type Values = Partial<Record<keyof typeof fetchOptions | 'queue' | 'exit-when-idle', string | boolean | string[]>>

function count(values: Values, name: keyof typeof fetchOptions): number | undefined {
  const raw = values[name]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || n < 0) throw new IngestUsageError(`--${name} must be a non-negative number, not ${JSON.stringify(raw)}.`)
  return n
}

function ingestOptions(values: Values, store: Store): IngestOptions {
  const hosts = values['allow-host'] as string[] | undefined
  const opts: Record<string, unknown> = {
    store,
    allowPrivate: values['allow-private'] === true ? true : hosts && hosts.length > 0 ? hosts : false,
    robots: values['no-robots'] !== true,
    refresh: values.refresh === true,
    annotate: values.annotate === true,
  }
  const numeric: [keyof typeof fetchOptions, string][] = [
    ['rate', 'minIntervalMs'], ['max-bytes', 'maxBytes'], ['timeout', 'timeoutMs'], ['time-budget', 'timeBudgetMs'],
    ['max-elements', 'maxElements'], ['max-depth', 'maxDepth'], ['max-urls', 'maxUrls'], ['concurrency', 'concurrency'],
  ]
  for (const [flag, key] of numeric) {
    const n = count(values, flag)
    if (n !== undefined) opts[key] = n
  }
  return opts as unknown as IngestOptions
}

async function open(values: Values) {
  const { createStore } = await import('../storage/create-store.js')
  const { openIngestState } = await import('./ingest-state.js')
  const schema = values.schema as string | undefined
  const db = values.db as string | undefined
  const store = await createStore(db, schema ? { schema } : {})
  const state = await openIngestState(db, schema ? { schema } : {})
  return { store, state, schema, db }
}

function report(summary: IngestSummary, values: Values, io: CommandIo): number {
  if (!values.quiet) for (const m of summary.messages) io.stderr.write(`parallax: ${m.reason}\n`)
  const { messages: _m, ...counts } = summary
  if (values.json) io.stdout.write(`${JSON.stringify({ ...counts, messages: summary.messages.length })}\n`)
  if (!values.quiet) io.stderr.write(`parallax: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.notModified} not modified, ${counts.skipped} skipped (robots.txt), ${counts.failed} failed\n`)
  const good = counts.added + counts.updated + counts.unchanged + counts.notModified
  return good === 0 && counts.failed > 0 ? 2 : 0
}

/** `parallax ingest INPUT...`; resolves to the exit status. */
export async function ingestCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...fetchOptions, queue: { type: 'boolean' } } })
  if (values.help) {
    io.stdout.write(ingestUsage)
    return 0
  }
  if (positionals.length === 0) throw new IngestUsageError('parallax ingest: give at least one INPUT (a URL, a feed or sitemap URL, a .warc/.warc.gz file, a file, a folder or a glob).')
  if (values.queue) {
    const { openJobQueue, jobsForInputs } = await import('./queue.js')
    const queue = await openJobQueue(values.db, values.schema ? { schema: values.schema } : {})
    try {
      const path = await import('node:path')
      // Paths are made absolute: workers may run in another directory (on a shared file system).
      const inputs = positionals.map((p) => (/^https?:\/\//i.test(p) ? p : path.resolve(p)))
      const added = await queue.enqueue(jobsForInputs(inputs))
      const stats = await queue.stats()
      if (values.json) io.stdout.write(`${JSON.stringify({ enqueued: added, ...stats })}\n`)
      if (!values.quiet) io.stderr.write(`parallax: ${added} job(s) enqueued (${stats.queued} queued, ${stats.running} running, ${stats.done} done, ${stats.failed} failed); start \`parallax worker --db …\` to run them.\n`)
      return 0
    } finally {
      await queue.close()
    }
  }
  const { store, state } = await open(values)
  const { ingest } = await import('./ingest.js')
  const progress = !values.quiet && io.stderr.isTTY === true
  let n = 0
  try {
    const summary = await ingest(positionals, { ...ingestOptions(values, store), state, ...(progress ? { onItem: () => io.stderr.write(`\ringested ${++n}`) } : {}) })
    if (progress && n > 0) io.stderr.write('\n')
    return report(summary, values, io)
  } finally {
    await state.close()
    await store.close()
  }
}

/** `parallax worker --db postgres://…`; resolves to the exit status. */
export async function workerCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { ...fetchOptions, 'exit-when-idle': { type: 'boolean' } } })
  if (values.help) {
    io.stdout.write(workerUsage)
    return 0
  }
  const { openJobQueue, runWorker } = await import('./queue.js')
  const queue = await openJobQueue(values.db, values.schema ? { schema: values.schema } : {})
  const { store, state } = await open(values)
  const { createIngester } = await import('./ingest.js')
  const ingester = createIngester({ ...ingestOptions(values, store), state })
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    const jobs = await runWorker(queue, ingester, {
      signal: controller.signal,
      exitWhenIdle: values['exit-when-idle'] === true,
      onJob: (job, error) => {
        if (error && !values.quiet) io.stderr.write(`parallax worker: job ${job.id} (${job.kind} ${job.target}): ${error}\n`)
      },
    })
    if (!values.quiet) io.stderr.write(`parallax worker: ran ${jobs} job(s)\n`)
    return report(ingester.summary(), { ...values, quiet: true }, io)
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await ingester.close()
    await queue.close()
    await state.close()
    await store.close()
  }
}
