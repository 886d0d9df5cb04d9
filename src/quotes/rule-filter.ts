/**
 * @module quotes/rule-filter — the trained keep/drop scorer for the rules' quotes: logistic regression
 * over features of each quote the hand-written rules of `extract-quotes.ts` made (cue word, tagger
 * probability, kind, quoted share, source shape, content length and start, headline, overlap with
 * other quotes). Quotes it scores under its threshold are actions or partial duplicates, not
 * attributions ("a campaign operative | decided | to change course"). Direct quotes with a cue are
 * never scored: the quoted speech the product is built on is left to the rules. Weights come from
 * the PolNeAR train split (`npm run train:quote-filter`), stored in `models/quotes/rule-filter.json`.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { Entity, Sentence, Token } from '../document/layers.js'
import { stem } from './cue-model.js'
import { entityLabelIn, tokenAtOffset, type FoundQuote } from './extract-quotes.js'

/** The stored model: sparse feature weights (`b` is the bias) and the decision threshold. */
export interface RuleFilterModel {
  /** Short provenance line (corpus, examples, how the threshold was chosen). */
  readonly trainedOn: string
  /** Probability (0–1) under which a scored rules' quote is dropped. */
  readonly threshold: number
  readonly weights: Readonly<Record<string, number>>
}

/** What {@link ruleQuoteFeatures} reads: the document's text, tokens, sentences, entities, passages, cue lexicon and tagger. */
export interface RuleFilterInput {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly sentences: readonly Sentence[]
  readonly entities: readonly Entity[]
  /** Token → quoted passage index, -1 outside quotes. */
  readonly inPassage: Int32Array
  /** Single-word cue lexicon (lower case). */
  readonly cues: ReadonlySet<string>
  /** The cue tagger's probability of token `t` (0–1); absent when the tagger is off. */
  readonly probability?: (t: number) => number
}

// Plain speech cues: a quote on one of them with a speaker is what the rules are surest of.
const speechCues = new Set(['say', 'says', 'said', 'tell', 'tells', 'told', 'according to'])

/**
 * True for the quotes the filter never touches: direct quotes with a cue ("“…,” Trump said") and
 * reported speech with a speaker on a plain speech cue ("…, Obama said after meeting Putin").
 */
export function exemptFromFilter(quote: FoundQuote, text: string): boolean {
  if (quote.cue === undefined) return false
  if (quote.kind === 'direct') return true
  return quote.source !== undefined && speechCues.has(text.slice(quote.cue.start, quote.cue.end).toLowerCase())
}

// Words that make the content a clause rather than a noun phrase ("said he was", "discuss | his new book").
const clauseWords = new Set('is was were are be been will would can could should must may might has have had do does did wo ca n\'t not \'s \'re \'ll \'d'.split(' '))
const pronouns = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'which', 'that'])
const bucketOf = (n: number): string => (n <= 2 ? String(n) : n <= 5 ? '3-5' : n <= 10 ? '6-10' : n <= 20 ? '11-20' : n <= 40 ? '21-40' : '41+')

/**
 * The features of each of the rules' `quotes` (in their order; exempt quotes get an empty list), as
 * "group=value" strings ("b" and flags alone). Offsets are those of `input.text`; `quotes` are all the
 * rules' quotes of the document, `others` the candidate pass's (they count for the overlap only).
 */
export function ruleQuoteFeatures(input: RuleFilterInput, quotes: readonly FoundQuote[], others: readonly FoundQuote[] = []): string[][] {
  const out = quotes.map((): string[] => [])
  describeQuotes(input, quotes, others, (i, group, value) => (out[i] as string[]).push(value === '' ? group : `${group}=${value}`))
  return out
}

/** Calls `emit` with each feature (group, value; value '' for "b" and flags) of each quote not exempt. */
function describeQuotes(input: RuleFilterInput, quotes: readonly FoundQuote[], others: readonly FoundQuote[], emit: (quote: number, group: string, value: string) => void): void {
  const { text, tokens, sentences, entities, inPassage } = input
  const tokenAt = (offset: number): number => tokenAtOffset(tokens, offset)
  const isWord = (t: number): boolean => {
    const tok = tokens[t]
    return tok !== undefined && tok.kind !== 'punct' && tok.kind !== 'symbol'
  }
  const norm = (t: number): string => tokens[t]?.normal ?? '<none>'
  const capital = (t: number): boolean => {
    const tok = tokens[t]
    if (tok === undefined || tok.start >= tok.end) return false
    const c = text.charCodeAt(tok.start)
    return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(text.slice(tok.start, tok.start + 2))
  }
  const sentenceOf = (t: number): number => {
    let lo = 0
    let hi = sentences.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((sentences[mid] as Sentence).tokens.end <= t) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  // Each quote's content words, for the overlap with the other quotes (the candidate pass's too).
  const contentWords = (q: FoundQuote): number[] => {
    const out: number[] = []
    for (const part of q.parts ?? [q]) for (let t = tokenAt(part.start); t < tokens.length && (tokens[t] as Token).start < part.end; t++) if (isWord(t)) out.push(t)
    return out
  }
  const wordsOf = quotes.map(contentWords)
  const coverCount = new Uint8Array(tokens.length)
  for (const ws of [...wordsOf, ...others.map(contentWords)]) for (const t of ws) if ((coverCount[t] as number) < 255) coverCount[t]!++
  quotes.forEach((q, i) => {
    if (exemptFromFilter(q, input.text)) return
    const add = (group: string, value: string): void => emit(i, group, value)
    const words = wordsOf[i] as number[]
    const first = tokenAt(q.start)
    let last = tokenAt(q.end - 1)
    while (last > first && !isWord(last)) last--
    let quoted = 0
    let shared = 0
    let capitals = 0
    let clause = 0
    for (const t of words) {
      if (inPassage[t] !== -1) quoted++
      if ((coverCount[t] as number) > 1) shared++
      if (capital(t)) capitals++
      const w = (tokens[t] as Token).normal
      if (clause === 0 && (clauseWords.has(w) || (t !== words[0] && w !== 'that' && pronouns.has(w)))) clause = 1
    }
    const n = Math.max(words.length, 1)
    const share = (k: number): string => (k === 0 ? '0' : k === words.length ? 'all' : 2 * k >= words.length ? 'most' : 'some')
    const kind = q.kind
    add('b', '')
    add('k', kind)
    add('len', bucketOf(words.length))
    add('k|len', `${kind}|${bucketOf(words.length)}`)
    add('quoted', share(quoted))
    add('ov', share(shared))
    add('caps', capitals * 4 >= 3 * n ? 'most' : capitals * 3 >= n ? 'some' : 'few')
    const firstWord = words[0]
    if (firstWord !== undefined) add('first', norm(firstWord))
    add('clause', clause ? '1' : '0')
    add('clause|k', `${clause}|${kind}`)
    const s = sentenceOf(first)
    if (s === 0) add('headline', '')
    const sentence = sentences[s]
    // Content that ends before its sentence does (the content-end chooser cut it, or a next cue).
    if (sentence) {
      let end = sentence.tokens.end - 1
      while (end > last && !isWord(end)) end--
      add('tosentend', last >= end ? '1' : '0')
      if (first === sentence.tokens.start || (first === sentence.tokens.start + 1 && !isWord(sentence.tokens.start))) add('opens', '')
    }
    if (q.parts && q.parts.length > 1) add('parts', '')
    const sameCue = q.cue ? quotes.some((o, j) => j !== i && o.cue?.start === q.cue!.start) || others.some((o) => o.cue?.start === q.cue!.start) : false
    if (sameCue) add('samecue', '')
    if (!q.cue) {
      add('cue', 'none')
      add('cue', `none|k=${kind}`)
      add('src', q.source ? 'some|nocue' : 'none|nocue')
      return
    }
    const c0 = tokenAt(q.cue.start)
    let c1 = tokenAt(q.cue.end - 1)
    if (c1 < c0) c1 = c0
    const w = norm(c0)
    const lexical = input.cues.has(w)
    const p = input.probability ? input.probability(c0) : 0
    const pb = String(Math.min(9, Math.floor(p * 10)))
    const dir = q.cue.end <= q.start ? 'after' : q.cue.start >= q.end ? 'before' : 'inside'
    // Words between the cue and the content it introduces: "told | on Friday", "said | that".
    const gapTokens = dir === 'after' ? first - c1 - 1 : dir === 'before' ? c0 - last - 1 : 0
    const src = q.source
    const srcShape = !src ? 'none' : pronouns.has(norm(tokenAt(src.start))) ? 'pron' : capital(tokenAt(src.start)) ? 'cap' : 'low'
    const srcSide = !src ? 'none' : src.start >= q.cue.end ? 'after' : 'before'
    const srcEntity = src ? entityLabelIn(entities, src.start, src.end) : 'none'
    add('w', w)
    add('st', stem(w))
    add('lex', lexical ? '1' : '0')
    add('pb', pb)
    add('k|w', `${kind}|${w}`)
    add('p1', norm(c0 - 1))
    add('n1', norm(c1 + 1))
    add('w|n1', `${w}|${norm(c1 + 1)}`)
    add('dir', dir)
    add('w|dir', `${w}|${dir}`)
    add('k|dir', `${kind}|${dir}`)
    add('gap', bucketOf(Math.max(gapTokens, 0)))
    add('src', `${srcShape}|${srcSide}`)
    add('src|ent', `${srcShape}|${srcEntity}`)
  })
}

/**
 * The stored model ready to score: the probability (0–1) that a rules' quote is an attribution, from
 * its feature strings or (faster, no strings built) straight from the document.
 */
export class RuleFilterScorer {
  private readonly weights: Map<string, number>
  /** Feature group → value → weight ("b" and flags: value ''). */
  private readonly groups = new Map<string, Map<string, number>>()

  constructor(readonly model: RuleFilterModel) {
    this.weights = new Map(Object.entries(model.weights))
    for (const [key, weight] of this.weights) {
      const eq = key.indexOf('=')
      const group = eq < 0 ? key : key.slice(0, eq)
      let values = this.groups.get(group)
      if (!values) this.groups.set(group, (values = new Map<string, number>()))
      values.set(eq < 0 ? '' : key.slice(eq + 1), weight)
    }
  }

  /** The probability of a quote with these features ({@link ruleQuoteFeatures}). */
  probability(features: readonly string[]): number {
    let z = 0
    for (const f of features) z += this.weights.get(f) ?? 0
    return 1 / (1 + Math.exp(-z))
  }

  /** The probability of each of the rules' `quotes` (NaN for exempt ones); same arguments as {@link ruleQuoteFeatures}. */
  probabilities(input: RuleFilterInput, quotes: readonly FoundQuote[], others: readonly FoundQuote[] = []): number[] {
    const z = quotes.map((q) => (exemptFromFilter(q, input.text) ? Number.NaN : 0))
    describeQuotes(input, quotes, others, (i, group, value) => {
      z[i] = (z[i] as number) + (this.groups.get(group)?.get(value) ?? 0)
    })
    return z.map((v) => 1 / (1 + Math.exp(-v)))
  }
}

const defaultFile = new URL('../../models/quotes/rule-filter.json', import.meta.url)

/** Read the stored model (`models/quotes/rule-filter.json`, next to `src/` or `dist/`); undefined when there is none yet. */
export function loadRuleFilterModel(file: URL | string = defaultFile): RuleFilterModel | undefined {
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as RuleFilterModel
}
