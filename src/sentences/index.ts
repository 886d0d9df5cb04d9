/** @module sentences — the `sentences` annotator. */
import type { Sentence } from '../document/layers.js'
import { defineAnnotator, type Annotator } from '../pipeline/define-annotator.js'
import { splitSentences } from './sentences.js'

export { splitSentences } from './sentences.js'

/** Options of {@link sentences}. */
export type SentencesOptions = Record<string, never>

/**
 * Group tokens into sentences; needs `tokens`.
 *
 * @example
 * pipeline([tokens(), sentences()])
 */
export function sentences(_options: SentencesOptions = {}): Annotator<'sentences'> {
  return defineAnnotator({
    name: 'sentences',
    requires: ['tokens'],
    produces: 'sentences',
    annotate(doc): Sentence[] {
      return splitSentences(doc.text, doc.layers.tokens ?? [])
    },
  })
}
