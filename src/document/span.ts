/** @module document/span — half-open ranges into a document's text. */

/**
 * Half-open range in `Document.text`, in UTF-16 code units: `text.slice(start, end)`.
 * `start <= end`; both are integers within `[0, text.length]`.
 */
export interface Span {
  readonly start: number
  readonly end: number
}

/** Order spans by `start` ascending, then `end` descending (outer spans first). */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end
}

/** True when `inner` lies entirely within `outer`. */
export function containsSpan(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end
}

/** True when the two spans share at least one code unit. */
export function overlapsSpan(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end
}

/** The text a span covers. */
export function spanText(text: string, span: Span): string {
  return text.slice(span.start, span.end)
}
