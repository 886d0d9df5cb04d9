/** @module scripts/polnear — read the PolNeAR corpus (brat standoff) for training and evaluation. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Span } from '../src/document/span.js'
import { tokenize } from '../src/tokens/tokens.js'

/** One gold attribution: content fragments, cue fragments and (optional) source fragments. */
export interface GoldAttribution {
  readonly content: readonly Span[]
  readonly cue: readonly Span[]
  readonly source: readonly Span[]
}

/** One PolNeAR article with the attributions of the annotator chosen for it. */
export interface GoldArticle {
  readonly name: string
  readonly text: string
  readonly annotator: string
  readonly attributions: readonly GoldAttribution[]
}

/** The PolNeAR folder, resolved from the project root as the data README asks. */
export const polnearRoot = path.resolve(process.cwd(), '../shared/data/quotes/polnear')

function parseSpans(field: string): Span[] {
  // brat: "Label 12 30;35 40"
  const ranges = field.slice(field.indexOf(' ') + 1)
  return ranges.split(';').map((r) => {
    const [a, b] = r.trim().split(' ').map(Number)
    return { start: a as number, end: b as number }
  })
}

/** Parse one `.ann` file into attributions (one per `Attribution` event). */
export function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, Span[]>()
  const events: string[] = []
  for (const line of ann.split('\n')) {
    const [id, body] = line.split('\t')
    if (!id || body === undefined) continue
    if (id.startsWith('T')) spans.set(id, parseSpans(body))
    else if (id.startsWith('E')) events.push(body)
  }
  const out: GoldAttribution[] = []
  for (const body of events) {
    const roles: Record<string, Span[]> = {}
    for (const part of body.trim().split(/\s+/)) {
      const [role, ref] = part.split(':')
      if (!role || !ref) continue
      const key = role.replace(/\d+$/, '')
      roles[key] = [...(roles[key] ?? []), ...(spans.get(ref) ?? [])]
    }
    const content = roles['Content'] ?? []
    if (content.length === 0) continue
    out.push({ content, cue: roles['Cue'] ?? [], source: roles['Source'] ?? [] })
  }
  return out
}

/**
 * Load a split (`train` or `dev`). Articles annotated by several people (the annotator-training
 * compartment) keep only one annotator: the alphabetically first suffix, one consistent rule.
 */
export function loadSplit(split: 'train' | 'dev', limit = Infinity): GoldArticle[] {
  const dir = path.join(polnearRoot, split)
  const anns = readdirSync(path.join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort()
  const byStem = new Map<string, string>()
  for (const file of anns) {
    const stem = file.replace(/_[0-9a-f]{4}\.ann$/, '')
    if (!byStem.has(stem)) byStem.set(stem, file)
  }
  const articles: GoldArticle[] = []
  for (const [stem, file] of [...byStem].sort()) {
    if (articles.length >= limit) break
    const text = readFileSync(path.join(dir, 'text', `${stem}.txt`), 'utf8')
    const annotator = file.slice(stem.length + 1, -4)
    articles.push({ name: stem, text, annotator, attributions: parseAnn(readFileSync(path.join(dir, 'attributions', file), 'utf8')) })
  }
  return articles
}

/**
 * The word sets of eval:quotes' overlap measure over one text: `tokenize()` tokens less
 * punctuation and symbols (quote marks), by index; a span set's words are those inside it.
 */
export function wordSets(text: string): (spans: readonly Span[]) => Set<number> {
  const words = tokenize(text).filter((t) => t.kind !== 'punct' && t.kind !== 'symbol')
  return (spans) => {
    const out = new Set<number>()
    words.forEach((w, i) => {
      if (spans.some((s) => w.start >= s.start && w.end <= s.end)) out.add(i)
    })
    return out
  }
}

/** Shared words over the larger of the two sets (0–1). */
export function overlapScore(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0
  for (const w of a) if (b.has(w)) shared++
  return shared / Math.max(a.size, b.size, 1)
}

/**
 * One-to-one matching of predicted to gold word sets, greedily from the best overlap down,
 * pairs under `min` never matched: predicted index → its gold index and score.
 */
export function matchByOverlap(predicted: readonly ReadonlySet<number>[], gold: readonly ReadonlySet<number>[], min = 0.3): Map<number, { gold: number; score: number }> {
  const pairs: [number, number, number][] = []
  predicted.forEach((pw, p) => gold.forEach((gw, g) => {
    const score = overlapScore(pw, gw)
    if (score >= min) pairs.push([score, p, g])
  }))
  pairs.sort((a, b) => b[0] - a[0])
  const usedG = new Set<number>()
  const out = new Map<number, { gold: number; score: number }>()
  for (const [score, p, g] of pairs) {
    if (out.has(p) || usedG.has(g)) continue
    usedG.add(g)
    out.set(p, { gold: g, score })
  }
  return out
}
