/** @module timeline/infer-published — infer missing publication dates from the text and the story's other documents. */
import { withMeta, type Document } from '../document/document.js'
import { dayNumber, dayString, weekdayNames, weekdayOf } from './calendar.js'

/** Options of {@link inferPublished}. */
export interface InferPublishedOptions {
  /** How far (days) from a sibling's date a candidate may lie (default 3). */
  readonly window?: number
  /** Least share of proper names two documents must have in common to count as one story (default 0.15). */
  readonly minOverlap?: number
}

function names(doc: Document): Set<string> {
  const out = new Set<string>()
  for (const m of doc.text.matchAll(/(?<![\p{L}])\p{Lu}[\p{L}-]{2,}/gu)) out.add(m[0].toLowerCase())
  return out
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / Math.max(1, Math.min(a.size, b.size))
}

interface Clue {
  readonly text: string
  readonly month?: number
  readonly day?: number
  readonly weekday?: number
}

/** Unresolved time mentions (TIMEX3 values with X placeholders) that constrain the date. */
function clues(doc: Document): Clue[] {
  const out: Clue[] = []
  for (const t of doc.layers.times ?? []) {
    const text = doc.text.slice(t.start, t.end)
    const md = /^XXXX-(\d{2})-(\d{2})$/.exec(t.value)
    if (md) out.push({ text, month: Number(md[1]), day: Number(md[2]) })
    const wd = /^XXXX-WXX-(\d)$/.exec(t.value)
    if (wd && t.type === 'DATE') out.push({ text, weekday: Number(wd[1]) })
  }
  return out
}

/** Resolve a month-day clue against a candidate date: the occurrence nearest to it. */
function monthDayNumber(candidate: number, month: number, day: number): number | undefined {
  const year = Number(dayString(candidate).slice(0, 4))
  let best: number | undefined
  for (const y of [year - 1, year, year + 1]) {
    const n = dayNumber(`${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
    if (n !== undefined && (best === undefined || Math.abs(n - candidate) < Math.abs(best - candidate))) best = n
  }
  return best
}

/** A weekday named in past-tense news: the latest such day on or before the candidate date. */
function weekdayNumber(candidate: number, weekday: number): number {
  return candidate - ((weekdayOf(candidate) - weekday + 7) % 7)
}

/**
 * For documents with no `meta.published`, infer the publication date where the evidence allows:
 * the dates of the other documents of the same story (sharing proper names), checked against the
 * text — month-day mentions whose weekday agrees with a weekday mention ("May 19" and "Monday"),
 * and no past mention after the candidate — or else the latest full date the text gives.
 * Needs the `times` layer (run before, with X placeholders). Sets `meta.published` (YYYY-MM-DD)
 * and `meta.publishedInferred` (the reason); other documents are returned unchanged.
 *
 * @example
 * const dated = inferPublished(annotated) // then re-run `times` on the documents that changed
 */
export function inferPublished(docs: readonly Document[], options: InferPublishedOptions = {}): Document[] {
  const window = options.window ?? 3
  const minOverlap = options.minOverlap ?? 0.15
  const dated = docs.filter((d) => d.meta.published && dayNumber(d.meta.published) !== undefined)
  const nameSets = new Map(docs.map((d) => [d.id, names(d)]))
  return docs.map((doc) => {
    if (doc.meta.published) return doc
    const own = nameSets.get(doc.id) as Set<string>
    const found = clues(doc)
    const siblings = dated
      .map((d) => ({ doc: d, day: dayNumber(d.meta.published as string) as number, overlap: overlap(own, nameSets.get(d.id) as Set<string>) }))
      .filter((s) => s.overlap >= minOverlap)
      .sort((a, b) => b.overlap - a.overlap)
    let best: { day: number; score: number; reason: string } | undefined
    for (const sibling of siblings) {
      for (let delta = -window; delta <= window; delta++) {
        const candidate = sibling.day + delta
        let score = -Math.abs(delta) * 0.5 + sibling.overlap
        let agreement: string | undefined
        for (const c of found) {
          if (c.month === undefined || c.day === undefined) continue
          const md = monthDayNumber(candidate, c.month, c.day)
          if (md === undefined) continue
          // News reports the past: a named day after publication is unlikely (not impossible).
          if (md > candidate) score -= 2
          for (const w of found) {
            if (w.weekday === undefined) continue
            if (weekdayNumber(candidate, w.weekday) === md) {
              score += 2
              agreement ??= `'${c.text}' (a ${weekdayNames[w.weekday]}, as '${w.text}' says)`
            }
          }
        }
        if (!best || score > best.score) {
          best = { day: candidate, score, reason: `inferred from ${sibling.doc.id}'s date ${dayString(sibling.day)}${agreement ? ` and ${agreement} in the text` : ''}` }
        }
      }
    }
    if (!best) {
      // No dated sibling: the latest full date the text gives is a lower bound, and the best guess.
      let latest: { day: number; text: string } | undefined
      for (const t of doc.layers.times ?? []) {
        if (t.anchor !== 'absolute') continue
        const n = dayNumber(t.value)
        if (n !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(t.value) && (!latest || n > latest.day)) latest = { day: n, text: doc.text.slice(t.start, t.end) }
      }
      if (latest) best = { day: latest.day, score: 0, reason: `inferred from the latest full date in the text, '${latest.text}'` }
    }
    if (!best) return doc
    return withMeta(doc, { published: dayString(best.day), publishedInferred: best.reason })
  })
}
