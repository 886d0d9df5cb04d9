/** @module ingest/durability.test — kill -9 mid-ingest then rerun, and two concurrent ingests: every article stored exactly once (SQLite and PostgreSQL). */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { postgresReachable, testPostgresUrl } from '../storage/store.conformance.js'

const root = new URL('../../', import.meta.url).pathname
const tmp = mkdtempSync(join(tmpdir(), 'parallax-durability-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/**
 * Articles in the kill -9 test: 10 000 in CI (as the issue asks), 2 000 on a shared
 * development machine; INGEST_DURABILITY_N overrides both.
 */
const total = Number(process.env['INGEST_DURABILITY_N'] ?? (process.env['CI'] ? 10_000 : 2_000))
/** Articles in the concurrency test. */
const concurrentTotal = Math.min(total, 1000)

/** JSON Lines with `n` articles; every third has no URL, so its identity is its content hash. */
function writeArticles(n: number, name: string): string {
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const url = i % 3 === 2 ? {} : { url: `https://news.example/2025/05/${i}?utm_source=feed` }
    lines.push(JSON.stringify({ id: `a${i}`, ...url, title: `Article ${i}`, text: `Officials met on Monday in city ${i}. They said talks would continue. Article ${i} ends here.` }))
  }
  const path = join(tmp, name)
  writeFileSync(path, lines.join('\n'))
  return path
}

function runCli(args: string[]): { child: ChildProcess; done: Promise<number> } {
  // --json routes `parallax ingest` to the web ingester (src/ingest) for local files too.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/parallax.ts', 'ingest', ...args, '--json', '-q'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const done = new Promise<number>((resolve) => child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(stderr)
    resolve(code ?? -1)
  }))
  return { child, done }
}

interface Backend {
  readonly name: string
  /** Fresh database arguments for the CLI. */
  fresh(): Promise<string[]>
  /** Documents stored and distinct identities among them. */
  count(args: string[]): Promise<{ documents: number; identities: number }>
  cleanup(): Promise<void>
}


const identities = "select count(*) as documents, count(distinct coalesce(url_norm, 'hash:' || content_hash)) as identities from documents"

const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    return ['--db', join(tmp, `${randomBytes(4).toString('hex')}.db`)]
  },
  async count(args) {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(args[1], { readonly: true, fileMustExist: true })
    try {
      db.pragma('busy_timeout = 5000')
      const exists = db.prepare("select count(*) as n from sqlite_master where name = 'documents'").get() as { n: number }
      if (exists.n === 0) return { documents: 0, identities: 0 }
      const row = db.prepare(identities).get() as { documents: number; identities: number }
      return { documents: Number(row.documents), identities: Number(row.identities) }
    } finally {
      db.close()
    }
  },
  async cleanup() {},
}

// A fresh database per test rather than a schema: Kysely's migrator (without
// `migrationTableSchema`) sees migration tables of other schemas as its own, so parallel test
// files that use schemas in one database could break each other's migrations.
const databases: string[] = []
const adminQuery = async (text: string): Promise<void> => {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: testPostgresUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
const databaseUrl = (name: string): string => {
  const u = new URL(testPostgresUrl)
  u.pathname = `/${name}`
  return u.href
}
const postgres: Backend = {
  name: 'postgres',
  async fresh() {
    const name = `ingest_${process.pid}_${randomBytes(4).toString('hex')}`
    await adminQuery(`create database ${name}`)
    databases.push(name)
    return ['--db', databaseUrl(name)]
  },
  async count(args) {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: args[1] as string })
    await client.connect()
    try {
      const { rows } = await client.query(`select to_regclass('documents') is not null as ok`)
      if (!rows[0]?.ok) return { documents: 0, identities: 0 }
      const res = await client.query(identities)
      return { documents: Number(res.rows[0].documents), identities: Number(res.rows[0].identities) }
    } finally {
      await client.end()
    }
  },
  async cleanup() {
    for (const name of databases.splice(0)) await adminQuery(`drop database if exists ${name} with (force)`)
  },
}

const backends = [sqlite, ...((await postgresReachable()) ? [postgres] : [])]
if (backends.length === 1) console.warn(`ingest durability: PostgreSQL at ${testPostgresUrl} is not reachable; SQLite only.`)

describe.each(backends)('durable ingest on $name', (backend) => {
  afterEach(() => backend.cleanup())

  test(`kill -9 in the middle of a ${total}-article ingest, then the same command again → each article exactly once`, async () => {
    const input = writeArticles(total, `kill-${backend.name}.jsonl`)
    const db = await backend.fresh()
    const first = runCli([input, ...db])
    // Kill once a fifth is stored: mid-way, with transactions in flight.
    for (;;) {
      await new Promise((r) => setTimeout(r, 100))
      const { documents } = await backend.count(db).catch(() => ({ documents: 0 }))
      if (documents >= total / 5) break
    }
    first.child.kill('SIGKILL')
    await first.done
    const interrupted = await backend.count(db)
    expect(interrupted.documents).toBeGreaterThan(0)
    expect(interrupted.documents).toBeLessThan(total)
    expect(await runCli([input, ...db]).done).toBe(0)
    expect(await backend.count(db)).toEqual({ documents: total, identities: total })
  }, 600_000)

  test(`two processes ingesting the same ${concurrentTotal} articles at once → no duplicates`, async () => {
    const input = writeArticles(concurrentTotal, `concurrent-${backend.name}.jsonl`)
    const db = await backend.fresh()
    // Create the schema first so the two processes race on documents, not on migrations.
    writeFileSync(join(tmp, 'one.jsonl'), JSON.stringify({ text: 'Schema warm-up article.', url: 'https://warm.example/up' }))
    expect(await runCli([join(tmp, 'one.jsonl'), ...db]).done).toBe(0)
    const [a, b] = [runCli([input, ...db]), runCli([input, ...db])]
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0])
    expect(await backend.count(db)).toEqual({ documents: concurrentTotal + 1, identities: concurrentTotal + 1 })
  }, 600_000)
})
