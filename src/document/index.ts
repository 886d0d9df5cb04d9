/** @module document — the document model. */
export * from './span.js'
export * from './message.js'
export * from './layers.js'
export * from './document.js'
export * from './check-document.js'
