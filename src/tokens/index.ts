/** @module tokens — the `tokens` annotator. */
import type { Token } from '../document/layers.js'
import { defineAnnotator, type Annotator } from '../pipeline/define-annotator.js'
import { tokenize } from './tokens.js'

export { tokenize, normalizeToken, abbreviations } from './tokens.js'

/** Options of {@link tokens}. */
export type TokensOptions = Record<string, never>

/**
 * Split the text into tokens (PTB-like: possessive `'s` and `n't` apart, "U.S." whole).
 *
 * @example
 * pipeline([tokens(), sentences()])
 */
export function tokens(_options: TokensOptions = {}): Annotator<'tokens'> {
  return defineAnnotator({
    name: 'tokens',
    requires: [],
    produces: 'tokens',
    annotate(doc): Token[] {
      return tokenize(doc.text)
    },
  })
}
