/** @module analysis/publication-date — how listings show a document's date, given or inferred. */

/** A document with a given publication date, or an inferred one beside it (the analysis JSON and `DocumentSummary` share this shape). */
export interface Dated {
  readonly published: string | null
  readonly publishedInferred?: { readonly date: string }
}

/**
 * The date to show: the given one, or the inferred one followed by " (inferred)"; undefined when
 * there is neither. With `day`, only the `YYYY-MM-DD` part.
 */
export function publicationLabel(d: Dated, day = false): string | undefined {
  const cut = (date: string): string => (day ? date.slice(0, 10) : date)
  if (d.published) return cut(d.published)
  return d.publishedInferred ? `${cut(d.publishedInferred.date)} (inferred)` : undefined
}
