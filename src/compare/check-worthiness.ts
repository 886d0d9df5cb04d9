/** @module compare/check-worthiness — check-worthiness score of a sentence (logistic regression over n-grams and shape features). */
import { readFileSync } from 'node:fs'
import { stemmer } from 'stemmer'

/** A linear model: `score = sigmoid(bias + Σ weights[f])` over the binary features of {@link claimFeatures}. */
export interface ClaimModel {
  readonly bias: number
  readonly weights: Readonly<Record<string, number>>
  /** Decision threshold on the score (tuned on training folds). */
  readonly threshold: number
}

const numberWords = /\b(?:hundred|thousand|million|billion|trillion|percent|per cent|half|third|quarter|dozen)\b/i

/**
 * Binary features of a sentence: stemmed unigrams and bigrams (`w:`/`b:`), plus shape
 * features (`s:`) — digits, percentages, money, years, number words, length, first/second person.
 */
export function claimFeatures(sentence: string): string[] {
  const words = claimTokens(sentence)
  const out = new Set<string>()
  for (let i = 0; i < words.length; i++) {
    out.add(`w:${words[i]}`)
    if (i > 0) out.add(`b:${words[i - 1]}_${words[i]}`)
  }
  for (const f of shapeFeatures(sentence, words.length)) out.add(f)
  return [...out]
}

const tokenPattern = /[a-z]+|\d+(?:[.,]\d+)*%?|\$|%/g

/** The token a raw match stands for: a Porter stem, `<num>`, `$` or `%`. */
function tokenOf(w: string): string {
  return /^\d/.test(w) ? '<num>' : w === '$' || w === '%' ? w : stemOf(w)
}

/** The tokens the n-gram features are built from: Porter stems, `<num>`, `$` and `%`. */
function claimTokens(sentence: string): string[] {
  return (sentence.toLowerCase().match(tokenPattern) ?? []).map(tokenOf)
}

/** The shape features (`s:`) of a sentence of `n` tokens, in a fixed order. */
function shapeFeatures(sentence: string, n: number): string[] {
  const out: string[] = []
  if (/\d/.test(sentence)) out.push('s:digit')
  if (/%|\bpercent\b|\bper cent\b/i.test(sentence)) out.push('s:percent')
  if (/[$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:million|billion|trillion)\b/i.test(sentence)) out.push('s:money')
  if (/\b(?:19|20)\d\d\b/.test(sentence)) out.push('s:year')
  if (numberWords.test(sentence)) out.push('s:numword')
  if (/\?\s*$/.test(sentence)) out.push('s:question')
  if (/\b(?:i|we|my|our)\b/i.test(sentence)) out.push('s:first-person')
  if (/\b(?:you|your)\b/i.test(sentence)) out.push('s:second-person')
  out.push(n < 6 ? 's:len<6' : n < 12 ? 's:len<12' : n < 25 ? 's:len<25' : 's:len25+')
  return out
}

// Word → Porter stem, so each distinct word is stemmed once; bounded.
const stems = new Map<string, string>()

function stemOf(word: string): string {
  let s = stems.get(word)
  if (s === undefined) {
    s = stemmer(word)
    if (stems.size >= 100_000) stems.clear()
    stems.set(word, s)
  }
  return s
}

/** A model's weights indexed for scoring without building feature strings: unigram and bigram ids by token, and the other features by name. */
interface Compiled {
  readonly weights: number[]
  readonly unigrams: Map<string, number>
  readonly bigrams: Map<string, Map<string, number>>
  readonly others: Map<string, number>
  /** Raw match (digits as `<num>`) → its token, unigram id and the bigrams it opens; bounded. */
  readonly entries: Map<string, Entry>
  /** `seen[id] === epoch`: feature `id` was summed for the current sentence. */
  readonly seen: Uint32Array
  epoch: number
}

interface Entry {
  readonly token: string
  readonly unigram: number | undefined
  /** Second token → bigram id, for bigrams this token opens. */
  readonly next: Map<string, number> | undefined
}

// Per model object (a large Record is a slow dictionary-mode object).
const compiledModels = new WeakMap<ClaimModel, Compiled>()

function compile(model: ClaimModel): Compiled {
  let c = compiledModels.get(model)
  if (c === undefined) {
    c = { weights: [], unigrams: new Map(), bigrams: new Map(), others: new Map(), entries: new Map(), seen: new Uint32Array(Object.keys(model.weights).length), epoch: 0 }
    for (const [f, w] of Object.entries(model.weights)) {
      const id = c.weights.length
      c.weights.push(w)
      const cut = f.indexOf('_')
      if (f.startsWith('w:')) c.unigrams.set(f.slice(2), id)
      // Tokens have no `_`, so the first one separates the two tokens of a bigram.
      else if (f.startsWith('b:') && cut > 0) {
        const first = f.slice(2, cut)
        let next = c.bigrams.get(first)
        if (next === undefined) c.bigrams.set(first, (next = new Map<string, number>()))
        next.set(f.slice(cut + 1), id)
      } else c.others.set(f, id)
    }
    compiledModels.set(model, c)
  }
  return c
}

/** Score a sentence with a model: probability in [0, 1] that it is a check-worthy factual claim. */
export function scoreCheckWorthiness(model: ClaimModel, sentence: string): number {
  // The sum of the weights of {@link claimFeatures}, in the same order; features the model lacks add nothing.
  const c = compile(model)
  const matches = sentence.toLowerCase().match(tokenPattern) ?? []
  const seen = c.seen
  if (++c.epoch === 0xffffffff) {
    seen.fill(0)
    c.epoch = 1
  }
  const epoch = c.epoch
  let z = model.bias
  const take = (id: number | undefined): void => {
    if (id === undefined || seen[id] === epoch) return
    seen[id] = epoch
    z += c.weights[id] as number
  }
  let previous: Entry | undefined
  for (const raw of matches) {
    const key = /^\d/.test(raw) ? '<num>' : raw
    let entry = c.entries.get(key)
    if (entry === undefined) {
      const token = tokenOf(raw)
      entry = { token, unigram: c.unigrams.get(token), next: c.bigrams.get(token) }
      if (c.entries.size >= 100_000) c.entries.clear()
      c.entries.set(key, entry)
    }
    take(entry.unigram)
    if (previous !== undefined) take(previous.next?.get(entry.token))
    previous = entry
  }
  for (const f of shapeFeatures(sentence, matches.length)) take(c.others.get(f))
  return 1 / (1 + Math.exp(-z))
}

let bundled: ClaimModel | undefined

/** The bundled model `models/claims/check-worthiness.json` (trained by `npm run train:claims`). */
export function loadClaimModel(): ClaimModel {
  if (!bundled) {
    try {
      bundled = JSON.parse(readFileSync(new URL('../../models/claims/check-worthiness.json', import.meta.url), 'utf8')) as ClaimModel
    } catch {
      // Without the artifact every sentence scores 0.5: claims still align, the ranking is flat.
      bundled = { bias: 0, weights: {}, threshold: 0.5 }
    }
  }
  return bundled
}
