/** @module document/check-document — structural validation of a document and its layers. */
import type { Document } from './document.js'
import { compareSpans, type Span } from './span.js'

/** Thrown by {@link checkDocument} when a document breaks the model's invariants. */
export class DocumentError extends Error {
  override readonly name = 'DocumentError'
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
  }
}

function isSpan(value: unknown): value is Span {
  const v = value as Span
  return typeof v === 'object' && v !== null && Number.isInteger(v.start) && Number.isInteger(v.end)
}

/** Fields holding an index into another layer of the same document. */
const indexFields: Record<string, Record<string, string>> = {
  entities: { ref: 'entities' },
  quotes: { speaker: 'entities' },
  times: { ref: 'times' },
}

/**
 * Assert the invariants: every span in bounds (`0 <= start <= end <= text.length`),
 * each layer sorted by start then end descending, cross-layer indices valid.
 * Throws {@link DocumentError} naming the layer and item.
 */
export function checkDocument(doc: Document): void {
  const length = doc.text.length
  const inBounds = (span: Span, where: string): void => {
    if (!isSpan(span) || span.start < 0 || span.end < span.start || span.end > length) {
      throw new DocumentError(
        `${where} of document \`${doc.id}\` is out of bounds: ${JSON.stringify(span)} (text length ${length}).`,
        'span-out-of-bounds',
      )
    }
  }
  for (const [name, items] of Object.entries(doc.layers) as [string, readonly unknown[]][]) {
    if (!Array.isArray(items)) throw new DocumentError(`Layer \`${name}\` of \`${doc.id}\` is not an array.`, 'layer-not-array')
    let previous: Span | undefined
    items.forEach((item: unknown, i: number) => {
      if (!isSpan(item)) return
      inBounds(item, `layers.${name}[${i}]`)
      for (const [field, value] of Object.entries(item as unknown as Record<string, unknown>)) {
        if (isSpan(value)) inBounds(value, `layers.${name}[${i}].${field}`)
      }
      if (previous && compareSpans(previous, item) > 0) {
        throw new DocumentError(
          `Layer \`${name}\` of \`${doc.id}\` is not sorted at item ${i}: sort by start, then end descending.`,
          'layer-unsorted',
        )
      }
      previous = item
      const refs = indexFields[name] ?? {}
      for (const [field, target] of Object.entries(refs)) {
        const value = (item as unknown as Record<string, unknown>)[field]
        if (value === undefined) continue
        const targetItems = (doc.layers as Record<string, readonly unknown[] | undefined>)[target]
        if (!Number.isInteger(value) || !targetItems || (value as number) < 0 || (value as number) >= targetItems.length) {
          throw new DocumentError(
            `layers.${name}[${i}].${field} = ${JSON.stringify(value)} does not index layer \`${target}\` of \`${doc.id}\`.`,
            'bad-index',
          )
        }
      }
    })
  }
  for (const [i, message] of doc.messages.entries()) {
    if (message.span) inBounds(message.span, `messages[${i}].span`)
  }
}
