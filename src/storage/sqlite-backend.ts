/** @module storage/sqlite-backend — SQLite specifics: an FTS5 table ranked by BM25. */
import { sql, type Kysely } from 'kysely'
import type { Backend } from './backend.js'

/**
 * SQLite backend: `documents_fts` is an FTS5 table (Porter stemmer over unicode61, diacritics
 * folded) holding title and text per document id, ranked by BM25 with titles weighted 5×.
 */
export const sqliteBackend: Backend = {
  name: 'sqlite',
  jsonType: 'text',
  async createSearchIndex(db: Kysely<any>) {
    await sql`create virtual table documents_fts using fts5(document_id unindexed, title, text, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db)
  },
  async dropSearchIndex(db: Kysely<any>) {
    await sql`drop table if exists documents_fts`.execute(db)
  },
  async indexDocument(trx, row) {
    await sql`delete from documents_fts where document_id = ${row.id}`.execute(trx)
    await sql`insert into documents_fts (document_id, title, text) values (${row.id}, ${row.title ?? ''}, ${row.text})`.execute(trx)
  },
  async unindexDocument(trx, id) {
    await sql`delete from documents_fts where document_id = ${id}`.execute(trx)
  },
  matchDocuments(words) {
    // Each word quoted: FTS5 operators and column filters in user input are never interpreted.
    const expr = words.map((w) => `"${w}"`).join(' ')
    return sql<{ document_id: string; rank: number }>`(select document_id, -bm25(documents_fts, 0.0, 5.0, 1.0) as rank from documents_fts where documents_fts match ${expr})`
  },
}
