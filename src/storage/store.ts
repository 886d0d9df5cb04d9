/** @module storage/store — the `Store` interface: documents, their layers and stories, behind one API. */
import type { Analysis } from '../analysis/analysis.js'
import type { Document, DocumentMeta } from '../document/document.js'

/** Which backend a store runs on. */
export type StoreBackend = 'sqlite' | 'postgres'

/** What a write did: inserted a new row, replaced an existing one, or found it identical. */
export type WriteStatus = 'added' | 'updated' | 'unchanged'

/** The outcome of {@link Store.putDocument} / {@link Store.resolveDocument}. */
export interface PutDocumentResult {
  /** The id the document has in the store (may differ from `doc.id` when that id was taken by other content). */
  readonly id: string
  readonly status: WriteStatus
}

/** Options of {@link Store.putDocument}. */
export interface PutDocumentOptions {
  /** Version string per layer name, stored beside the items (default `'1'`). */
  readonly layerVersions?: Readonly<Record<string, string>>
}

/** One document as listed: metadata without text or layers. */
export interface DocumentSummary {
  readonly id: string
  readonly title: string | null
  readonly source: string | null
  readonly url: string | null
  /** The publication date the outlet gave, ISO 8601, or null (see `publishedInferred`). */
  readonly published: string | null
  /**
   * Present when the outlet gave no date and one was inferred (`inferPublished`): the date and
   * why. Date filters and the newest-first order use it as they use `published`.
   */
  readonly publishedInferred?: { readonly date: string; readonly reason: string }
  /** Text length in UTF-16 code units. */
  readonly length: number
  /** Normalised URL (see `normalizeUrl`), or null when the document has no URL. */
  readonly urlNorm: string | null
  /** SHA-256 hex of the text (see `contentHash`). */
  readonly contentHash: string
  /** When it was first stored, ISO 8601. */
  readonly ingestedAt: string
}

/** A story to store: its member documents (already stored) and the analysis of just those documents. */
export interface StoryInput {
  readonly id: string
  readonly title: string
  readonly summary: string
  /** Member document ids, in display order. */
  readonly documentIds: readonly string[]
  /** The analysis of the member documents; offsets index their stored texts. Extra sections are kept as they are. */
  readonly analysis: Analysis
}

/** One story as listed. */
export interface StorySummary {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly documentCount: number
  /** Distinct outlet names of the members, sorted. */
  readonly sources: readonly string[]
  /** Earliest and latest publication date of the members, ISO 8601, or null. */
  readonly firstPublished: string | null
  readonly lastPublished: string | null
  readonly entityCount: number
  readonly claimCount: number
  readonly updatedAt: string
}

/** A stored story with its full analysis. */
export interface StoryRecord extends StorySummary {
  readonly documentIds: readonly string[]
  readonly analysis: Analysis
}

/** A document search: full-text `text` (ranked) and/or filters; all given conditions must hold. */
export interface SearchQuery {
  /** Words to find (all must occur; stemmed per backend). Omit to filter only. */
  readonly text?: string
  /** Only documents mentioning an entity whose name or alias contains this (case-insensitive). */
  readonly entity?: string
  /** Only documents whose outlet (`meta.source`) contains this (case-insensitive). */
  readonly source?: string
  /** Only documents published on or after this ISO date. */
  readonly from?: string
  /** Only documents published on or before this ISO date (a bare date includes that whole day). */
  readonly to?: string
  /** Most hits returned (default 20, at most 200). */
  readonly limit?: number
  readonly offset?: number
}

/** One search hit: the document, its rank (higher is better; backend-specific scale) and its stories. */
export interface SearchHit {
  readonly document: DocumentSummary
  readonly rank: number
  readonly storyIds: readonly string[]
}

/** Row counts per table, for monitoring and idempotency checks. */
export interface StoreCounts {
  readonly documents: number
  readonly layers: number
  readonly stories: number
  readonly storyDocuments: number
  readonly entities: number
  readonly claims: number
  readonly events: number
}

/**
 * Persistent storage of documents (text + meta + standoff layers) and stories (membership +
 * analysis). Implemented once on Kysely for SQLite and PostgreSQL; create one with `createStore(url)`.
 * Every method is safe to call concurrently; each write is its own transaction.
 *
 * Identity: a document is the same as a stored one when its normalised URL matches (then a
 * different text means `updated`) or, without a URL, when its content hash matches. Putting
 * the same document twice leaves the store unchanged (`unchanged`).
 *
 * @example
 * const store = await createStore()            // ./.parallax/parallax.db or PARALLAX_DB
 * const { id, status } = await store.putDocument(doc)
 * const hits = await store.search({ text: 'ceasefire', source: 'Reuters' })
 * await store.close()
 */
export interface Store {
  readonly backend: StoreBackend
  /** What {@link putDocument} would do with `doc`, without writing: the id it would get and the status. */
  resolveDocument(doc: Document): Promise<PutDocumentResult>
  /** Store a document and all its layers in one transaction (idempotent; see the identity rules above). */
  putDocument(doc: Document, options?: PutDocumentOptions): Promise<PutDocumentResult>
  /**
   * Store many documents in one transaction, with multi-row inserts: the batch is stored whole
   * or not at all. Results (in order) are those of calling {@link putDocument} on each in turn:
   * a later document with the identity of an earlier one in the batch updates it (or is
   * `unchanged`). Much faster than one `putDocument` per document for bulk loads (PostgreSQL
   * above all: one commit instead of one per document); keep batches to a few hundred documents.
   */
  putDocuments(docs: readonly Document[], options?: PutDocumentOptions): Promise<PutDocumentResult[]>
  /** The stored document with its layers. Throws `NotFoundError` when there is none. */
  getDocument(id: string): Promise<Document>
  /** A stored document by normalised URL or content hash, if any. */
  findDocument(by: { readonly url?: string; readonly contentHash?: string }): Promise<DocumentSummary | undefined>
  /** Documents, newest publication first (unknown dates last), then by id. */
  listDocuments(page?: { readonly limit?: number; readonly offset?: number }): Promise<DocumentSummary[]>
  /** Store or replace a story, its membership and its searchable sections in one transaction. */
  putStory(story: StoryInput): Promise<WriteStatus>
  /** The stored story. Throws `NotFoundError` when there is none. */
  getStory(id: string): Promise<StoryRecord>
  /** Stories, most recent member publication first. */
  listStories(page?: { readonly limit?: number; readonly offset?: number }): Promise<StorySummary[]>
  /** Ids of the stories a document belongs to. */
  storiesOfDocument(id: string): Promise<string[]>
  /** Remove a story (not its documents); false when there was none. */
  deleteStory(id: string): Promise<boolean>
  /** Ranked full-text search over documents (title and text) with filters. */
  /**
   * Ranked text search scores at most this many matches, the most recently stored first (filters
   * apply before the cut; set with `createStore(url, { searchCandidates })`). Below it, results are
   * exact; above it, an older article that would rank higher is found by narrowing with
   * `source`/`from`/`to`.
   */
  readonly searchCandidates: number
  search(query: SearchQuery): Promise<SearchHit[]>
  /** Row counts per table. */
  counts(): Promise<StoreCounts>
  /** Close the connection(s). The store is unusable afterwards. */
  close(): Promise<void>
}

/** Metadata fields the store keeps in columns (the rest stays in `meta`). */
export type IndexedMeta = Pick<DocumentMeta, 'title' | 'source' | 'url' | 'published'>
