/** @module storage/migrations/0001-documents — documents, their layers, entity names and the full-text index. */
import { sql, type Kysely } from 'kysely'
import type { Backend } from '../backend.js'

/** Create `documents`, `layers`, `document_entities` and the backend's full-text index. */
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  const json = sql.raw(backend.jsonType)
  // Byte-wise collation on PostgreSQL so ISO dates compare as on SQLite, whatever the locale.
  const collate = backend.name === 'postgres' ? sql` collate "C"` : sql``
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('meta', json, (c) => c.notNull())
    .addColumn('messages', json, (c) => c.notNull())
    .addColumn('url_norm', 'text', (c) => c.unique())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('source', 'text')
    .addColumn('url', 'text')
    .addColumn('published', sql`text${collate}`)
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('documents_content_hash_idx').on('documents').column('content_hash').execute()
  await db.schema.createIndex('documents_published_idx').on('documents').column('published').execute()
  await db.schema
    .createTable('layers')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('items', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('layers_pk', ['document_id', 'name'])
    .execute()
  await db.schema
    .createTable('document_entities')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_entities_pk', ['document_id', 'name', 'label'])
    .execute()
  await db.schema.createIndex('document_entities_name_idx').on('document_entities').column('name').execute()
  await backend.createSearchIndex(db)
}

/** Drop what {@link up} created. */
export async function down(db: Kysely<any>, backend: Backend): Promise<void> {
  await backend.dropSearchIndex(db)
  await db.schema.dropTable('document_entities').ifExists().execute()
  await db.schema.dropTable('layers').ifExists().execute()
  await db.schema.dropTable('documents').ifExists().execute()
}
