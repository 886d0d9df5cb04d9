/** @module storage — persistent store of documents, layers and stories (SQLite or PostgreSQL). */
export type * from './store.js'
export { createStore, resolveStoreUrl, defaultDatabaseFile, type CreateStoreOptions } from './create-store.js'
export { KyselyStore, migrateStore, type KyselyStoreOptions } from './kysely-store.js'
export { normalizeUrl, contentHash } from './identity.js'
export { ingestPaths, type IngestOptions, type IngestSummary } from './ingest-paths.js'
export { storyAnalysis, storyId } from './story-analysis.js'
