/** @module storage/kysely-store — the `Store`, written once in Kysely over a per-backend `Backend`. */
import { createHash } from 'node:crypto'
import { Migrator, NO_MIGRATIONS, sql, type Kysely, type Migration, type RawBuilder, type Transaction } from 'kysely'
import type { Analysis } from '../analysis/analysis.js'
import { createDocument, type Document, type DocumentMeta, type LayerMap } from '../document/document.js'
import type { Message } from '../document/message.js'
import { NotFoundError, PipelineError } from '../pipeline/errors.js'
import { queryWords, type Backend } from './backend.js'
import { contentHash, normalizeUrl } from './identity.js'
import * as m0001 from './migrations/0001-documents.js'
import * as m0002 from './migrations/0002-stories.js'
import * as m0003 from './migrations/0003-search-table.js'
import * as m0004 from './migrations/0004-published-inferred.js'
import * as m0005 from './migrations/0005-drop-entity-name-index.js'
import { fromJson, type StoreSchema } from './schema.js'
import type {
  DocumentSummary,
  PutDocumentOptions,
  PutDocumentResult,
  SearchHit,
  SearchQuery,
  Store,
  StoreCounts,
  StoryInput,
  StoryRecord,
  StorySummary,
  WriteStatus,
} from './store.js'

/** The numbered migrations, in order; each takes the backend for what differs. */
const migrations: readonly [string, { up: typeof m0001.up; down: typeof m0001.down }][] = [
  ['0001-documents', m0001],
  ['0002-stories', m0002],
  ['0003-search-table', m0003],
  ['0004-published-inferred', m0004],
  ['0005-drop-entity-name-index', m0005],
]

/**
 * Bring the schema up to date (or down to `target`, a migration name or 'none'). On
 * PostgreSQL pass the `schema` in use: Kysely otherwise finds the migration tables of any
 * schema, and a parallel run in another schema would make it skip creating ours.
 */
export async function migrateStore<DB>(db: Kysely<DB>, backend: Backend, target?: string, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {}
        for (const [name, m] of migrations) out[name] = { up: (d) => m.up(d, backend), down: (d) => m.down(d, backend) }
        return out
      },
    },
    migrationTableName: 'parallax_migrations',
    migrationLockTableName: 'parallax_migrations_lock',
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  })
  const result = target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target === 'none' ? NO_MIGRATIONS : target)
  const failure = result.error
  if (failure) throw new Error(`storage: migration failed: ${failure instanceof Error ? failure.message : typeof failure === 'string' ? failure : JSON.stringify(failure)}`, { cause: failure })
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** JSON with object keys sorted, so equal values hash equally. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  })
}

function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback
  return Math.max(1, Math.min(max, Math.floor(limit)))
}

/** The day after an ISO date `YYYY-MM-DD`, for inclusive `to` filters. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

function nowIso(): string {
  return new Date().toISOString()
}

type DocumentRow = Pick<StoreSchema['documents'], 'id' | 'title' | 'source' | 'url' | 'published' | 'published_inferred' | 'length' | 'url_norm' | 'content_hash' | 'ingested_at'>

const summaryColumns = ['id', 'title', 'source', 'url', 'published', 'published_inferred', 'length', 'url_norm', 'content_hash', 'ingested_at'] as const

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    url: row.url,
    published: row.published_inferred === null ? row.published : null,
    ...(row.published_inferred !== null && row.published !== null ? { publishedInferred: { date: row.published, reason: row.published_inferred } } : {}),
    length: Number(row.length),
    urlNorm: row.url_norm,
    contentHash: row.content_hash,
    ingestedAt: row.ingested_at,
  }
}

type StoryRow = StoreSchema['stories']

function toStorySummary(row: Omit<StoryRow, 'analysis' | 'revision'>): StorySummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    documentCount: Number(row.document_count),
    sources: fromJson<string[]>(row.sources),
    firstPublished: row.first_published,
    lastPublished: row.last_published,
    entityCount: Number(row.entity_count),
    claimCount: Number(row.claim_count),
    updatedAt: row.updated_at,
  }
}

/** Lower-cased entity names (surface forms and normal forms) of a document's `entities` layer. */
function entityNames(doc: Document): { name: string; label: string }[] {
  const seen = new Map<string, { name: string; label: string }>()
  for (const e of doc.layers.entities ?? []) {
    if (e.kind !== 'name') continue
    for (const raw of [doc.text.slice(e.start, e.end), e.normal]) {
      const name = raw.toLowerCase().replace(/\s+/g, ' ').trim()
      if (name !== '') seen.set(`${name}\u0000${e.label}`, { name, label: e.label })
    }
  }
  return [...seen.values()]
}

/** An identity already seen while planning a batch: the row's id and revision, and whether it is written by this batch. */
interface Known {
  readonly id: string
  readonly revision: string
  readonly pending: boolean
}

/** One document of a batch as planned: its id and status, and whether its row is new in this batch (`pending`). */
interface PlannedDocument extends Known {
  readonly doc: Document
  readonly urlNorm: string | null
  readonly hash: string
  readonly status: WriteStatus
}

/**
 * Most matches a ranked search scores: the most recently indexed (stored or updated) ones. A
 * query whose words occur in more documents ranks the newest 1 000 of them, which bounds its
 * cost at any corpus size: ~1.2 µs a candidate on SQLite (bm25), ~12 µs on PostgreSQL
 * (ts_rank_cd decompresses each tsvector). See docs/bench/service.md.
 */
export const searchCandidates = 1000

/** Values per `in (…)` lookup. */
const lookupChunk = 500
/** Rows per multi-row insert of `documents` (14 columns; SQLite allows 32 766 parameters). */
const documentChunk = 200
/** Rows per multi-row insert of the narrow tables. */
const rowChunk = 500

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Options of {@link KyselyStore}. */
export interface KyselyStoreOptions {
  /** Called by `close()` after the Kysely instance is destroyed (drop a test schema, remove a file …). */
  readonly onClose?: () => Promise<void>
  /** Most matches a ranked search scores (default {@link searchCandidates}). */
  readonly searchCandidates?: number
}

/**
 * The {@link Store} on Kysely. Build it with `createStore(url)`; migrations must have run
 * (`migrateStore`). All queries are shared; `backend` supplies full-text search.
 */
export class KyselyStore implements Store {
  readonly backend: Backend['name']
  readonly #db: Kysely<StoreSchema>
  readonly #impl: Backend
  readonly #candidates: number
  /** Most matches a ranked search scores, newest first (see {@link Store.searchCandidates}). */
  get searchCandidates(): number {
    return this.#candidates
  }
  readonly #onClose: (() => Promise<void>) | undefined
  #closed = false

  constructor(db: Kysely<StoreSchema>, backend: Backend, options: KyselyStoreOptions = {}) {
    this.#db = db
    this.#impl = backend
    this.backend = backend.name
    this.#onClose = options.onClose
    this.#candidates = Math.max(1, Math.floor(options.searchCandidates ?? searchCandidates))
  }

  /** The underlying Kysely instance, for tools (benchmarks, maintenance). */
  get db(): Kysely<StoreSchema> {
    return this.#db
  }

  #revision(doc: Document): string {
    const { path: _path, ...meta } = doc.meta
    // Layers are hashed as serialised (their producers emit fields in a fixed order); a
    // key-sorting pass over thousands of tokens made re-puts of unchanged documents slow.
    const hash = createHash('sha256').update(doc.text).update('\u0000').update(stableJson(meta)).update('\u0000').update(JSON.stringify(doc.messages))
    for (const name of Object.keys(doc.layers).sort()) hash.update(`\u0000${name}\u0000`).update(JSON.stringify((doc.layers as Record<string, unknown>)[name]))
    return hash.digest('hex')
  }

  /**
   * What putting `docs` in this order would do, each seeing the ones before it: per document
   * the id it gets, its status and the values its row needs. Reads existing rows with a few
   * `in (…)` queries instead of two queries per document.
   */
  async #plan(db: Kysely<StoreSchema> | Transaction<StoreSchema>, docs: readonly Document[]): Promise<PlannedDocument[]> {
    const prepared = docs.map((doc) => ({ doc, urlNorm: normalizeUrl(doc.meta.url), hash: contentHash(doc.text), revision: this.#revision(doc) }))
    const byUrl = new Map<string, Known>()
    const byHash = new Map<string, Known>()
    const taken = new Set<string>()
    const urls = [...new Set(prepared.map((p) => p.urlNorm).filter((u): u is string => u !== null))]
    const hashes = [...new Set(prepared.filter((p) => p.urlNorm === null).map((p) => p.hash))]
    for (const chunk of chunked(urls, lookupChunk)) {
      for (const r of await db.selectFrom('documents').select(['id', 'revision', 'url_norm']).where('url_norm', 'in', chunk).execute()) byUrl.set(r.url_norm as string, { id: r.id, revision: r.revision, pending: false })
    }
    for (const chunk of chunked(hashes, lookupChunk)) {
      // Without a URL the identity is the content; of several such rows the smallest id wins.
      const rows = await db.selectFrom('documents').select(['id', 'revision', 'content_hash']).where('content_hash', 'in', chunk).where('url_norm', 'is', null).orderBy('id').execute()
      for (const r of rows) if (!byHash.has(r.content_hash)) byHash.set(r.content_hash, { id: r.id, revision: r.revision, pending: false })
    }
    // Ids are looked up only for documents that are new (re-puts of stored ones cost one query).
    const ids = [...new Set(prepared.filter((p) => !(p.urlNorm !== null ? byUrl.has(p.urlNorm) : byHash.has(p.hash))).map((p) => p.doc.id))]
    for (const chunk of chunked(ids, lookupChunk)) {
      for (const r of await db.selectFrom('documents').select('id').where('id', 'in', chunk).execute()) taken.add(r.id)
    }
    return prepared.map((p) => {
      // With a URL, the URL is the identity (a changed text is an update; the same text under
      // another URL is a copy worth keeping). Without one, the content is the identity.
      const identity = p.urlNorm !== null ? byUrl : byHash
      const key = p.urlNorm ?? p.hash
      const existing = identity.get(key)
      let planned: PlannedDocument
      if (existing) {
        planned = { ...p, id: existing.id, status: existing.revision === p.revision ? 'unchanged' : 'updated', pending: existing.pending }
      } else {
        const id = taken.has(p.doc.id) ? `${p.doc.id}~${p.hash.slice(0, 8)}` : p.doc.id
        taken.add(id)
        planned = { ...p, id, status: 'added', pending: true }
      }
      identity.set(key, { id: planned.id, revision: p.revision, pending: planned.pending })
      return planned
    })
  }

  async resolveDocument(doc: Document): Promise<PutDocumentResult> {
    const [planned] = await this.#plan(this.#db, [doc])
    return { id: (planned as PlannedDocument).id, status: (planned as PlannedDocument).status }
  }

  async putDocument(doc: Document, options: PutDocumentOptions = {}): Promise<PutDocumentResult> {
    return (await this.putDocuments([doc], options))[0] as PutDocumentResult
  }

  async putDocuments(docs: readonly Document[], options: PutDocumentOptions = {}): Promise<PutDocumentResult[]> {
    for (const doc of docs) {
      if (typeof doc?.text !== 'string') throw new PipelineError('invalid-input', 'putDocument: the document has no text; build it with createDocument().')
    }
    if (docs.length === 0) return []
    return this.#db.transaction().execute(async (trx) => {
      const plan = await this.#plan(trx, docs)
      // The last write per id wins (a later copy in the batch replaces an earlier one); a row
      // added earlier in this batch is still inserted, once, with the final content.
      const writes = new Map<string, PlannedDocument>()
      for (const p of plan) if (p.status !== 'unchanged') writes.set(p.id, p)
      const now = nowIso()
      const rowOf = (p: PlannedDocument) => {
        const meta = p.doc.meta
        return {
          text: p.doc.text,
          meta: JSON.stringify(meta),
          messages: JSON.stringify(p.doc.messages),
          url_norm: p.urlNorm,
          content_hash: p.hash,
          revision: p.revision,
          title: meta.title ?? null,
          source: meta.source ?? null,
          url: meta.url ?? null,
          published: meta.published ?? null,
          published_inferred: meta.published !== undefined && meta.published !== null ? (meta.publishedInferred ?? null) : null,
          length: p.doc.text.length,
          updated_at: now,
        }
      }
      const inserts = [...writes.values()].filter((p) => p.pending)
      const updates = [...writes.values()].filter((p) => !p.pending)
      for (const p of updates) {
        await trx.updateTable('documents').set(rowOf(p)).where('id', '=', p.id).execute()
        await trx.deleteFrom('layers').where('document_id', '=', p.id).execute()
        await trx.deleteFrom('document_entities').where('document_id', '=', p.id).execute()
      }
      for (const chunk of chunked(inserts, documentChunk)) await trx.insertInto('documents').values(chunk.map((p) => ({ id: p.id, ...rowOf(p), ingested_at: now }))).execute()
      const layers = [...writes.values()].flatMap((p) =>
        Object.entries(p.doc.layers)
          .filter(([, items]) => Array.isArray(items))
          .map(([name, items]) => ({ document_id: p.id, name, version: options.layerVersions?.[name] ?? '1', items: JSON.stringify(items) })),
      )
      for (const chunk of chunked(layers, rowChunk)) await trx.insertInto('layers').values(chunk).execute()
      const names = [...writes.values()].flatMap((p) => entityNames(p.doc).map((n) => ({ document_id: p.id, ...n })))
      for (const chunk of chunked(names, rowChunk)) await trx.insertInto('document_entities').values(chunk).execute()
      await this.#impl.indexDocuments(trx, [...writes.values()].map((p) => ({ id: p.id, title: p.doc.meta.title ?? null, text: p.doc.text, fresh: p.pending })))
      return plan.map((p) => ({ id: p.id, status: p.status }))
    })
  }

  async getDocument(id: string): Promise<Document> {
    const row = await this.#db.selectFrom('documents').select(['id', 'text', 'meta', 'messages']).where('id', '=', id).executeTakeFirst()
    if (!row) throw new NotFoundError(`No document \`${id}\` in the store; list them with \`parallax search\` or GET /api/documents.`)
    const layerRows = await this.#db.selectFrom('layers').select(['name', 'items']).where('document_id', '=', id).orderBy('name').execute()
    const layers: Partial<LayerMap> = {}
    for (const l of layerRows) (layers as Record<string, unknown>)[l.name] = fromJson(l.items)
    return createDocument({ id: row.id, text: row.text, meta: fromJson<DocumentMeta>(row.meta), messages: fromJson<Message[]>(row.messages) }, layers)
  }

  async findDocument(by: { readonly url?: string; readonly contentHash?: string }): Promise<DocumentSummary | undefined> {
    let query = this.#db.selectFrom('documents').select(summaryColumns)
    if (by.url !== undefined) {
      const urlNorm = normalizeUrl(by.url)
      if (urlNorm === null) return undefined
      query = query.where('url_norm', '=', urlNorm)
    }
    if (by.contentHash !== undefined) query = query.where('content_hash', '=', by.contentHash)
    if (by.url === undefined && by.contentHash === undefined) return undefined
    const row = await query.orderBy('id').executeTakeFirst()
    return row ? toSummary(row) : undefined
  }

  async listDocuments(page: { readonly limit?: number; readonly offset?: number } = {}): Promise<DocumentSummary[]> {
    const rows = await this.#db
      .selectFrom('documents')
      .select(summaryColumns)
      .orderBy(sql`case when published is null then 1 else 0 end`)
      .orderBy('published', 'desc')
      .orderBy('id')
      .limit(clampLimit(page.limit, 100, 10_000))
      .offset(Math.max(0, page.offset ?? 0))
      .execute()
    return rows.map(toSummary)
  }

  async putStory(story: StoryInput): Promise<WriteStatus> {
    const analysis = story.analysis
    const revision = sha256(stableJson({ title: story.title, summary: story.summary, documentIds: story.documentIds, analysis }))
    return this.#db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('stories').select('revision').where('id', '=', story.id).executeTakeFirst()
      if (existing?.revision === revision) return 'unchanged'
      const members = story.documentIds.length === 0 ? [] : await trx.selectFrom('documents').select(['id', 'source', 'published']).where('id', 'in', [...story.documentIds]).execute()
      if (members.length !== new Set(story.documentIds).size) {
        const known = new Set(members.map((m) => m.id))
        const missing = story.documentIds.filter((id) => !known.has(id))
        throw new PipelineError('invalid-input', `putStory \`${story.id}\`: document(s) ${missing.map((id) => `\`${id}\``).join(', ')} are not in the store; put the documents before their story.`)
      }
      const sources = [...new Set(members.map((m) => m.source).filter((s): s is string => s !== null))].sort()
      const dates = members.map((m) => m.published).filter((p): p is string => p !== null).sort()
      const row = {
        title: story.title,
        summary: story.summary,
        // Texts live in `documents` once; getStory puts them back.
        analysis: JSON.stringify({ ...analysis, documents: (analysis.documents ?? []).map(({ text: _text, ...d }) => d) }),
        revision,
        sources: JSON.stringify(sources),
        document_count: story.documentIds.length,
        entity_count: analysis.entities?.length ?? 0,
        claim_count: analysis.claims?.length ?? 0,
        first_published: dates[0] ?? null,
        last_published: dates.at(-1) ?? null,
        updated_at: nowIso(),
      }
      if (existing) {
        for (const table of ['story_documents', 'story_entities', 'claims', 'events'] as const) await trx.deleteFrom(table).where('story_id', '=', story.id).execute()
        await trx.updateTable('stories').set(row).where('id', '=', story.id).execute()
      } else {
        await trx.insertInto('stories').values({ id: story.id, ...row }).execute()
      }
      const chunks = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> => {
        for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200))
      }
      await chunks([...new Set(story.documentIds)].map((document_id, position) => ({ story_id: story.id, document_id, position })), (c) => trx.insertInto('story_documents').values(c).execute())
      await chunks(
        (analysis.entities ?? []).map((e) => ({ story_id: story.id, entity_id: e.id, name: e.name, type: e.type, mention_count: e.mentions.length })),
        (c) => trx.insertInto('story_entities').values(c).execute(),
      )
      await chunks(
        (analysis.claims ?? []).map((c) => ({ story_id: story.id, claim_id: c.id, text: c.text, status: c.status, doc_count: c.docs.length })),
        (c) => trx.insertInto('claims').values(c).execute(),
      )
      await chunks(
        (analysis.events ?? []).map((e) => ({ story_id: story.id, event_id: e.id, date: e.date, text: e.text })),
        (c) => trx.insertInto('events').values(c).execute(),
      )
      return existing ? 'updated' : 'added'
    })
  }

  async getStory(id: string): Promise<StoryRecord> {
    const row = await this.#db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new NotFoundError(`No story \`${id}\` in the store; list them with \`parallax stories\` or GET /api/stories.`)
    const members = await this.#db.selectFrom('story_documents').select('document_id').where('story_id', '=', id).orderBy('position').execute()
    const analysis = fromJson<Analysis>(row.analysis)
    const ids = (analysis.documents ?? []).map((d) => d.id)
    const texts = new Map(ids.length === 0 ? [] : (await this.#db.selectFrom('documents').select(['id', 'text']).where('id', 'in', ids).execute()).map((d) => [d.id, d.text]))
    analysis.documents = (analysis.documents ?? []).map((d) => ({ ...d, text: texts.get(d.id) ?? '' }))
    return { ...toStorySummary(row), documentIds: members.map((m) => m.document_id), analysis }
  }

  async listStories(page: { readonly limit?: number; readonly offset?: number } = {}): Promise<StorySummary[]> {
    const rows = await this.#db
      .selectFrom('stories')
      .select(['id', 'title', 'summary', 'sources', 'document_count', 'entity_count', 'claim_count', 'first_published', 'last_published', 'updated_at'])
      .orderBy(sql`case when last_published is null then 1 else 0 end`)
      .orderBy('last_published', 'desc')
      .orderBy('id')
      .limit(clampLimit(page.limit, 100, 10_000))
      .offset(Math.max(0, page.offset ?? 0))
      .execute()
    return rows.map(toStorySummary)
  }

  async storiesOfDocument(id: string): Promise<string[]> {
    const rows = await this.#db.selectFrom('story_documents').select('story_id').where('document_id', '=', id).orderBy('story_id').execute()
    return rows.map((r) => r.story_id)
  }

  async deleteStory(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      for (const table of ['story_documents', 'story_entities', 'claims', 'events'] as const) await trx.deleteFrom(table).where('story_id', '=', id).execute()
      const result = await trx.deleteFrom('stories').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    })
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const words = queryWords(query.text ?? '')
    const limit = clampLimit(query.limit, 20, 200)
    const offset = Math.max(0, Math.floor(query.offset ?? 0))
    const conditions: RawBuilder<unknown>[] = []
    if (query.source !== undefined && query.source.trim() !== '') {
      conditions.push(sql`lower(d.source) like ${`%${query.source.trim().toLowerCase().replace(/[%_]/g, '')}%`}`)
    }
    if (query.entity !== undefined && query.entity.trim() !== '') {
      const pattern = `%${query.entity.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[%_]/g, '')}%`
      conditions.push(sql`exists (select 1 from document_entities e where e.document_id = d.id and e.name like ${pattern})`)
    }
    if (query.from !== undefined && query.from !== '') conditions.push(sql`d.published >= ${query.from}`)
    if (query.to !== undefined && query.to !== '') {
      conditions.push(/^\d{4}-\d{2}-\d{2}$/.test(query.to) ? sql`d.published < ${nextDay(query.to)}` : sql`d.published <= ${query.to}`)
    }
    const where = conditions.length === 0 ? undefined : sql.join(conditions, sql` and `)
    const columns = summaryColumns.map((c) => `d.${c}` as const)
    let rows: (DocumentRow & { rank: number })[]
    if (words.length > 0) {
      // The backend ranks at most `#candidates` matches and returns the page's top rows;
      // the documents are read for those only.
      const match = this.#impl.matchDocuments(words, { top: offset + limit, candidates: this.#candidates, ...(where ? { where } : {}) })
      const page = (db: Kysely<StoreSchema>) => db
        .selectFrom(match.as('m'))
        .innerJoin('documents as d', 'd.id', 'm.document_id')
        .select(columns)
        .select(sql<number>`m.rank`.as('rank'))
        .orderBy(sql`m.rank`, 'desc')
        .orderBy('d.id')
        .limit(limit)
        .offset(offset)
        .execute()
      const settings = where === undefined ? undefined : this.#impl.searchSettings
      rows = settings === undefined
        ? await page(this.#db)
        : await this.#db.transaction().execute(async (trx) => {
            await settings.execute(trx)
            return page(trx)
          })
    } else {
      let q = this.#db.selectFrom('documents as d').select(columns).select(sql<number>`0`.as('rank'))
      if (where) q = q.where(where as RawBuilder<boolean>)
      rows = await q
        .orderBy(sql`case when d.published is null then 1 else 0 end`)
        .orderBy('d.published', 'desc')
        .orderBy('d.id')
        .limit(limit)
        .offset(offset)
        .execute()
    }
    if (rows.length === 0) return []
    const memberships = await this.#db.selectFrom('story_documents').select(['document_id', 'story_id']).where('document_id', 'in', rows.map((r) => r.id)).orderBy('story_id').execute()
    const byDoc = new Map<string, string[]>()
    for (const m of memberships) byDoc.set(m.document_id, [...(byDoc.get(m.document_id) ?? []), m.story_id])
    return rows.map((r) => ({ document: toSummary(r), rank: Number(r.rank), storyIds: byDoc.get(r.id) ?? [] }))
  }

  async counts(): Promise<StoreCounts> {
    const count = async (table: keyof StoreSchema): Promise<number> => {
      const row = await this.#db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
      return Number(row.n)
    }
    return {
      documents: await count('documents'),
      layers: await count('layers'),
      stories: await count('stories'),
      storyDocuments: await count('story_documents'),
      entities: await count('story_entities'),
      claims: await count('claims'),
      events: await count('events'),
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#db.destroy()
    await this.#onClose?.()
  }
}
