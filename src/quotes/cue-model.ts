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

/** A crude stem: the word less -ing, -ed, -es or -s. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3)
  if (word.length > 4 && (word.endsWith('ed') || word.endsWith('es'))) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

function shape(raw: string): string {
  if (/^\p{Lu}+$/u.test(raw) && raw.length > 1) return 'XX'
  if (/^\p{Lu}/u.test(raw)) return 'X'
  if (/^\p{Ll}/u.test(raw)) return 'x'
  if (/^\d/.test(raw)) return 'd'
  return 'o'
}

/** For each token, the first and the last token index of its sentence (tokens outside any sentence: 0, 0). */
function sentenceBounds(count: number, sentences: CueFeatureInput['sentences']): [Int32Array, Int32Array] {
  const first = new Int32Array(count)
  const last = new Int32Array(count)
  for (const s of sentences) {
    for (let t = s.tokens.start; t < s.tokens.end; t++) {
      first[t] = s.tokens.start
      last[t] = s.tokens.end - 1
    }
  }
  return [first, last]
}

/**
 * The feature names of every token (an empty list for punctuation and symbols).
 * Shared by training and tagging so both see exactly the same features.
 */
export function cueFeatures(input: CueFeatureInput, rates: Readonly<Record<string, number>> = learnedCues): string[][] {
  const { text, tokens, sentences, inPassage } = input
  const [sentenceFirst, sentenceLast] = sentenceBounds(tokens.length, sentences)
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
    const rate = Object.hasOwn(rates, word) ? rates[word] : undefined
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
    // The word without its inflection ("pooh-poohed" → "pooh-pooh"), and the shapes of its neighbours ("backed Clinton").
    f.push(`st=${stem(word)}`, `n1sh=${inside(i + 1) ? shape(raw(i + 1)) : '</s>'}`, `p1sh=${inside(i - 1) ? shape(prevRaw) : '<s>'}`)
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

/** What the scorer caches per word type (a token's `normal`): its weights in every feature slot. */
export interface WordType {
  /** w=, s3=, s2= and lex= of the word itself. */
  readonly own: number
  /** p1=, p2=, n1=, n2= when this word is the neighbour. */
  readonly asP1: number
  readonly asP2: number
  readonly asN1: number
  readonly asN2: number
  /** inq|w= */
  readonly inQuote: number
  /** soon=X plus soon=X|s3= for X = that, :, ",", quote. */
  readonly soon: Float64Array
  /** p1punct|s3= */
  readonly afterPunct: number
  /** As the previous word: p1pron, p1det, p1punct apply. */
  readonly pronoun: boolean
  readonly determiner: boolean
  readonly punct: boolean
  /** p1w=<previous>|<this>, keyed by the previous word (absent when the model has none for this word). */
  readonly withPrevious: ReadonlyMap<string, number> | undefined
  /** wn1=<this>|<next>, keyed by the next word. */
  readonly withNext: ReadonlyMap<string, number> | undefined
}

const soonValues = ['that', ':', ',', 'quote'] as const
// Bounded caches: a long-running process sees an open-ended vocabulary.
const maxWordTypes = 200_000

/**
 * The cue tagger compiled for speed. It gives exactly the sum of the weights of the
 * {@link cueFeatures} of a token, but looks each word type's weights up once (then sums a few
 * cached numbers per token) and builds no feature strings; tokens are scored only when asked.
 * One scorer serves any number of documents.
 */
export class CueScorer {
  private readonly weights: Map<string, number>
  private readonly types = new Map<string, WordType>()
  private readonly bias: number
  private readonly shapes: Record<string, number>
  private readonly nextShapes: Record<string, number>
  private readonly previousShapes: Record<string, number>
  private readonly flags: { inq: number; quoteBefore: number; p1pron: number; p1cap: number; p1det: number }
  private readonly pos: Float64Array
  /** feature group ("w", "s3", "p1", "inq|w" …) → value → weight. */
  private readonly groups = new Map<string, Map<string, number>>()
  /** soon value → suffix → weight of soon=value|s3=suffix. */
  private readonly soonBySuffix = new Map<string, Map<string, number>>()
  /** word → previous word → weight of p1w=previous|word. */
  private readonly pairsBefore = new Map<string, Map<string, number>>()
  /** word → next word → weight of wn1=word|next. */
  private readonly pairsAfter = new Map<string, Map<string, number>>()
  private readonly rest: Float64Array
  private readonly sentenceStart: WordType
  private readonly sentenceEnd: WordType

  /** `rates`: the learned cue rates of the `lex` feature (default: the stored lexicon's). */
  constructor(
    readonly model: CueModel,
    private readonly rates: Readonly<Record<string, number>> = learnedCues,
  ) {
    this.weights = weightMap(model)
    const g = (name: string): number => this.weights.get(name) ?? 0
    this.bias = g('b')
    this.shapes = { XX: g('sh=XX'), X: g('sh=X'), x: g('sh=x'), d: g('sh=d'), o: g('sh=o') }
    this.nextShapes = { XX: g('n1sh=XX'), X: g('n1sh=X'), x: g('n1sh=x'), d: g('n1sh=d'), o: g('n1sh=o'), '</s>': g('n1sh=</s>') }
    this.previousShapes = { XX: g('p1sh=XX'), X: g('p1sh=X'), x: g('p1sh=x'), d: g('p1sh=d'), o: g('p1sh=o'), '<s>': g('p1sh=<s>') }
    this.flags = { inq: g('inq'), quoteBefore: g('quoteBefore'), p1pron: g('p1pron'), p1cap: g('p1cap'), p1det: g('p1det') }
    this.pos = Float64Array.from({ length: 7 }, (_, n) => g(`pos=${n}`))
    this.rest = Float64Array.from({ length: 7 }, (_, n) => g(`rest=${n}`))
    // Pair features as nested maps, so scoring builds no "p1w=a|b" strings. The scored word has no
    // "|" in it (it is a word token), so it is split off at the last "|" (p1w) or the first (wn1).
    for (const [key, v] of this.weights) {
      const eq = key.indexOf('=')
      if (eq > 0 && key.startsWith('soon=') && key.includes('|s3=')) {
        // "soon=that|s3=ted": the soon value has no "|" (that, :, ",", quote).
        const bar = key.indexOf('|s3=')
        nest(this.soonBySuffix, key.slice(5, bar), key.slice(bar + 4), v)
      } else if (eq > 0) nest(this.groups, key.slice(0, eq), key.slice(eq + 1), v)
      if (key.startsWith('p1w=')) {
        const k = key.lastIndexOf('|')
        nest(this.pairsBefore, key.slice(k + 1), key.slice(4, k), v)
      } else if (key.startsWith('wn1=')) {
        const k = key.indexOf('|')
        nest(this.pairsAfter, key.slice(4, k), key.slice(k + 1), v)
      }
    }
    this.sentenceStart = this.type('<s>')
    this.sentenceEnd = this.type('</s>')
  }

  private weight(name: string): number {
    return this.weights.get(name) ?? 0
  }

  private position(kind: 'pos' | 'rest', n: number): number {
    const table = kind === 'pos' ? this.pos : this.rest
    if (n >= 0 && n <= 6) return table[n] as number
    return this.weight(`${kind}=${n}`)
  }

  private type(word: string): WordType {
    let entry = this.types.get(word)
    if (entry !== undefined) return entry
    if (this.types.size >= maxWordTypes) {
      this.types.clear()
      this.types.set('<s>', this.sentenceStart)
      this.types.set('</s>', this.sentenceEnd)
    }
    // Per-group maps (built once from the model keys): no feature strings are put together here.
    const g = (group: string, value: string): number => this.groups.get(group)?.get(value) ?? 0
    const s3 = word.slice(-3)
    const rate = Object.hasOwn(this.rates, word) ? this.rates[word] : undefined
    const soon = new Float64Array(soonValues.length)
    for (let k = 0; k < soonValues.length; k++) {
      const v = soonValues[k] as string
      soon[k] = g('soon', v) + (this.soonBySuffix.get(v)?.get(s3) ?? 0)
    }
    entry = {
      own: g('w', word) + g('s3', s3) + g('s2', word.slice(-2)) + g('lex', rate === undefined ? 'none' : String(Math.round(rate * 5))) + g('st', stem(word)),
      asP1: g('p1', word),
      asP2: g('p2', word),
      asN1: g('n1', word),
      asN2: g('n2', word),
      inQuote: g('inq|w', word),
      soon,
      afterPunct: g('p1punct|s3', s3),
      pronoun: pronouns.has(word),
      determiner: determiners.has(word),
      punct: word === ',' || word === '"' || word === "''",
      withPrevious: this.pairsBefore.get(word),
      withNext: this.pairsAfter.get(word),
    }
    this.types.set(word, entry)
    return entry
  }

  /**
   * A per-document tagger: `has(t)` is true when token `t`'s cue probability reaches `threshold`;
   * `probability(t)` is that probability (0 for punctuation). Each token is scored at most once, on first ask.
   */
  tagger(input: CueFeatureInput, threshold: number): { has(t: number): boolean; probability(t: number): number } {
    const { tokens, sentences } = input
    const [sentenceFirst, sentenceLast] = sentenceBounds(tokens.length, sentences)
    // The logit of each token scored so far; NaN: not scored yet.
    const memo = new Float64Array(tokens.length).fill(Number.NaN)
    const typeOf: (WordType | undefined)[] = new Array<WordType | undefined>(tokens.length)
    const logitThreshold = threshold <= 0 ? -Infinity : threshold >= 1 ? Infinity : Math.log(threshold / (1 - threshold))
    const logitOf = (t: number): number => {
      let z = memo[t] as number
      if (Number.isNaN(z)) {
        const tok = tokens[t] as Token
        // Punctuation has no features: probability 0.
        z = tok.kind === 'punct' || tok.kind === 'symbol' ? -Infinity : this.logit(input, t, sentenceFirst[t] as number, sentenceLast[t] as number, typeOf)
        memo[t] = z
      }
      return z
    }
    return {
      has: (t: number): boolean => {
        if (t < 0 || t >= tokens.length) return false
        const z = logitOf(t)
        return z >= logitThreshold || threshold <= 0
      },
      probability: (t: number): number => (t < 0 || t >= tokens.length ? 0 : 1 / (1 + Math.exp(-logitOf(t)))),
    }
  }

  private typeAt(tokens: readonly Token[], typeOf: (WordType | undefined)[], t: number): WordType {
    return (typeOf[t] ??= this.type((tokens[t] as Token).normal))
  }

  /**
   * The logit of token `i` (a word, not punctuation) in a sentence spanning tokens [first, last].
   * `typeOf` caches the word type of each token of this document.
   */
  logit(input: CueFeatureInput, i: number, first: number, last: number, typeOf: (WordType | undefined)[] = []): number {
    const { text, tokens, inPassage } = input
    const tok = tokens[i] as Token
    const word = this.typeAt(tokens, typeOf, i)
    const hasP1 = i - 1 >= first && i - 1 <= last
    const hasN1 = i + 1 >= first && i + 1 <= last
    const p1 = hasP1 ? this.typeAt(tokens, typeOf, i - 1) : this.sentenceStart
    const p2 = i - 2 >= first && i - 2 <= last ? this.typeAt(tokens, typeOf, i - 2) : this.sentenceStart
    const n1 = hasN1 ? this.typeAt(tokens, typeOf, i + 1) : this.sentenceEnd
    const n2 = i + 2 >= first && i + 2 <= last ? this.typeAt(tokens, typeOf, i + 2) : this.sentenceEnd
    let z = this.bias + word.own + (this.shapes[shapeAt(text, tok)] as number) + p1.asP1 + p2.asP2 + n1.asN1 + n2.asN2
    z += (this.nextShapes[hasN1 ? shapeAt(text, tokens[i + 1] as Token) : '</s>'] as number) + (this.previousShapes[hasP1 ? shapeAt(text, tokens[i - 1] as Token) : '<s>'] as number)
    const pw = word.withPrevious?.get(hasP1 ? (tokens[i - 1] as Token).normal : '<s>') ?? 0
    const wn = word.withNext?.get(hasN1 ? (tokens[i + 1] as Token).normal : '</s>') ?? 0
    z += pw + wn
    z += this.position('pos', Math.min(i - first, 6)) + this.position('rest', Math.min(last - i, 6))
    const quoted = inPassage[i] !== -1
    if (quoted) z += this.flags.inq + word.inQuote
    for (let t = i + 1; t <= Math.min(last, i + 5); t++) {
      const n = (tokens[t] as Token).normal
      const k = n === 'that' ? 0 : n === ':' ? 1 : n === ',' ? 2 : inPassage[t] !== -1 && !quoted ? 3 : -1
      if (k >= 0) {
        z += word.soon[k] as number
        break
      }
    }
    if (!quoted) {
      for (let t = i - 1; t >= Math.max(first, i - 3); t--) {
        if (inPassage[t] !== -1) {
          z += this.flags.quoteBefore
          break
        }
      }
    }
    if (p1.pronoun) z += this.flags.p1pron
    else if (hasP1 && startsUpper(text, (tokens[i - 1] as Token).start, (tokens[i - 1] as Token).end)) z += this.flags.p1cap
    if (p1.determiner) z += this.flags.p1det
    if (p1.punct) z += word.afterPunct
    return z
  }
}

function nest(into: Map<string, Map<string, number>>, outer: string, inner: string, v: number): void {
  let m = into.get(outer)
  if (m === undefined) {
    m = new Map()
    into.set(outer, m)
  }
  m.set(inner, v)
}

/** /^\p{Lu}/ on text[start, end), without slicing for ASCII. */
function startsUpper(text: string, start: number, end: number): boolean {
  if (start >= end) return false
  const c = text.charCodeAt(start)
  if (c < 128) return c >= 65 && c <= 90
  return /^\p{Lu}/u.test(text.slice(start, Math.min(end, start + 2)))
}

/** {@link shape} of a token's raw text, without slicing for ASCII words. */
function shapeAt(text: string, tok: Token): string {
  const { start, end } = tok
  if (start >= end) return 'o'
  const c = text.charCodeAt(start)
  if (c >= 128) return shape(text.slice(start, end))
  if (c >= 65 && c <= 90) {
    if (end - start === 1) return 'X'
    for (let k = start + 1; k < end; k++) {
      const d = text.charCodeAt(k)
      if (d >= 128) return shape(text.slice(start, end))
      if (d < 65 || d > 90) return 'X'
    }
    return 'XX'
  }
  if (c >= 97 && c <= 122) return 'x'
  if (c >= 48 && c <= 57) return 'd'
  return 'o'
}

/** Read the stored model (`models/quotes/cue-model.json`, next to `src/` or `dist/`). */
export function loadCueModel(file: URL | string = new URL('../../models/quotes/cue-model.json', import.meta.url)): CueModel {
  return JSON.parse(readFileSync(file, 'utf8')) as CueModel
}
