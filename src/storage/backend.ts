/** @module storage/backend — what differs between SQLite and PostgreSQL: full-text search and a few types. */
import type { Kysely, RawBuilder, Transaction } from 'kysely'
import type { StoreBackend } from './store.js'
import type { StoreSchema } from './schema.js'

/** The per-backend part of the store; everything else is written once in Kysely. */
export interface Backend {
  readonly name: StoreBackend
  /** Column type of JSON columns (`jsonb` or `text`). */
  readonly jsonType: 'jsonb' | 'text'
  /** Create the full-text index of `documents` (migration 0001). */
  createSearchIndex(db: Kysely<unknown>): Promise<void>
  /** Drop it (migration 0001 down). */
  dropSearchIndex(db: Kysely<unknown>): Promise<void>
  /** Index (or re-index) one document's title and text, inside the write transaction. */
  indexDocument(trx: Transaction<StoreSchema>, row: { id: string; title: string | null; text: string }): Promise<void>
  /** Remove one document from the index. */
  unindexDocument(trx: Transaction<StoreSchema>, id: string): Promise<void>
  /**
   * A derived table `(document_id, rank)` of the documents containing every word, rank higher
   * is better. `words` are plain letters/digits, at least one. With `top`, only the best
   * `top` (ties broken by document id), so an unfiltered search joins 20 rows, not thousands.
   */
  matchDocuments(words: readonly string[], top?: number): RawBuilder<{ document_id: string; rank: number }>
}

/** Split a user query into plain words (letters and digits), lower-cased; operators are dropped. */
export function queryWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32)
}
