/** @module storage/sqlite-backend — SQLite specifics: an FTS5 table ranked by BM25. */
import { sql, type Kysely } from 'kysely'
import type { Backend } from './backend.js'

/**
 * SQLite backend: `documents_fts` is an FTS5 table (Porter stemmer over unicode61, diacritics
 * folded) of title and text, ranked by BM25 with titles weighted 5×. `documents_fts_ids` maps
 * document ids to FTS rowids (FTS5 rowids are stable; an unindexed id column inside the FTS
 * table would make every re-index a full scan).
 */
export const sqliteBackend: Backend = {
  name: 'sqlite',
  jsonType: 'text',
  async createSearchIndex(db: Kysely<unknown>) {
    await sql`create virtual table documents_fts using fts5(title, text, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db)
    await sql`create table documents_fts_ids (document_id text primary key references documents (id) on delete cascade, fts_rowid integer not null unique)`.execute(db)
  },
  async dropSearchIndex(db: Kysely<unknown>) {
    await sql`drop table if exists documents_fts_ids`.execute(db)
    await sql`drop table if exists documents_fts`.execute(db)
  },
  async indexDocuments(trx, rows) {
    for (const row of rows) {
      if (!row.fresh) {
        const found = await sql<{ fts_rowid: number }>`select fts_rowid from documents_fts_ids where document_id = ${row.id}`.execute(trx)
        const rowid = found.rows[0]?.fts_rowid
        if (rowid !== undefined) {
          await sql`delete from documents_fts where rowid = ${rowid}`.execute(trx)
          await sql`delete from documents_fts_ids where document_id = ${row.id}`.execute(trx)
        }
      }
      const inserted = await sql`insert into documents_fts (title, text) values (${row.title ?? ''}, ${row.text})`.execute(trx)
      await sql`insert into documents_fts_ids (document_id, fts_rowid) values (${row.id}, ${inserted.insertId})`.execute(trx)
    }
  },
  matchDocuments(words, { top, candidates, where }) {
    // Each word quoted: FTS5 operators and column filters in user input are never interpreted.
    const expr = words.map((w) => `"${w}"`).join(' ')
    // FTS5 walks the doclist newest rowid first and stops after `candidates` rows (a re-indexed
    // document gets a new rowid), so bm25 — a %_docsize read and a position-list walk per row —
    // runs on those only; the id mapping is joined for them, and the documents row only when
    // there are filters.
    const scan = where === undefined
      ? sql`select f.rowid as fts_rowid, -bm25(documents_fts, 5.0, 1.0) as rank from documents_fts f where documents_fts match ${expr} order by f.rowid desc limit ${candidates}`
      : sql`select f.rowid as fts_rowid, -bm25(documents_fts, 5.0, 1.0) as rank from documents_fts f cross join documents_fts_ids fi on fi.fts_rowid = f.rowid cross join documents d on d.id = fi.document_id where documents_fts match ${expr} and ${where} order by f.rowid desc limit ${candidates}`
    return sql<{ document_id: string; rank: number }>`(select i.document_id as document_id, c.rank as rank from (${scan}) c join documents_fts_ids i on i.fts_rowid = c.fts_rowid order by c.rank desc, i.document_id limit ${top})`
  },
}
