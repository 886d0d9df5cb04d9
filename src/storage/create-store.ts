/** @module storage/create-store — open the store a URL names: SQLite by default, PostgreSQL for postgres:// URLs. */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { PipelineError } from '../pipeline/errors.js'
import type { Backend } from './backend.js'
import { KyselyStore, migrateStore } from './kysely-store.js'
import { postgresBackend } from './postgres-backend.js'
import type { StoreSchema } from './schema.js'
import { sqliteBackend } from './sqlite-backend.js'
import type { Store } from './store.js'

/** The embedded store's file when neither a URL nor `PARALLAX_DB` names one. */
export const defaultDatabaseFile = './.parallax/parallax.db'

/** Options of {@link createStore}. */
export interface CreateStoreOptions {
  /** PostgreSQL schema to use (created if missing); default `public`. Tests use a fresh one per run. */
  readonly schema?: string
  /** Drop `schema` when the store is closed (tests). */
  readonly dropSchemaOnClose?: boolean
  /** Environment to read `PARALLAX_DB` / `DATABASE_URL` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Most matches a ranked search scores, the most recently written first (default 1 000; see `searchCandidates`). */
  readonly searchCandidates?: number
}

/**
 * Which database a store URL means: an explicit `url`, else `PARALLAX_DB`, else
 * `DATABASE_URL`, else {@link defaultDatabaseFile}. `postgres://` and `postgresql://` URLs
 * mean PostgreSQL; `sqlite:PATH`, `file:PATH`, a plain path or `:memory:` mean SQLite.
 */
export function resolveStoreUrl(url?: string, env: Readonly<Record<string, string | undefined>> = process.env): { backend: Backend['name']; target: string } {
  const chosen = [url, env['PARALLAX_DB'], env['DATABASE_URL']].find((u) => u !== undefined && u.trim() !== '')?.trim() ?? defaultDatabaseFile
  if (/^postgres(ql)?:\/\//i.test(chosen)) return { backend: 'postgres', target: chosen }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(chosen) && !/^file:/i.test(chosen)) {
    throw new PipelineError('invalid-option', `Unsupported store URL ${JSON.stringify(chosen.replace(/\/\/[^@/]*@/, '//…@'))}: use a file path (SQLite) or postgres://user:password@host:5432/db.`)
  }
  const path = chosen.replace(/^(sqlite|file):(\/\/)?/i, '')
  return { backend: 'sqlite', target: path === '' ? defaultDatabaseFile : path }
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Open (creating and migrating if needed) the store `url` names — see {@link resolveStoreUrl}.
 * SQLite runs in WAL mode with foreign keys on; its directory is created when missing.
 *
 * @example
 * const store = await createStore('postgres://postgres@127.0.0.1:5432/parallax')
 */
export async function createStore(url?: string, options: CreateStoreOptions = {}): Promise<Store> {
  const { backend, target } = resolveStoreUrl(url, options.env ?? process.env)
  if (backend === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    if (target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true })
    const database = new Database(target)
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = NORMAL')
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
    const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) })
    await migrateStore(db, sqliteBackend)
    return new KyselyStore(db, sqliteBackend, options.searchCandidates !== undefined ? { searchCandidates: options.searchCandidates } : {})
  }
  const schema = options.schema ?? 'public'
  if (!schemaName.test(schema)) throw new PipelineError('invalid-option', `PostgreSQL schema ${JSON.stringify(schema)} is not a plain identifier; use lower-case letters, digits and _.`)
  const { default: pg } = await import('pg')
  if (schema !== 'public') {
    const client = new pg.Client({ connectionString: target })
    await client.connect()
    try {
      await client.query(`create schema if not exists ${schema}`)
    } finally {
      await client.end()
    }
  }
  const pool = new pg.Pool({ connectionString: target, max: 4, ...(schema !== 'public' ? { options: `-c search_path=${schema}` } : {}) })
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) })
  try {
    await migrateStore(db, postgresBackend, undefined, schema)
  } catch (error) {
    await db.destroy()
    throw error
  }
  const onClose = options.dropSchemaOnClose && schema !== 'public'
    ? async () => {
        const client = new pg.Client({ connectionString: target })
        await client.connect()
        try {
          await client.query(`drop schema if exists ${schema} cascade`)
        } finally {
          await client.end()
        }
      }
    : undefined
  return new KyselyStore(db, postgresBackend, { ...(onClose ? { onClose } : {}), ...(options.searchCandidates !== undefined ? { searchCandidates: options.searchCandidates } : {}) })
}
