/** @module pipeline/pipeline — an ordered, checked list of annotators. */
import { withLayer, withMessages, type Document, type LayerName } from '../document/document.js'
import type { Message, MessageInit } from '../document/message.js'
import type { Annotator } from './define-annotator.js'
import { PipelineError } from './errors.js'

/** A checked sequence of annotators. */
export interface Pipeline {
  readonly annotators: readonly Annotator[]
  /** Layers the pipeline produces, in order. */
  readonly produces: readonly LayerName[]
  /** Run every annotator over one document; returns a new document. */
  run(doc: Document): Promise<Document>
  /** Run every annotator synchronously; throws if an annotator returns a promise. */
  runSync(doc: Document): Document
}

/** Options of {@link pipeline}. */
export interface PipelineOptions {
  /** Layers already present on the documents it will run on (e.g. `blocks` from extraction). */
  readonly provided?: readonly LayerName[]
}

/**
 * Assemble a pipeline, checking before any document is read that each annotator's
 * `requires` are produced by an earlier one (or `provided`) and no layer has two producers.
 *
 * @example
 * const standard = pipeline([sentences(), entities(), quotes(), times()])
 * const doc = await standard.run(createDocument({ text }))
 */
export function pipeline(annotators: readonly Annotator[], options: PipelineOptions = {}): Pipeline {
  const given: unknown = annotators
  if (!Array.isArray(given)) {
    throw new PipelineError('invalid-annotator', '`pipeline()` takes an array of annotators, e.g. `pipeline([sentences()])`.')
  }
  const available = new Map<string, string>()
  for (const layer of options.provided ?? []) available.set(layer, '(provided)')
  const names = new Set<string>()
  for (const [i, annotator] of annotators.entries()) {
    if (!annotator || typeof annotator.annotate !== 'function') {
      throw new PipelineError(
        'invalid-annotator',
        `Item ${i} of the pipeline is not an annotator. Pass the result of a factory such as \`sentences()\`, not the factory itself.`,
      )
    }
    if (names.has(annotator.name)) {
      throw new PipelineError('duplicate-annotator', `Annotator \`${annotator.name}\` appears twice in the pipeline. Remove one.`)
    }
    names.add(annotator.name)
    for (const need of annotator.requires) {
      if (!available.has(need)) {
        const later = annotators.slice(i + 1).find((a) => a.produces === need)
        throw new PipelineError(
          'missing-layer',
          later
            ? `Cannot run \`${annotator.name}\`: layer \`${need}\` is produced later by \`${later.name}\`. Move \`${later.name}()\` before \`${annotator.name}()\`.`
            : `Cannot run \`${annotator.name}\`: layer \`${need}\` is missing. Add \`${need}()\` before \`${annotator.name}()\`.`,
        )
      }
    }
    const previous = available.get(annotator.produces)
    if (previous !== undefined) {
      throw new PipelineError(
        'duplicate-producer',
        `Layer \`${annotator.produces}\` is produced by both \`${previous}\` and \`${annotator.name}\`. Keep only one of them.`,
      )
    }
    available.set(annotator.produces, annotator.name)
  }
  const list = Object.freeze([...annotators])

  const step = (doc: Document, annotator: Annotator, items: unknown, messages: Message[]): Document => {
    if (!Array.isArray(items)) {
      throw new PipelineError('annotator-failed', `Annotator \`${annotator.name}\` returned ${typeof items}, not an array of layer items.`)
    }
    return withMessages(withLayer(doc, annotator.produces, items as never), messages)
  }
  const context = (annotator: Annotator, messages: Message[]) => ({
    report(message: MessageInit) {
      messages.push({ ...message, source: annotator.name })
    },
  })
  const guard = (doc: Document, annotator: Annotator, error: unknown): never => {
    if (error instanceof PipelineError) throw error
    throw new PipelineError(
      'annotator-failed',
      `Annotator \`${annotator.name}\` failed on document \`${doc.id}\`: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }

  return Object.freeze({
    annotators: list,
    produces: Object.freeze(list.map((a) => a.produces)),
    async run(doc: Document): Promise<Document> {
      let current = doc
      for (const annotator of list) {
        const messages: Message[] = []
        try {
          const items = await annotator.annotate(current, context(annotator, messages))
          current = step(current, annotator, items, messages)
        } catch (error) {
          guard(current, annotator, error)
        }
      }
      return current
    },
    runSync(doc: Document): Document {
      let current = doc
      for (const annotator of list) {
        const messages: Message[] = []
        let items: unknown
        try {
          items = annotator.annotate(current, context(annotator, messages))
        } catch (error) {
          guard(current, annotator, error)
        }
        if (items instanceof Promise) {
          throw new PipelineError('annotator-failed', `Annotator \`${annotator.name}\` is asynchronous; use \`run()\` instead of \`runSync()\`.`)
        }
        current = step(current, annotator, items, messages)
      }
      return current
    },
  })
}
