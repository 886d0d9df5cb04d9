/**
 * @module scripts/eval-quotes — score `quotes()` on PolNeAR (dev split by default).
 *
 * Runs the standard pipeline on each article and compares its quotes with the gold attributions
 * of one annotator per article (the alphabetically first, see `polnear.ts`). Units are word tokens
 * (`tokenize()`, punctuation and quote marks dropped). A predicted content span matches a gold one
 * when their shared words are at least 0.3 of the LONGER of the two (symmetric, so neither
 * sentence-long nor one-word guesses get credit); matching is one-to-one, best score first.
 * Exact: the same set of words. For comparison only, GenderGapTracker's own measure (more than 0.3
 * of the gold span covered by the prediction, each gold quote in turn taking its best remaining prediction). Cue F1: cue spans overlapping (one-to-one). Source accuracy:
 * over matched pairs whose gold has a source, the predicted source overlaps it (and, exact, has
 * the same words). Run: `npm run eval:quotes [-- --split train --from 200 --limit 50 --errors --min-cue-rate 0.6 --cue-threshold 0.4 --candidate-threshold 0.5 --candidate-sourceless-threshold 0.6 --no-candidate-model --rule-threshold 0.3 --no-rule-filter --keep-nested]`.
 */
import { createDocument } from '../src/document/document.js'
import type { Span } from '../src/document/span.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { quotes } from '../src/quotes/index.js'
import { standardAnnotators } from '../src/standard.js'
import { loadSplit, matchByOverlap, wordSets, type GoldAttribution } from './polnear.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const split = (option('split') ?? 'dev') as 'dev' | 'train'
const limit = Number(option('limit') ?? Infinity)
const showErrors = args.includes('--errors')

const from = Number(option('from') ?? 0)
const articles = loadSplit(split, from + limit).slice(from)
// The standard pipeline, with `quotes()` options from the command line when tuning.
const minCueRate = option('min-cue-rate')
const cueThreshold = option('cue-threshold')
const tuned = {
  ...(minCueRate !== undefined ? { minCueRate: Number(minCueRate) } : {}),
  ...(cueThreshold !== undefined ? { cueThreshold: Number(cueThreshold) } : {}),
  ...(args.includes('--no-content-model') ? { contentModel: false } : {}),
  ...(args.includes('--no-candidate-model') ? { candidateModel: false } : {}),
  ...(option('candidate-threshold') !== undefined ? { candidateThreshold: Number(option('candidate-threshold')) } : {}),
  ...(args.includes('--no-rule-filter') ? { ruleFilter: false } : {}),
  ...(args.includes('--keep-nested') ? { keepRepeatedNested: true } : {}),
  ...(option('rule-threshold') !== undefined ? { ruleThreshold: Number(option('rule-threshold')) } : {}),
  ...(option('candidate-sourceless-threshold') !== undefined ? { candidateSourcelessThreshold: Number(option('candidate-sourceless-threshold')) } : {}),
}
const run = pipeline(standardAnnotators().map((a) => (a.name === 'quotes' && Object.keys(tuned).length > 0 ? quotes(tuned) : a)))

interface Counts { tp: number; pred: number; gold: number }
const content: Counts = { tp: 0, pred: 0, gold: 0 }
const exact: Counts = { tp: 0, pred: 0, gold: 0 }
const cue: Counts = { tp: 0, pred: 0, gold: 0 }
// For comparison with the GenderGapTracker anchor only (not the target): its evaluate_quotes.py takes each
// gold quote in turn and matches the remaining prediction covering most of it, more than 0.3 of the GOLD span.
const goldCoverage: Counts = { tp: 0, pred: 0, gold: 0 }
// Recall on the attributions with a plain speech cue (say/tell/according to/…), the subset that
// speech-quote tools such as GenderGapTracker target; PolNeAR also annotates beliefs, endorsements…
const speechCue = /\b(say|says|said|saying|tell|tells|told|telling|according to|wrote|writes|added|adds|adding|stated|asked|explained|noted|:)$/i
const speech = { gold: 0, found: 0 }
const missed = { cueMissed: 0, contentWrong: 0 }
let sourceTotal = 0
let sourceOverlap = 0
let sourceExact = 0
const byKind: Record<string, { pred: number; tp: number }> = {}
const started = Date.now()
let chars = 0

const f1 = (c: Counts): string => {
  const p = c.pred ? c.tp / c.pred : 0
  const r = c.gold ? c.tp / c.gold : 0
  const f = p + r ? (2 * p * r) / (p + r) : 0
  return `P ${(100 * p).toFixed(1)}  R ${(100 * r).toFixed(1)}  F1 ${(100 * f).toFixed(1)}`
}
const overlaps = (a: readonly Span[], b: readonly Span[]): boolean => a.some((x) => b.some((y) => x.start < y.end && y.start < x.end))

for (const article of articles) {
  const text = article.text
  chars += text.length
  const wordSet = wordSets(text)
  const doc = run.runSync(createDocument({ id: article.name, text }))
  const predicted = doc.layers.quotes ?? []
  const gold: GoldAttribution[] = [...article.attributions]
  const goldWords = gold.map((g) => wordSet(g.content))
  const predWords = predicted.map((q) => wordSet(q.parts ?? [q]))
  const matches = matchByOverlap(predWords, goldWords)
  const matchOf = new Map([...matches].map(([p, m]) => [p, m.gold]))
  const usedG = new Set(matchOf.values())
  // Unmatched gold attributions: was their cue found (then the content span was wrong) or not?
  gold.forEach((g, i) => {
    if (usedG.has(i)) return
    if (predicted.some((q) => q.cue && overlaps([q.cue], g.cue))) missed.contentWrong++
    else missed.cueMissed++
  })
  gold.forEach((g, i) => {
    const cueText = g.cue.map((c) => text.slice(c.start, c.end)).join(' ').trim()
    if (!speechCue.test(cueText)) return
    speech.gold++
    if (usedG.has(i)) speech.found++
  })
  {
    const left = new Set(predWords.keys())
    for (const gw of goldWords) {
      let best = -1
      let bestScore = 0.3
      for (const p of left) {
        let shared = 0
        for (const w of gw) if ((predWords[p] as Set<number>).has(w)) shared++
        const score = gw.size > 0 ? shared / gw.size : 0
        if (score > bestScore) {
          bestScore = score
          best = p
        }
      }
      if (best >= 0) {
        left.delete(best)
        goldCoverage.tp++
      }
    }
    goldCoverage.pred += predicted.length
    goldCoverage.gold += gold.length
  }
  content.pred += predicted.length
  content.gold += gold.length
  content.tp += matchOf.size
  exact.pred += predicted.length
  exact.gold += gold.length
  for (const [p, g] of matchOf) {
    const pw = predWords[p] as Set<number>
    const gw = goldWords[g] as Set<number>
    if (pw.size === gw.size && [...pw].every((w) => gw.has(w))) exact.tp++
    const gs = (gold[g] as GoldAttribution).source
    if (gs.length > 0) {
      sourceTotal++
      const src = (predicted[p] as (typeof predicted)[number]).source
      if (src && overlaps([src], gs)) {
        sourceOverlap++
        const a = wordSet([src])
        const b = wordSet(gs)
        if (a.size === b.size && [...a].every((w) => b.has(w))) sourceExact++
      }
    }
  }
  for (const q of predicted) {
    const k = (byKind[q.kind] ??= { pred: 0, tp: 0 })
    k.pred++
  }
  for (const p of matchOf.keys()) (byKind[(predicted[p] as (typeof predicted)[number]).kind] as { tp: number }).tp++
  // Cue F1: predicted cue spans vs gold cue spans, one-to-one by overlap.
  const goldCues = gold.map((g) => g.cue).filter((c) => c.length > 0)
  const predCues = predicted.flatMap((q) => (q.cue ? [q.cue] : []))
  const usedCue = new Set<number>()
  cue.pred += predCues.length
  cue.gold += goldCues.length
  for (const pc of predCues) {
    const g = goldCues.findIndex((gc, i) => !usedCue.has(i) && overlaps([pc], gc))
    if (g >= 0) {
      usedCue.add(g)
      cue.tp++
    }
  }
  if (showErrors) {
    const clip = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 140)
    predicted.forEach((q, p) => {
      if (!matchOf.has(p)) console.log(`FP ${article.name}: [${q.kind}] ${q.source ? text.slice(q.source.start, q.source.end) : '-'} | ${q.cue ? text.slice(q.cue.start, q.cue.end) : '-'} | ${clip(text.slice(q.start, q.end))}`)
    })
    gold.forEach((g, i) => {
      if (!usedG.has(i)) console.log(`FN ${article.name}: ${g.source.map((s) => text.slice(s.start, s.end)).join(' ')} | ${g.cue.map((s) => text.slice(s.start, s.end)).join(' ')} | ${clip(g.content.map((s) => text.slice(s.start, s.end)).join(' … '))}`)
    })
    for (const [p] of matchOf) {
      const q = predicted[p] as (typeof predicted)[number]
      console.log(`TP ${article.name}: [${q.kind}] ${q.cue ? text.slice(q.cue.start, q.cue.end) : '-'}`)
    }
    for (const [p, g] of matchOf) {
      const gs = (gold[g] as GoldAttribution).source
      const src = (predicted[p] as (typeof predicted)[number]).source
      if (gs.length > 0 && !(src && overlaps([src], gs))) console.log(`SRC ${article.name}: pred ${src ? text.slice(src.start, src.end) : '-'} gold ${gs.map((s) => text.slice(s.start, s.end)).join(' ')} | ${clip(text.slice(predicted[p]!.start, predicted[p]!.end))}`)
    }
  }
}

const seconds = (Date.now() - started) / 1000
console.log(`PolNeAR ${split}: ${articles.length} articles, ${content.gold} gold attributions, ${content.pred} predicted quotes (${seconds.toFixed(1)} s, ${Math.round(chars / seconds)} chars/s)`)
console.log(`content overlap >= 0.3  ${f1(content)}`)
console.log(`content exact           ${f1(exact)}`)
console.log(`(GGT's measure: > 0.3 of the gold span covered, gold-first matching: ${f1(goldCoverage)})`)
console.log(`cue (span overlap)      ${f1(cue)}`)
console.log(`source accuracy on ${sourceTotal} matched quotes with a gold source: overlap ${(100 * sourceOverlap / Math.max(sourceTotal, 1)).toFixed(1)} % (${sourceOverlap}), exact ${(100 * sourceExact / Math.max(sourceTotal, 1)).toFixed(1)} %`)
console.log(`recall on the ${speech.gold} attributions with a speech cue (say, tell, according to, wrote, added, …): ${(100 * speech.found / Math.max(speech.gold, 1)).toFixed(1)} %`)
console.log(`missed gold attributions: ${missed.cueMissed} with no predicted cue on theirs, ${missed.contentWrong} with their cue found but a content span under 0.3 overlap`)
console.log(`by kind: ${Object.entries(byKind).map(([k, v]) => `${k} ${v.tp}/${v.pred} matched`).join(', ')}`)
