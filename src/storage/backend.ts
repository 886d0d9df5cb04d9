/** @module storage/backend — what differs between SQLite and PostgreSQL: full-text search and a few types. */
import type { Kysely, RawBuilder, Transaction } from 'kysely'
import type { StoreBackend } from './store.js'
import type { StoreSchema } from './schema.js'

/** A document's searchable fields as {@link Backend.indexDocuments} takes them. */
export interface IndexedDocument {
  readonly id: string
  readonly title: string | null
  readonly text: string
  readonly fresh: boolean
}

/** The per-backend part of the store; everything else is written once in Kysely. */
export interface Backend {
  readonly name: StoreBackend
  /** Column type of JSON columns (`jsonb` or `text`). */
  readonly jsonType: 'jsonb' | 'text'
  /** Create the full-text index of `documents` (migration 0001). */
  createSearchIndex(db: Kysely<unknown>): Promise<void>
  /** Drop it (migration 0001 down). */
  dropSearchIndex(db: Kysely<unknown>): Promise<void>
  /**
   * Index (or re-index) documents' titles and texts, inside the write transaction. `fresh`
   * says the document was inserted by this transaction, so it has nothing to un-index.
   */
  indexDocuments(trx: Transaction<StoreSchema>, rows: readonly IndexedDocument[]): Promise<void>
  /** A statement run, in a transaction, before each ranked search with filters (planner settings). */
  readonly searchSettings?: RawBuilder<unknown>
  /**
   * A derived table `(document_id, rank)`, rank higher is better, of the best `top` documents
   * (ties broken by document id) among the {@link MatchOptions.candidates} most recently
   * written documents that contain every word and satisfy `where`. `words` are plain
   * letters/digits, at least one. Only the candidates are scored, so a query whose words occur
   * in most of a large corpus costs the same as one with `candidates` matches.
   */
  matchDocuments(words: readonly string[], options: MatchOptions): RawBuilder<{ document_id: string; rank: number }>
}

/** Options of {@link Backend.matchDocuments}. */
export interface MatchOptions {
  /** Rows returned: the best `top` candidates. */
  readonly top: number
  /** Most matches scored: the most recently stored or updated ones. */
  readonly candidates: number
  /** A condition on the matching document, table alias `d` (`documents`), joined only when given. */
  readonly where?: RawBuilder<unknown>
}

/** Split a user query into plain words (letters and digits), lower-cased; operators are dropped. */
export function queryWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32)
}
