/** @module parallax — public API (re-exports only). */
export * from './document/index.js'
export * from './pipeline/index.js'
export * from './extract/index.js'
export { tokens, tokenize, type TokensOptions } from './tokens/index.js'
export { sentences, splitSentences, type SentencesOptions } from './sentences/index.js'
export { standardAnnotators, standardPipeline } from './standard.js'
export * from './analysis/index.js'
export * from './storage/index.js'
export * from './api/index.js'
/** Ingestion from the web and archives (safe fetcher, feeds, sitemaps, WARC, queue), as a namespace. */
export * as ingestion from './ingest/index.js'
