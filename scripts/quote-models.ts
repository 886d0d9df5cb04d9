/**
 * @module scripts/quote-models — fit the trained parts of `quotes()` on a set of PolNeAR articles: the
 * learned cue rates (`src/quotes/cue-lexicon.ts`), the cue tagger and the content-end chooser.
 * `train:quotes` fits them on all of train and writes them; `train:quote-candidates` also fits them
 * per fold, so that the candidate scorer learns from the tagger and lexicon as they behave on
 * articles they were not fitted on.
 */
import { createDocument } from '../src/document/document.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { contentEndCandidates, contentEndFeatures, type ContentModel } from '../src/quotes/content-model.js'
import { cueFeatures, type CueModel } from '../src/quotes/cue-model.js'
import { findMarkedPassages, passageOfTokens } from '../src/quotes/quote-marks.js'
import { sentences } from '../src/sentences/index.js'
import { tokens } from '../src/tokens/index.js'
import type { GoldArticle } from './polnear.js'

/** A deterministic uniform generator in [0, 1) (one stream shared by the fits, so outputs are reproducible). */
export function seededRandom(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)
}

/**
 * Words PolNeAR annotators marked as cues in at least `minRate` of their `minCount`+ occurrences, with
 * that rate rounded to 0.01, sorted by word.
 */
export function learnCueRates(articles: readonly GoldArticle[], minCount = 4, minRate = 0.3): [string, number][] {
  const seen = new Map<string, number>()
  const cued = new Map<string, number>()
  for (const article of articles) {
    const cueChars = new Uint8Array(article.text.length)
    for (const a of article.attributions) for (const s of a.cue) cueChars.fill(1, s.start, s.end)
    // A plain word regex rather than `tokenize()`: counting words needs no PTB detail.
    for (const m of article.text.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
      const word = m[0].toLowerCase()
      seen.set(word, (seen.get(word) ?? 0) + 1)
      if (cueChars[m.index]) cued.set(word, (cued.get(word) ?? 0) + 1)
    }
  }
  const entries: [string, number][] = []
  for (const [word, n] of cued) {
    const total = seen.get(word) ?? n
    const rate = n / total
    if (n >= minCount && rate >= minRate && /^\p{L}[\p{L}'-]*$/u.test(word)) entries.push([word, Math.round(rate * 100) / 100])
  }
  entries.sort((a, b) => a[0].localeCompare(b[0]))
  return entries
}

/** Options of {@link fitCueModel} and {@link fitContentModel}. */
export interface FitOptions {
  readonly epochs?: number
  readonly minFeatureCount?: number
  readonly minEndCount?: number
  readonly l2?: number
  readonly minWeight?: number
  readonly threshold?: number
  /** Learned cue rates for the tagger's `lex` feature; default: the stored lexicon's. */
  readonly rates?: Readonly<Record<string, number>>
  readonly log?: (line: string) => void
}

const rate = 0.2
const run = pipeline([tokens(), sentences()])

/** The cue tagger: AdaGrad logistic regression (light L2) over `cueFeatures()`, a token's label being "inside a gold Cue span". */
export function fitCueModel(articles: readonly GoldArticle[], trainedOn: string, random: () => number, options: FitOptions = {}): CueModel {
  const epochs = options.epochs ?? 4
  const minFeatureCount = options.minFeatureCount ?? 25
  const l2 = options.l2 ?? 1e-4
  const minWeight = options.minWeight ?? 0.05
  const log = options.log ?? (() => {})
  const examples: { features: string[]; label: number }[] = []
  const started = Date.now()
  for (const article of articles) {
    const doc = run.runSync(createDocument({ id: article.name, text: article.text }))
    const toks = doc.layers.tokens ?? []
    const cueChars = new Uint8Array(article.text.length + 1)
    for (const a of article.attributions) for (const s of a.cue) cueChars.fill(1, s.start, s.end)
    const features = cueFeatures({ text: article.text, tokens: toks, sentences: doc.layers.sentences ?? [], inPassage: passageOfTokens(toks, findMarkedPassages(article.text)) }, options.rates)
    toks.forEach((t, i) => {
      const f = features[i] as string[]
      if (f.length === 0) return
      let label = 0
      for (let c = t.start; c < t.end; c++) if (cueChars[c]) label = 1
      examples.push({ features: f, label })
    })
  }
  log(`featurised ${articles.length} articles, ${examples.length} word tokens (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  const counts = new Map<string, number>()
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1)
  const ids = new Map<string, number>()
  for (const [f, n] of counts) if (n >= minFeatureCount || f === 'b') ids.set(f, ids.size)
  const encoded = examples.map((e) => ({ x: Int32Array.from(e.features.flatMap((f) => (ids.has(f) ? [ids.get(f) as number] : []))), y: e.label }))
  const weights = new Float64Array(ids.size)
  const squares = new Float64Array(ids.size).fill(1e-8)
  const order = encoded.map((_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j] as number, order[i] as number]
    }
    let loss = 0
    for (const k of order) {
      const { x, y } = encoded[k] as { x: Int32Array; y: number }
      let z = 0
      for (const f of x) z += weights[f] as number
      const p = 1 / (1 + Math.exp(-z))
      loss -= y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12)
      const g = p - y
      for (const f of x) {
        const grad = g + l2 * (weights[f] as number)
        squares[f] = (squares[f] as number) + grad * grad
        weights[f] = (weights[f] as number) - (rate * grad) / Math.sqrt(squares[f])
      }
    }
    log(`epoch ${epoch + 1}: log loss ${(loss / encoded.length).toFixed(4)}`)
  }
  const stored: Record<string, number> = {}
  for (const [f, id] of ids) {
    const value = Math.round((weights[id] as number) * 100) / 100
    if (Math.abs(value) >= minWeight) stored[f] = value
  }
  log(`kept ${Object.keys(stored).length} of ${ids.size} features`)
  return { trainedOn: `${trainedOn}: ${articles.length} articles, ${examples.length} word tokens; ${epochs} epochs`, threshold: options.threshold ?? 0.55, weights: stored }
}

interface EndExample { candidates: Int32Array[]; answer: number }

/**
 * The content-end chooser: for each gold attribution whose cue precedes its (single, unquoted) content
 * in one sentence, the candidates of `contentEndCandidates()` from the content's first word to the
 * sentence end are one softmax example whose answer is the gold content's last word.
 */
export function fitContentModel(articles: readonly GoldArticle[], trainedOn: string, random: () => number, options: FitOptions = {}): ContentModel {
  const minEndCount = options.minEndCount ?? 3
  const l2 = options.l2 ?? 1e-4
  const minWeight = options.minWeight ?? 0.05
  const log = options.log ?? (() => {})
  const endFeatureCounts = new Map<string, number>()
  const endRaw: { candidates: string[][]; answer: number }[] = []
  const isWordToken = (t: { kind: string } | undefined): boolean => t !== undefined && t.kind !== 'punct' && t.kind !== 'symbol'
  for (const article of articles) {
    const doc = run.runSync(createDocument({ id: article.name, text: article.text }))
    const toks = doc.layers.tokens ?? []
    const sents = doc.layers.sentences ?? []
    const inPassage = passageOfTokens(toks, findMarkedPassages(article.text))
    const sentenceOf = new Int32Array(toks.length).fill(-1)
    sents.forEach((s, k) => sentenceOf.fill(k, s.tokens.start, s.tokens.end))
    const input = { text: article.text, tokens: toks, inPassage }
    for (const a of article.attributions) {
      if (a.content.length !== 1 || a.cue.length === 0) continue
      const content = a.content[0]!
      const cueSpan = a.cue[0]!
      if (cueSpan.end > content.start) continue
      const first = toks.findIndex((t) => t.start >= content.start && isWordToken(t))
      if (first < 0 || toks[first]!.end > content.end) continue
      let last = first
      for (let t = first; t < toks.length && toks[t]!.end <= content.end; t++) if (isWordToken(toks[t])) last = t
      const cueToken = toks.findIndex((t) => t.start >= cueSpan.start && t.end <= cueSpan.end)
      const k = sentenceOf[first] as number
      if (cueToken < 0 || k < 0 || sentenceOf[cueToken] !== k || sentenceOf[last] !== k) continue
      let quoted = false
      for (let t = first; t <= last; t++) if (inPassage[t] !== -1) quoted = true
      if (quoted) continue
      const stop = sents[k]!.tokens.end - 1
      const candidates = contentEndCandidates(input, first, stop)
      const answer = candidates.indexOf(last)
      if (answer < 0) continue
      const feats = candidates.map((e) => contentEndFeatures(input, first, e, stop, cueToken))
      for (const f of feats) for (const name of f) endFeatureCounts.set(name, (endFeatureCounts.get(name) ?? 0) + 1)
      endRaw.push({ candidates: feats, answer })
    }
  }
  const endIds = new Map<string, number>()
  for (const [f, n] of endFeatureCounts) if (n >= minEndCount || f === 'b') endIds.set(f, endIds.size)
  const endExamples: EndExample[] = endRaw.map((r) => ({
    candidates: r.candidates.map((f) => Int32Array.from(f.flatMap((name) => (endIds.has(name) ? [endIds.get(name) as number] : [])))),
    answer: r.answer,
  }))
  const endWeights = new Float64Array(endIds.size)
  const endSquares = new Float64Array(endIds.size).fill(1e-8)
  const endOrder = endExamples.map((_, i) => i)
  const atEnd = endExamples.filter((e) => e.answer === e.candidates.length - 1).length
  log(`content ends: ${endExamples.length} examples, ${endIds.size} features; the sentence end is the answer in ${(100 * atEnd / Math.max(endExamples.length, 1)).toFixed(1)} %`)
  for (let epoch = 0; epoch < 8; epoch++) {
    for (let i = endOrder.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[endOrder[i], endOrder[j]] = [endOrder[j] as number, endOrder[i] as number]
    }
    let loss = 0
    let right = 0
    for (const k of endOrder) {
      const { candidates, answer } = endExamples[k] as EndExample
      const z = candidates.map((x) => {
        let s = 0
        for (const f of x) s += endWeights[f] as number
        return s
      })
      const top = Math.max(...z)
      const ex = z.map((v) => Math.exp(v - top))
      const sum = ex.reduce((a, b) => a + b, 0)
      loss -= Math.log((ex[answer] as number) / sum + 1e-12)
      if (z.indexOf(top) === answer) right++
      candidates.forEach((x, c) => {
        const g = (ex[c] as number) / sum - (c === answer ? 1 : 0)
        if (Math.abs(g) < 1e-6) return
        for (const f of x) {
          const grad = g + l2 * (endWeights[f] as number)
          endSquares[f] = (endSquares[f] as number) + grad * grad
          endWeights[f] = (endWeights[f] as number) - (rate * grad) / Math.sqrt(endSquares[f])
        }
      })
    }
    log(`content ends, epoch ${epoch + 1}: log loss ${(loss / endExamples.length).toFixed(4)}, right ${(100 * right / endExamples.length).toFixed(1)} %`)
  }
  const endStored: Record<string, number> = {}
  for (const [f, id] of endIds) {
    const value = Math.round((endWeights[id] as number) * 100) / 100
    if (Math.abs(value) >= minWeight) endStored[f] = value
  }
  log(`kept ${Object.keys(endStored).length} of ${endIds.size} content-end features`)
  return { trainedOn: `${trainedOn}: ${endExamples.length} reported contents after their cue; 8 epochs`, weights: endStored }
}
