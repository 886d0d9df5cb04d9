/**
 * @module storage/migrations/0004-published-inferred — `documents.published_inferred`: why the
 * date in `published` was inferred (see `inferPublished`), or null when the outlet gave it.
 *
 * `published` keeps the date used to sort and filter (given or inferred); listings report an
 * inferred date apart from a given one, as the analysis JSON does. Existing rows are filled
 * from `meta.publishedInferred`, where earlier versions kept the reason.
 */
import { sql, type Kysely } from 'kysely'
import type { Backend } from '../backend.js'

/** Add the column and fill it from each row's meta. */
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  await db.schema.alterTable('documents').addColumn('published_inferred', 'text').execute()
  const reason = backend.name === 'postgres' ? sql`meta->>'publishedInferred'` : sql`json_extract(meta, '$.publishedInferred')`
  await sql`update documents set published_inferred = ${reason} where ${reason} is not null`.execute(db)
}

/** Drop the column (the reason stays in each row's meta). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('published_inferred').execute()
}
