/**
 * @module scripts/train-quote-filter — train the keep/drop scorer of the rules' quotes (`rule-filter.ts`) on PolNeAR train.
 *
 * Runs the standard pipeline (rules, candidate pass, transcript turns) on every train article with
 * the filter recording instead of deciding (every quote kept). A scored rules' quote is labelled 1
 * when the eval's matcher (shared words ≥ 0.3 of the longer, one-to-one, best first) pairs it with a
 * gold attribution in the article's whole output. Logistic regression (AdaGrad, light L2, fixed seed)
 * is fitted on those; the threshold is the one that maximises content F1 on train over 5-fold
 * cross-validated probabilities (folds by article; the other quotes of the output counted as they
 * are) while the train source accuracy stays at or above `--min-source` (0.885). Writes
 * `models/quotes/rule-filter.json`. Run after `train:quotes` and `train:quote-candidates`:
 * `npm run train:quote-filter [-- --epochs 6 --min-count 3 --min-source 0.885]`.
 */
import { fitLogistic, outOfFold } from './logistic.js'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { createDocument } from '../src/document/document.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { quotes, type FoundQuote, type RuleFilterModel } from '../src/quotes/index.js'
import { standardAnnotators } from '../src/standard.js'
import { loadSplit, matchByOverlap, wordSets } from './polnear.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const epochs = Number(option('epochs') ?? 6)
const minCount = Number(option('min-count') ?? 3)
const l2 = Number(option('l2') ?? 1e-4)
const minSource = Number(option('min-source') ?? 0.885)
const folds = 5

interface Example { features: readonly string[]; matched: boolean; hasSource: boolean; sourceOk: boolean; article: number; text: string }
let recorded: { features: readonly string[]; quote: FoundQuote }[] = []
const run = pipeline(
  standardAnnotators().map((a) =>
    a.name === 'quotes'
      ? quotes({
          ruleScore: (features, quote) => {
            recorded.push({ features, quote })
            return 1
          },
        })
      : a,
  ),
)

const articles = loadSplit('train')
const examples: Example[] = []
// The rest of the output (exempt direct quotes, candidates, transcript turns): counted as they are.
let otherTp = 0
let otherPred = 0
let otherSourceTotal = 0
let otherSourceOk = 0
let goldTotal = 0
const started = Date.now()
const key = (q: { start: number; end: number; cue?: { start: number } | undefined }): string => `${q.start}:${q.end}:${q.cue?.start ?? -1}`
articles.forEach((article, ai) => {
  const text = article.text
  const wordSet = wordSets(text)
  recorded = []
  const doc = run.runSync(createDocument({ id: article.name, text }))
  const predicted = doc.layers.quotes ?? []
  goldTotal += article.attributions.length
  const matches = matchByOverlap(predicted.map((q) => wordSet(q.parts ?? [q])), article.attributions.map((g) => wordSet(g.content)))
  const scored = new Map<string, { features: readonly string[] }>()
  for (const r of recorded) if (r.features.length > 0 && !scored.has(key(r.quote))) scored.set(key(r.quote), r)
  predicted.forEach((q, p) => {
    const m = matches.get(p)
    const gs = m ? article.attributions[m.gold]!.source : []
    const src = q.source
    const sourceOk = gs.length > 0 && src !== undefined && gs.some((s) => s.start < src.end && src.start < s.end)
    const r = scored.get(key(q))
    if (r) {
      scored.delete(key(q))
      examples.push({ features: r.features, matched: m !== undefined, hasSource: gs.length > 0, sourceOk, article: ai, text: `${article.name}: ${q.kind} ${q.cue ? text.slice(q.cue.start, q.cue.end) : '-'} | ${text.slice(q.start, q.end).replace(/\s+/g, ' ').slice(0, 100)}` })
      return
    }
    otherPred++
    if (m) otherTp++
    if (gs.length > 0) {
      otherSourceTotal++
      if (sourceOk) otherSourceOk++
    }
  })
})
const positives = examples.filter((e) => e.matched).length
console.log(`${articles.length} train articles, ${goldTotal} gold: ${examples.length} scored rules' quotes (${positives} matched), ${otherPred} other quotes (${otherTp} matched) (${((Date.now() - started) / 1000).toFixed(0)} s)`)

const label = (e: Example): number => (e.matched ? 1 : 0)
const fitOptions = { epochs, minCount, l2 }

// Out-of-fold probabilities, folds by article.
const oof = outOfFold(examples, folds, label, fitOptions)
const at = (threshold: number): { f1: number; p: number; r: number; dropped: number; droppedTp: number; source: number } => {
  let tp = otherTp
  let pred = otherPred
  let sourceTotal = otherSourceTotal
  let sourceOk = otherSourceOk
  let dropped = 0
  let droppedTp = 0
  examples.forEach((e, i) => {
    if ((oof[i] as number) < threshold) {
      dropped++
      if (e.matched) droppedTp++
      return
    }
    pred++
    if (e.matched) tp++
    if (e.hasSource) {
      sourceTotal++
      if (e.sourceOk) sourceOk++
    }
  })
  const p = tp / pred
  const r = tp / goldTotal
  return { f1: (2 * p * r) / (p + r), p, r, dropped, droppedTp, source: sourceOk / sourceTotal }
}
const none = at(0)
console.log(`train content F1, all rules' quotes kept: ${(100 * none.f1).toFixed(1)} (P ${(100 * none.p).toFixed(1)}, R ${(100 * none.r).toFixed(1)}), source ${(100 * none.source).toFixed(1)} %`)
let chosen = 0
let bestF1 = none.f1
for (let th = 0.05; th <= 0.701; th += 0.025) {
  const m = at(th)
  console.log(`threshold ${th.toFixed(3)}: F1 ${(100 * m.f1).toFixed(1)} (P ${(100 * m.p).toFixed(1)}, R ${(100 * m.r).toFixed(1)}), source ${(100 * m.source).toFixed(1)} %, ${m.dropped} dropped (${m.droppedTp} matched)`)
  if (m.f1 > bestF1 + 1e-9 && m.source >= minSource) {
    bestF1 = m.f1
    chosen = Math.round(th * 1000) / 1000
  }
}
const threshold = Number(option('threshold') ?? chosen)
console.log(`chosen ${chosen}: train CV F1 ${(100 * bestF1).toFixed(2)}, source ${(100 * at(chosen).source).toFixed(2)} %`)
if (process.env.DIAG) {
  examples.forEach((e, i) => {
    console.log(`${(oof[i] as number) < threshold ? 'DROP' : 'KEEP'} ${e.matched ? 'TP' : 'FP'} ${(oof[i] as number).toFixed(2)} ${e.text}`)
  })
}
if (!args.includes('--dry-run')) {
  const weights = fitLogistic(examples, label, fitOptions)
  const stored: Record<string, number> = {}
  for (const [f, v] of [...weights].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const value = Math.round(v * 100) / 100
    if (Math.abs(value) >= 0.02) stored[f] = value
  }
  const model: RuleFilterModel = {
    trainedOn: `PolNeAR train: ${articles.length} articles, ${examples.length} scored rules' quotes (${positives} matching gold); ${epochs} epochs; threshold ${threshold}: best content F1 (${(100 * bestF1).toFixed(1)}) of 5-fold cross-validation on train with source accuracy >= ${100 * minSource} %`,
    threshold,
    weights: stored,
  }
  const file = path.resolve(process.cwd(), 'models/quotes/rule-filter.json')
  writeFileSync(file, JSON.stringify(model) + '\n')
  console.log(`threshold ${threshold}; wrote ${Object.keys(stored).length} features to ${path.relative(process.cwd(), file)}`)
}
