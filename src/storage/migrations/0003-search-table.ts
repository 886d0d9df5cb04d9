/**
 * @module storage/migrations/0003-search-table — PostgreSQL: the full-text index moves from a
 * generated column of `documents` to a narrow `document_search` table with an index order.
 *
 * Ranked search scores only the most recently indexed matches (see `searchCandidates`). To pick
 * them, PostgreSQL must read each match's row: in `documents` (~0.9 KB a row, the text and the
 * tsvector toasted) a common word at 100 k documents meant visiting most of an 87 MB heap;
 * `document_search` rows are ~70 bytes. `seq` grows with every (re-)indexing, as the FTS5 rowid
 * does on SQLite. Existing stores keep their tsvectors (copied, in `updated_at` order). SQLite
 * is unchanged (its FTS5 table already has this shape).
 */
import { sql, type Kysely } from 'kysely'
import type { Backend } from '../backend.js'

/** The tsvector of a `documents` row `d`: English, title weighted A, the first 500 000 characters of text B (tsvector has a 1 MB limit). */
export const documentTsvector = sql`setweight(to_tsvector('english', coalesce(d.title, '')), 'A') || setweight(to_tsvector('english', left(d.text, 500000)), 'B')`

/** Create `document_search`, fill it from `documents.search`, drop that column and its index. */
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  if (backend.name !== 'postgres') return
  await sql`create table document_search (seq bigint generated always as identity primary key, document_id text not null unique references documents (id) on delete cascade, search tsvector not null)`.execute(db)
  await sql`insert into document_search (document_id, search) select id, search from documents order by updated_at, id`.execute(db)
  await sql`create index document_search_idx on document_search using gin (search)`.execute(db)
  await sql`drop index if exists documents_search_idx`.execute(db)
  await sql`alter table documents drop column if exists search`.execute(db)
  // The candidates of an unfiltered ranked search (see postgres-backend.ts): planned with
  // these settings, so the planner cannot pick a scan that detoasts every tsvector.
  await sql`create function document_search_candidates(q tsquery, k integer) returns table (document_id text, search tsvector) language sql stable set enable_seqscan = off set max_parallel_workers_per_gather = 0 as $$ select s.document_id, s.search from document_search s where s.search @@ q order by s.seq + 0 desc limit k $$`.execute(db)
}

/** Put the generated column back (as migration 0001 made it) and drop `document_search`. */
export async function down(db: Kysely<any>, backend: Backend): Promise<void> {
  if (backend.name !== 'postgres') return
  await sql`drop function if exists document_search_candidates(tsquery, integer)`.execute(db)
  await sql`drop table if exists document_search`.execute(db)
  await backend.createSearchIndex(db)
}
