/** @module cluster — stories over many documents (incremental clustering) and copies (near-duplicates). */
export { createStoryIndex, clusterStories, type Story, type Topic, type StoryIndex, type StoryIndexOptions } from './story-index.js'
export { loadStemVectors, decodeStemVectors, encodeStemVectors, denseVector, backgroundCenter, type StemVectors } from './embeddings.js'
export { countFeatures, calendarKeys, type DocumentCounts, type FeatureOptions, type SparseVector } from './features.js'
export { findCopies, minhashSignature, type Copy, type CopiesOptions } from './copies.js'
