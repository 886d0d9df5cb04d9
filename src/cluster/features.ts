/** @module cluster/features — sparse term and entity features of an article for story clustering. */
import type { Document } from '../document/document.js'
import { documentTerms, terms, type Term } from '../terms/index.js'

/** Sparse vector: feature → weight. Entity features are prefixed with `@`. */
export type SparseVector = Map<string, number>

/** Raw counts of one document, before IDF weighting. */
export interface DocumentCounts {
  /** Stem counts of content words (title counted `titleWeight` times). */
  readonly stems: Map<string, number>
  /** Entity counts keyed by normal form, from `layers.entities` or capitalised-token proxies. */
  readonly entities: Map<string, number>
  /**
   * Explicit calendar values from `layers.times` (DATE/TIME mentions with a written year or
   * month and day): the full value ("2005-03", "2001-09-11") and, for dates with a day, the
   * month-day ("11-30"), so "Nov. 30" and "November 30, 2008" meet. Empty without the layer.
   */
  readonly times: Map<string, number>
  /** Years (4-digit TIMEX3 prefixes from 1000 to 2999) written in the text, for the date-conflict check. */
  readonly years: Set<string>
  /**
   * Typed names from `layers.entities` (empty without it): a person by surname (`p:lohan`, so
   * "Lindsay Lohan" and "Lohan" meet), a place by its full name (`l:newport beach`). Who and
   * where tell apart two events of one kind (two fights, two arrests) that share their words.
   */
  readonly names: Map<string, number>
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

// Capitalised but not names: days and months.
const calendar = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '))

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
  const bigrams = options.bigrams ?? false
  const stems = new Map<string, number>()
  const entities = new Map<string, number>()
  const times = new Map<string, number>()
  const years = new Set<string>()
  const names = new Map<string, number>()
  const title = doc.meta.title ?? ''
  const text = doc.text.length > maxChars ? doc.text.slice(0, maxChars) : doc.text
  for (const [source, weight] of [[title, titleWeight], [text, 1]] as const) {
    if (!source) continue
    const list = source === text ? leadTerms(doc, maxChars) : terms(source)
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
    // In Title Case headlines capitals mark every word, not names.
    const capitals = list.filter((t) => !t.stop && t.capitalized).length
    if (source === title && capitals > 0.8 * list.filter((t) => !t.stop).length && list.length > 3) continue
    for (let i = 0; i < list.length; i++) {
      const t = list[i]
      if (!t || !t.capitalized || t.stop || calendar.has(t.word)) continue
      const before = source.slice(Math.max(0, t.start - 3), t.start)
      // A capital after a sentence end or at the start of a line is not evidence of a name.
      if (i === 0 || /[.!?"“”:]\s*$|\n\s*$/.test(before)) continue
      add(entities, t.stem, weight)
    }
  }
  if (doc.layers.entities) {
    for (const e of doc.layers.entities) {
      if (e.kind !== 'name' || e.end > maxChars) continue
      const parts = e.normal.toLowerCase().split(/\s+/).filter(Boolean)
      for (const part of parts) add(entities, part, 1)
      const last = parts[parts.length - 1]
      if (last === undefined) continue
      if (e.label === 'person') add(names, `p:${last}`, 1)
      else if (e.label === 'location') add(names, `l:${parts.join(' ')}`, 1)
    }
  }
  for (const t of doc.layers.times ?? []) {
    if (t.end > maxChars || (t.type !== 'DATE' && t.type !== 'TIME')) continue
    for (const key of calendarKeys(t.value)) add(times, key, 1)
    const year = /^([12]\d{3})(?!\d)/.exec(t.value)?.[1]
    if (year) years.add(year)
  }
  return { stems, entities, times, years, names }
}

/** `terms(doc.text.slice(0, maxChars))`, from the document's shared terms (a word cut at `maxChars` is cut as the slice cuts it). */
function leadTerms(doc: Document, maxChars: number): readonly Term[] {
  if (doc.text.length <= maxChars) return documentTerms(doc)
  const head = documentTerms(doc, 0, maxChars)
  const last = head.length > 0 ? (head[head.length - 1] as Term).end : 0
  return [...head, ...terms(doc.text.slice(0, maxChars), last)]
}

/**
 * Calendar keys of a TIMEX3 value: the explicit part of a date ("2005", "2005-03",
 * "2001-09-11"), and the month-day of a date with a day ("09-11"). Week days, references
 * ("PAST_REF") and unresolved placeholders yield nothing: they do not identify an event.
 *
 * @example
 * calendarKeys('2001-09-11T08:46') // ['2001-09-11', '09-11']
 * calendarKeys('XXXX-11-30') // ['11-30']
 */
export function calendarKeys(value: string): string[] {
  const m = /^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?/.exec(value)
  if (!m) return []
  const [, y, mo, d] = m
  const out: string[] = []
  const explicitYear = y !== 'XXXX' && Number(y) >= 1000 && Number(y) < 3000
  const month = mo && mo !== 'XX' ? mo : undefined
  const dayOf = d && d !== 'XX' ? d : undefined
  if (explicitYear) out.push([y, month, month && dayOf].filter(Boolean).join('-'))
  if (month && dayOf) out.push(`${month}-${dayOf}`)
  return out
}
