/** @module storage/postgres-backend — PostgreSQL specifics: a tsvector table with a GIN index. */
import { sql, type Kysely } from 'kysely'
import type { Backend } from './backend.js'
import { documentTsvector } from './migrations/0003-search-table.js'

/**
 * PostgreSQL backend: `document_search` holds each document's `tsvector` (English config, title
 * weighted A, the first 500 000 characters of text B — tsvector has a 1 MB limit) with a GIN
 * index and an index order `seq` (migration 0003; 0001 made a generated column of `documents`,
 * which {@link Backend.createSearchIndex} still creates for that migration), ranked by `ts_rank_cd`.
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
  async indexDocuments(trx, rows) {
    // Computed from the rows just written, in one statement per chunk; a re-indexed document
    // gets a new `seq` (it counts as recent again).
    const stale = rows.filter((r) => !r.fresh).map((r) => r.id)
    for (let i = 0; i < stale.length; i += 500) await sql`delete from document_search where document_id in (${sql.join(stale.slice(i, i + 500))})`.execute(trx)
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id)
      await sql`insert into document_search (document_id, search) select d.id, ${documentTsvector} from documents d where d.id in (${sql.join(ids)}) order by d.id`.execute(trx)
    }
  },
  // Without enable_seqscan = off the planner prices `search @@ q` as one cheap operator and,
  // for a common word, reads every row and detoasts every tsvector (0.8 s at 100 k) instead of
  // using GIN. Parallel workers cost more to start than a bounded search takes. (Unfiltered
  // searches get the same settings from document_search_candidates, without a transaction.)
  searchSettings: sql`set local enable_seqscan = off; set local max_parallel_workers_per_gather = 0`,
  matchDocuments(words, { top, candidates, where }) {
    const query = sql`plainto_tsquery('english', ${words.join(' ')})`
    // GIN finds every match (a bitmap heap scan of document_search), and only the `candidates`
    // most recently indexed are ranked, so ts_rank_cd decompresses that many tsvectors. `seq + 0`:
    // ordered by the primary key itself, the planner walks it backwards testing `@@` on every
    // row until it has `candidates` matches — all rows for a rare word.
    const scan = where === undefined
      ? sql`select * from document_search_candidates(${query}, ${candidates})`
      : sql`select s.document_id, s.search from document_search s join documents d on d.id = s.document_id where s.search @@ ${query} and ${where} order by s.seq + 0 desc limit ${candidates}`
    return sql<{ document_id: string; rank: number }>`(select c.document_id, ts_rank_cd(c.search, ${query}) as rank from (${scan}) c order by rank desc, c.document_id limit ${top})`
  },
}
