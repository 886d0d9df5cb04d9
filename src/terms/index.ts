/** @module terms — content terms shared by the corpus stages (cluster, compare, brief). */
export { terms, documentTerms, withDocumentTerms, contentStems, stopWords, type Term } from './terms.js'
export { loadBackground, backgroundIdf, backgroundMap, type BackgroundFrequencies } from './background.js'
