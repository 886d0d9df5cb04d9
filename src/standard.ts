/** @module standard — the standard pipeline: every built-in annotator in order. */
import { defineAnnotator, type Annotator } from './pipeline/define-annotator.js'
import { pipeline, type Pipeline } from './pipeline/pipeline.js'
import { quotes } from './quotes/index.js'
import { sentences } from './sentences/index.js'
import { tokens } from './tokens/index.js'

// TEMPORARY placeholder (issue 4, branch `quotes`): an `entities` producer that yields an empty
// layer so `quotes()` can be assembled before the entities issue lands. REPLACE WITH `entities()`
// AT MERGE and delete this function.
function entitiesPlaceholder(): Annotator<'entities'> {
  return defineAnnotator({ name: 'entities', requires: ['sentences'], produces: 'entities', annotate: () => [] })
}

/** The built-in annotators in dependency order (blocks come from extraction). */
export function standardAnnotators(): Annotator[] {
  return [tokens(), sentences(), entitiesPlaceholder(), quotes()]
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
