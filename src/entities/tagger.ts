/** @module entities/tagger — BILOU features and greedy averaged-perceptron decoding, shared by training and run time. */
import type { Lexicon } from './lexicon.js'
import { gazetteerClasses, gazetteerCodes } from './lexicon.js'
import { hashRange, hashString } from '../hash.js'

/** The CoNLL entity types, in label order. */
export const entityTypes = ['PER', 'ORG', 'LOC', 'MISC'] as const

/** A CoNLL entity type. */
export type EntityType = (typeof entityTypes)[number]

/** BILOU labels: 0 is O; type `t` has B, I, L, U at `1 + 4t + 0..3`. */
export const labelCount = 1 + entityTypes.length * 4

/** Label id of position `pos` (0 B, 1 I, 2 L, 3 U) of type index `type`. */
export function labelId(type: number, pos: number): number {
  return 1 + type * 4 + pos
}

/** Type index of a label (−1 for O). */
export function labelType(label: number): number {
  return label === 0 ? -1 : (label - 1) >> 2
}

/** Position of a label (−1 for O; 0 B, 1 I, 2 L, 3 U). */
export function labelPos(label: number): number {
  return label === 0 ? -1 : (label - 1) & 3
}

/** Whether label `next` may follow label `prev` (−1 = sentence start) in a BILOU sequence. */
export function allowed(prev: number, next: number): boolean {
  const pp = prev <= 0 ? -1 : labelPos(prev)
  const np = next === 0 ? -1 : labelPos(next)
  if (pp === 0 || pp === 1) return (np === 1 || np === 2) && labelType(prev) === labelType(next)
  return np === -1 || np === 0 || np === 3
}

// allowedMatrix[(prev + 1) * labelCount + next], prev = −1 at sentence start.
const allowedMatrix = new Uint8Array((labelCount + 1) * labelCount)
for (let p = -1; p < labelCount; p++) for (let l = 0; l < labelCount; l++) allowedMatrix[(p + 1) * labelCount + l] = allowed(p, l) ? 1 : 0
// Labels that may end a sentence (not B or I).
const mayEnd = Uint8Array.from({ length: labelCount }, (_, l) => (l === 0 || labelPos(l) >= 2 ? 1 : 0))

/** Scores the labels of one token from its feature buckets. */
export interface Scorer {
  /** Add each feature's weights into `out` (length {@link labelCount}); `out` is zeroed by the caller. */
  score(features: Int32Array, count: number, out: Float64Array): void
}

/** Hashing configuration shared by training and run time. */
export interface FeatureSpace {
  readonly bits: number
}

/** One document as the tagger sees it: sentences of token strings. */
export interface TagInput {
  readonly sentences: readonly (readonly string[])[]
}


function mix(template: number, value: number): number {
  let h = Math.imul(value ^ Math.imul(template + 1, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function mix2(template: number, a: number, b: number): number {
  return mix(template, Math.imul(a, 0x27d4eb2d) ^ (b + 0x165667b1))
}


/** Word shape: X upper, x lower, d digit, other characters as they are; runs longer than two cut. */
function shapeOf(word: string): string {
  let ascii = true
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) ascii = false
  if (!ascii) return shapeOfUnicode(word)
  let out = ''
  let last = -1
  let run = 0
  for (let i = 0; i < word.length; i++) {
    const ch = word.charCodeAt(i)
    const c = ch >= 65 && ch <= 90 ? 88 : ch >= 97 && ch <= 122 ? 120 : ch >= 48 && ch <= 57 ? 100 : ch
    if (c === last) {
      run++
      if (run >= 2) continue
    } else run = 0
    out += String.fromCharCode(c)
    last = c
  }
  return out
}

function shapeOfUnicode(word: string): string {
  let out = ''
  let last = ''
  let run = 0
  for (const ch of word) {
    let c: string
    if (/\p{Lu}/u.test(ch)) c = 'X'
    else if (/\p{Ll}/u.test(ch)) c = 'x'
    else if (/\p{N}/u.test(ch)) c = 'd'
    else c = ch
    if (c === last) {
      run++
      if (run >= 2) continue
    } else run = 0
    out += c
    last = c
  }
  return out
}

function caseClassOf(word: string): number {
  let upper = 0
  let lower = 0
  for (let i = 0; i < word.length; i++) {
    const ch = word.charCodeAt(i)
    if (ch > 127) return caseClassOfUnicode(word)
    if (ch >= 65 && ch <= 90) upper++
    else if (ch >= 97 && ch <= 122) lower++
  }
  if (upper === 0 && lower > 0) return 0
  if (upper > 0 && lower === 0) return upper >= 2 ? 2 : 1
  if (upper > 0) {
    const first = word.charCodeAt(0)
    if (first >= 65 && first <= 90) return 1
  }
  return 3
}

function caseClassOfUnicode(word: string): number {
  const hasUpper = /\p{Lu}/u.test(word)
  const hasLower = /\p{Ll}/u.test(word)
  if (!hasUpper && hasLower) return 0
  if (hasUpper && !hasLower) return /\p{L}.*\p{L}/u.test(word) ? 2 : 1
  if (hasUpper && /^\p{Lu}/u.test(word)) return 1
  return 3
}

const noCluster = new Int32Array([0, 0, 0])

const noAffixes = new Int32Array(8)

/** A lower-case form, shared by the words that lower-case to it: its id in the document being prepared. */
interface Form {
  /** The {@link WordCache} document count when `id` was given. */
  stamp: number
  id: number
}

/**
 * Per-word attributes, cached by surface form. The case, gazetteer and pruning attributes are
 * filled at once; the hashes that features read are filled by {@link complete}, which the
 * run-time path calls only for words it scores or uses as context (most pruned words never are).
 */
class WordInfo {
  w = 0
  lw = 0
  shape = 0
  affixes: Int32Array = noAffixes
  clusters: Int32Array = noCluster
  capBucket = 7
  private ready = false
  /** Run-time score sums of the first pass, for the scorer the cache is bound to (see {@link WordCache.bind}). */
  sums0: Int32Array | undefined = undefined
  /** The same for the second pass. */
  sums1: Int32Array | undefined = undefined

  constructor(
    readonly word: string,
    readonly lower: string,
    /** 0 lower, 1 capitalised, 2 all caps, 3 other (digits, punctuation, mixed). */
    readonly caseClass: number,
    /** Gazetteer mask of the word alone (−1: not in the gazetteer). */
    readonly gazMask: number,
    /** Token count of the longest gazetteer phrase starting with this word (1 if none). */
    readonly phraseLen: number,
    /** With `phraseLen` ≥ 2: the second words of the gazetteer phrases this word begins (lower case). */
    readonly seconds: ReadonlySet<string> | undefined,
    /** No capital letter, and never the first word of a name in the training data: see {@link forcedO}. */
    readonly plain: boolean,
    /** The lower-case form (shared with the other casings of the word). */
    readonly form: Form,
    private readonly lexicon: Lexicon,
  ) {}

  /** Fill the hashed attributes (once). */
  complete(): this {
    if (this.ready) return this
    const { word, lower } = this
    const affixes = new Int32Array(8)
    const n = lower.length
    for (let k = 1; k <= 4 && k <= n; k++) {
      affixes[k - 1] = hashRange(lower, 0, k)
      affixes[k + 3] = hashRange(lower, n - k, n)
    }
    const c = this.lexicon.clusters.get(lower)
    const cap = this.lexicon.capRatio.get(lower)
    this.w = hashString(word)
    this.lw = hashString(lower)
    this.shape = hashString(shapeOf(word))
    this.affixes = affixes
    if (c !== undefined) this.clusters = new Int32Array([c[0]! + 1, c[1]! + 1, c[2]! + 1])
    if (cap !== undefined) this.capBucket = cap
    this.ready = true
    return this
  }
}

const secondWordMaps = new WeakMap<Lexicon, Map<string, Set<string>>>()

/**
 * First word → the second words of the gazetteer phrases it begins, from the lexicon's two-word
 * prefixes: a phrase is tried further only when its second word is one of them, so most
 * phrase-starting words ("new", "the") build no phrase string.
 */
function secondWords(lexicon: Lexicon): Map<string, Set<string>> {
  let map = secondWordMaps.get(lexicon)
  if (map === undefined) {
    map = new Map()
    for (const prefix of lexicon.phrasePrefixes) {
      const space = prefix.indexOf(' ')
      // Two-word prefixes only: the first word has no space, and neither has the second.
      if (space < 0 || prefix.indexOf(' ', space + 1) >= 0) continue
      const first = prefix.slice(0, space)
      let set = map.get(first)
      if (set === undefined) map.set(first, (set = new Set()))
      set.add(prefix.slice(space + 1))
    }
    secondWordMaps.set(lexicon, map)
  }
  return map
}

/**
 * Word attribute cache; bounded (with the per-word score sums hung on its entries, about 1 KB a
 * word) so long-running processes do not grow without limit: when full, the next document
 * starts by dropping the less recently used half.
 */
export class WordCache {
  private readonly map = new Map<string, WordInfo>()
  private readonly forms = new Map<string, Form>()
  /** Documents prepared so far (stamps the form ids of the current one). */
  private documents = 0
  private scorer: Scorer | undefined
  private bits = 0
  /** Per pass: small score tables and the sentence-edge vectors, for the bound scorer. */
  passes: [PassTables | undefined, PassTables | undefined] = [undefined, undefined]
  constructor(
    private readonly lexicon: Lexicon,
    private readonly limit = 50_000,
  ) {}

  /**
   * Tie the cached score vectors to `scorer`: a different scorer (or feature space) than last
   * time empties the cache, since the vectors hung on its words hold that scorer's weights.
   */
  bind(scorer: Scorer, space: FeatureSpace): void {
    if (scorer === this.scorer && space.bits === this.bits) return
    this.map.clear()
    this.forms.clear()
    this.scorer = scorer
    this.bits = space.bits
    this.passes = [undefined, undefined]
  }

  /** Attributes of `word` (the hashed ones filled by {@link WordInfo.complete}). */
  get(word: string): WordInfo {
    let info = this.map.get(word)
    if (info !== undefined) return info
    const lower = word.toLowerCase()
    let form = this.forms.get(lower)
    if (form === undefined) {
      form = { stamp: -1, id: 0 }
      this.forms.set(lower, form)
    }
    const phraseLen = this.lexicon.phraseStarts.get(lower) ?? 1
    const seconds = phraseLen >= 2 ? secondWords(this.lexicon).get(lower) : undefined
    info = new WordInfo(word, lower, caseClassOf(word), this.lexicon.gazetteer.get(lower) ?? -1, phraseLen, seconds, word === lower && !this.lexicon.lowerStarts.has(lower), form, this.lexicon)
    this.map.set(word, info)
    return info
  }

  /**
   * Start a document. When the cache is full it drops the words least recently seen (never
   * within a document, so the words of one document share their forms): the more recent half
   * by the document that last used each word's form stays, so frequent words survive and a
   * long run over more distinct words than the limit does not start cold again each time.
   */
  beginDocument(): number {
    if (this.map.size >= this.limit) this.evictOlder()
    return ++this.documents
  }

  /** Drop every word whose form was last used at or before the median such document. */
  private evictOlder(): void {
    const stamps = new Int32Array(this.map.size)
    let i = 0
    for (const info of this.map.values()) stamps[i++] = info.form.stamp
    stamps.sort()
    const cutoff = stamps[stamps.length >> 1] as number
    for (const [word, info] of this.map) if (info.form.stamp <= cutoff) this.map.delete(word)
    // Keep one form per lower-case word: the one the surviving casings share.
    this.forms.clear()
    for (const info of this.map.values()) this.forms.set(info.lower, info.form)
  }

  /** Words cached now (for tests and monitoring). */
  get size(): number {
    return this.map.size
  }
}

/**
 * Run-time pruning: a word without a capital letter that never begins a name in the training
 * data, outside a name (after O, L, U or at a sentence start), is O without scoring. Without
 * the pruning the model tags 1 of the 37 723 such tokens of eng.testa otherwise (and none of
 * 158 094 in the first 300 bench articles); they are three quarters of all tokens. Not applied
 * in training.
 */
function forcedO(w: WordInfo, prev: number): boolean {
  return w.plain && (prev <= 0 || labelPos(prev) >= 2)
}

/** Training hook: called per token with its features, gold label and predicted label. */
export interface Trainer {
  readonly gold: readonly Uint8Array[]
  update(features: Int32Array, count: number, gold: number, predicted: number): void
}

// Template ids; keep stable (they are part of the model).
const T = {
  bias: 1, w: 2, lw: 3, lwm1: 4, lwp1: 5, lwm2: 6, lwp2: 7, sh: 8, shm1: 9, shp1: 10, shm1sh: 11, shshp1: 12,
  affix: 13, big1: 21, big2: 22, cl: 23, clm1: 26, clp1: 28, clm2: 30, clp2: 31, gaz: 32, gazm1: 33, gazp1: 34,
  cap: 35, capStart: 36, allcapsSh: 37, allcapsLw: 38, docCase: 39, docCaseSh: 40, startSh: 41,
  t1: 42, t2: 43, t1lw: 44, t1sh: 45, hist: 46, histSh: 47, histCase: 48, caseCl: 49, startLw: 50, lwm1sh: 51,
  s1: 60, s1n: 61, s1lw: 62, agg: 63, aggSh: 64, aggPos: 65, lwshp1: 66, t1lwp1: 67, clCase: 68, sufm1: 69, sufp1: 70, clm1cl: 71,
}

function infos0(input: TagInput, cache: WordCache): WordInfo[][] {
  return input.sentences.map((s) => s.map((w) => cache.get(w)))
}

/**
 * Per lower-case form, counts of first-pass label types over the document (0..3 entity types,
 * 4 = O) and, at 5..8, how often it sat inside a multi-token name of each type.
 */
function aggregateTypes(prepared: Prepared, stage: readonly Uint8Array[]): { counts: Int32Array; has: Uint8Array } {
  // Flat per-form arrays indexed by the document-local form id (9 counts a form); `has` marks forms seen.
  const counts = new Int32Array(prepared.forms * 9)
  const has = new Uint8Array(prepared.forms)
  prepared.infos.forEach((s, si) => {
    const st = stage[si]!
    const ids = prepared.ids[si]!
    s.forEach((w, i) => {
      if (w.caseClass === 3) return
      const id = ids[i]!
      has[id] = 1
      const l = st[i]!
      const t = l === 0 ? 4 : labelType(l)
      counts[id * 9 + t]!++
      if (l !== 0 && labelPos(l) !== 3) counts[id * 9 + 5 + t]!++
    })
  })
  return { counts, has }
}

// Upper bound of features per token (≈ 55 templates plus gazetteer matches at ±1).
const maxFeatures = 192

/**
 * Features that depend on one word only, by segment: 0 the token itself, 1..4 the word as the
 * neighbour at −1, +1, −2, +2. `undefined` is the sentence edge. Returns the new count.
 */
function segmentFeatures(w: WordInfo | undefined, segment: number, o: number, shift: number, features: Int32Array, k: number): number {
  switch (segment) {
    case 0:
      if (w === undefined) return k
      features[k++] = mix(o + T.bias, 0) >>> shift
      features[k++] = mix(o + T.w, w.w) >>> shift
      features[k++] = mix(o + T.lw, w.lw) >>> shift
      features[k++] = mix(o + T.sh, w.shape) >>> shift
      for (let a = 0; a < 8; a++) if (w.affixes[a] !== 0) features[k++] = mix(o + T.affix + a, w.affixes[a]!) >>> shift
      for (let c = 0; c < 3; c++) features[k++] = mix(o + T.cl + c, w.clusters[c]!) >>> shift
      features[k++] = mix2(o + T.cap, w.capBucket, w.caseClass) >>> shift
      features[k++] = mix2(o + T.clCase, w.clusters[1]!, w.caseClass) >>> shift
      return k
    case 1:
      features[k++] = mix(o + T.lwm1, w ? w.lw : 1) >>> shift
      features[k++] = mix(o + T.shm1, w ? w.shape : 1) >>> shift
      for (let c = 0; c < 2; c++) features[k++] = mix(o + T.clm1 + c, w ? w.clusters[c]! : -1) >>> shift
      features[k++] = mix(o + T.sufm1, w ? w.affixes[6]! : 1) >>> shift
      return k
    case 2:
      features[k++] = mix(o + T.lwp1, w ? w.lw : 1) >>> shift
      features[k++] = mix(o + T.shp1, w ? w.shape : 1) >>> shift
      for (let c = 0; c < 2; c++) features[k++] = mix(o + T.clp1 + c, w ? w.clusters[c]! : -1) >>> shift
      features[k++] = mix(o + T.sufp1, w ? w.affixes[6]! : 1) >>> shift
      return k
    case 3:
      features[k++] = mix(o + T.lwm2, w ? w.lw : 1) >>> shift
      features[k++] = mix(o + T.clm2, w ? w.clusters[1]! : -1) >>> shift
      return k
    default:
      features[k++] = mix(o + T.lwp2, w ? w.lw : 1) >>> shift
      features[k++] = mix(o + T.clp2, w ? w.clusters[1]! : -1) >>> shift
      return k
  }
}

/**
 * A quantised scorer whose rows the run-time path reads directly: each kept feature bucket has
 * 16 int16 weights, of labels 1..16 minus that of O (so O always scores 0).
 */
export interface RowScorer extends Scorer {
  /** Rows, 16 values each. */
  readonly rows: Int16Array
  /** Offset in {@link rows} of `bucket`'s row, or −1 when the model has none. */
  rowOf(bucket: number): number
}

function isRowScorer(scorer: Scorer): scorer is RowScorer {
  return (scorer as Partial<RowScorer>).rows instanceof Int16Array
}

// Run-time vectors are 16 int32 values (labels 1..16; O is 0). Additions are unrolled: V8 keeps
// an unrolled typed-array sum several times faster than the loop.

function addRow(s: Int32Array, r: Int16Array, b: number): void {
  s[0]! += r[b]!
  s[1]! += r[b + 1]!
  s[2]! += r[b + 2]!
  s[3]! += r[b + 3]!
  s[4]! += r[b + 4]!
  s[5]! += r[b + 5]!
  s[6]! += r[b + 6]!
  s[7]! += r[b + 7]!
  s[8]! += r[b + 8]!
  s[9]! += r[b + 9]!
  s[10]! += r[b + 10]!
  s[11]! += r[b + 11]!
  s[12]! += r[b + 12]!
  s[13]! += r[b + 13]!
  s[14]! += r[b + 14]!
  s[15]! += r[b + 15]!
}

function addVec(s: Int32Array, v: Int32Array, b: number): void {
  s[0]! += v[b]!
  s[1]! += v[b + 1]!
  s[2]! += v[b + 2]!
  s[3]! += v[b + 3]!
  s[4]! += v[b + 4]!
  s[5]! += v[b + 5]!
  s[6]! += v[b + 6]!
  s[7]! += v[b + 7]!
  s[8]! += v[b + 8]!
  s[9]! += v[b + 9]!
  s[10]! += v[b + 10]!
  s[11]! += v[b + 11]!
  s[12]! += v[b + 12]!
  s[13]! += v[b + 13]!
  s[14]! += v[b + 14]!
  s[15]! += v[b + 15]!
}

/** Add the rows of `count` buckets of `features` into `s`. */
function addFeatures(s: Int32Array, scorer: RowScorer, features: Int32Array, count: number): void {
  const rows = scorer.rows
  for (let k = 0; k < count; k++) {
    const b = scorer.rowOf(features[k]!)
    if (b >= 0) addRow(s, rows, b)
  }
}

/** `count` buckets of `features` summed into `v[at .. at + 16)` (overwritten). */
function sumInto(v: Int32Array, at: number, scorer: RowScorer, features: Int32Array, count: number): void {
  v.fill(0, at, at + 16)
  const r = scorer.rows
  for (let k = 0; k < count; k++) {
    const b = scorer.rowOf(features[k]!)
    if (b < 0) continue
    v[at]! += r[b]!
    v[at + 1]! += r[b + 1]!
    v[at + 2]! += r[b + 2]!
    v[at + 3]! += r[b + 3]!
    v[at + 4]! += r[b + 4]!
    v[at + 5]! += r[b + 5]!
    v[at + 6]! += r[b + 6]!
    v[at + 7]! += r[b + 7]!
    v[at + 8]! += r[b + 8]!
    v[at + 9]! += r[b + 9]!
    v[at + 10]! += r[b + 10]!
    v[at + 11]! += r[b + 11]!
    v[at + 12]! += r[b + 12]!
    v[at + 13]! += r[b + 13]!
    v[at + 14]! += r[b + 14]!
    v[at + 15]! += r[b + 15]!
  }
}

/**
 * Per word and pass (the scorer bound to its {@link WordCache}): the summed weights of the
 * features of the word alone, 16 values per group: segments 0..4 of {@link segmentFeatures} at
 * 0..79 (each filled when first needed: bit k of the value at 114), then two one-entry caches:
 * the word's state features (sentence start, all caps, case evidence) at 80, keyed at 112, and
 * the previous label × word at 96, keyed at 113.
 */
const slabSize = 115
const stateAt = 80
const prevAt = 96
const stateKey = 112
const prevKey = 113
/** Bit k of `v[segmentsAt]`: segment k is filled. */
const segmentsAt = 114

/** Per pass: score tables of the features whose values come from small domains, 16 values an entry. */
interface PassTables {
  /** The sentence edge as a neighbour (segments, and as next word). */
  readonly edge: Int32Array
  /** [t1] (18 values: labels, 17 = none). */
  readonly t1: Int32Array
  /** [t2 · 18 + t1]. */
  readonly t2: Int32Array
  /** [code · 4 + caseClass], code = gazetteer class · 4 + position. */
  readonly gaz: Int32Array
  readonly gazm1: Int32Array
  readonly gazp1: Int32Array
  /** [best] (5), [best · 8 + caseClass + 4·caps]. */
  readonly hist: Int32Array
  readonly histCase: Int32Array
  /** [s1] (17), [s1(i+1) · 18 + s1(i+2)] (17 = none). */
  readonly s1: Int32Array
  readonly s1n: Int32Array
  /** [best] (5), [best · 8 + caseClass + 4·caps], [inside · 5 + best]. */
  readonly agg: Int32Array
  readonly aggSh: Int32Array
  readonly aggPos: Int32Array
}

const gazCodes = gazetteerClasses.length * 4
const slabFeatures = new Int32Array(maxFeatures)

/** A table of `n` entries, entry `e` the row of the single feature `bucket(e)`. */
function table(scorer: RowScorer, n: number, bucket: (e: number) => number): Int32Array {
  const out = new Int32Array(n * 16)
  for (let e = 0; e < n; e++) {
    slabFeatures[0] = bucket(e)
    sumInto(out, e * 16, scorer, slabFeatures, 1)
  }
  return out
}

/** Label value of a table index (17 = none, which the features write as 255). */
const labelValue = (x: number): number => (x === 17 ? 255 : x)

function newSlab(w: WordInfo | undefined, o: number, shift: number, scorer: RowScorer): Int32Array {
  const v = new Int32Array(slabSize)
  v[stateKey] = v[prevKey] = -1
  // The sentence edge has every segment filled up front.
  if (w === undefined) for (let k = 0; k < 5; k++) segment(v, undefined, k, o, shift, scorer)
  return v
}

/** Offset in `v` (of `w`) of segment `k`, filled on first use. */
function segment(v: Int32Array, w: WordInfo | undefined, k: number, o: number, shift: number, scorer: RowScorer): number {
  if ((v[segmentsAt]! & (1 << k)) === 0) {
    sumInto(v, k * 16, scorer, slabFeatures, segmentFeatures(w?.complete(), k, o, shift, slabFeatures, 0))
    v[segmentsAt]! |= 1 << k
  }
  return k * 16
}

function passTables(scorer: RowScorer, o: number, shift: number): PassTables {
  const b1 = (t: number) => (v: number) => mix(o + t, v) >>> shift
  return {
    edge: newSlab(undefined, o, shift, scorer),
    t1: table(scorer, 18, (e) => mix(o + T.t1, labelValue(e)) >>> shift),
    t2: table(scorer, 18 * 18, (e) => mix2(o + T.t2, labelValue(Math.floor(e / 18)), labelValue(e % 18)) >>> shift),
    gaz: table(scorer, gazCodes * 4, (e) => mix2(o + T.gaz, e >> 2, e & 3) >>> shift),
    gazm1: table(scorer, gazCodes, b1(T.gazm1)),
    gazp1: table(scorer, gazCodes, b1(T.gazp1)),
    hist: table(scorer, 5, b1(T.hist)),
    histCase: table(scorer, 5 * 8, (e) => mix2(o + T.histCase, e >> 3, e & 7) >>> shift),
    s1: table(scorer, labelCount, b1(T.s1)),
    s1n: table(scorer, 18 * 18, (e) => mix2(o + T.s1n, labelValue(Math.floor(e / 18)), labelValue(e % 18)) >>> shift),
    agg: table(scorer, 5, b1(T.agg)),
    aggSh: table(scorer, 5 * 8, (e) => mix2(o + T.aggSh, e >> 3, e & 7) >>> shift),
    aggPos: table(scorer, 2 * 5, (e) => mix2(o + T.aggPos, Math.floor(e / 5), e % 5) >>> shift),
  }
}

/** Offset in `v` of the state features of `w` in `state` (start + 2·caps + 4·docCase). */
function stateVector(v: Int32Array, w: WordInfo, state: number, o: number, shift: number, scorer: RowScorer): number {
  if (v[stateKey] === state) return stateAt
  const start = state & 1
  const caps = (state >> 1) & 1
  const dc = state >> 2
  let k = 0
  const f = slabFeatures
  f[k++] = mix2(o + T.capStart, w.capBucket, start + 2 * caps) >>> shift
  f[k++] = mix2(o + T.caseCl, w.caseClass, start + 2 * caps) >>> shift
  f[k++] = mix2(o + T.allcapsSh, caps, w.shape) >>> shift
  if (caps) f[k++] = mix(o + T.allcapsLw, w.lw) >>> shift
  f[k++] = mix2(o + T.docCase, dc, w.caseClass + 4 * caps) >>> shift
  f[k++] = mix2(o + T.docCaseSh, dc, w.shape) >>> shift
  if (start) {
    f[k++] = mix(o + T.startSh, w.shape) >>> shift
    f[k++] = mix(o + T.startLw, w.lw) >>> shift
  }
  sumInto(v, stateAt, scorer, f, k)
  v[stateKey] = state
  return stateAt
}

/** Offset in `v` of the previous-label features of `w` after label index `t1`. */
function prevVector(v: Int32Array, w: WordInfo, t1: number, o: number, shift: number, scorer: RowScorer): number {
  if (v[prevKey] === t1) return prevAt
  slabFeatures[0] = mix2(o + T.t1lw, labelValue(t1), w.lw) >>> shift
  slabFeatures[1] = mix2(o + T.t1sh, labelValue(t1), w.shape) >>> shift
  sumInto(v, prevAt, scorer, slabFeatures, 2)
  v[prevKey] = t1
  return prevAt
}

/**
 * The run-time path of {@link tagDocument} (no trainer) for a {@link RowScorer}: the same
 * features and the same labels, computed in int32 from word-level sums cached on the words,
 * tables of the small-domain features, and per-token look-ups of the seven word-pair features.
 */
function tagDocumentFast(cache: WordCache, space: FeatureSpace, scorer: RowScorer, prep: Prepared, stage?: readonly Uint8Array[]): Uint8Array[] {
  const shift = 32 - space.bits
  const pass = stage ? 1 : 0
  const o = stage ? 100 : 0
  const tables = (cache.passes[pass] ??= passTables(scorer, o, shift))
  const edge = tables.edge
  const features = new Int32Array(8)
  const scores = new Int32Array(16)
  const { infos, allCaps, docCase, gaz: gazAll } = prep
  const aggregate = stage ? aggregateTypes(prep, stage) : undefined
  const history = new Int32Array(prep.forms * 5)
  const hasHistory = new Uint8Array(prep.forms)
  const out: Uint8Array[] = []
  // The labels of every sentence in one buffer, viewed per sentence.
  let tokenCount = 0
  for (const s of infos) tokenCount += s.length
  const allLabels = new Uint8Array(tokenCount)
  let at = 0
  for (let si = 0; si < infos.length; si++) {
    const s = infos[si]!
    const n = s.length
    const labels = allLabels.subarray(at, (at += n))
    const gaz = gazAll[si]!
    const caps = allCaps[si] ? 1 : 0
    const ids = prep.ids[si]!
    const st = stage?.[si]
    // Each token's word sums, fetched (and computed, for new words) only where a scored token needs them.
    const slabs = new Array<Int32Array | undefined>(n)
    const slab = (j: number): Int32Array => {
      if (j < 0 || j >= n) return edge
      let v = slabs[j]
      if (v === undefined) {
        const wj = s[j]!
        v = slabs[j] = pass === 0 ? (wj.sums0 ??= newSlab(wj, o, shift, scorer)) : (wj.sums1 ??= newSlab(wj, o, shift, scorer))
      }
      return v
    }
    for (let i = 0; i < n; i++) {
      const id = ids[i]!
      const w = s[i]!
      if (forcedO(w, i > 0 ? labels[i - 1]! : -1)) continue
      const v = slab(i)
      w.complete()
      const m1 = i > 0 ? s[i - 1]!.complete() : undefined
      const p1 = i + 1 < n ? s[i + 1]!.complete() : undefined
      features[0] = mix2(o + T.shm1sh, m1 ? m1.shape : 1, w.shape) >>> shift
      features[1] = mix2(o + T.shshp1, w.shape, p1 ? p1.shape : 1) >>> shift
      features[2] = mix2(o + T.big1, m1 ? m1.lw : 1, w.lw) >>> shift
      features[3] = mix2(o + T.big2, w.lw, p1 ? p1.lw : 1) >>> shift
      features[4] = mix2(o + T.lwm1sh, m1 ? m1.lw : 1, w.shape) >>> shift
      features[5] = mix2(o + T.clm1cl, m1 ? m1.clusters[0]! : -1, w.clusters[0]!) >>> shift
      features[6] = mix2(o + T.lwshp1, w.lw, p1 ? p1.shape : 1) >>> shift
      scores.fill(0)
      addFeatures(scores, scorer, features, 7)
      addVec(scores, v, segment(v, w, 0, o, shift, scorer))
      const next = slab(i + 1)
      if (i > 0) addVec(scores, slab(i - 1), segment(slabs[i - 1]!, s[i - 1], 1, o, shift, scorer))
      else addVec(scores, edge, 16)
      if (i + 1 < n) addVec(scores, next, segment(next, p1, 2, o, shift, scorer))
      else addVec(scores, edge, 32)
      if (i > 1) addVec(scores, slab(i - 2), segment(slabs[i - 2]!, s[i - 2], 3, o, shift, scorer))
      else addVec(scores, edge, 48)
      if (i + 2 < n) addVec(scores, slab(i + 2), segment(slabs[i + 2]!, s[i + 2], 4, o, shift, scorer))
      else addVec(scores, edge, 64)
      const cc = w.caseClass + 4 * caps
      for (const g of gaz[i]!) addVec(scores, tables.gaz, (g * 4 + w.caseClass) * 16)
      if (i > 0) for (const g of gaz[i - 1]!) addVec(scores, tables.gazm1, g * 16)
      if (i + 1 < n) for (const g of gaz[i + 1]!) addVec(scores, tables.gazp1, g * 16)
      addVec(scores, v, stateVector(v, w, (i === 0 ? 1 : 0) + 2 * caps + 4 * docCase[id]!, o, shift, scorer))
      const t1 = i > 0 ? labels[i - 1]! : 17
      const t2 = i > 1 ? labels[i - 2]! : 17
      addVec(scores, tables.t1, t1 * 16)
      addVec(scores, tables.t2, (t2 * 18 + t1) * 16)
      addVec(scores, v, prevVector(v, w, t1, o, shift, scorer))
      let k = 0
      // t1 × next word varies too much with t1 to cache on the next word: looked up here.
      features[k++] = mix2(o + T.t1lwp1, labelValue(t1), p1 ? p1.lw : 1) >>> shift
      if (hasHistory[id] === 1) {
        let best = -1
        let bestCount = 0
        for (let t = 0; t < 5; t++) {
          const c = history[id * 5 + t]!
          if (c > bestCount) {
            best = t
            bestCount = c
          }
        }
        addVec(scores, tables.hist, best * 16)
        addVec(scores, tables.histCase, (best * 8 + cc) * 16)
        features[k++] = mix2(o + T.histSh, best, w.shape) >>> shift
      }
      if (st !== undefined) {
        const s1 = st[i]!
        addVec(scores, tables.s1, s1 * 16)
        addVec(scores, tables.s1n, ((i + 1 < n ? st[i + 1]! : 17) * 18 + (i + 2 < n ? st[i + 2]! : 17)) * 16)
        features[k++] = mix2(o + T.s1lw, s1, w.lw) >>> shift
        if (aggregate!.has[id] === 1) {
          const agg = aggregate!.counts
          const ab = id * 9
          const own = s1 === 0 ? 4 : labelType(s1)
          let best = -1
          let bestCount = 0
          for (let t = 0; t < 5; t++) {
            const c = agg[ab + t]! - (t === own ? 1 : 0)
            if (c > bestCount) {
              best = t
              bestCount = c
            }
          }
          if (best >= 0) {
            addVec(scores, tables.agg, best * 16)
            addVec(scores, tables.aggSh, (best * 8 + cc) * 16)
            addVec(scores, tables.aggPos, ((agg[ab + 5 + (best === 4 ? 0 : best)]! > 0 ? 1 : 0) * 5 + best) * 16)
          }
        }
      }
      addFeatures(scores, scorer, features, k)
      labels[i] = bestAllowedInt(scores, i > 0 ? labels[i - 1]! : -1, i === n - 1)
    }
    recordHistory(s, ids, labels, history, hasHistory)
    out.push(labels)
  }
  return out
}

/** {@link bestAllowed} over int32 scores of labels 1..16 (O scores 0). */
function bestAllowedInt(scores: Int32Array, prev: number, last: boolean): number {
  let bestLabel = 0
  let bestScore = -Infinity
  const row = (prev + 1) * labelCount
  for (let l = 0; l < labelCount; l++) {
    if (allowedMatrix[row + l] === 0) continue
    if (last && mayEnd[l] === 0) continue
    const score = l === 0 ? 0 : scores[l - 1]!
    if (score > bestScore) {
      bestScore = score
      bestLabel = l
    }
  }
  return bestLabel
}

/** The best-scoring label allowed after `prev` (−1: sentence start); on the last token, one that may end a sentence. */
function bestAllowed(scores: Float64Array, prev: number, last: boolean): number {
  let bestLabel = 0
  let bestScore = -Infinity
  const row = (prev + 1) * labelCount
  for (let l = 0; l < labelCount; l++) {
    if (allowedMatrix[row + l] === 0) continue
    // A B or I needs a following token to close it.
    if (last && mayEnd[l] === 0) continue
    if (scores[l]! > bestScore) {
      bestScore = scores[l]!
      bestLabel = l
    }
  }
  return bestLabel
}

/** Record a sentence's predicted types per form id (the extended prediction history). */
function recordHistory(s: readonly WordInfo[], ids: Int32Array, labels: Uint8Array, history: Int32Array, hasHistory: Uint8Array): void {
  for (let i = 0; i < s.length; i++) {
    const l = labels[i]!
    if (s[i]!.caseClass === 3 && l === 0) continue
    hasHistory[ids[i]!] = 1
    history[ids[i]! * 5 + (l === 0 ? 4 : labelType(l))]!++
  }
}

const noCodes: readonly number[] = []

/** Gazetteer codes per token (see {@link gazetteerTags}), from the words' cached single-word masks. */
function gazetteerOf(lexicon: Lexicon, s: readonly WordInfo[]): (readonly number[])[] {
  const n = s.length
  const out = new Array<readonly number[]>(n).fill(noCodes)
  if (lexicon.gazetteer.size === 0) return out
  let i = 0
  while (i < n) {
    const w = s[i]!
    let len = 0
    let mask = 0
    // The longest phrase from here, grown a token at a time while it begins some phrase.
    const maxLen = Math.min(w.phraseLen, n - i)
    let phrase = w.lower
    for (let l = 2; l <= maxLen; l++) {
      const next = s[i + l - 1]!.lower
      // The two-word prefix is checked without building it (see secondWords).
      if (l === 2 ? !w.seconds!.has(next) : !lexicon.phrasePrefixes.has(`${phrase} ${next}`)) break
      phrase += ` ${next}`
      const m = lexicon.gazetteer.get(phrase)
      if (m !== undefined) {
        len = l
        mask = m
      }
    }
    if (len === 0) {
      if (w.gazMask < 0) {
        i++
        continue
      }
      len = 1
      mask = w.gazMask
    }
    for (let j = 0; j < len; j++) out[i + j] = gazetteerCodes(mask, len === 1 ? 3 : j === 0 ? 0 : j === len - 1 ? 2 : 1)
    i += len
  }
  return out
}

/** Per-document context shared by both passes. */
export interface Prepared {
  readonly infos: WordInfo[][]
  readonly allCaps: boolean[]
  /** Document-local id of each token's lower-case form, per sentence (ids are 0..forms−1). */
  readonly ids: Int32Array[]
  /** Number of distinct lower-case forms in the document. */
  readonly forms: number
  /** Case evidence by form id: bit 1 written lower case, bit 2 capitalised (outside sentence starts and all-caps lines). */
  readonly docCase: Uint8Array
  readonly gaz: (readonly number[])[][]
}

/** Compute the word attributes, headline flags, case evidence and gazetteer matches of a document once. */
export function prepare(input: TagInput, cache: WordCache, lexicon: Lexicon): Prepared {
  const stamp = cache.beginDocument()
  const infos = infos0(input, cache)
  const allCaps = infos.map((s) => {
    let letters = 0
    let caps = 0
    for (const w of s) {
      if (w.caseClass !== 3) letters++
      if (w.caseClass === 2) caps++
    }
    return letters >= 2 && caps >= letters * 0.8
  })
  // Document-local ids of the lower-case forms, in order of first occurrence.
  let forms = 0
  // One buffer for the document, viewed per sentence (a typed array of its own per sentence costs an allocation outside the heap).
  let tokenCount = 0
  for (const s of infos) tokenCount += s.length
  const allIds = new Int32Array(tokenCount)
  let at = 0
  const ids = infos.map((s) => {
    const a = allIds.subarray(at, (at += s.length))
    for (let i = 0; i < s.length; i++) {
      const form = s[i]!.form
      if (form.stamp !== stamp) {
        form.stamp = stamp
        form.id = forms++
      }
      a[i] = form.id
    }
    return a
  })
  const docCase = new Uint8Array(forms)
  infos.forEach((s, si) => {
    if (allCaps[si]) return
    const sid = ids[si]!
    for (let i = 1; i < s.length; i++) {
      const w = s[i]!
      const bit = w.caseClass === 0 ? 1 : w.caseClass === 1 ? 2 : 0
      if (bit !== 0) docCase[sid[i]!]! |= bit
    }
  })
  const gaz = infos.map((s) => gazetteerOf(lexicon, s))
  return { infos, allCaps, ids, forms, docCase, gaz }
}

/**
 * Tag a document greedily, left to right, with BILOU labels; returns one label array per
 * sentence. With `trainer`, calls `trainer.update` on every token (online perceptron). With
 * `stage` (first-pass labels), runs the second pass: features of the first-pass labels to the
 * right and of the same word's labels elsewhere in the document.
 */
export function tagDocument(input: TagInput, cache: WordCache, lexicon: Lexicon, space: FeatureSpace, scorer: Scorer, trainer?: Trainer, stage?: readonly Uint8Array[], prepared?: Prepared): Uint8Array[] {
  const shift = 32 - space.bits
  // The second pass has its own weights: every template id is offset.
  const o = stage ? 100 : 0
  const features = new Int32Array(maxFeatures)
  const scores = new Float64Array(labelCount)
  // Document-level case evidence: is this lower-case form written capitalised (outside a
  // sentence start and outside all-caps lines) elsewhere in the document, or in lower case?
  const prep = prepared ?? prepare(input, cache, lexicon)
  const { infos, allCaps, docCase, gaz: gazAll } = prep
  for (const s of infos) for (const w of s) w.complete()
  const aggregate = stage ? aggregateTypes(prep, stage) : undefined
  // Extended prediction history (Ratinov & Roth 2009): entity types given to a form earlier in
  // the document; 5 counts per form id, `hasHistory` marks forms with any.
  const history = new Int32Array(prep.forms * 5)
  const hasHistory = new Uint8Array(prep.forms)
  const out: Uint8Array[] = []
  for (let si = 0; si < infos.length; si++) {
    const s = infos[si]!
    const n = s.length
    const labels = new Uint8Array(n)
    const gaz = gazAll[si]!
    const caps = allCaps[si] ? 1 : 0
    const gold = trainer?.gold[si]
    const ids = prep.ids[si]!
    for (let i = 0; i < n; i++) {
      const id = ids[i]!
      const w = s[i]!
      if (trainer === undefined && forcedO(w, i > 0 ? labels[i - 1]! : -1)) continue
      const m1 = i > 0 ? s[i - 1]! : undefined
      const p1 = i + 1 < n ? s[i + 1]! : undefined
      const m2 = i > 1 ? s[i - 2]! : undefined
      const p2 = i + 2 < n ? s[i + 2]! : undefined
      let k = 0
      k = segmentFeatures(w, 0, o, shift, features, k)
      k = segmentFeatures(m1, 1, o, shift, features, k)
      k = segmentFeatures(p1, 2, o, shift, features, k)
      k = segmentFeatures(m2, 3, o, shift, features, k)
      k = segmentFeatures(p2, 4, o, shift, features, k)
      features[k++] = mix2(o + T.shm1sh, m1 ? m1.shape : 1, w.shape) >>> shift
      features[k++] = mix2(o + T.shshp1, w.shape, p1 ? p1.shape : 1) >>> shift
      features[k++] = mix2(o + T.big1, m1 ? m1.lw : 1, w.lw) >>> shift
      features[k++] = mix2(o + T.big2, w.lw, p1 ? p1.lw : 1) >>> shift
      features[k++] = mix2(o + T.lwm1sh, m1 ? m1.lw : 1, w.shape) >>> shift
      features[k++] = mix2(o + T.clm1cl, m1 ? m1.clusters[0]! : -1, w.clusters[0]!) >>> shift
      for (const g of gaz[i]!) features[k++] = mix2(o + T.gaz, g, w.caseClass) >>> shift
      if (i > 0) for (const g of gaz[i - 1]!) features[k++] = mix(o + T.gazm1, g) >>> shift
      if (i + 1 < n) for (const g of gaz[i + 1]!) features[k++] = mix(o + T.gazp1, g) >>> shift
      features[k++] = mix2(o + T.capStart, w.capBucket, (i === 0 ? 1 : 0) + 2 * caps) >>> shift
      features[k++] = mix2(o + T.caseCl, w.caseClass, (i === 0 ? 1 : 0) + 2 * caps) >>> shift
      features[k++] = mix2(o + T.allcapsSh, caps, w.shape) >>> shift
      if (caps) features[k++] = mix(o + T.allcapsLw, w.lw) >>> shift
      const dc = docCase[id]!
      features[k++] = mix2(o + T.docCase, dc, w.caseClass + 4 * caps) >>> shift
      features[k++] = mix2(o + T.docCaseSh, dc, w.shape) >>> shift
      if (i === 0) {
        features[k++] = mix(o + T.startSh, w.shape) >>> shift
        features[k++] = mix(o + T.startLw, w.lw) >>> shift
      }
      // Dynamic features from predictions so far.
      const t1 = i > 0 ? labels[i - 1]! : 255
      const t2 = i > 1 ? labels[i - 2]! : 255
      features[k++] = mix(o + T.t1, t1) >>> shift
      features[k++] = mix2(o + T.t2, t2, t1) >>> shift
      features[k++] = mix2(o + T.t1lw, t1, w.lw) >>> shift
      features[k++] = mix2(o + T.t1sh, t1, w.shape) >>> shift
      features[k++] = mix2(o + T.t1lwp1, t1, p1 ? p1.lw : 1) >>> shift
      features[k++] = mix2(o + T.lwshp1, w.lw, p1 ? p1.shape : 1) >>> shift
      if (hasHistory[id] === 1) {
        let best = -1
        let bestCount = 0
        for (let t = 0; t < 5; t++) {
          const c = history[id * 5 + t]!
          if (c > bestCount) {
            best = t
            bestCount = c
          }
        }
        features[k++] = mix(o + T.hist, best) >>> shift
        features[k++] = mix2(o + T.histSh, best, w.shape) >>> shift
        features[k++] = mix2(o + T.histCase, best, w.caseClass + 4 * caps) >>> shift
      }
      if (stage) {
        const st = stage[si]!
        features[k++] = mix(o + T.s1, st[i]!) >>> shift
        features[k++] = mix2(o + T.s1n, i + 1 < n ? st[i + 1]! : 255, i + 2 < n ? st[i + 2]! : 255) >>> shift
        features[k++] = mix2(o + T.s1lw, st[i]!, w.lw) >>> shift
        if (aggregate!.has[id] === 1) {
          const agg = aggregate!.counts
          const ab = id * 9
          // Majority label type of this form elsewhere in the document (first pass), excluding this token.
          const own = st[i]! === 0 ? 4 : labelType(st[i]!)
          let best = -1
          let bestCount = 0
          for (let t = 0; t < 5; t++) {
            const c = agg[ab + t]! - (t === own ? 1 : 0)
            if (c > bestCount) {
              best = t
              bestCount = c
            }
          }
          if (best >= 0) {
            features[k++] = mix(o + T.agg, best) >>> shift
            features[k++] = mix2(o + T.aggSh, best, w.caseClass + 4 * caps) >>> shift
            features[k++] = mix2(o + T.aggPos, agg[ab + 5 + (best === 4 ? 0 : best)]! > 0 ? 1 : 0, best) >>> shift
          }
        }
      }
      scores.fill(0)
      scorer.score(features, k, scores)
      const best = bestAllowed(scores, i > 0 ? labels[i - 1]! : -1, i === n - 1)
      if (gold !== undefined && gold[i]! !== best) trainer!.update(features, k, gold[i]!, best)
      labels[i] = best
    }
    recordHistory(s, ids, labels, history, hasHistory)
    out.push(labels)
  }
  return out
}

/** Decode BILOU labels into `[start, end, type]` token spans (end exclusive); repairs broken sequences. */
export function decodeSpans(labels: Uint8Array): [number, number, number][] {
  const spans: [number, number, number][] = []
  let open = -1
  let openType = -1
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!
    const pos = labelPos(l)
    const type = labelType(l)
    if (open >= 0 && (pos === -1 || pos === 0 || pos === 3 || type !== openType)) {
      spans.push([open, i, openType])
      open = -1
    }
    if (pos === 0 || ((pos === 1 || pos === 2) && open < 0)) {
      open = i
      openType = type
    }
    if (pos === 3) spans.push([i, i + 1, type])
    if (pos === 2 && open >= 0) {
      spans.push([open, i + 1, openType])
      open = -1
    }
  }
  if (open >= 0) spans.push([open, labels.length, openType])
  return spans
}

/**
 * Tag a document with both passes (the run-time path): the same labels as {@link tagDocument}
 * run twice, from per-word score vectors cached in `cache` (which this binds to `scorer`).
 */
export function tagDocumentTwoPass(input: TagInput, cache: WordCache, lexicon: Lexicon, space: FeatureSpace, scorer: Scorer): Uint8Array[] {
  return tagPrepared(input, cache, lexicon, space, scorer).labels
}

/**
 * {@link tagDocumentTwoPass}, also returning each token's word attributes (per sentence), so a
 * caller can read the lower-case form and gazetteer mask of a token without looking it up again.
 */
export function tagPrepared(input: TagInput, cache: WordCache, lexicon: Lexicon, space: FeatureSpace, scorer: Scorer): { labels: Uint8Array[]; words: readonly (readonly WordAttributes[])[] } {
  cache.bind(scorer, space)
  const prepared = prepare(input, cache, lexicon)
  return { labels: twoPass(input, cache, lexicon, space, scorer, prepared), words: prepared.infos }
}

/** What {@link tagPrepared} tells of a token's word. */
export interface WordAttributes {
  /** The tagger form, lower-cased. */
  readonly lower: string
  /** Gazetteer mask of the word alone (−1: not in the gazetteer). */
  readonly gazMask: number
}

function twoPass(input: TagInput, cache: WordCache, lexicon: Lexicon, space: FeatureSpace, scorer: Scorer, prepared: Prepared): Uint8Array[] {
  if (!isRowScorer(scorer)) {
    const first = tagDocument(input, cache, lexicon, space, scorer, undefined, undefined, prepared)
    return tagDocument(input, cache, lexicon, space, scorer, undefined, first, prepared)
  }
  const first = tagDocumentFast(cache, space, scorer, prepared)
  return tagDocumentFast(cache, space, scorer, prepared, first)
}
