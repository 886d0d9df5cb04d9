/**
 * @module storage/migrations/0005-drop-entity-name-index — `document_entities` keeps only its
 * primary key (document, name, label); the index on `name` goes.
 *
 * No query reads `document_entities` by name: the search `entity` filter is
 * `e.document_id = d.id and e.name like '%…%'`, which a B-tree on `name` cannot serve (leading
 * wildcard; EXPLAIN QUERY PLAN uses the primary key), and deletes go by document. The index was
 * pure write cost, and a cost that grew with the store: a document's ~26 names land on ~26
 * random pages of an index that outgrows any batch, so at 100 k documents each 500-document
 * batch dirtied, and wrote through the WAL, thousands of the index's pages (SQLite insert +
 * commit CPU 0.11 → 0.42 ms per article from the first 1 k to the last 10 k; see
 * docs/bench/bench.md, "flat SQLite insert"). The primary key's rows of a batch are adjacent.
 */
import type { Kysely } from 'kysely'

/** Drop the index on `document_entities.name`. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('document_entities_name_idx').ifExists().execute()
}

/** Put it back, as migration 0001 made it. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('document_entities_name_idx').ifNotExists().on('document_entities').column('name').execute()
}
