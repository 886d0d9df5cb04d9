/**
 * @module quotes/cue-model — a trained attribution-cue tagger: logistic regression over token features.
 *
 * Each word token gets a probability of lying inside an attribution cue ("said", "would like",
 * "rubbished", "according to"), from sparse features of the token and its neighbours (word,
 * suffix, shape, neighbouring words, a following "that", colon or quote, a capitalised word or
 * pronoun before it, position in the sentence, the PolNeAR-learned cue rate of the word). The
 * weights are trained on the PolNeAR train split by `npm run train:quotes` and stored in
 * `models/quotes/cue-model.json`.
 */
import { readFileSync } from 'node:fs'
import type { Sentence, Token } from '../document/layers.js'
import { learnedCues } from './cue-lexicon.js'

/** The stored model: sparse feature weights and the tuned decision threshold. */
export interface CueModel {
  /** Short provenance line (corpus, articles, date). */
  readonly trainedOn: string
  /** Probability at or above which a token is a cue. */
  readonly threshold: number
  /** Feature name → weight; absent features weigh 0. `b` is the bias. */
  readonly weights: Readonly<Record<string, number>>
}

const pronouns = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'which'])
const determiners = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'that', "'s"])

/** What the features read: the text, its tokens and sentences, and the token → quoted-passage map (-1 outside). */
export interface CueFeatureInput {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly sentences: readonly Sentence[]
  /** Per token: index of the quoted passage it lies in, -1 when outside any. */
  readonly inPassage: ArrayLike<number>
}

function shape(raw: string): string {
  if (/^\p{Lu}+$/u.test(raw) && raw.length > 1) return 'XX'
  if (/^\p{Lu}/u.test(raw)) return 'X'
  if (/^\p{Ll}/u.test(raw)) return 'x'
  if (/^\d/.test(raw)) return 'd'
  return 'o'
}

/**
 * The feature names of every token (an empty list for punctuation and symbols).
 * Shared by training and tagging so both see exactly the same features.
 */
export function cueFeatures(input: CueFeatureInput): string[][] {
  const { text, tokens, sentences, inPassage } = input
  const sentenceFirst = new Int32Array(tokens.length)
  const sentenceLast = new Int32Array(tokens.length)
  for (const s of sentences) {
    for (let t = s.tokens.start; t < s.tokens.end; t++) {
      sentenceFirst[t] = s.tokens.start
      sentenceLast[t] = s.tokens.end - 1
    }
  }
  const w = (t: number): string => {
    const tok = tokens[t]
    if (!tok) return '<s>'
    return tok.normal
  }
  const raw = (t: number): string => {
    const tok = tokens[t]
    return tok ? text.slice(tok.start, tok.end) : ''
  }
  const out: string[][] = []
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token
    if (tok.kind === 'punct' || tok.kind === 'symbol') {
      out.push([])
      continue
    }
    const first = sentenceFirst[i] as number
    const last = sentenceLast[i] as number
    const inside = (t: number): boolean => t >= first && t <= last
    const word = w(i)
    const p1 = inside(i - 1) ? w(i - 1) : '<s>'
    const p2 = inside(i - 2) ? w(i - 2) : '<s>'
    const n1 = inside(i + 1) ? w(i + 1) : '</s>'
    const n2 = inside(i + 2) ? w(i + 2) : '</s>'
    const f = ['b', `w=${word}`, `s3=${word.slice(-3)}`, `s2=${word.slice(-2)}`, `sh=${shape(raw(i))}`, `p1=${p1}`, `p2=${p2}`, `n1=${n1}`, `n2=${n2}`, `p1w=${p1}|${word}`, `wn1=${word}|${n1}`]
    const position = i - first
    f.push(`pos=${Math.min(position, 6)}`, `rest=${Math.min(last - i, 6)}`)
    if (inPassage[i] !== -1) f.push('inq', `inq|w=${word}`)
    // Own properties only: "constructor" or "toString" in the text must not hit Object.prototype.
    const rate = Object.hasOwn(learnedCues, word) ? learnedCues[word] : undefined
    f.push(`lex=${rate === undefined ? 'none' : Math.round(rate * 5)}`)
    let soon = ''
    for (let t = i + 1; t <= Math.min(last, i + 5); t++) {
      const n = w(t)
      if (n === 'that' || n === ':' || n === ',' || (inPassage[t] !== -1 && inPassage[i] === -1)) {
        soon = n === 'that' || n === ':' || n === ',' ? n : 'quote'
        break
      }
    }
    if (soon) f.push(`soon=${soon}`, `soon=${soon}|s3=${word.slice(-3)}`)
    for (let t = i - 1; t >= Math.max(first, i - 3); t--) {
      if (inPassage[t] !== -1 && inPassage[i] === -1) {
        f.push('quoteBefore')
        break
      }
    }
    const prevRaw = inside(i - 1) ? raw(i - 1) : ''
    if (pronouns.has(p1)) f.push('p1pron')
    else if (/^\p{Lu}/u.test(prevRaw)) f.push('p1cap')
    if (determiners.has(p1)) f.push('p1det')
    if (p1 === ',' || p1 === '"' || p1 === "''") f.push(`p1punct|s3=${word.slice(-3)}`)
    out.push(f)
  }
  return out
}

/** Probability that a token with these features is (part of) a cue. */
export function cueProbability(model: CueModel, features: readonly string[]): number {
  if (features.length === 0) return 0
  const weights = weightMap(model)
  let z = 0
  for (const name of features) z += weights.get(name) ?? 0
  return 1 / (1 + Math.exp(-z))
}

// The weights of a model as a Map, built once per model (a large Record is a slow dictionary-mode object).
const weightMaps = new WeakMap<CueModel, Map<string, number>>()

function weightMap(model: CueModel): Map<string, number> {
  let m = weightMaps.get(model)
  if (m === undefined) {
    m = new Map(Object.entries(model.weights))
    weightMaps.set(model, m)
  }
  return m
}

/** Read the stored model (`models/quotes/cue-model.json`, next to `src/` or `dist/`). */
export function loadCueModel(file: URL | string = new URL('../../models/quotes/cue-model.json', import.meta.url)): CueModel {
  return JSON.parse(readFileSync(file, 'utf8')) as CueModel
}
