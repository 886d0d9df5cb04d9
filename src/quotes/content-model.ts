/**
 * @module quotes/content-model — a trained content-end chooser for reported (indirect) content.
 *
 * The rules find where the content of "X said …" starts; where it ends is often earlier than the
 * sentence end: "Trump attacked [Machado] in early-morning tweets", "Obama called for [reducing
 * the rate to 28 percent] in a compromise rebuffed by Republicans, but …". Each candidate end (a
 * word followed by punctuation or by a word that can open an adjunct or a new clause, and the last
 * word) gets a logistic-regression score from features of the words around it, the content
 * length so far, commas crossed and the cue; the best-scoring candidate wins. Weights come from
 * the PolNeAR train split (`npm run train:quotes`), stored in `models/quotes/content-model.json`.
 */
import { readFileSync } from 'node:fs'
import type { Token } from '../document/layers.js'

/** The stored model: sparse feature weights (`b` is the bias). */
export interface ContentModel {
  /** Short provenance line (corpus, examples, date). */
  readonly trainedOn: string
  readonly weights: Readonly<Record<string, number>>
}

/** What the features read. */
export interface ContentInput {
  readonly text: string
  readonly tokens: readonly Token[]
  /** Per token: index of the quoted passage it lies in, -1 when outside any. */
  readonly inPassage: ArrayLike<number>
}

// Words after which a content span often ends ("… in early-morning tweets", "…, but he").
const boundaryWords = new Set(
  ('in on at during after before over via through with from for to by as while because when whenever but which who whom whose where since ' +
    'although though if unless according amid despite following than until without within against among about like including even so yet nor').split(' '),
)
const subordinators = new Set(['because', 'although', 'though', 'if', 'unless', 'whereas', 'while', 'when', 'whether'])
const pronouns = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it'])

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind !== 'punct' && t.kind !== 'symbol'
}

/** Punctuation that can close a content span: not a hyphen inside a compound ("large -scale") or an apostrophe. */
function isBreak(text: string, t: Token): boolean {
  const n = t.normal
  if (n === ',' || n === ';' || n === ':' || n === '(' || n === '.' || n === '?' || n === '!') return true
  if (n === '-' || n === '--' || n === '—' || n === '–') {
    const raw = text.slice(t.start, t.end)
    return raw === '—' || raw.length > 1 || (/\s/.test(text.charAt(t.start - 1)) && /\s/.test(text.charAt(t.end)))
  }
  return false
}

function bucket(n: number): string {
  return n <= 3 ? String(n) : n <= 5 ? '4-5' : n <= 8 ? '6-8' : n <= 12 ? '9-12' : n <= 20 ? '13-20' : '21+'
}

/**
 * Candidate ends of a content span [start, stop] (token indices, inclusive): word tokens followed by
 * punctuation or a boundary word, and the last word. Always includes the last word of the range.
 */
export function contentEndCandidates(input: ContentInput, start: number, stop: number): number[] {
  const { tokens } = input
  let last = stop
  while (last > start && !isWord(tokens[last])) last--
  const out: number[] = []
  let opened = -10
  for (let e = start; e < last; e++) {
    if (subordinators.has((tokens[e] as Token).normal)) opened = e
    // "because last week, when …": a clause opened two words ago is not complete yet.
    if (!isWord(tokens[e]) || input.inPassage[e] !== -1 || e - opened < 3) continue
    const next = tokens[e + 1]
    if (!next) continue
    if (boundaryWords.has(next.normal) || (!isWord(next) && isBreak(input.text, next))) out.push(e)
  }
  out.push(last)
  return out
}

/** The features of "the content [start, e] ends at e" within [start, stop]; `cue` is the cue's head token. */
export function contentEndFeatures(input: ContentInput, start: number, e: number, stop: number, cue: number): string[] {
  const { text, tokens, inPassage } = input
  const w = (t: number): string => (t <= stop ? (tokens[t]?.normal ?? '</s>') : '</s>')
  let words = 0
  let commas = 0
  // The last clause or adjunct opener crossed ("because last week" is still open at the comma).
  let crossed = '-'
  for (let t = start; t <= e; t++) {
    const tok = tokens[t] as Token
    if (tok.kind !== 'punct' && tok.kind !== 'symbol') {
      words++
      if (t > start && boundaryWords.has(tok.normal)) crossed = tok.normal
    } else if (tok.normal === ',') commas++
  }
  let restWords = 0
  for (let t = e + 1; t <= stop; t++) if (isWord(tokens[t])) restWords++
  const n1 = w(e + 1)
  const n2 = w(e + 2)
  const len = bucket(words)
  const cueWord = tokens[cue]?.normal ?? ''
  const f = [
    'b',
    `w=${w(e)}`,
    `n1=${n1}`,
    `n2=${n2}`,
    `n1n2=${n1}|${n2}`,
    `len=${len}`,
    `n1|len=${n1}|${len}`,
    `rest=${bucket(restWords)}`,
    `commas=${Math.min(commas, 3)}`,
    `first=${w(start)}`,
    `cue=${cueWord}|n1=${n1}`,
    `cue=${cueWord}|len=${len}`,
    `crossed=${crossed}|n1=${n1}`,
    `crossed=${crossed}`,
  ]
  if (restWords === 0) f.push('last', `last|cue=${cueWord}`, `last|first=${w(start)}`)
  const next2 = tokens[e + 2]
  if (e + 2 <= stop && next2 && /^\p{Lu}/u.test(text.slice(next2.start, next2.end))) f.push(`n1=${n1}|n2cap`)
  if (pronouns.has(n2)) f.push(`n1=${n1}|n2pron`)
  if (e + 1 <= stop && inPassage[e + 1] !== -1) f.push('n1quote')
  return f
}

/** Pick the end of a content span starting at `start` and running at most to `stop`. */
export function chooseContentEnd(model: ContentModel, input: ContentInput, start: number, stop: number, cue: number): number {
  const weights = weightMap(model)
  let best = stop
  let bestScore = -Infinity
  for (const e of contentEndCandidates(input, start, stop)) {
    let z = 0
    for (const name of contentEndFeatures(input, start, e, stop, cue)) z += weights.get(name) ?? 0
    if (z > bestScore) {
      bestScore = z
      best = e
    }
  }
  return best
}

const weightMaps = new WeakMap<ContentModel, Map<string, number>>()

function weightMap(model: ContentModel): Map<string, number> {
  let m = weightMaps.get(model)
  if (m === undefined) {
    m = new Map(Object.entries(model.weights))
    weightMaps.set(model, m)
  }
  return m
}

/** Read the stored model (`models/quotes/content-model.json`, next to `src/` or `dist/`). */
export function loadContentModel(file: URL | string = new URL('../../models/quotes/content-model.json', import.meta.url)): ContentModel {
  return JSON.parse(readFileSync(file, 'utf8')) as ContentModel
}
