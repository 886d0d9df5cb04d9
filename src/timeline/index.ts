/** @module timeline — corpus stages over time: inferred publication dates, and events merged across documents. */
export { inferPublished, type InferPublishedOptions } from './infer-published.js'
export { events } from './events.js'
