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
  const words = (sentence.toLowerCase().match(/[a-z]+|\d+(?:[.,]\d+)*%?|\$|%/g) ?? []).map((w) => (/^\d/.test(w) ? '<num>' : w === '$' || w === '%' ? w : stemOf(w)))
  const out = new Set<string>()
  for (let i = 0; i < words.length; i++) {
    out.add(`w:${words[i]}`)
    if (i > 0) out.add(`b:${words[i - 1]}_${words[i]}`)
  }
  if (/\d/.test(sentence)) out.add('s:digit')
  if (/%|\bpercent\b|\bper cent\b/i.test(sentence)) out.add('s:percent')
  if (/[$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:million|billion|trillion)\b/i.test(sentence)) out.add('s:money')
  if (/\b(?:19|20)\d\d\b/.test(sentence)) out.add('s:year')
  if (numberWords.test(sentence)) out.add('s:numword')
  if (/\?\s*$/.test(sentence)) out.add('s:question')
  if (/\b(?:i|we|my|our)\b/i.test(sentence)) out.add('s:first-person')
  if (/\b(?:you|your)\b/i.test(sentence)) out.add('s:second-person')
  const n = words.length
  out.add(n < 6 ? 's:len<6' : n < 12 ? 's:len<12' : n < 25 ? 's:len<25' : 's:len25+')
  return [...out]
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

// The weights of a model as a Map (a large Record is a slow dictionary-mode object).
const weightMaps = new WeakMap<ClaimModel, Map<string, number>>()

function weightMap(model: ClaimModel): Map<string, number> {
  let m = weightMaps.get(model)
  if (m === undefined) {
    m = new Map(Object.entries(model.weights))
    weightMaps.set(model, m)
  }
  return m
}

/** Score a sentence with a model: probability in [0, 1] that it is a check-worthy factual claim. */
export function scoreCheckWorthiness(model: ClaimModel, sentence: string): number {
  const weights = weightMap(model)
  let z = model.bias
  for (const f of claimFeatures(sentence)) z += weights.get(f) ?? 0
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
