/** @module standard — the standard pipeline: every built-in annotator in order. */
import { entities } from './entities/index.js'
import type { Annotator } from './pipeline/define-annotator.js'
import { pipeline, type Pipeline } from './pipeline/pipeline.js'
import { quotes } from './quotes/index.js'
import { sentences } from './sentences/index.js'
import { times } from './times/index.js'
import { tokens } from './tokens/index.js'

/** The built-in annotators in dependency order (blocks come from extraction). */
export function standardAnnotators(): Annotator[] {
  return [tokens(), sentences(), entities(), quotes(), times()]
}

/**
 * The standard pipeline, built once per call: tokens, sentences, entities, quotes, times.
 *
 * @example
 * const doc = await standardPipeline().run(createDocument({ text }))
 */
export function standardPipeline(): Pipeline {
  return pipeline(standardAnnotators())
}
