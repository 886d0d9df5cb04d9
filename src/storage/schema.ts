/** @module storage/schema — table types of the store, as Kysely sees them. */
import type { Generated } from 'kysely'

/**
 * JSON columns are written as JSON text; SQLite returns text, PostgreSQL (jsonb) the parsed
 * value — read them through `fromJson`.
 */
export type JsonColumn = unknown

/** `documents`: one row per article. Text is stored whole; offsets are never computed in SQL. */
export interface DocumentsTable {
  id: string
  text: string
  meta: JsonColumn
  messages: JsonColumn
  url_norm: string | null
  content_hash: string
  /** SHA-256 over text, meta (less `path`) and layers: equal revision means nothing to write. */
  revision: string
  title: string | null
  source: string | null
  url: string | null
  /** The date used to sort and filter: given by the outlet, or inferred (then `published_inferred` says why). */
  published: string | null
  /** Why `published` was inferred (migration 0004), or null when the outlet gave the date. */
  published_inferred: string | null
  length: number
  ingested_at: string
  updated_at: string
}

/** `layers`: one row per (document, layer). */
export interface LayersTable {
  document_id: string
  name: string
  version: string
  items: JsonColumn
}

/** `document_entities`: lower-cased entity names per document, for the `entity` search filter. */
export interface DocumentEntitiesTable {
  document_id: string
  name: string
  label: string
}

/** `stories`: one row per story with its whole analysis and the figures shown in lists. */
export interface StoriesTable {
  id: string
  title: string
  summary: string
  analysis: JsonColumn
  revision: string
  sources: JsonColumn
  document_count: number
  entity_count: number
  claim_count: number
  first_published: string | null
  last_published: string | null
  updated_at: string
}

/** `story_documents`: story membership, ordered. */
export interface StoryDocumentsTable {
  story_id: string
  document_id: string
  position: number
}

/** `story_entities`: the actors of each story, searchable. */
export interface StoryEntitiesTable {
  story_id: string
  entity_id: string
  name: string
  type: string
  mention_count: number
}

/** `claims`: each story's claims with their status. */
export interface ClaimsTable {
  story_id: string
  claim_id: string
  text: string
  status: string
  doc_count: number
}

/** `events`: each story's dated events. */
export interface EventsTable {
  story_id: string
  event_id: string
  date: string
  text: string
}

/** The whole schema. */
export interface StoreSchema {
  documents: DocumentsTable
  layers: LayersTable
  document_entities: DocumentEntitiesTable
  stories: StoriesTable
  story_documents: StoryDocumentsTable
  story_entities: StoryEntitiesTable
  claims: ClaimsTable
  events: EventsTable
}

/** Kysely `Generated` re-exported for migrations that add defaulted columns. */
export type { Generated }

/** Parse a JSON column value read from either backend. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}
