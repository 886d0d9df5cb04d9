/**
 * @module bench/scale — `npm run bench:scale`: story clustering + store insert cost per article as the corpus grows, and search latency.
 *
 * A synthetic corpus from the bench corpus' real articles, annotated once with the standard
 * pipeline: article `i` is base article `i mod 2000` with its own id and URL and a publication
 * date spread at `--per-day` articles a day (default 150: 100 k articles span ~22 months, so a
 * repeated base article is ~2 weeks from its previous copy, outside the clusterer's window).
 * For each size: one clustering pass (`createStoryIndex().add`, backend-independent), then per
 * backend a fresh store and every article stored with `putDocuments` in batches of `--batch`
 * (default 500; `--batch 1`: one `putDocument`, one transaction, each; layers except `tokens`,
 * which would multiply the database size ~8×), then `--queries` ranked searches.
 *
 * Options: `--sizes 1000,10000,100000` (default), `--quick` (1000,5000), `--stores sqlite,postgres`
 * (`--stores ''` for none), `--no-cluster`, `--warmup 300`,
 * `--batch 500`, `--merge a.json,b.json` (print runs made separately, e.g. clustering and each store in
 * parallel processes, as one table), `--queries 200`, `--per-day 150`, `--base 2000` (real articles drawn from), `--json PATH`. PostgreSQL: `PARALLAX_TEST_POSTGRES` or
 * `DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test` (a fresh schema, dropped after).
 *
 * `npm run bench:scale` runs Node with `--max-semi-space-size=32`, as `parallax` (bin/parallax)
 * and `npm start` do: with V8's default young generation the clustering pass at 100 k articles
 * measured 1.60 ms/article against 1.24 (scavenges over a heap holding ~56 k stories).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createStoryIndex } from '../src/cluster/index.js'
import { createDocument, type Document, type LayerMap } from '../src/document/document.js'
import { standardPipeline } from '../src/standard.js'
import { createStore } from '../src/storage/create-store.js'
import type { Store } from '../src/storage/store.js'
import { intListOption, intOption, parseOptions } from './args.js'
import { loadBenchCorpus } from './corpus.js'
import { median } from './measure.js'
import { articleToDocument } from './parts.js'
import { rng } from './rng.js'

/** Parsed options of the scale benchmark. */
export interface ScaleArgs {
  sizes: number[]
  stores: string[]
  queries: number
  perDay: number
  /** Number of real articles the synthetic ones are drawn from (default 2 000, the bench corpus). */
  base: number
  /** Run the clustering pass (default true; `--no-cluster` measures the stores only). */
  cluster: boolean
  /** Untimed articles run through each part first, so JIT warm-up does not count at the smallest size (default 300). */
  warmup: number
  json: string | undefined
  /** JSON files of earlier runs (`--json`) to print together instead of running. */
  merge: string[]
  /** Documents per `putDocuments` call (default 500; 1 = one `putDocument`, one transaction, per article). */
  batch: number
}

/** Parse `process.argv.slice(2)` (strict: an unknown option is an error). */
export function parseScaleArgs(argv: readonly string[]): ScaleArgs {
  const v = parseOptions(
    argv,
    {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      stores: { type: 'string' },
      queries: { type: 'string' },
      'per-day': { type: 'string' },
      base: { type: 'string' },
      'no-cluster': { type: 'boolean' },
      warmup: { type: 'string' },
      json: { type: 'string' },
      merge: { type: 'string' },
      batch: { type: 'string' },
    },
    'bench/scale.ts',
  )
  return {
    sizes: intListOption('sizes', v.sizes) ?? (v.quick ? [1000, 5000] : [1000, 10_000, 100_000]),
    stores: v.stores === undefined ? ['sqlite', 'postgres'] : v.stores.split(',').filter((x) => x !== ''),
    queries: intOption('queries', v.queries, 0) ?? 200,
    perDay: intOption('per-day', v['per-day']) ?? 150,
    base: intOption('base', v.base) ?? 2000,
    cluster: v['no-cluster'] !== true,
    warmup: intOption('warmup', v.warmup, 0) ?? 300,
    json: v.json,
    merge: v.merge === undefined ? [] : v.merge.split(','),
    batch: intOption('batch', v.batch) ?? 500,
  }
}

/** The `q`-quantile (0..1) of a list, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number
}


/**
 * The synthetic article `i`: base article `i mod n` with its own id, URL and date
 * (`perDay` articles a day from 2016-01-01). `keep` selects the layers it carries.
 */
export function syntheticDocument(base: readonly Document[], i: number, perDay: number, keep: (layer: string) => boolean): Document {
  const b = base[i % base.length] as Document
  const published = new Date(Date.UTC(2016, 0, 1) + Math.floor(i / perDay) * 86_400_000).toISOString().slice(0, 10)
  const layers = Object.fromEntries(Object.entries(b.layers).filter(([name]) => keep(name))) as Partial<LayerMap>
  return createDocument({ id: `scale-${i}`, text: b.text, meta: { ...b.meta, published, url: `https://bench.example/${i}` } }, layers)
}

/** Search words: one or two longer words from base article titles (deterministic). */
export function searchQueries(base: readonly Document[], count: number): string[] {
  const random = rng(7)
  const words = base.flatMap((d) => (d.meta.title ?? d.text.slice(0, 120)).toLowerCase().match(/\p{L}{5,}/gu) ?? [])
  return Array.from({ length: count }, (_, i) => {
    const pick = (): string => words[Math.floor(random() * words.length)] as string
    return i % 2 === 0 ? pick() : `${pick()} ${pick()}`
  })
}

/** Costs of one size on one backend, or of the clustering pass (`backend: 'cluster'`). */
export interface ScaleRow {
  readonly backend: string
  readonly size: number
  /** Mean ms per article over the whole run. */
  readonly msPerArticle: number
  /** Mean ms per article over the last 10% of the run (the marginal cost at that size). */
  readonly msPerArticleLast10: number
  /** CPU ms of this process per article over the whole run, and over the last 10% (less sensitive to a shared machine than wall-clock). */
  readonly cpuPerArticle?: number
  readonly cpuPerArticleLast10?: number
  readonly searchP50Ms?: number
  readonly searchP95Ms?: number
  /** Mean CPU ms of this process per search (all of SQLite's work; PostgreSQL's server side not included). */
  readonly searchCpuMs?: number
  /** CPU ms of this process per article inserted (as above). */
  readonly insertCpuMs?: number
  readonly stories?: number
}

async function openStore(backend: string): Promise<{ store: Store; cleanup: () => void }> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-scale-'))
    return { store: await createStore(join(dir, 'scale.db')), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
  }
  if (backend === 'postgres') {
    const url = process.env['PARALLAX_TEST_POSTGRES'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
    const store = await createStore(url, { schema: `bench_scale_${randomBytes(4).toString('hex')}`, dropSchemaOnClose: true })
    return { store, cleanup: () => undefined }
  }
  throw new Error(`unknown store ${backend}: use sqlite or postgres`)
}

/** Mean wall-clock and CPU ms per item, overall and over the last 10%. */
interface Timing {
  all: number
  last: number
  cpuAll: number
  cpuLast: number
}

/** Time `n` calls of `step`, returning mean ms per call overall and over the last 10%. */
async function timeLoop(n: number, step: (i: number) => unknown): Promise<Timing> {
  const tail = Math.max(1, Math.floor(n / 10))
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  let tailStart = t0
  let tailCpu = c0
  for (let i = 0; i < n; i++) {
    if (i === n - tail) {
      tailStart = performance.now()
      tailCpu = process.cpuUsage()
    }
    const out = step(i)
    if (out instanceof Promise) await out
  }
  const t1 = performance.now()
  return { all: (t1 - t0) / n, last: (t1 - tailStart) / tail, cpuAll: cpuMs(process.cpuUsage(c0)) / n, cpuLast: cpuMs(process.cpuUsage(tailCpu)) / tail }
}

/** Like {@link timeLoop} for `step(from, to)` over batches of `batch` items; the last 10% is counted in whole batches. */
async function timeBatches(n: number, batch: number, step: (from: number, to: number) => Promise<unknown>): Promise<Timing> {
  const tailFrom = n - Math.max(1, Math.floor(n / 10))
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  let tailStart: number | undefined
  let tailCpu: NodeJS.CpuUsage | undefined
  let tailCount = 0
  for (let from = 0; from < n; from += batch) {
    const to = Math.min(n, from + batch)
    const t = performance.now()
    const c = process.cpuUsage()
    await step(from, to)
    if (to > tailFrom) {
      tailStart ??= t
      tailCpu ??= c
      tailCount += to - from
    }
  }
  const t1 = performance.now()
  const count = Math.max(1, tailCount)
  return { all: (t1 - t0) / n, last: (t1 - (tailStart ?? t0)) / count, cpuAll: cpuMs(process.cpuUsage(c0)) / n, cpuLast: cpuMs(process.cpuUsage(tailCpu ?? c0)) / count }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000
}

/** Run the scale benchmark; `log` receives progress lines. */
export async function runScale(args: ScaleArgs, log: (line: string) => void = () => undefined, onRow: (rows: readonly ScaleRow[]) => void = () => undefined): Promise<ScaleRow[]> {
  const standard = standardPipeline()
  const base: Document[] = []
  for (const article of loadBenchCorpus({ size: args.base })) base.push(await standard.run(articleToDocument(article)))
  const queries = searchQueries(base, args.queries)
  const rows: ScaleRow[] = []
  const stored = (i: number): Document => syntheticDocument(base, i, args.perDay, (l) => l !== 'tokens')
  if (args.warmup > 0) {
    if (args.cluster) {
      const index = createStoryIndex()
      for (let i = 0; i < args.warmup; i++) index.add(syntheticDocument(base, i, args.perDay, () => true))
    }
    for (const backend of args.stores) {
      const { store, cleanup } = await openStore(backend)
      try {
        if (args.batch === 1) for (let i = 0; i < args.warmup; i++) await store.putDocument(stored(i))
        else for (let i = 0; i < args.warmup; i += args.batch) await store.putDocuments(Array.from({ length: Math.min(args.batch, args.warmup - i) }, (_, k) => stored(i + k)))
        for (const q of queries.slice(0, 20)) await store.search({ text: q, limit: 20 })
      } finally {
        await store.close()
        cleanup()
      }
    }
  }
  for (const size of args.sizes) {
    if (args.cluster) {
      const index = createStoryIndex()
      const cluster = await timeLoop(size, (i) => index.add(syntheticDocument(base, i, args.perDay, () => true)))
      rows.push({ backend: 'cluster', size, msPerArticle: cluster.all, msPerArticleLast10: cluster.last, cpuPerArticle: cluster.cpuAll, cpuPerArticleLast10: cluster.cpuLast, stories: index.stories().length })
      onRow(rows)
      log(`scale: ${size} clustered, ${cluster.all.toFixed(2)} ms/article`)
    }
    for (const backend of args.stores) {
      const { store, cleanup } = await openStore(backend)
      try {
        const batch = args.batch
        const insert = batch === 1
          ? await timeLoop(size, (i) => store.putDocument(stored(i)))
          : await timeBatches(size, batch, (from, to) => store.putDocuments(Array.from({ length: to - from }, (_, k) => stored(from + k))))
        for (const q of queries.slice(0, 5)) await store.search({ text: q, limit: 20 })
        const times: number[] = []
        const searchCpu = process.cpuUsage()
        for (const q of queries) {
          const t = performance.now()
          await store.search({ text: q, limit: 20 })
          times.push(performance.now() - t)
        }
        const searchCpuMs = cpuMs(process.cpuUsage(searchCpu)) / queries.length
        rows.push({ backend, size, msPerArticle: insert.all, msPerArticleLast10: insert.last, searchP50Ms: median(times), searchP95Ms: quantile(times, 0.95), searchCpuMs, insertCpuMs: insert.cpuAll, cpuPerArticle: insert.cpuAll, cpuPerArticleLast10: insert.cpuLast })
        onRow(rows)
        log(`scale: ${size} inserted into ${backend}, ${insert.all.toFixed(2)} ms/article, search p95 ${quantile(times, 0.95).toFixed(1)} ms`)
      } finally {
        await store.close()
        cleanup()
      }
    }
  }
  return rows
}

/** The rows as a table, with cluster + insert per backend and the largest/smallest size ratio. */
export function formatScale(rows: readonly ScaleRow[], args: ScaleArgs): string {
  const lines = [
    `Parallax scale bench, ${new Date().toISOString()}: synthetic articles from the ${args.base}-article bench corpus, ${args.perDay}/day, inserted ${args.batch === 1 ? 'one per transaction' : `${args.batch} per putDocuments`}; ${args.queries} ranked searches (limit 20); ms are wall-clock, cpu = this process's CPU ms per article / per search (PostgreSQL server not included)`,
    '',
    `${'size'.padStart(8)}  ${'backend'.padEnd(9)}${'cluster ms/art'.padStart(16)}${'insert ms/art'.padStart(15)}${'total ms/art'.padStart(14)}${'total last 10%'.padStart(16)}${'search p50 ms'.padStart(15)}${'search p95 ms'.padStart(15)}${'insert cpu'.padStart(12)}${'search cpu'.padStart(12)}`,
  ]
  const totals = new Map<string, Map<number, number>>()
  const cpuTotals = new Map<string, Map<number, number>>()
  for (const row of rows) {
    if (row.backend === 'cluster') continue
    const cluster = rows.find((r) => r.backend === 'cluster' && r.size === row.size)
    const total = (cluster?.msPerArticle ?? 0) + row.msPerArticle
    if (row.cpuPerArticle !== undefined) {
      if (!cpuTotals.has(row.backend)) cpuTotals.set(row.backend, new Map())
      cpuTotals.get(row.backend)?.set(row.size, (cluster?.cpuPerArticle ?? 0) + row.cpuPerArticle)
    }
    const last = (cluster?.msPerArticleLast10 ?? 0) + row.msPerArticleLast10
    if (!totals.has(row.backend)) totals.set(row.backend, new Map())
    totals.get(row.backend)?.set(row.size, total)
    lines.push(
      `${String(row.size).padStart(8)}  ${row.backend.padEnd(9)}${(cluster?.msPerArticle ?? NaN).toFixed(2).padStart(16)}${row.msPerArticle.toFixed(2).padStart(15)}${total.toFixed(2).padStart(14)}${last.toFixed(2).padStart(16)}${(row.searchP50Ms ?? NaN).toFixed(1).padStart(15)}${(row.searchP95Ms ?? NaN).toFixed(1).padStart(15)}${(row.insertCpuMs ?? NaN).toFixed(2).padStart(12)}${(row.searchCpuMs ?? NaN).toFixed(2).padStart(12)}`,
    )
  }
  for (const row of rows.filter((r) => r.backend === 'cluster')) lines.push(`stories at ${row.size}: ${row.stories ?? 0}; clustering cpu ${(row.cpuPerArticle ?? NaN).toFixed(2)} ms/article (last 10% ${(row.cpuPerArticleLast10 ?? NaN).toFixed(2)})`)
  for (const row of rows.filter((r) => r.backend !== 'cluster')) lines.push(`insert cpu at ${row.size} on ${row.backend}: ${(row.cpuPerArticle ?? NaN).toFixed(2)} ms/article (last 10% ${(row.cpuPerArticleLast10 ?? NaN).toFixed(2)})`)
  for (const [backend, bySize] of totals) {
    const sizes = [...bySize.keys()].sort((a, b) => a - b)
    const small = sizes[0] as number
    const large = sizes[sizes.length - 1] as number
    if (large !== small) lines.push(`ratio ${backend}: cost per article at ${large} / at ${small} = ${((bySize.get(large) as number) / (bySize.get(small) as number)).toFixed(2)}× (target ≤ 1.5×)`)
  }
  for (const [backend, bySize] of cpuTotals) {
    const sizes = [...bySize.keys()].sort((a, b) => a - b)
    const small = sizes[0] as number
    const large = sizes[sizes.length - 1] as number
    if (large !== small) lines.push(`ratio ${backend} in this process's cpu (clustering + insert; PostgreSQL's server not included): ${((bySize.get(large) as number) / (bySize.get(small) as number)).toFixed(2)}×`)
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const args = parseScaleArgs(process.argv.slice(2))
  if (args.merge.length > 0) {
    const runs = args.merge.map((file) => JSON.parse(readFileSync(file, 'utf8')) as { args: ScaleArgs; rows: ScaleRow[] })
    process.stdout.write(formatScale(runs.flatMap((r) => r.rows), runs[0]?.args ?? args) + '\n')
    return
  }
  // With --json, the rows so far are written after each step, so a long run that is stopped keeps them.
  const save = (rows: readonly ScaleRow[]): void => {
    if (args.json) writeFileSync(args.json, JSON.stringify({ args, rows }, null, 2))
  }
  const rows = await runScale(args, (line) => process.stderr.write(line + '\n'), save)
  process.stdout.write(formatScale(rows, args) + '\n')
  save(rows)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  })
}
