/** @module storage/store.test — the conformance suite on every backend in STORES (sqlite,postgres). */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { createStore, resolveStoreUrl } from './create-store.js'
import type { StoreSchema } from './schema.js'
import { postgresReachable, runSearchBoundConformance, runStoreConformance, testPostgresUrl } from './store.conformance.js'

const requested = process.env['STORES']?.split(',').map((s) => s.trim()).filter(Boolean)
const stores = requested ?? ['sqlite', ...((await postgresReachable()) ? ['postgres'] : [])]
if (!stores.includes('postgres')) console.warn(`storage tests: PostgreSQL at ${testPostgresUrl} is not reachable; running SQLite only (set STORES=sqlite,postgres to require it).`)

for (const name of stores) {
  if (name === 'sqlite') {
    runStoreConformance('sqlite', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parallax-store-'))
      const store = await createStore(join(dir, 'test.db'))
      const close = store.close.bind(store)
      return Object.assign(store, { close: async () => { await close(); rmSync(dir, { recursive: true, force: true }) } })
    })
    runSearchBoundConformance('sqlite', async (searchCandidates) => {
      const dir = mkdtempSync(join(tmpdir(), 'parallax-store-'))
      const store = await createStore(join(dir, 'test.db'), { searchCandidates })
      const close = store.close.bind(store)
      return Object.assign(store, { close: async () => { await close(); rmSync(dir, { recursive: true, force: true }) } })
    })
  } else if (name === 'postgres') {
    const schema = (): string => `test_${process.pid}_${randomBytes(4).toString('hex')}`
    runStoreConformance('postgres', () => createStore(testPostgresUrl, { schema: schema(), dropSchemaOnClose: true }))
    runSearchBoundConformance('postgres', (searchCandidates) => createStore(testPostgresUrl, { schema: schema(), dropSchemaOnClose: true, searchCandidates }))
    /** A Kysely handle on a fresh, empty schema (no migrations run), dropped after `body`. */
    const inFreshSchema = async (body: (db: Kysely<StoreSchema>, name: string) => Promise<void>): Promise<void> => {
      const { default: pg } = await import('pg')
      const name = schema()
      const admin = new pg.Client({ connectionString: testPostgresUrl })
      await admin.connect()
      await admin.query(`create schema ${name}`)
      const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testPostgresUrl, max: 1, options: `-c search_path=${name}` }) }) })
      try {
        await body(db, name)
      } finally {
        await db.destroy()
        await admin.query(`drop schema if exists ${name} cascade`)
        await admin.end()
      }
    }
    test('postgres: a store made before migration 0003 migrates, its documents still found; down and up again', async () => {
      const { migrateStore } = await import('./kysely-store.js')
      const { postgresBackend } = await import('./postgres-backend.js')
      await inFreshSchema(async (db, name) => {
        await migrateStore(db, postgresBackend, '0002-stories', name)
        const row = { url_norm: null, revision: 'r', source: null, url: null, published: '2025-05-01', ingested_at: '2025-05-01T00:00:00Z', updated_at: '2025-05-01T00:00:00Z', meta: '{}', messages: '[]' }
        for (const [id, title, text] of [['old1', 'Grain deal', 'The grain corridor reopened.'], ['old2', 'Other news', 'Nothing about cereals.']] as const) {
          await db.insertInto('documents').values({ id, title, text, content_hash: id, length: text.length, ...row, ...(id === 'old2' ? { meta: JSON.stringify({ published: '2025-05-01', publishedInferred: 'same story as old1' }) } : {}) }).execute()
        }
        await migrateStore(db, postgresBackend, undefined, name)
        expect((await sql<{ n: string }>`select count(*) as n from document_search`.execute(db)).rows[0]?.n).toBe('2')
        const store = await createStore(testPostgresUrl, { schema: name })
        try {
          expect((await store.search({ text: 'grain' })).map((h) => h.document.id)).toEqual(['old1'])
          // Migration 0004 reads the inferred date's reason out of meta.
          expect((await store.listDocuments()).find((d) => d.id === 'old2')).toMatchObject({ published: null, publishedInferred: { date: '2025-05-01', reason: 'same story as old1' } })
          expect((await store.listDocuments()).find((d) => d.id === 'old1')).toMatchObject({ published: '2025-05-01' })
        } finally {
          await store.close()
        }
        await migrateStore(db, postgresBackend, '0002-stories', name)
        expect((await sql<{ id: string }>`select id from documents where search @@ plainto_tsquery('english', 'corridor')`.execute(db)).rows).toEqual([{ id: 'old1' }])
        await migrateStore(db, postgresBackend, undefined, name)
        expect((await sql<{ document_id: string }>`select document_id from document_search where search @@ plainto_tsquery('english', 'cereals')`.execute(db)).rows).toEqual([{ document_id: 'old2' }])
      })
    }, 60_000)
    test('postgres: migration 0005 drops the entity-name index and goes down again', async () => {
      const { migrateStore } = await import('./kysely-store.js')
      const { postgresBackend } = await import('./postgres-backend.js')
      await inFreshSchema(async (db, name) => {
        const indexes = async (): Promise<string[]> => (await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = ${name} and tablename = 'document_entities' order by indexname`.execute(db)).rows.map((r) => r.indexname)
        await migrateStore(db, postgresBackend, '0004-published-inferred', name)
        expect(await indexes()).toEqual(['document_entities_name_idx', 'document_entities_pk'])
        await migrateStore(db, postgresBackend, undefined, name)
        expect(await indexes()).toEqual(['document_entities_pk'])
        await migrateStore(db, postgresBackend, '0004-published-inferred', name)
        expect(await indexes()).toEqual(['document_entities_name_idx', 'document_entities_pk'])
      })
    }, 60_000)
    test('postgres: stores in other schemas (parallel runs) do not confuse migrations', async () => {
      const other = await createStore(testPostgresUrl, { schema: schema(), dropSchemaOnClose: true })
      const mine = await createStore(testPostgresUrl, { schema: schema(), dropSchemaOnClose: true })
      try {
        expect((await mine.counts()).documents).toBe(0)
      } finally {
        await mine.close()
        await other.close()
      }
    }, 60_000)
  } else {
    throw new Error(`STORES: unknown store ${JSON.stringify(name)}; use sqlite and/or postgres.`)
  }
}

describe('resolveStoreUrl', () => {
  test.each([
    [undefined, {}, { backend: 'sqlite', target: './.parallax/parallax.db' }],
    [undefined, { PARALLAX_DB: '/tmp/x.db' }, { backend: 'sqlite', target: '/tmp/x.db' }],
    [undefined, { DATABASE_URL: 'postgres://u@h/db' }, { backend: 'postgres', target: 'postgres://u@h/db' }],
    ['sqlite:data/p.db', { DATABASE_URL: 'postgres://u@h/db' }, { backend: 'sqlite', target: 'data/p.db' }],
    ['postgresql://u:p@h:5432/db', {}, { backend: 'postgres', target: 'postgresql://u:p@h:5432/db' }],
    [':memory:', {}, { backend: 'sqlite', target: ':memory:' }],
  ])('%s with %j', (url, env, expected) => {
    expect(resolveStoreUrl(url, env)).toEqual(expected)
  })

  test('an unsupported scheme says what to use, without the password', () => {
    expect(() => resolveStoreUrl('mysql://root:secret@h/db', {})).toThrow(/postgres:\/\/.*\n?/)
    expect(() => resolveStoreUrl('mysql://root:secret@h/db', {})).not.toThrow(/secret/)
  })

  test('migrations run down and up again (sqlite)', async () => {
    const { Kysely, SqliteDialect } = await import('kysely')
    const { default: Database } = await import('better-sqlite3')
    const { migrateStore } = await import('./kysely-store.js')
    const { sqliteBackend } = await import('./sqlite-backend.js')
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) })
    await migrateStore(db, sqliteBackend)
    await migrateStore(db, sqliteBackend, 'none')
    const tables = async (): Promise<string[]> => (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('parallax_migrations') && !/^documents_fts_(data|idx|content|docsize|config)$/.test(n)).sort()
    expect(await tables()).toEqual([])
    await migrateStore(db, sqliteBackend)
    expect(await tables()).toEqual(['claims', 'document_entities', 'documents', 'documents_fts', 'documents_fts_ids', 'events', 'layers', 'stories', 'story_documents', 'story_entities'])
    await db.destroy()
  })

  test('migration 0005 drops the unused entity-name index, keeps the rows, and goes down again (sqlite)', async () => {
    const { Kysely, SqliteDialect, sql } = await import('kysely')
    const { default: Database } = await import('better-sqlite3')
    const { migrateStore } = await import('./kysely-store.js')
    const { sqliteBackend } = await import('./sqlite-backend.js')
    const database = new Database(':memory:')
    database.pragma('foreign_keys = ON')
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) })
    const indexes = (): string[] => (database.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'document_entities' and sql is not null order by name`).all() as { name: string }[]).map((r) => r.name)
    const plan = (): string => (database.prepare(`explain query plan select 1 from document_entities e where e.document_id = ? and e.name like ?`).all('d1', '%kyiv%') as { detail: string }[]).map((r) => r.detail).join('; ')
    await migrateStore(db, sqliteBackend, '0004-published-inferred')
    expect(indexes()).toEqual(['document_entities_name_idx'])
    await sql`insert into documents (id, url_norm, content_hash, revision, published, length, ingested_at, updated_at, meta, messages, text) values ('d1', null, 'h', 'r', null, 1, 't', 't', '{}', '[]', 'x')`.execute(db)
    await sql`insert into document_entities (document_id, name, label) values ('d1', 'kyiv', 'GPE'), ('d1', 'zelensky', 'PER')`.execute(db)
    // The entity filter's lookup goes by document either way: the name index never served it.
    expect(plan()).not.toMatch(/document_entities_name_idx/)
    await migrateStore(db, sqliteBackend)
    expect(indexes()).toEqual([])
    expect(plan()).toMatch(/document_id=\?/)
    expect((await sql<{ name: string }>`select name from document_entities where document_id = 'd1' and name like '%kyiv%'`.execute(db)).rows).toEqual([{ name: 'kyiv' }])
    await sql`delete from documents where id = 'd1'`.execute(db)
    expect((await sql<{ n: number }>`select count(*) as n from document_entities`.execute(db)).rows[0]?.n).toBe(0)
    await migrateStore(db, sqliteBackend, '0004-published-inferred')
    expect(indexes()).toEqual(['document_entities_name_idx'])
    await db.destroy()
  })

  test('migration 0004 fills published_inferred from meta, and goes down again (sqlite)', async () => {
    const { Kysely, SqliteDialect, sql } = await import('kysely')
    const { default: Database } = await import('better-sqlite3')
    const { migrateStore } = await import('./kysely-store.js')
    const { sqliteBackend } = await import('./sqlite-backend.js')
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) })
    await migrateStore(db, sqliteBackend, '0003-search-table')
    const row = { url_norm: null, revision: 'r', title: null, source: null, url: null, published: '2025-05-01', ingested_at: '2025-05-01T00:00:00Z', updated_at: '2025-05-01T00:00:00Z', messages: '[]', content_hash: 'h', length: 1, text: 'x' }
    await sql`insert into documents (id, meta, url_norm, revision, title, source, url, published, ingested_at, updated_at, messages, content_hash, length, text) values ('given', '{}', ${row.url_norm}, ${row.revision}, ${row.title}, ${row.source}, ${row.url}, ${row.published}, ${row.ingested_at}, ${row.updated_at}, ${row.messages}, 'h1', 1, 'x'), ('guessed', ${JSON.stringify({ published: '2025-05-01', publishedInferred: 'why' })}, ${row.url_norm}, ${row.revision}, ${row.title}, ${row.source}, ${row.url}, ${row.published}, ${row.ingested_at}, ${row.updated_at}, ${row.messages}, 'h2', 1, 'x')`.execute(db)
    await migrateStore(db, sqliteBackend)
    expect((await sql<{ id: string; published_inferred: string | null }>`select id, published_inferred from documents order by id`.execute(db)).rows).toEqual([
      { id: 'given', published_inferred: null },
      { id: 'guessed', published_inferred: 'why' },
    ])
    await migrateStore(db, sqliteBackend, '0003-search-table')
    expect((await db.introspection.getTables()).find((t) => t.name === 'documents')?.columns.map((c) => c.name)).not.toContain('published_inferred')
    await db.destroy()
  })
})
