/** @module extract — readers: the only stage that creates document text. */
export { extractArticle, htmlToText, type ExtractOptions } from './html.js'
export { parseTextArticle, textToDocument, type TextArticle } from './text.js'
export { readJson, readJsonLines, recordToDocument, type ArticleRecord, type RecordsResult } from './records.js'
export { readInputs, parseContent, looksBinary, readableExtensions, type ReadOptions, type ReadResult, type InputMessage } from './read-inputs.js'
export { textBlocks } from './blocks.js'
export { normalizeDate } from './dates.js'
