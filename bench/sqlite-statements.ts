/**
 * @module bench/sqlite-statements — where the SQLite insert time of `putDocuments` goes as the store grows.
 *
 * Stores the scale benchmark's synthetic articles (see `bench/scale.ts`) into one fresh SQLite
 * store, `--batch` per `putDocuments` call, timing every statement better-sqlite3 runs (its SQL
 * with the repeated `(?, …)` groups folded, so a 500-row insert and a 37-row one count as one
 * statement) in CPU and wall-clock ms. Prints, per statement, the CPU ms per article stored in
 * a few windows of the run (the first 1 000 articles, 9–10 k, …, the last 10 %), so a
 * statement whose cost grows with the store stands out. `commit` includes the WAL
 * auto-checkpoints SQLite runs when a commit finds the WAL over `wal_autocheckpoint` pages.
 *
 * `node --import tsx bench/sqlite-statements.ts --size 100000 [--batch 500] [--base 2000] [--per-day 150] [--keep PATH] [--exec SQL]… [--after-batch SQL]…`
 *
 * The annotated base articles are cached in `.bench-cache/scale-base-<base>.json` (the
 * standard pipeline over 2 000 articles takes a minute here).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { createDocument, type Document } from '../src/document/document.js'
import { standardPipeline } from '../src/standard.js'
import { createStore } from '../src/storage/create-store.js'
import type { KyselyStore } from '../src/storage/kysely-store.js'
import { intOption, parseOptions } from './args.js'
import { defaultCacheDir, loadBenchCorpus } from './corpus.js'
import { articleToDocument } from './parts.js'
import { syntheticDocument } from './scale.js'

interface Args {
  size: number
  batch: number
  base: number
  perDay: number
  keep: string | undefined
  /** SQL run on the fresh store before the run (experiments: `--exec 'drop index …'`). */
  exec: string[]
  /** SQL run (and timed) after each batch (`--after-batch 'pragma wal_checkpoint(PASSIVE)'` with `--exec 'pragma wal_autocheckpoint = 0'` times checkpoints apart from commits). */
  afterBatch: string[]
}

function parseArgs(argv: readonly string[]): Args {
  const v = parseOptions(
    argv,
    {
      size: { type: 'string' },
      batch: { type: 'string' },
      base: { type: 'string' },
      'per-day': { type: 'string' },
      keep: { type: 'string' },
      exec: { type: 'string', multiple: true },
      'after-batch': { type: 'string', multiple: true },
    },
    'bench/sqlite-statements.ts',
  )
  return {
    size: intOption('size', v.size) ?? 100_000,
    batch: intOption('batch', v.batch) ?? 500,
    base: intOption('base', v.base) ?? 2000,
    perDay: intOption('per-day', v['per-day']) ?? 150,
    keep: v.keep,
    exec: v.exec ?? [],
    afterBatch: v['after-batch'] ?? [],
  }
}

/** The standard pipeline's output for the first `size` bench articles, cached as JSON. */
async function baseDocuments(size: number): Promise<Document[]> {
  const file = join(defaultCacheDir(), `scale-base-${size}.json`)
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Document[]
    return raw.map((d) => createDocument({ id: d.id, text: d.text, meta: d.meta, messages: d.messages }, d.layers))
  }
  const standard = standardPipeline()
  const out: Document[] = []
  for (const article of loadBenchCorpus({ size })) out.push(await standard.run(articleToDocument(article)))
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(out))
  return out
}

/** A statement's SQL with repeated parameter groups and long `in` lists folded. */
export function statementKey(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/(\((?:\?, )*\?\))(?:, \((?:\?, )*\?\))+/g, '$1, …')
    .replace(/in \((?:\?, )+\?\)/g, 'in (?, …)')
    .slice(0, 110)
}

interface Cost {
  cpu: number
  wall: number
  calls: number
}

const current = new Map<string, Cost>()
let instrumenting = false

function charge(key: string, cpu: number, wall: number): void {
  const c = current.get(key) ?? { cpu: 0, wall: 0, calls: 0 }
  c.cpu += cpu
  c.wall += wall
  c.calls++
  current.set(key, c)
}

function timed<T>(key: string, run: () => T): T {
  if (!instrumenting) return run()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  try {
    return run()
  } finally {
    const c = process.cpuUsage(c0)
    charge(key, (c.user + c.system) / 1000, performance.now() - t0)
  }
}

/** Time every statement a better-sqlite3 database prepares from now on. */
function instrument(): void {
  const proto = Database.prototype as unknown as { prepare: (sql: string) => Database.Statement }
  const prepare = proto.prepare
  proto.prepare = function (this: Database.Database, sql: string) {
    const key = statementKey(sql)
    const stmt = timed('(prepare)', () => prepare.call(this, sql))
    return new Proxy(stmt, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown
        if (typeof v !== 'function') return v
        if (prop === 'run' || prop === 'all' || prop === 'get') return (...a: unknown[]) => timed(key, () => (v as (...x: unknown[]) => unknown).apply(target, a))
        return (v as (...x: unknown[]) => unknown).bind(target)
      },
    })
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const base = await baseDocuments(args.base)
  instrument()
  const dir = mkdtempSync(join(tmpdir(), 'parallax-sqlstmt-'))
  const file = args.keep ?? join(dir, 'scale.db')
  const store = await createStore(file)
  for (const statement of args.exec) await sql.raw(statement).execute((store as KyselyStore).db)
  const stored = (i: number): Document => syntheticDocument(base, i, args.perDay, (l) => l !== 'tokens')
  // Per window: statement → cost, plus the whole putDocuments call and building the documents.
  const candidates: [number, number][] = [[0, 1000], [9000, 10_000], [49_000, 50_000], [Math.floor(args.size * 0.9), args.size]]
  const windows = candidates.filter(([a, b]) => b <= args.size && a < b)
  const perWindow = windows.map(() => new Map<string, Cost>())
  const started = performance.now()
  for (let from = 0; from < args.size; from += args.batch) {
    const to = Math.min(args.size, from + args.batch)
    current.clear()
    instrumenting = true
    const docs = timed('(build documents)', () => Array.from({ length: to - from }, (_, k) => stored(from + k)))
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await store.putDocuments(docs)
    const c = process.cpuUsage(c0)
    charge('(putDocuments total)', (c.user + c.system) / 1000, performance.now() - t0)
    for (const statement of args.afterBatch) await sql.raw(statement).execute((store as KyselyStore).db)
    instrumenting = false
    windows.forEach(([a, b], w) => {
      const overlap = Math.max(0, Math.min(b, to) - Math.max(a, from))
      if (overlap === 0) return
      const share = overlap / (to - from)
      const into = perWindow[w] as Map<string, Cost>
      for (const [key, cost] of current) {
        const t = into.get(key) ?? { cpu: 0, wall: 0, calls: 0 }
        t.cpu += cost.cpu * share
        t.wall += cost.wall * share
        t.calls += cost.calls * share
        into.set(key, t)
      }
    })
    if (to % 10_000 === 0) process.stderr.write(`sqlite-statements: ${to} stored, ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
  }
  const keys = [...new Set(perWindow.flatMap((m) => [...m.keys()]))]
  const last = perWindow[perWindow.length - 1] as Map<string, Cost>
  keys.sort((a, b) => (last.get(b)?.cpu ?? 0) - (last.get(a)?.cpu ?? 0))
  const header = windows.map(([a, b]) => `${a / 1000}–${b / 1000}k`.padStart(11)).join('')
  const lines = [`CPU ms per article stored (the last line: wall-clock ms of putDocuments), batch ${args.batch}, windows of the run:`, `${'statement'.padEnd(112)}${header}${'calls/batch'.padStart(13)}`]
  for (const key of keys) {
    const cells = perWindow.map((m, w) => {
      const [a, b] = windows[w] as [number, number]
      const cost = m.get(key)
      return (cost ? (cost.cpu / (b - a)).toFixed(3) : '—').padStart(11)
    })
    const callsPerBatch = ((last.get(key)?.calls ?? 0) / (((windows.at(-1) as [number, number])[1] - (windows.at(-1) as [number, number])[0]) / args.batch)).toFixed(0)
    lines.push(`${key.padEnd(112)}${cells.join('')}${callsPerBatch.padStart(13)}`)
  }
  const walls = perWindow.map((m, w) => {
    const [a, b] = windows[w] as [number, number]
    return (((m.get('(putDocuments total)')?.wall ?? 0) / (b - a)).toFixed(3)).padStart(11)
  })
  lines.push(`${'(putDocuments wall)'.padEnd(112)}${walls.join('')}`)
  process.stdout.write(lines.join('\n') + '\n')
  await store.close()
  const size = statSync(file).size
  process.stdout.write(`database ${(size / 1e6).toFixed(0)} MB\n`)
  if (args.keep === undefined) rmSync(dir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
