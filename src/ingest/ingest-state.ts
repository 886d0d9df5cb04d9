/** @module ingest/ingest-state — what ingest remembers beside the store: fetch validators and per-key locks. */
import { resolveStoreUrl } from '../storage/create-store.js'
import type { Validators, ValidatorCache } from './fetch.js'

/** A remembered fetch of one URL. */
export interface FetchRecord extends Validators {
  /** The stored document the URL gave, when it gave one. */
  readonly documentId?: string
}

/**
 * Ingest's own state in the store's database (table `ingest_fetches`): ETag / Last-Modified
 * per URL for conditional GET and which document a URL gave, plus `withLock`, which
 * serialises work on one identity key across processes (PostgreSQL advisory locks; SQLite
 * serialises writers itself).
 */
export interface IngestState extends ValidatorCache {
  get(url: string): Promise<FetchRecord | undefined>
  set(url: string, record: FetchRecord): Promise<void>
  /** Run `fn` while holding the lock named `key` (no other process holds the same key meanwhile). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>
  /** Run `fn` while holding the locks of all `keys` (taken in one global order, so two batches cannot deadlock). */
  withLocks<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** Options of {@link openIngestState}. */
export interface IngestStateOptions {
  /** PostgreSQL schema (as given to `createStore`); default `public`. */
  readonly schema?: string
}

/** An in-memory state, for `:memory:` stores and tests. */
export function memoryIngestState(): IngestState {
  const map = new Map<string, FetchRecord>()
  return {
    async get(url) {
      return map.get(url)
    },
    async set(url, record) {
      map.set(url, { ...map.get(url), ...record })
    },
    async withLock(_key, fn) {
      return fn()
    },
    async withLocks(_keys, fn) {
      return fn()
    },
    async close() {},
  }
}

/**
 * Open ingest's state in the database `url` names (the same resolution as `createStore`):
 * creates `ingest_fetches` when missing.
 */
export async function openIngestState(url?: string, options: IngestStateOptions = {}): Promise<IngestState> {
  const { backend, target } = resolveStoreUrl(url)
  if (backend === 'sqlite') {
    if (target === ':memory:') return memoryIngestState()
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(target)
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.exec('create table if not exists ingest_fetches (url text primary key, etag text, last_modified text, document_id text, fetched_at text not null)')
    const select = db.prepare<[string], FetchRow>('select etag, last_modified, document_id from ingest_fetches where url = ?')
    const upsert = db.prepare(
      `insert into ingest_fetches (url, etag, last_modified, document_id, fetched_at) values (@url, @etag, @lastModified, @documentId, @at)
       on conflict (url) do update set etag = coalesce(excluded.etag, etag), last_modified = coalesce(excluded.last_modified, last_modified), document_id = coalesce(excluded.document_id, document_id), fetched_at = excluded.fetched_at`,
    )
    return {
      async get(key) {
        const row = select.get(key)
        return row ? toRecord(row) : undefined
      },
      async set(key, record) {
        upsert.run({ url: key, etag: record.etag ?? null, lastModified: record.lastModified ?? null, documentId: record.documentId ?? null, at: new Date().toISOString() })
      },
      async withLock(_key, fn) {
        return fn()
      },
      async withLocks(_keys, fn) {
        return fn()
      },
      async close() {
        db.close()
      },
    }
  }
  const schema = options.schema ?? 'public'
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: target, max: 4, ...(schema !== 'public' ? { options: `-c search_path=${schema}` } : {}) })
  await pool.query('create table if not exists ingest_fetches (url text primary key, etag text, last_modified text, document_id text, fetched_at text not null)').catch(async (error: { code?: string }) => {
    // Two processes creating the table at once: the loser sees a unique violation on pg_type.
    if (error.code !== '23505' && error.code !== '42P07') throw error
  })
  return {
    async get(key) {
      const { rows } = await pool.query<FetchRow>('select etag, last_modified, document_id from ingest_fetches where url = $1', [key])
      return rows[0] ? toRecord(rows[0]) : undefined
    },
    async set(key, record) {
      await pool.query(
        `insert into ingest_fetches (url, etag, last_modified, document_id, fetched_at) values ($1, $2, $3, $4, $5)
         on conflict (url) do update set etag = coalesce(excluded.etag, ingest_fetches.etag), last_modified = coalesce(excluded.last_modified, ingest_fetches.last_modified), document_id = coalesce(excluded.document_id, ingest_fetches.document_id), fetched_at = excluded.fetched_at`,
        [key, record.etag ?? null, record.lastModified ?? null, record.documentId ?? null, new Date().toISOString()],
      )
    },
    async withLock(key, fn) {
      const client = await pool.connect()
      try {
        await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [key])
        try {
          return await fn()
        } finally {
          await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key])
        }
      } finally {
        client.release()
      }
    },
    async withLocks(keys, fn) {
      const unique = [...new Set(keys)]
      if (unique.length === 0) return fn()
      const client = await pool.connect()
      try {
        // One connection holds them all; taken in hash order, the order every batch uses.
        await client.query('select pg_advisory_lock(h) from (select hashtextextended(k, 0) as h from unnest($1::text[]) as k order by h) as s', [unique])
        try {
          return await fn()
        } finally {
          await client.query('select pg_advisory_unlock(hashtextextended(k, 0)) from unnest($1::text[]) as k', [unique])
        }
      } finally {
        client.release()
      }
    },
    async close() {
      await pool.end()
    },
  }
}

/** A row of `ingest_fetches` as both backends return it. */
type FetchRow = { etag: string | null; last_modified: string | null; document_id: string | null }

function toRecord(row: FetchRow): FetchRecord {
  return { ...(row.etag ? { etag: row.etag } : {}), ...(row.last_modified ? { lastModified: row.last_modified } : {}), ...(row.document_id ? { documentId: row.document_id } : {}) }
}
