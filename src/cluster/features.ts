/** @module cluster/features — sparse term and entity features of an article for story clustering. */
import type { Document } from '../document/document.js'
import { terms } from '../terms/index.js'

/** Sparse vector: feature → weight. Entity features are prefixed with `@`. */
export type SparseVector = Map<string, number>

/** Raw counts of one document, before IDF weighting. */
export interface DocumentCounts {
  /** Stem counts of content words (title counted `titleWeight` times). */
  readonly stems: Map<string, number>
  /** Entity counts keyed by normal form, from `layers.entities` or capitalised-token proxies. */
  readonly entities: Map<string, number>
}

/** Options of {@link countFeatures}. */
export interface FeatureOptions {
  /** How many times a title word counts (default 2). */
  readonly titleWeight?: number
  /** Only the first `maxChars` characters of the text are read (default 6000): leads carry the event. */
  readonly maxChars?: number
  /** Also count adjacent content-word pairs ("magnitud_6.1"); default false. */
  readonly bigrams?: boolean
}

const add = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by)
}

/**
 * Count the stems and entity mentions of a document. Entities come from `layers.entities`
 * (name mentions) when present; otherwise capitalised words that do not open a sentence
 * stand in for names ("Putin", "Istanbul"), joined when adjacent ("Vladimir Putin").
 */
export function countFeatures(doc: Document, options: FeatureOptions = {}): DocumentCounts {
  const titleWeight = options.titleWeight ?? 2
  const maxChars = options.maxChars ?? 6000
  const bigrams = options.bigrams ?? process.env['BIGRAMS'] === '1'
  const stems = new Map<string, number>()
  const entities = new Map<string, number>()
  const title = doc.meta.title ?? ''
  const text = doc.text.length > maxChars ? doc.text.slice(0, maxChars) : doc.text
  for (const [source, weight] of [[title, titleWeight], [text, 1]] as const) {
    if (!source) continue
    const list = terms(source)
    let previous = ''
    for (const t of list) {
      if (t.stop || t.word.length < 2) {
        previous = ''
        continue
      }
      add(stems, t.stem, weight)
      if (bigrams && previous) add(stems, `${previous}_${t.stem}`, weight)
      previous = t.stem
    }
    if (doc.layers.entities && source === text) continue
    for (let i = 0; i < list.length; i++) {
      const t = list[i]
      if (!t || !t.capitalized || t.stop) continue
      const before = source.slice(Math.max(0, t.start - 3), t.start)
      // A capital after a sentence end or at the start of a line is not evidence of a name.
      if (i === 0 || /[.!?"“”:]\s*$|\n\s*$/.test(before)) continue
      add(entities, t.stem, weight)
    }
  }
  if (doc.layers.entities) {
    for (const e of doc.layers.entities) {
      if (e.kind !== 'name' || e.end > maxChars) continue
      for (const part of e.normal.toLowerCase().split(/\s+/)) if (part) add(entities, part, 1)
    }
  }
  return { stems, entities }
}
