/**
 * @module scripts/train-quote-candidates — train the candidate scorer of `quotes()` on PolNeAR train.
 *
 * Runs the standard pipeline on every train article with the candidate pass recording instead of
 * deciding; the articles of each of 5 folds run with learned cue rates, cue tagger and content-end
 * chooser fitted on the other folds (cross-fitting; `--no-cross-fit` uses the stored ones, which saw
 * these articles). Each candidate quote (features and spans) is labelled 1 when its content matches (the
 * eval's rule: shared words ≥ 0.3 of the longer) a gold attribution that the rules' own quotes left
 * unmatched. Logistic regression (AdaGrad, light L2) is fitted on those; the two thresholds (for
 * candidates with a source and for those with none) are the pair that maximises content F1 on train
 * over 5-fold cross-validated probabilities (best candidate per cue word, a gold attribution counted
 * once) while the source accuracy stays at or above `--min-source` (0.885). A candidate counts as
 * positive only when its source is right too (or gold has none). Writes `models/quotes/candidate-model.json`.
 * Run: `npm run train:quote-candidates [-- --epochs 6 --floor 0.3 --min-count 3 --min-source 0.885 --one-threshold --no-cross-fit --cache FILE]`.
 */
import { fitLogistic, outOfFold } from './logistic.js'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createDocument } from '../src/document/document.js'
import { pipeline, type Pipeline } from '../src/pipeline/pipeline.js'
import type { CandidateModel } from '../src/quotes/candidate-model.js'
import { loadCueModel, quotes, type FoundQuote, type QuotesOptions } from '../src/quotes/index.js'
import { standardAnnotators } from '../src/standard.js'
import { loadSplit, matchByOverlap, overlapScore, wordSets } from './polnear.js'
import { fitContentModel, fitCueModel, learnCueRates, seededRandom } from './quote-models.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const epochs = Number(option('epochs') ?? 6)
const floor = Number(option('floor') ?? 0.3)
const minCount = Number(option('min-count') ?? 3)
const l2 = Number(option('l2') ?? 1e-4)
const folds = 5
// One threshold for candidates with a source and one for those without (`--one-threshold`: the same for both).
const twoThresholds = !args.includes('--one-threshold')
// The fold taggers mark cues from the stored tagger's threshold.
const storedCueThreshold = loadCueModel().threshold

interface Candidate {
  features: readonly string[]
  gold: number
  group: number
  article: number
  hasSource: boolean
  sourceOk: boolean
  predSource: boolean
}
let recorded: { features: readonly string[]; quote: FoundQuote }[] = []
const recording = (trained?: QuotesOptions['trained']): Pipeline =>
  pipeline(
    standardAnnotators().map((a) =>
      a.name === 'quotes'
        ? quotes({
            candidateThreshold: 1,
            candidateFloor: floor,
            // The candidate pass runs before the rule filter and sees all the rules' quotes; so does
            // training (and the filter, trained after it on the whole output, stays out of its input).
            ruleFilter: false,
            // The final drop of nested repeats (\`dropRepeatedNested\`) stays out of training: see docs/bench/quotes.md (s7).
            keepRepeatedNested: true,
            candidateScore: (features, quote) => {
              recorded.push({ features, quote })
              return 0
            },
            ...(trained ? { trained } : {}),
          })
        : a,
    ),
  )

const articles = loadSplit('train')
// Cross-fitting: the articles of fold k run with the learned cue rates, cue tagger and content-end
// chooser fitted on the other folds, so the candidates (and the rules' quotes they complement) look
// as they will on unseen text; the stored parts were fitted on all of train, these articles included.
const crossFit = !args.includes('--no-cross-fit')
const candidates: Candidate[] = []
let baseTp = 0
let basePred = 0
let goldTotal = 0
let baseSourceTotal = 0
let baseSourceOk = 0
let groupId = 0
const started = Date.now()
// `--cache FILE`: the recorded candidates are read from FILE when it exists, else recorded and written there (for quick refits).
const cache = option('cache')
if (cache && existsSync(cache)) {
  const saved = JSON.parse(readFileSync(cache, 'utf8')) as { candidates: Candidate[]; base: number[] }
  candidates.push(...saved.candidates)
  ;[baseTp, basePred, goldTotal, baseSourceTotal, baseSourceOk] = saved.base as [number, number, number, number, number]
} else {
  const runs: Pipeline[] = []
  for (let k = 0; k < folds; k++) {
    if (!crossFit) {
      runs.push(k === 0 ? recording() : (runs[0] as Pipeline))
      continue
    }
    const others = articles.filter((_, i) => i % folds !== k)
    const cueRates = Object.fromEntries(learnCueRates(others))
    const random = seededRandom(7)
    const label = `PolNeAR train less fold ${k}`
    const cueModel = fitCueModel(others, label, random, { rates: cueRates, threshold: storedCueThreshold })
    const contentModel = fitContentModel(others, label, random)
    runs.push(recording({ cueRates, cueModel, contentModel }))
    console.log(`fold ${k}: parts fitted on ${others.length} articles`)
  }
  const byFold = articles.map((article, ai) => ({ article, ai })).sort((a, b) => (a.ai % folds) - (b.ai % folds) || a.ai - b.ai)
  byFold.forEach(({ article, ai }) => {
    const run = runs[ai % folds] as Pipeline
    const text = article.text
    const wordSet = wordSets(text)
    recorded = []
    const doc = run.runSync(createDocument({ id: article.name, text }))
    const predicted = doc.layers.quotes ?? []
    const goldWords = article.attributions.map((g) => wordSet(g.content))
    const predWords = predicted.map((q) => wordSet(q.parts ?? [q]))
    const matches = matchByOverlap(predWords, goldWords)
    const matchOf = new Map([...matches].map(([p, m]) => [p, m.gold]))
    const usedG = new Set(matchOf.values())
    // Gold index → the rules' quote matched to it and their score.
    const heldBy = new Map([...matches].map(([p, m]) => [m.gold, [p, m.score] as [number, number]]))
    // Source accuracy of the rules' quotes, as the eval counts it.
    for (const [p, g] of matchOf) {
      const gs = article.attributions[g]!.source
      if (gs.length === 0) continue
      baseSourceTotal++
      const src = predicted[p]!.source
      if (src && gs.some((s) => s.start < src.end && src.start < s.end)) baseSourceOk++
    }
    baseTp += usedG.size
    basePred += predicted.length
    goldTotal += article.attributions.length
    let lastCue = -1
    for (const { features, quote } of recorded) {
      // The variants of one cue word come one after the other, with the same cue span.
      if (quote.cue?.start !== lastCue) groupId++
      lastCue = quote.cue?.start ?? -1
      const cw = wordSet([quote])
      const offset = goldTotal - article.attributions.length
      // The gold attribution it would match: one the rules left unmatched, or one a rules' quote holds
      // with a lower score while that quote could take another unmatched one instead (nested
      // attributions "X said [Y felt [Z]]": the eval's best-first matching then gives each its own).
      let gold = -1
      let local = -1
      let bestScore = 0.3
      goldWords.forEach((gw, g) => {
        const s = overlapScore(cw, gw)
        if (s < bestScore) return
        if (!usedG.has(g)) {
          bestScore = s
          gold = offset + g
          local = g
          return
        }
        const holder = heldBy.get(g)
        if (holder === undefined || s <= holder[1]) return
        const other = goldWords.findIndex((ow, o) => !usedG.has(o) && overlapScore(predWords[holder[0]] as Set<number>, ow) >= 0.3)
        if (other >= 0) {
          bestScore = s
          gold = offset + other
          local = g
        }
      })
      const gs = local >= 0 ? article.attributions[local]!.source : []
      const src = quote.source
      const sourceOk = gs.length > 0 && src !== undefined && gs.some((s) => s.start < src.end && src.start < s.end)
      if (process.env.DIAG && gs.length > 0 && !sourceOk && local >= 0) {
        const k = features.find((f) => f.startsWith('src=') && !f.slice(4).includes('|'))
        console.log(
          `WRONG ${k} | ${src ? text.slice(src.start, src.end) : '-'} | gold ${gs.map((s) => text.slice(s.start, s.end)).join(' ')} | cue ${quote.cue ? text.slice(quote.cue.start, quote.cue.end) : '-'} | ${text.slice(Math.max(0, quote.start - 150), quote.start).replace(/\n/g, ' ')} [[${text.slice(quote.start, Math.min(quote.end, quote.start + 80)).replace(/\n/g, ' ')}]]`,
        )
      }
      candidates.push({ features, gold, group: groupId, article: ai, hasSource: gs.length > 0, sourceOk, predSource: src !== undefined })
    }
  })
  if (cache) writeFileSync(cache, JSON.stringify({ candidates, base: [baseTp, basePred, goldTotal, baseSourceTotal, baseSourceOk] }))
}
if (process.env.DIAG) {
  const by = new Map<string, number[]>()
  for (const c of candidates) {
    const k = c.features.find((f) => f.startsWith('src=') && !f.slice(4).includes('|')) ?? '?'
    const e = by.get(k) ?? [0, 0, 0, 0]
    e[0]!++
    if (c.gold >= 0) e[1]!++
    if (c.gold >= 0 && c.hasSource) e[2]!++
    if (c.gold >= 0 && c.sourceOk) e[3]!++
    by.set(k, e)
  }
  console.log([...by].map(([k, v]) => `${k}: ${v.join(' / ')}`).join('\n'))
}
const positives = candidates.filter((c) => c.gold >= 0).length
console.log(
  `${articles.length} train articles: rules ${baseTp} of ${goldTotal} gold matched by ${basePred} quotes; ${candidates.length} candidates, ${positives} positive (${((Date.now() - started) / 1000).toFixed(0)} s)`,
)

const label = (c: Candidate): number => (c.gold >= 0 && (!c.hasSource || c.sourceOk) ? 1 : 0)
const fitOptions = { epochs, minCount, l2 }

// Out-of-fold probabilities, folds by article.
const oof = outOfFold(candidates, folds, label, fitOptions)
// Content F1 on train at each threshold: the best candidate per cue word is kept when it reaches it.
const best = new Map<number, number>()
candidates.forEach((c, i) => {
  const b = best.get(c.group)
  if (b === undefined || (oof[i] as number) > (oof[b] as number)) best.set(c.group, i)
})
// A candidate with a source is kept from `threshold`, one with none (it counts as a wrong source
// wherever gold has one) from `sourceless`.
const f1At = (threshold: number, sourceless = threshold): { f1: number; p: number; r: number; kept: number; source: number } => {
  const hit = new Map<number, Candidate>()
  let kept = 0
  for (const i of best.values()) {
    if ((oof[i] as number) < ((candidates[i] as Candidate).predSource ? threshold : sourceless)) continue
    kept++
    const c = candidates[i] as Candidate
    if (c.gold >= 0 && !hit.has(c.gold)) hit.set(c.gold, c)
  }
  let sourceTotal = baseSourceTotal
  let sourceOk = baseSourceOk
  for (const c of hit.values()) {
    if (!c.hasSource) continue
    sourceTotal++
    if (c.sourceOk) sourceOk++
  }
  const p = (baseTp + hit.size) / (basePred + kept)
  const r = (baseTp + hit.size) / goldTotal
  return { f1: (2 * p * r) / (p + r), p, r, kept, source: sourceOk / sourceTotal }
}
// Source accuracy must stay at or above this on train (issue 4's floor is 88 % on dev).
const minSource = Number(option('min-source') ?? 0.885)
let chosen = 1
let chosenSourceless = 1
let bestF1 = f1At(1).f1
console.log(`train content F1, rules only: ${(100 * bestF1).toFixed(1)}, source ${((100 * baseSourceOk) / baseSourceTotal).toFixed(1)} %`)
const grid: number[] = []
for (let th = 0.2; th <= 0.901; th += 0.025) grid.push(Math.round(th * 1000) / 1000)
for (const th of grid) {
  const m = f1At(th)
  console.log(
    `threshold ${th.toFixed(3)}: F1 ${(100 * m.f1).toFixed(1)} (P ${(100 * m.p).toFixed(1)}, R ${(100 * m.r).toFixed(1)}), source ${(100 * m.source).toFixed(1)} %, ${m.kept} candidates kept`,
  )
  for (const none of twoThresholds ? [...grid.filter((n) => n >= th), 1] : [th]) {
    const m2 = f1At(th, none)
    if (m2.f1 > bestF1 && m2.source >= minSource) {
      bestF1 = m2.f1
      chosen = th
      chosenSourceless = none
    }
  }
}
const threshold = Number(option('threshold') ?? chosen)
const sourcelessThreshold = Number(option('sourceless-threshold') ?? (option('threshold') !== undefined ? threshold : chosenSourceless))
const picked = f1At(threshold, sourcelessThreshold)
console.log(
  `picked: threshold ${threshold}, without a source ${sourcelessThreshold}: F1 ${(100 * picked.f1).toFixed(1)} (P ${(100 * picked.p).toFixed(1)}, R ${(100 * picked.r).toFixed(1)}), source ${(100 * picked.source).toFixed(1)} %, ${picked.kept} candidates kept`,
)
const weights = fitLogistic(candidates, label, fitOptions)
const stored: Record<string, number> = {}
for (const [f, v] of weights) {
  const value = Math.round(v * 100) / 100
  if (Math.abs(value) >= 0.02) stored[f] = value
}
const model: CandidateModel = {
  trainedOn: `PolNeAR train: ${articles.length} articles, ${candidates.length} candidates (${positives} positive)${crossFit ? ' from cue rates, tagger and content-end chooser cross-fitted over 5 folds' : ''}; ${epochs} epochs; thresholds ${threshold} (with a source) and ${sourcelessThreshold} (without): best content F1 (${(100 * bestF1).toFixed(1)}) of 5-fold cross-validation on train with source accuracy >= ${100 * minSource} %`,
  threshold,
  ...(sourcelessThreshold !== threshold ? { sourcelessThreshold } : {}),
  floor,
  weights: stored,
}
const file = path.resolve(process.cwd(), 'models/quotes/candidate-model.json')
writeFileSync(file, JSON.stringify(model) + '\n')
console.log(`threshold ${threshold}; wrote ${Object.keys(stored).length} features to ${path.relative(process.cwd(), file)}`)
