/** @module pipeline/define-annotator — declare what an annotator requires and produces. */
import type { Document, LayerMap, LayerName } from '../document/document.js'
import type { MessageInit } from '../document/message.js'
import { PipelineError } from './errors.js'

/** What `annotate` receives besides the document. */
export interface AnnotateContext {
  /** Record a problem with the input on the document (never throw for bad input). */
  report(message: MessageInit): void
}

/** A named, pure step that computes one layer from a document. */
export interface Annotator<K extends LayerName = LayerName> {
  readonly name: string
  readonly requires: readonly LayerName[]
  readonly produces: K
  /** Compute the layer; must not change `doc`. Synchronous unless it calls a model. */
  annotate(doc: Document, context: AnnotateContext): LayerMap[K] | Promise<LayerMap[K]>
}

/**
 * Define an annotator, validating its declaration.
 *
 * @example
 * const shout = defineAnnotator({ name: 'shout', requires: ['tokens'], produces: 'entities', annotate: () => [] })
 */
export function defineAnnotator<K extends LayerName>(spec: Annotator<K>): Annotator<K> {
  if (!spec || typeof spec.name !== 'string' || spec.name === '') {
    throw new PipelineError('invalid-annotator', 'An annotator needs a non-empty `name`.')
  }
  if (typeof spec.annotate !== 'function') {
    throw new PipelineError('invalid-annotator', `Annotator \`${spec.name}\` needs an \`annotate(doc, context)\` function.`)
  }
  if (typeof spec.produces !== 'string' || (spec.produces as string) === '') {
    throw new PipelineError('invalid-annotator', `Annotator \`${spec.name}\` must declare the layer it \`produces\`.`)
  }
  if (spec.requires.includes(spec.produces)) {
    throw new PipelineError(
      'invalid-annotator',
      `Annotator \`${spec.name}\` cannot both require and produce \`${spec.produces}\`.`,
    )
  }
  return Object.freeze({ ...spec, requires: Object.freeze([...spec.requires]) })
}
