/** @module pipeline — annotators and pipelines. */
export * from './errors.js'
export * from './define-annotator.js'
export * from './pipeline.js'
