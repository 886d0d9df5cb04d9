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
  async indexDocuments() {},
  matchDocuments(words, { top, candidates, where }) {
    const query = sql`plainto_tsquery('english', ${words.join(' ')})`
    const filter = where === undefined ? sql`` : sql` and ${where}`
    // The GIN index finds every match (a bitmap, cheap); only the `candidates` most recently
    // written are ranked, so ts_rank_cd detoasts that many tsvectors, not every match's.
    return sql<{ document_id: string; rank: number }>`(select c.id as document_id, ts_rank_cd(c.search, ${query}) as rank from (select d.id, d.search from documents d where d.search @@ ${query}${filter} order by d.updated_at desc, d.id desc limit ${candidates}) c order by rank desc, c.id limit ${top})`
  },
}
