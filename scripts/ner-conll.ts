/** @module scripts/ner-conll — CoNLL-2003 reading, IOB1 → BILOU, and conlleval-style scoring. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Lexicon } from '../src/entities/lexicon.js'
import { decodeSpans, entityTypes, labelId, tagDocumentTwoPass, type FeatureSpace, type Scorer, type WordCache } from '../src/entities/tagger.js'

/** Data folder, relative to the project root as the data README asks. */
export const dataDir = path.resolve(process.cwd(), '../shared/data')

/** One CoNLL document: sentences of tokens with their IOB1 tags. */
export interface ConllDoc {
  readonly sentences: string[][]
  readonly tags: string[][]
}

/** Read a CoNLL-2003 file into documents (split at `-DOCSTART-`). */
export function readConll(file: string): ConllDoc[] {
  const docs: ConllDoc[] = []
  let doc: ConllDoc | undefined
  let words: string[] = []
  let tags: string[] = []
  const flush = (): void => {
    if (words.length > 0 && doc) {
      doc.sentences.push(words)
      doc.tags.push(tags)
    }
    words = []
    tags = []
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const parts = line.trim().split(' ')
    if (parts[0] === '-DOCSTART-') {
      flush()
      doc = { sentences: [], tags: [] }
      docs.push(doc)
      continue
    }
    if (line.trim() === '') {
      flush()
      continue
    }
    if (!doc) {
      doc = { sentences: [], tags: [] }
      docs.push(doc)
    }
    words.push(parts[0]!)
    tags.push(parts[parts.length - 1]!)
  }
  flush()
  return docs.filter((d) => d.sentences.length > 0)
}

/** Entity chunks `[start, end, type]` of IOB1 (or IOB2) tags. */
export function iobSpans(tags: readonly string[]): [number, number, string][] {
  const spans: [number, number, string][] = []
  let open = -1
  let openType = ''
  tags.forEach((tag, i) => {
    const [prefix, type = ''] = tag.split('-') as [string, string?]
    const continues = prefix === 'I' && open >= 0 && type === openType
    if (open >= 0 && !continues) {
      spans.push([open, i, openType])
      open = -1
    }
    if ((prefix === 'I' || prefix === 'B') && !continues) {
      open = i
      openType = type
    }
  })
  if (open >= 0) spans.push([open, tags.length, openType])
  return spans
}

/** BILOU label ids of IOB1 tags. */
export function bilouLabels(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length)
  for (const [start, end, type] of iobSpans(tags)) {
    const t = entityTypes.indexOf(type as (typeof entityTypes)[number])
    if (end - start === 1) out[start] = labelId(t, 3)
    else {
      out[start] = labelId(t, 0)
      for (let i = start + 1; i < end - 1; i++) out[i] = labelId(t, 1)
      out[end - 1] = labelId(t, 2)
    }
  }
  return out
}

/** Per-type and overall exact-span counts. */
export interface Score {
  readonly byType: Map<string, { gold: number; predicted: number; correct: number }>
  tokens: number
  correctTokens: number
}

/** Start an empty {@link Score}. */
export function newScore(): Score {
  return { byType: new Map(), tokens: 0, correctTokens: 0 }
}

/** Add one sentence's gold and predicted spans to `score`. */
export function addSentence(score: Score, gold: readonly [number, number, string][], predicted: readonly [number, number, string][]): void {
  const entry = (t: string): { gold: number; predicted: number; correct: number } => {
    let e = score.byType.get(t)
    if (!e) {
      e = { gold: 0, predicted: 0, correct: 0 }
      score.byType.set(t, e)
    }
    return e
  }
  const keys = new Set(gold.map(([s, e, t]) => `${s}:${e}:${t}`))
  for (const [, , t] of gold) entry(t).gold++
  for (const [s, e, t] of predicted) {
    entry(t).predicted++
    if (keys.has(`${s}:${e}:${t}`)) entry(t).correct++
  }
}

/** Precision, recall, F1 (percent) of counts. */
export function prf(c: { gold: number; predicted: number; correct: number }): { p: number; r: number; f: number } {
  const p = c.predicted ? (100 * c.correct) / c.predicted : 0
  const r = c.gold ? (100 * c.correct) / c.gold : 0
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 }
}

/** Overall counts of a score. */
export function overall(score: Score): { gold: number; predicted: number; correct: number } {
  const o = { gold: 0, predicted: 0, correct: 0 }
  for (const e of score.byType.values()) {
    o.gold += e.gold
    o.predicted += e.predicted
    o.correct += e.correct
  }
  return o
}

/** conlleval's report text. */
export function formatScore(score: Score): string {
  const o = overall(score)
  const all = prf(o)
  const lines = [
    `processed ${score.tokens} tokens with ${o.gold} phrases; found: ${o.predicted} phrases; correct: ${o.correct}.`,
    `accuracy: ${((100 * score.correctTokens) / Math.max(1, score.tokens)).toFixed(2)}%; precision: ${all.p.toFixed(2)}%; recall: ${all.r.toFixed(2)}%; FB1: ${all.f.toFixed(2)}`,
  ]
  for (const t of [...score.byType.keys()].sort()) {
    const e = score.byType.get(t)!
    const s = prf(e)
    lines.push(`${t.padStart(17)}: precision: ${s.p.toFixed(2).padStart(6)}%; recall: ${s.r.toFixed(2).padStart(6)}%; FB1: ${s.f.toFixed(2).padStart(6)}  ${e.predicted}`)
  }
  return lines.join('\n')
}

/** Tag `docs` and score them against their gold tags. */
export function evaluateTagger(docs: readonly ConllDoc[], cache: WordCache, lexicon: Lexicon, space: FeatureSpace, scorer: Scorer): Score {
  const score = newScore()
  for (const doc of docs) {
    const labels = tagDocumentTwoPass(doc, cache, lexicon, space, scorer)
    doc.tags.forEach((tags, si) => {
      const predicted = decodeSpans(labels[si]!).map(([s, e, t]) => [s, e, entityTypes[t]!] as [number, number, string])
      const gold = iobSpans(tags)
      addSentence(score, gold, predicted)
      score.tokens += tags.length
      const goldType = new Array<string>(tags.length).fill('O')
      for (const [s, e, t] of gold) for (let i = s; i < e; i++) goldType[i] = t
      const predType = new Array<string>(tags.length).fill('O')
      for (const [s, e, t] of predicted) for (let i = s; i < e; i++) predType[i] = t
      for (let i = 0; i < tags.length; i++) if (goldType[i] === predType[i]) score.correctTokens++
    })
  }
  return score
}
