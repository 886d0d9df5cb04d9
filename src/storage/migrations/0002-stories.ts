/** @module storage/migrations/0002-stories — stories, membership and their searchable sections. */
import { sql, type Kysely } from 'kysely'
import type { Backend } from '../backend.js'

/** Create `stories`, `story_documents`, `story_entities`, `claims` and `events`. */
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  const json = sql.raw(backend.jsonType)
  const collate = backend.name === 'postgres' ? sql` collate "C"` : sql``
  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('analysis', json, (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('sources', json, (c) => c.notNull())
    .addColumn('document_count', 'integer', (c) => c.notNull())
    .addColumn('entity_count', 'integer', (c) => c.notNull())
    .addColumn('claim_count', 'integer', (c) => c.notNull())
    .addColumn('first_published', sql`text${collate}`)
    .addColumn('last_published', sql`text${collate}`)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('story_documents')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_documents_pk', ['story_id', 'document_id'])
    .execute()
  await db.schema.createIndex('story_documents_document_idx').on('story_documents').column('document_id').execute()
  await db.schema
    .createTable('story_entities')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('mention_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_entities_pk', ['story_id', 'entity_id'])
    .execute()
  await db.schema
    .createTable('claims')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('doc_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('claims_pk', ['story_id', 'claim_id'])
    .execute()
  await db.schema.createIndex('claims_status_idx').on('claims').column('status').execute()
  await db.schema
    .createTable('events')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['story_id', 'event_id'])
    .execute()
}

/** Drop what {@link up} created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['events', 'claims', 'story_entities', 'story_documents', 'stories']) await db.schema.dropTable(table).ifExists().execute()
}
