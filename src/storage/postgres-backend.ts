/** @module storage/postgres-backend — PostgreSQL specifics: a generated tsvector column with a GIN index. */
import { sql, type Kysely } from 'kysely'
import type { Backend } from './backend.js'

/**
 * PostgreSQL backend: `documents.search` is a stored generated `tsvector` (English config,
 * title weighted A, the first 500 000 characters of text B — tsvector has a 1 MB limit) with
 * a GIN index, ranked by `ts_rank_cd`.
 */
export const postgresBackend: Backend = {
  name: 'postgres',
  jsonType: 'jsonb',
  async createSearchIndex(db: Kysely<unknown>) {
    await sql`alter table documents add column search tsvector generated always as (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', left(text, 500000)), 'B')) stored`.execute(db)
    await sql`create index documents_search_idx on documents using gin (search)`.execute(db)
  },
  async dropSearchIndex(db: Kysely<unknown>) {
    await sql`drop index if exists documents_search_idx`.execute(db)
    await sql`alter table documents drop column if exists search`.execute(db)
  },
  // The generated column follows every insert and update by itself.
  async indexDocument() {},
  async unindexDocument() {},
  matchDocuments(words, top) {
    const query = words.join(' ')
    const limit = top === undefined ? sql`` : sql` order by rank desc, id limit ${top}`
    return sql<{ document_id: string; rank: number }>`(select id as document_id, ts_rank_cd(search, plainto_tsquery('english', ${query})) as rank from documents where search @@ plainto_tsquery('english', ${query})${limit})`
  },
}
