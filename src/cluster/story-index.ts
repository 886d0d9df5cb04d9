/** @module cluster/story-index — incremental story clustering with bounded candidate retrieval. */
import type { Document } from '../document/document.js'
import { PipelineError } from '../pipeline/errors.js'
import { backgroundMap, loadBackground, type BackgroundFrequencies } from '../terms/index.js'
import { backgroundCenter, denseVector, loadStemVectors, removeComponents, type StemVectors } from './embeddings.js'
import { countFeatures } from './features.js'

/** Sparse vector over interned feature ids (see `intern` in {@link createStoryIndex}): id → weight. */
type IdVector = Map<number, number>

/** An article's unit vector: feature ids and weights in feature order, and the same as a map. */
interface UnitVector {
  readonly ids: Int32Array
  readonly values: Float64Array
  readonly map: IdVector
  /** Dense unit vector (idf-weighted mean of stem embeddings), empty when the level does not use it. */
  readonly dense: Float32Array
  /** This article's weight of the dense similarity at the topic level (see `topicDenseHalfTerms`). */
  readonly denseWeight: number
  /** Unit vector of the article's typed names (persons, places: see `names` in `countFeatures`), for the split's name test. */
  readonly names: IdVector
}

/** A group of documents about one real-world event. */
export interface Story {
  readonly id: string
  /** Document ids in the order they were added. */
  readonly docs: readonly string[]
  /** Most salient features of the story (stems; entity normals prefixed `@`), best first. */
  readonly terms: readonly string[]
  /** Id of the broader topic (a group of stories, e.g. several product launches of one company). */
  readonly topic: string
}

/** A group of stories on one broad subject. */
export interface Topic {
  readonly id: string
  readonly stories: readonly string[]
  readonly docs: readonly string[]
}


/** Options of {@link createStoryIndex}. */
export interface StoryIndexOptions {
  /**
   * Minimum average cosine between an article and a story's members to join it (default 0.27;
   * 0.3 before the large split, `repairLargeSize`, took back the precision a looser join costs).
   */
  readonly threshold?: number
  /** `average`: mean cosine to the members (default); `centroid`: cosine to the members' mean vector. */
  readonly linkage?: 'average' | 'centroid'
  /**
   * Minimum score for a new story to join a topic: the centroid cosine blended with the dense
   * one (see `topicDenseHalfTerms`); default 0.15 (the lexical cosine's threshold), 0.32 with a
   * fixed `topicDenseWeight` (with the NER entities 0.1 over-merges MEANTIME topics, B³ P 0.74):
   * see docs/bench/stories.md.
   */
  readonly topicThreshold?: number
  /** Minimum centroid cosine between two topics to merge them once they have grown (default: `topicThreshold`). Looser values join more of a broad topic but are unstable: see docs/bench/stories.md. */
  readonly topicMergeThreshold?: number
  /** After an article joins a story, merge stories that now match it on average (default true). Ids of merged stories are retired. */
  readonly merge?: boolean
  /** Weight of entity features relative to word stems (default 1.5). */
  readonly entityWeight?: number
  /** Weight of explicit calendar features (years, dates, month-days from `layers.times`) relative to word stems (default 1; 0 turns them off). */
  readonly timeWeight?: number
  /** Weight of number terms ("6.1", "90-day", "2008") relative to other stems (default 1). */
  readonly numberWeight?: number
  /** Also use adjacent content-word pairs as features (default false). */
  readonly bigrams?: boolean
  /**
   * Date-conflict penalty in [0, 1] (default 0, off): when an article and a story both write
   * years (TIMEX3 values of `layers.times`) and neither's latest year is written by the other,
   * the similarity is multiplied by `1 - yearPenalty`. Off by default: on ECB+ 0.15 trades
   * recall for precision at equal F1, 0.3 and more lose F1 (see docs/bench/stories.md).
   */
  readonly yearPenalty?: number
  /**
   * Stories with at least this many articles are established (default 5): an article whose best
   * story is established, below `threshold` but at least `establishedThreshold`, and `establishedMargin`
   * times closer to it than to any other candidate, joins it. A story's members grow apart as it
   * grows (follow-ups, other angles), so its average similarity to a new report of the same
   * event falls; a small story gives no such evidence. See docs/bench/stories.md.
   */
  readonly establishedSize?: number
  /** Lower average similarity at which an established story accepts an article (default 0.2; equal to `threshold` turns the rule off). */
  readonly establishedThreshold?: number
  /** How many times closer to the established story than to the runner-up candidate (default 1.5). */
  readonly establishedMargin?: number
  /**
   * Local repair (default 16; 0 turns it off): after each article, stories of at most this many
   * articles near it are re-examined. A member of a candidate story that is closer to the
   * article's story than to the rest of its own moves there; the article's story is split in two
   * when its members form two groups much less alike across than within (`repairRatio`,
   * `repairPart`). It undoes a first meeting decided wrongly: an article of a second event of
   * one kind that joined a story of the first before any sibling of its own existed. Bounded work
   * per article (the scored candidates, at most this many members each). Story ids change when
   * a story is split (the part without the article gets a new id). See docs/bench/stories.md.
   */
  readonly repairSize?: number
  /** The split test: average cosine across the two parts below this times the mean cosine within each (default 0.75). */
  readonly repairRatio?: number
  /**
   * The split test on names (default 0.3; 0 turns it off): the two parts must also be apart on
   * the persons and places they name (average cosine of the typed-name vectors across below this
   * times the mean within each part). Two events of one kind differ in who and where (another
   * opponent, another arrest); one event told from two angles names the same people. Parts that
   * share no names within (no `entities` layer) are judged on words alone. Strict since the large
   * split took over the grown mixed stories (0.85 before): a small story is split only when its
   * parts name almost no one in common; sharing some names (the same team, the same officials)
   * is too often one event told twice (docs/bench/stories.md, ninth pass).
   */
  readonly repairNameRatio?: number
  /** The large split's test on names (see `repairLargeSize`): cosine across below this times the mean within each part (default 0.85). */
  readonly repairLargeNameRatio?: number
  /** The split test: the smallest part it splits off (default 3 articles). */
  readonly repairPart?: number
  /**
   * Large stories (default 48; at most `repairSize` turns it off): the article's story, when it
   * has more than `repairSize` and at most this many articles and its size has crossed a multiple
   * of 4 since it was last examined (merges can add several articles at once), is
   * cut in two on the persons and places its members name (a spectral cut, see `namesCut`), and
   * split there when the parts have at least `repairPart` articles, both parts name someone, the
   * names pass the `repairLargeNameRatio` test and the words the `repairLargeRatio` test. Two events
   * of one kind grown into one story one article at a time (two Interior Department rules of
   * two administrations, two DUI arrests of two players of one team) show as two groups of names
   * once each event has many articles; the word test alone, at any size, does not separate them.
   * Examined about once every four articles only, so the O(n²) work is amortised and capped.
   */
  readonly repairLargeSize?: number
  /** The large split's word test: average cosine across below this times the mean within each part (default 0.85). */
  readonly repairLargeRatio?: number
  /** Articles more than this many days from a story's time range do not join it (default 7). Ignored when dates are missing. */
  readonly windowDays?: number
  /** How many salient features of an article query the inverted index (default 24). */
  readonly queryTerms?: number
  /** At most this many candidate stories are scored per article (default 40). */
  readonly maxCandidates?: number
  /** Posting lists keep only the most recent stories (default 256), so the cost per article stays flat. */
  readonly maxPostings?: number
  /** Features kept per story vector (default 400). */
  readonly maxStoryTerms?: number
  /**
   * Story and topic vectors that no article has changed for this many articles are packed into
   * typed arrays until one does (default 2000); packed vectors are scored as they are. Results
   * are the same; memory and garbage-collection time per article stay flat as the corpus grows.
   */
  readonly packAfter?: number
  /** Background document frequencies; default: the bundled `models/idf/en.json`, `null` for none. */
  readonly background?: BackgroundFrequencies | null
  /**
   * A fixed weight in [0, 1] of the dense similarity at the topic level, for every article
   * (default: unset, the weight follows each article's length, see `topicDenseHalfTerms`; 0:
   * lexical only): the topic score is `(1 - w) · lexical cosine + w · dense cosine`, the dense
   * vector being the IDF-weighted mean of stem embeddings without their genre directions (see
   * `embeddings`), and `topicThreshold` defaults to 0.32. Not the default: at 0.5 it joins
   * MEANTIME's broad topics (B³ F1 0.877 → 0.975) but also different topics of one genre on ECB+
   * (crime stories, sports stories: topic B³ F1 0.930 → 0.873); see docs/bench/stories.md.
   */
  readonly topicDenseWeight?: number
  /**
   * Length, in distinct content stems, at which an article's topic score leans equally on words
   * and on meaning (default 4; 0: lexical only). An article with `n` stems weighs the dense
   * cosine `k / (k + n)`: a five-stem headline 0.44, a 100-stem article 0.04. A headline shares
   * few words with anything, so its lexical cosine says little ("Dow falls 340 points" and
   * "Stock markets worldwide fall"), while a full article's words are reliable and its dense
   * vector mostly says its genre (two crime stories). Story and topic weigh their members'
   * mean; two sides are blended with the larger weight. Each cosine counts by its margin over
   * its own threshold (`topicThreshold`, `topicDenseThreshold`). Ignored when
   * `topicDenseWeight` is set. Defaults from the flat region of a grid on ECB+ and MEANTIME; the
   * selection, leave-topics-out cross-validated, scores MEANTIME topic B³ F1 0.989 and keeps ECB+
   * topic F1 (0.925 vs 0.926 lexical); see docs/bench/stories.md.
   */
  readonly topicDenseHalfTerms?: number
  /** Dense cosine that counts as much as a lexical cosine of `topicThreshold`, with `topicDenseHalfTerms` (default 0.45). */
  readonly topicDenseThreshold?: number
  /** Weight in [0, 1] of the dense similarity at the story level (default 0: on ECB+ events of one kind in different years are close in meaning). */
  readonly storyDenseWeight?: number
  /** Stem vectors for the dense similarity; default: the bundled `models/embeddings/en-stems-100d.bin.gz` (`npm run train:embeddings`), `null` for none. */
  readonly embeddings?: StemVectors | null
}

/** An incremental story clusterer: add articles one by one, read the stories at any time. */
export interface StoryIndex {
  /** Add one article; returns the id of the story it joined or opened. Throws on a repeated id. */
  add(doc: Document): string
  /** The stories so far, in order of creation. */
  stories(): Story[]
  /** The topics so far (groups of stories), in order of creation. */
  topics(): Topic[]
  /** The story id of a document added earlier. */
  storyOf(docId: string): string | undefined
  /** The topic id of a document added earlier. */
  topicOf(docId: string): string | undefined
  /**
   * Similarity of two articles as the story level sees them (cosine of the IDF-weighted
   * features, times the date-conflict factor), in [0, 1]; adds neither article.
   */
  similarity(a: Document, b: Document): number
}

const day = 86_400_000
/** Candidate stories scoring below this for an article are not re-examined by the repair. */
const repairFloor = 0.1
/** Stories beyond `repairSize` are examined when their size crosses a multiple of this (see `repairLargeSize`). */
const largeEvery = 4
/** Weight of the word cosines beside the name cosines in `namesCut`: a member that names no one still leans to the part it shares words with. */
const cutWordMix = 0.05
/** Power iterations of `namesCut` (n ≤ `repairLargeSize`: O(n²) each). */
const cutIterations = 50
/** How many split pairs the story level remembers (see `apart` in `createLevel`). */
const maxApart = 4096
/** Posting bucket of undated articles (see `bucketOf` in `createLevel`). */
const undatedBucket = Number.NEGATIVE_INFINITY

function check(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min && value <= max)) {
    throw new PipelineError('invalid-option', `createStoryIndex: \`${name}\` must be a number in [${min}, ${max}], got ${String(value)}.`)
  }
}

interface Group {
  docs: string[]
  /** Sum of member unit vectors; empty while `packed`. */
  sum: IdVector
  /** The sum of a dormant group, in the map's order (see `packAfter`); unpacked when the group is written again. */
  packed: PackedSum | undefined
  /** Value of the level's clock (articles assigned) when the group was last written. */
  touched: number
  norm: number
  /** Sum of member dense vectors (empty when the level's dense weight is 0), and its norm. */
  dense: Float64Array
  denseNorm: number
  /** Sum of the members' dense weights. */
  weightSum: number
  first: number | undefined
  last: number | undefined
  /** Written years of the members, with the number of members that write each. */
  years: Map<string, number>
  /** Size of the group when `repair` last examined it beyond `repairSize` (see `largeEvery`). */
  examined: number
}

/** What a level keeps of a recent member: its vector, query keys, time, written years and arrival number. */
interface Member {
  readonly vector: UnitVector
  readonly keys: readonly number[]
  readonly time: number
  readonly years: ReadonlySet<string>
  readonly seq: number
}

/** A group's sum in two typed arrays: outside the garbage-collected heap, ~12 bytes a feature instead of a map entry and a boxed number. */
interface PackedSum {
  readonly ids: Int32Array
  readonly values: Float64Array
}

/** See `repairSize`, `repairRatio`, `repairPart`, `repairNameRatio`, `repairLargeNameRatio`, `repairLargeSize` and `repairLargeRatio` in {@link StoryIndexOptions}. */
interface RepairOptions {
  size: number
  ratio: number
  part: number
  nameRatio: number
  largeNameRatio: number
  largeSize: number
  largeRatio: number
}

interface LevelOptions {
  packAfter: number
  threshold: number
  centroid: boolean
  windowMs: number
  queryTerms: number
  maxCandidates: number
  maxPostings: number
  maxTerms: number
  merge: boolean
  yearPenalty: number
  /** See `establishedSize`, `establishedThreshold`, `establishedMargin` in {@link StoryIndexOptions}. */
  established: { size: number; threshold: number; margin: number }
  /** Weight of the dense cosine in the score (0: lexical only). */
  denseWeight: number
  /** Dimensions of the dense vectors (0 when `denseWeight` is 0). */
  dims: number
  /**
   * Per-article dense weights (`UnitVector.denseWeight`, a group's being its members' mean)
   * instead of `denseWeight`: two sides are blended with the larger of their weights.
   */
  adaptive: boolean
  /** Subtracted from the dense cosine before blending: its own threshold minus the level's (lexical) one. */
  denseOffset: number
  /** Minimum group-to-group score to merge (default: `threshold`). */
  mergeThreshold?: number | undefined
  /** How many recent members' vectors are kept for `repair` (0: none; 1024 at the story level, so memory stays flat). */
  records: number
}

/** The keys of the `k` largest values, largest first; ties keep map order (as a stable sort by value would). */
function topKeys<K>(map: ReadonlyMap<K, number>, k: number): K[] {
  const keys: K[] = []
  const values: number[] = []
  for (const [key, v] of map) {
    if (keys.length === k && !(v > (values[k - 1] as number))) continue
    let i = keys.length === k ? k - 1 : keys.length
    while (i > 0 && (values[i - 1] as number) < v) {
      keys[i] = keys[i - 1] as K
      values[i] = values[i - 1] as number
      i--
    }
    keys[i] = key
    values[i] = v
  }
  return keys
}

/**
 * Whether parts `x` and `y` of `members` (indices) are apart on their typed names: the average
 * cosine of the name vectors across is below `ratio` times the mean cosine within each part.
 * Parts whose members share no names within give no evidence: true (words decide), or false when `strict`.
 */
function namesApart(members: readonly Member[], x: readonly number[], y: readonly number[], ratio: number, strict = false): boolean {
  const cosine = (i: number, j: number): number => namesCosine(members[i] as Member, members[j] as Member)
  const mean = (p: readonly number[], q: readonly number[], same: boolean): number => {
    let t = 0
    let n = 0
    for (const i of p) {
      for (const j of q) {
        if (same && j <= i) continue
        t += cosine(i, j)
        n++
      }
    }
    return n === 0 ? 0 : t / n
  }
  const within = Math.min(mean(x, x, true), mean(y, y, true))
  return within === 0 ? !strict : mean(x, y, false) < ratio * within
}

/** Cosine of two members' typed-name vectors. */
function namesCosine(m: Member, o: Member): number {
  const a = m.vector.names
  const b = o.vector.names
  const [small, big] = a.size <= b.size ? [a, b] : [b, a]
  let dot = 0
  for (const [key, v] of small) dot += v * (big.get(key) ?? 0)
  return dot
}

/**
 * Two parts of the members whose pairwise cosines are `sim`: average-link agglomerative
 * clustering down to two parts; the links between parts are updated as size-weighted means when
 * two parts join (Lance–Williams), O(n³) in all.
 */
function averageLinkCut(sim: readonly (readonly number[])[]): [number[], number[]] {
  const parts = sim.map((_, i) => [i])
  const links = sim.map((row) => [...row])
  while (parts.length > 2) {
    let bi = 0
    let bj = 1
    let best = Number.NEGATIVE_INFINITY
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const t = (links[i] as number[])[j] as number
        if (t > best) {
          best = t
          bi = i
          bj = j
        }
      }
    }
    const ni = (parts[bi] as number[]).length
    const nj = (parts[bj] as number[]).length
    for (let k = 0; k < parts.length; k++) {
      const v = (ni * ((links[bi] as number[])[k] as number) + nj * ((links[bj] as number[])[k] as number)) / (ni + nj)
      ;(links[bi] as number[])[k] = v
      ;(links[k] as number[])[bi] = v
    }
    parts[bi] = [...(parts[bi] as number[]), ...(parts[bj] as number[])]
    parts.splice(bj, 1)
    links.splice(bj, 1)
    for (const row of links) row.splice(bj, 1)
  }
  return parts as [number[], number[]]
}

/**
 * Two parts of `members` cut on who and where: a spectral bisection (the sweep over the second
 * eigenvector of the normalised affinity that minimises the normalised cut) of the typed-name
 * cosines plus `wordMix` times the word cosines `sim` (so that members naming no one still lean
 * to the part whose words they share). O(n²) per power iteration, run only on stories of
 * `repairLargeSize` at most.
 */
function namesCut(members: readonly Member[], sim: readonly (readonly number[])[]): [number[], number[]] {
  const n = members.length
  const a = members.map((m, i) => members.map((o, j) => (i === j ? (m.vector.names.size > 0 ? 1 : 0) : namesCosine(m, o)) + cutWordMix * ((sim[i] as number[])[j] as number)))
  const degree = a.map((row) => row.reduce((t, v) => t + v, 0))
  const root = degree.map((d) => Math.sqrt(d))
  // The normalised affinity D^-1/2 A D^-1/2, row by row.
  const s = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = ((a[i] as number[])[j] as number) / ((root[i] as number) * (root[j] as number) || 1)
  // Its top eigenvector is D^1/2 1 (unit: `u`); power iteration on (the matrix + I), kept orthogonal to it, finds the second.
  let top = 0
  for (const v of root) top += v * v
  top = Math.sqrt(top) || 1
  const u = root.map((v) => v / top)
  let v = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1))
  let w = new Float64Array(n)
  for (let iteration = 0; iteration < cutIterations; iteration++) {
    let along = 0
    for (let i = 0; i < n; i++) along += (v[i] as number) * (u[i] as number)
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) - along * (u[i] as number)
    let norm = 0
    for (let i = 0; i < n; i++) {
      let t = v[i] as number
      for (let j = 0, at = i * n; j < n; j++, at++) t += (s[at] as number) * (v[j] as number)
      w[i] = t
      norm += t * t
    }
    norm = Math.sqrt(norm) || 1
    for (let i = 0; i < n; i++) w[i] = (w[i] as number) / norm
    ;[v, w] = [w, v]
  }
  const f = Array.from(v, (t, i) => t / ((root[i] as number) || 1))
  const order = f.map((_, i) => i).sort((p, q) => (f[p] as number) - (f[q] as number) || p - q)
  // Sweep: the prefix of the order with the smallest normalised cut.
  let best = Number.POSITIVE_INFINITY
  let at = 1
  const total = degree.reduce((t, d) => t + d, 0)
  let volume = 0
  let cut = 0
  const inPrefix = new Uint8Array(n)
  for (let k = 1; k < n; k++) {
    const i = order[k - 1] as number
    const row = a[i] as number[]
    volume += degree[i] as number
    // Moving i to the prefix: its links to the prefix leave the cut, its links to the rest join it.
    for (let q = 0; q < n; q++) if (q !== i) cut += inPrefix[q] === 1 ? -(row[q] as number) : (row[q] as number)
    inPrefix[i] = 1
    const score = cut / (volume || 1e-9) + cut / (total - volume || 1e-9)
    if (score < best) {
      best = score
      at = k
    }
  }
  return [order.slice(0, at), order.slice(at)]
}

/** One level of greedy incremental clustering with an inverted index over group features. */
function createLevel(o: LevelOptions) {
  const groups: Group[] = []
  /** The most recent members' vectors (at most `o.records`), for `repair`; oldest first. */
  const records = new Map<string, Member>()
  /** Pairs of groups split by `repair` ("a,b", a < b), which merging does not join again; the oldest beyond `maxApart` are forgotten. */
  const apart = new Set<string>()
  /** The candidates scored by the last `assign`, with their scores. */
  const scored: [number, number][] = []
  /** `parent[g]` is the group `g` was merged into, or `g` itself. */
  const parent: number[] = []
  const find = (g: number): number => {
    let root = g
    while (parent[root] !== root) root = parent[root] as number
    return root
  }
  // Groups whose sum is a map: every 256 articles, those not written for `packAfter` articles are
  // packed (their map entries and boxed numbers would otherwise keep every garbage collection
  // walking the whole history).
  const awake = new Set<number>()
  let clock = 0
  const none: IdVector = new Map()
  /** Group `g`, its sum unpacked to be changed, marked as used now. */
  const wake = (g: number): Group => {
    const group = groups[g] as Group
    if (group.packed !== undefined) {
      const { ids, values } = group.packed
      const sum: IdVector = new Map()
      for (let i = 0; i < ids.length; i++) sum.set(ids[i] as number, values[i] as number)
      group.sum = sum
      group.packed = undefined
    }
    group.touched = clock
    awake.add(g)
    return group
  }
  const sweep = (): void => {
    for (const g of awake) {
      const group = groups[g] as Group
      if (clock - group.touched <= o.packAfter) continue
      awake.delete(g)
      const n = group.sum.size
      if (n === 0) continue
      const buffer = new ArrayBuffer(n * 12)
      const packed = { values: new Float64Array(buffer, 0, n), ids: new Int32Array(buffer, n * 8, n) }
      let i = 0
      for (const [key, v] of group.sum) {
        packed.ids[i] = key
        packed.values[i++] = v
      }
      group.packed = packed
      group.sum = none
    }
  }
  /** A group's sum as entries in the map's order, packed or not. */
  const entriesOf = (group: Group): [number, number][] => {
    if (group.packed === undefined) return [...group.sum.entries()]
    const { ids, values } = group.packed
    return Array.from(ids, (id, i) => [id, values[i] as number])
  }
  // Postings: feature id → time bucket → group indices, the most recently posted last. A group is
  // posted in the bucket of each article that joins it, so a lookup reads only the buckets within
  // the window of the incoming article: the work per article stays flat as the corpus grows, and an
  // out-of-order (backfilled) article still finds the old stories of its own weeks. Each bucket
  // list keeps at most `maxPostings` groups.
  const postings = new Map<number, Map<number, number[]>>()
  const timed = Number.isFinite(o.windowMs)
  const bucketMs = Math.max(o.windowMs, day)
  /** The bucket of a time; undated articles share one bucket, and a level without a window has one bucket. */
  const bucketOf = (time: number): number => (!timed ? 0 : Number.isNaN(time) ? undatedBucket : Math.floor(time / bucketMs))
  // Group → the lookup (one per query feature) that last counted it: a group posted in two scanned buckets counts once.
  const seenBy: number[] = []
  let lookup = 0
  /**
   * Candidate groups for `keys`, by how many of them they share (then newest first), reading the
   * buckets of times `from`..`to` and the undated bucket; with `from` NaN (an undated article),
   * the undated bucket and then the newest buckets, up to `maxPostings` postings a feature.
   */
  const candidates = (keys: readonly number[], from: number, to: number, except = -1): number[] => {
    const hits = new Map<number, number>()
    const count = (list: readonly number[] | undefined): void => {
      if (list === undefined) return
      for (const g of list) {
        if (seenBy[g] === lookup) continue
        seenBy[g] = lookup
        const root = find(g)
        if (root !== except) hits.set(root, (hits.get(root) ?? 0) + 1)
      }
    }
    const dated = timed && !Number.isNaN(from)
    const first = dated ? bucketOf(from) : 0
    const last = dated ? bucketOf(to) : 0
    for (const key of keys.slice(0, o.queryTerms)) {
      const buckets = postings.get(key)
      if (buckets === undefined) continue
      lookup++
      if (!timed) {
        count(buckets.get(0))
        continue
      }
      const undated = buckets.get(undatedBucket)
      count(undated)
      if (dated) {
        for (let b = first; b <= last; b++) count(buckets.get(b))
      } else {
        let budget = o.maxPostings - (undated?.length ?? 0)
        for (const b of [...buckets.keys()].filter((b) => b !== undatedBucket).sort((x, y) => y - x)) {
          if (budget <= 0) break
          const list = buckets.get(b) as number[]
          count(list)
          budget -= list.length
        }
      }
    }
    return [...hits.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, o.maxCandidates).map(([g]) => g)
  }
  const refresh = (group: Group): void => {
    if (group.sum.size > o.maxTerms * 1.5) group.sum = new Map([...group.sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, o.maxTerms))
    let norm = 0
    for (const v of group.sum.values()) norm += v * v
    group.norm = Math.sqrt(norm)
    norm = 0
    for (let d = 0; d < o.dims; d++) norm += (group.dense[d] as number) ** 2
    group.denseNorm = Math.sqrt(norm)
  }
  /**
   * Blend a lexical score with the dense one, under the level's linkage: `dense` is an article's
   * unit vector (`size` 1, `norm` 1) or a group's sum of them, `weight` its dense weight (an
   * article's, or a group's mean). With per-article weights the result is
   * `(1 - w) · lexical + w · (dense - denseOffset)`: each cosine counts by its margin over its own
   * threshold, so one threshold serves every weight.
   */
  const blend = (lexical: number, dense: ArrayLike<number>, size: number, norm: number, group: Group, weight: number): number => {
    if (o.denseWeight === 0) return lexical
    let dot = 0
    for (let d = 0; d < o.dims; d++) dot += (dense[d] as number) * (group.dense[d] as number)
    const score = o.centroid ? dot / ((norm || 1) * (group.denseNorm || 1)) : dot / (size * group.docs.length)
    // The sparser side decides: a headline's lexical cosine is low against anything.
    const w = o.adaptive ? Math.max(weight, group.weightSum / (group.docs.length || 1)) : o.denseWeight
    return (1 - w) * lexical + w * (score - o.denseOffset)
  }
  /** Similarity factor for written years: penalised when both sides write years and neither's latest year is written by the other. */
  const yearFactor = (a: ReadonlyMap<string, number> | ReadonlySet<string>, b: ReadonlyMap<string, number>): number => {
    if (o.yearPenalty === 0 || a.size === 0 || b.size === 0) return 1
    // Articles also write background years ("since 1994"); the latest year written is the best guess of the event's year.
    const la = Math.max(...[...a.keys()].map(Number))
    const lb = Math.max(...[...b.keys()].map(Number))
    return b.has(String(la)) || a.has(String(lb)) ? 1 : 1 - o.yearPenalty
  }
  const inWindow = (a: Group, b: Group): boolean =>
    a.first === undefined || b.first === undefined || a.last === undefined || b.last === undefined || (a.first <= b.last + o.windowMs && b.first <= a.last + o.windowMs)
  // The grown group's sum by feature id while its merge candidates are scored (and, in `repair`, one
  // member's vector while the others are read against it): an array read instead of a map lookup
  // per feature of each candidate (the same products, summed in the same order).
  let scratch = new Float64Array(4096)
  // Feature id → 1 + its position in the article being assigned (0: not in it).
  let position = new Int32Array(4096)
  const spread = (sum: IdVector, on: boolean): void => {
    sum.forEach((v, key) => {
      if (key >= scratch.length) {
        const grown = new Float64Array(Math.max(key + 1, scratch.length * 2))
        grown.set(scratch)
        scratch = grown
      }
      scratch[key] = on ? v : 0
    })
  }
  /** Merge the groups that the grown group `g` now matches (average link between groups), as agglomerative clustering would. */
  const mergeInto = (g: number, time: number): number => {
    const group = wake(g)
    // Groups that can merge overlap the group's range widened by the window; for a long story, only
    // the part near the article that just joined it is read (bounded work).
    const reach = 3 * o.windowMs
    const from = group.first === undefined || Number.isNaN(time) ? Number.NaN : Math.max(group.first - o.windowMs, time - reach)
    const to = group.last === undefined || Number.isNaN(time) ? Number.NaN : Math.min(group.last + o.windowMs, time + reach)
    const found = candidates(topKeys(group.sum, o.queryTerms), from, to, g)
    spread(group.sum, true)
    let match = -1
    for (const h of found) {
      const other = groups[h] as Group
      // Two groups that `repair` split apart are not merged again.
      if (!inWindow(group, other) || apart.has(`${Math.min(g, h)},${Math.max(g, h)}`)) continue
      let dot = 0
      const packed = other.packed
      if (packed === undefined) other.sum.forEach((v, key) => (dot += v * (scratch[key] ?? 0)))
      else for (let i = 0; i < packed.ids.length; i++) dot += (packed.values[i] as number) * (scratch[packed.ids[i] as number] ?? 0)
      const lexical = o.centroid ? dot / ((group.norm || 1) * (other.norm || 1)) : dot / (group.docs.length * other.docs.length)
      const score = blend(lexical, group.dense, group.docs.length, group.denseNorm, other, group.weightSum / (group.docs.length || 1)) * yearFactor(group.years, other.years)
      if (!(score < (o.mergeThreshold ?? o.threshold))) {
        match = h
        break
      }
    }
    spread(group.sum, false)
    if (match >= 0) {
      const h = match
      const other = groups[h] as Group
      const [keep, drop] = group.docs.length >= other.docs.length ? [g, h] : [h, g]
      const kept = wake(keep)
      const dropped = wake(drop)
      kept.docs.push(...dropped.docs)
      for (const [key, v] of dropped.sum) kept.sum.set(key, (kept.sum.get(key) ?? 0) + v)
      for (let d = 0; d < o.dims; d++) kept.dense[d] = (kept.dense[d] as number) + (dropped.dense[d] as number)
      kept.weightSum += dropped.weightSum
      if (dropped.first !== undefined) kept.first = kept.first === undefined ? dropped.first : Math.min(kept.first, dropped.first)
      for (const [y, c] of dropped.years) kept.years.set(y, (kept.years.get(y) ?? 0) + c)
      if (dropped.last !== undefined) kept.last = kept.last === undefined ? dropped.last : Math.max(kept.last, dropped.last)
      refresh(kept)
      parent[drop] = keep
      dropped.docs = []
      dropped.sum = new Map()
      dropped.dense = new Float64Array(0)
      dropped.years = new Map()
      return mergeInto(keep, time)
    }
    return g
  }
  /** Open an empty group; returns its index. */
  const open = (): number => {
    const g = groups.length
    groups.push({ docs: [], sum: new Map(), packed: undefined, touched: clock, norm: 0, dense: new Float64Array(o.dims), denseNorm: 0, weightSum: 0, first: undefined, last: undefined, years: new Map(), examined: 0 })
    parent.push(g)
    seenBy.push(0)
    return g
  }
  /** Add a member's vector to group `g`: its documents (in order of arrival), sum, dense sum, years and time range. */
  const attach = (g: number, docId: string, m: Member): void => {
    const group = wake(g)
    // A moved member goes back to its place in order of arrival (members without a record are older).
    let at = group.docs.length
    while (at > 0 && (records.get(group.docs[at - 1] as string)?.seq ?? -1) > m.seq) at--
    group.docs.splice(at, 0, docId)
    const { vector } = m
    for (let i = 0; i < vector.ids.length; i++) {
      const key = vector.ids[i] as number
      group.sum.set(key, (group.sum.get(key) ?? 0) + (vector.values[i] as number))
    }
    for (let d = 0; d < o.dims; d++) group.dense[d] = (group.dense[d] as number) + (vector.dense[d] as number)
    group.weightSum += vector.denseWeight
    refresh(group)
    for (const y of m.years) group.years.set(y, (group.years.get(y) ?? 0) + 1)
    if (!Number.isNaN(m.time)) {
      group.first = group.first === undefined ? m.time : Math.min(group.first, m.time)
      group.last = group.last === undefined ? m.time : Math.max(group.last, m.time)
    }
  }
  /** Take a member's vector out of group `g` (the time range is kept: it only bounds candidates). */
  const detach = (g: number, docId: string, m: Member): void => {
    const group = wake(g)
    const at = group.docs.indexOf(docId)
    if (at >= 0) group.docs.splice(at, 1)
    const { vector } = m
    for (let i = 0; i < vector.ids.length; i++) {
      const key = vector.ids[i] as number
      const v = group.sum.get(key)
      if (v === undefined) continue
      const rest = v - (vector.values[i] as number)
      if (rest > 1e-9) group.sum.set(key, rest)
      else group.sum.delete(key)
    }
    for (let d = 0; d < o.dims; d++) group.dense[d] = (group.dense[d] as number) - (vector.dense[d] as number)
    group.weightSum -= vector.denseWeight
    refresh(group)
    for (const y of m.years) {
      const c = (group.years.get(y) ?? 0) - 1
      if (c > 0) group.years.set(y, c)
      else group.years.delete(y)
    }
  }
  /** Dot product of a member's unit vector with a group's sum (unpacking it). */
  const dotSum = (vector: UnitVector, g: number): number => {
    const sum = wake(g).sum
    let dot = 0
    for (let i = 0; i < vector.ids.length; i++) dot += (vector.values[i] as number) * (sum.get(vector.ids[i] as number) ?? 0)
    return dot
  }
  /**
   * Local repair after an article joined or opened group `g` (see `repairSize` in {@link StoryIndexOptions}).
   * 1. Move: a member of a small candidate story (scored at least `repairFloor` for the article) whose
   *    average cosine to `g` is at least the threshold and higher than to the rest of its own story
   *    moves to `g`: the article is the sibling it lacked when it joined.
   * 2. Split: `g`, if small, is cut in two by average-link clustering of its members; when both
   *    parts have at least `part` members and their average cosine across is below `ratio` times
   *    the mean cosine within each part, and the same holds on their typed names (`nameRatio`, when
   *    the parts name anyone), the part without the article opens a story, and merging never joins
   *    the two again. A larger `g` (up to `largeSize`, once per multiple of `largeEvery` crossed) is cut on
   *    names instead (`namesCut`), with the word test at `largeRatio`, the name test at `largeNameRatio` and both parts naming someone.
   * Only the stories the article was scored against and at most `size` members of each are read
   * (`largeSize` members, about once every `largeEvery` articles, for the large split), so the work per article
   * is bounded. Returns the moves as [document, from group, to group].
   */
  const repair = (g: number, r: RepairOptions): [string, number, number][] => {
    const moves: [string, number, number][] = []
    const home = find(g)
    const done = new Set<number>([home])
    for (const [c, score] of scored) {
      const s = find(c)
      if (done.has(s) || score < repairFloor) continue
      done.add(s)
      const own = groups[s] as Group
      if (own.docs.length > r.size) continue
      for (const docId of [...own.docs]) {
        const m = records.get(docId)
        const n = own.docs.length
        if (m === undefined || n < 2) continue
        // Average cosine to the rest of its story: its own vector is in the sum (cosine 1 with itself).
        const rest = (dotSum(m.vector, s) - 1) / (n - 1)
        const to = dotSum(m.vector, home) / (groups[home] as Group).docs.length
        if (to >= o.threshold && to > rest) {
          detach(s, docId, m)
          attach(home, docId, m)
          post(home, m.keys, m.time)
          moves.push([docId, s, home])
        }
      }
    }
    const group = groups[home] as Group
    const n = group.docs.length
    // Beyond `size`, a story is examined only when its size has crossed a multiple of `largeEvery` since the last time (amortised work).
    const large = n > r.size && n <= r.largeSize && Math.floor(n / largeEvery) !== Math.floor(group.examined / largeEvery)
    if (large) group.examined = n
    if (r.ratio <= 0 || n < 2 * r.part || (n > r.size && !large)) return moves
    const members = group.docs.map((d) => records.get(d))
    if (!members.every((m) => m !== undefined)) return moves
    // Pairwise cosines: each member spread once into the scratch array, the later ones read against it.
    const sim: number[][] = members.map(() => new Array<number>(n).fill(1))
    for (let i = 0; i < n; i++) {
      const a = (members[i] as Member).vector
      spread(a.map, true)
      for (let j = i + 1; j < n; j++) {
        const b = (members[j] as Member).vector
        let dot = 0
        for (let k = 0; k < b.ids.length; k++) dot += (b.values[k] as number) * (scratch[b.ids[k] as number] ?? 0)
        ;(sim[i] as number[])[j] = dot
        ;(sim[j] as number[])[i] = dot
      }
      spread(a.map, false)
    }
    /** Average cosine between the members of two parts (of a part with itself: each member with itself counts 1). */
    const link = (x: readonly number[], y: readonly number[]): number => {
      let t = 0
      for (const a of x) for (const b of y) t += (sim[a] as number[])[b] as number
      return t / (x.length * y.length)
    }
    const within = (z: readonly number[]): number => (link(z, z) * z.length - 1) / (z.length - 1)
    // A large story is cut on names (see `namesCut`) and must name someone in each part; a small one by average link on words.
    const [x, y] = large ? namesCut(members, sim) : averageLinkCut(sim)
    const wordRatio = large ? r.largeRatio : r.ratio
    const nameRatio = large ? r.largeNameRatio : r.nameRatio
    if (x.length < r.part || y.length < r.part || !(link(x, y) < wordRatio * Math.min(within(x), within(y)))) return moves
    if (nameRatio > 0 && !namesApart(members, x, y, nameRatio, large)) return moves
    // The part with the newest member (the article, unless it moved elsewhere) keeps the story.
    let newest = 0
    members.forEach((m, i) => {
      if (m.seq > (members[newest] as Member).seq) newest = i
    })
    const leave = x.includes(newest) ? y : x
    const h = open()
    apart.add(`${Math.min(home, h)},${Math.max(home, h)}`)
    if (apart.size > maxApart) apart.delete(apart.values().next().value as string)
    const docs = [...group.docs]
    for (const i of leave) {
      const m = members[i] as Member
      detach(home, docs[i] as string, m)
      attach(h, docs[i] as string, m)
      post(h, m.keys, m.time)
      moves.push([docs[i] as string, home, h])
    }
    return moves
  }
  const post = (g: number, keys: readonly number[], time: number): void => {
    const bucket = bucketOf(time)
    for (const key of keys.slice(0, o.queryTerms)) {
      let buckets = postings.get(key)
      if (buckets === undefined) postings.set(key, (buckets = new Map<number, number[]>()))
      let list = buckets.get(bucket)
      if (list === undefined) buckets.set(bucket, (list = []))
      if (list[list.length - 1] !== g) {
        const at = list.indexOf(g)
        if (at >= 0) list.splice(at, 1)
        list.push(g)
        // Bounded bucket lists keep retrieval cost flat when one week has many stories on a feature.
        if (list.length > o.maxPostings) list.shift()
      }
    }
  }
  return {
    groups,
    find,
    yearFactor,
    entriesOf,
    repair,
    records,
    /** Move a member from group `from` to group `to`. */
    move(docId: string, m: Member, from: number, to: number): void {
      detach(from, docId, m)
      attach(to, docId, m)
    },
    /** Assign a vector to the best group (or `forced`), returning the group index and whether it is new. */
    assign(docId: string, vector: UnitVector, keys: readonly number[], time: number, years: ReadonlySet<string>, forced?: number): [number, boolean] {
      if (++clock % 256 === 0) sweep()
      let best = forced ?? -1
      scored.length = 0
      if (forced === undefined) {
        let bestScore = o.threshold
        // Each candidate's sum is walked once, putting its weight of each of the article's
        // features at that feature's position; the dot product is then summed in the article's
        // order, as a lookup per feature would (same result, no hashing).
        const n = vector.ids.length
        for (let i = 0; i < n; i++) {
          const id = vector.ids[i] as number
          if (id >= position.length) {
            const grown = new Int32Array(Math.max(id + 1, position.length * 2))
            grown.set(position)
            position = grown
          }
          position[id] = i + 1
        }
        const weights = new Float64Array(n)
        // The best and second-best scores of all candidates, for the established-story rule.
        let first = 0
        let second = 0
        let firstGroup = -1
        for (const g of candidates(keys, time - o.windowMs, time + o.windowMs)) {
          const group = groups[g] as Group
          if (!Number.isNaN(time) && group.first !== undefined && group.last !== undefined) {
            if (time < group.first - o.windowMs || time > group.last + o.windowMs) continue
          }
          // A packed group is read as it is: only writes unpack it.
          const packed = group.packed
          if (packed === undefined) {
            // forEach, not for…of: no [key, value] array per entry.
            group.sum.forEach((v, key) => {
              const at = position[key] ?? 0
              if (at !== 0) weights[at - 1] = v
            })
          } else {
            for (let i = 0; i < packed.ids.length; i++) {
              const at = position[packed.ids[i] as number] ?? 0
              if (at !== 0) weights[at - 1] = packed.values[i] as number
            }
          }
          let dot = 0
          for (let i = 0; i < n; i++) dot += (vector.values[i] as number) * (weights[i] as number)
          weights.fill(0)
          const lexical = o.centroid ? dot / (group.norm || 1) : dot / group.docs.length
          const score = blend(lexical, vector.dense, 1, 1, group, vector.denseWeight) * yearFactor(years, group.years)
          scored.push([g, score])
          if (score > first) {
            second = first
            first = score
            firstGroup = g
          } else if (score > second) second = score
          if (score > bestScore) {
            bestScore = score
            best = g
          }
        }
        for (let i = 0; i < n; i++) position[vector.ids[i] as number] = 0
        const e = o.established
        if (best < 0 && firstGroup >= 0 && first >= e.threshold && first >= e.margin * second && (groups[firstGroup] as Group).docs.length >= e.size) best = firstGroup
      }
      const created = best < 0
      if (created) best = open()
      best = find(best)
      const member: Member = { vector, keys, time, years, seq: clock }
      attach(best, docId, member)
      if (o.records > 0) {
        records.set(docId, member)
        if (records.size > o.records) records.delete(records.keys().next().value as string)
      }
      post(best, keys, time)
      if (o.merge && !created) best = mergeInto(best, time)
      return [best, created]
    },
  }
}

/**
 * Create an incremental story index. Each `add` weighs the article's stems and entities by
 * IDF (background plus the documents seen so far), retrieves candidate stories through an
 * inverted index over its most salient features (bounded lists), filters them by time window,
 * and joins the story whose members are most similar on average, or opens a new one. A new
 * story joins the closest topic (a looser second level, where short articles lean on the
 * meaning of their words: see `topicDenseHalfTerms`) or opens one.
 *
 * @example
 * const index = createStoryIndex()
 * for (const doc of docs) index.add(doc)
 * index.stories() // [{ id: 'S1', docs: ['a', 'b'], terms: [...], topic: 'T1' }]
 */
export function createStoryIndex(options: StoryIndexOptions = {}): StoryIndex {
  check('threshold', options.threshold, 0, 1)
  check('topicThreshold', options.topicThreshold, 0, 1)
  check('entityWeight', options.entityWeight, 0, 100)
  check('windowDays', options.windowDays, 0, 1e6)
  check('timeWeight', options.timeWeight, 0, 100)
  check('numberWeight', options.numberWeight, 0, 100)
  check('yearPenalty', options.yearPenalty, 0, 1)
  check('topicMergeThreshold', options.topicMergeThreshold, 0, 1)
  check('topicDenseWeight', options.topicDenseWeight, 0, 1)
  check('storyDenseWeight', options.storyDenseWeight, 0, 1)
  check('topicDenseHalfTerms', options.topicDenseHalfTerms, 0, 1e6)
  check('topicDenseThreshold', options.topicDenseThreshold, -1, 1)
  check('packAfter', options.packAfter, 0, 1e12)
  check('establishedSize', options.establishedSize, 1, 1e12)
  check('establishedThreshold', options.establishedThreshold, 0, 1)
  check('establishedMargin', options.establishedMargin, 1, 1e12)
  check('repairSize', options.repairSize, 0, 64)
  check('repairRatio', options.repairRatio, 0, 1)
  check('repairPart', options.repairPart, 1, 32)
  check('repairNameRatio', options.repairNameRatio, 0, 1)
  check('repairLargeNameRatio', options.repairLargeNameRatio, 0, 1)
  check('repairLargeSize', options.repairLargeSize, 0, 256)
  check('repairLargeRatio', options.repairLargeRatio, 0, 1)
  const entityWeight = options.entityWeight ?? 1.5
  const timeWeight = options.timeWeight ?? 1
  const bigrams = options.bigrams ?? false
  const numberWeight = options.numberWeight ?? 1
  const background = options.background === undefined ? loadBackground() : (options.background ?? { docs: 0, df: {} })
  // A fixed `topicDenseWeight` replaces the per-article weights of `topicDenseHalfTerms`.
  const halfTerms = options.topicDenseWeight === undefined ? (options.topicDenseHalfTerms ?? 4) : 0
  // The stem vectors are read only when a level uses them; without them both levels are lexical.
  const wantsDense = (options.topicDenseWeight ?? 0) > 0 || halfTerms > 0 || (options.storyDenseWeight ?? 0) > 0
  const embeddings = !wantsDense ? null : options.embeddings === undefined ? loadStemVectors() : options.embeddings
  const topicAdaptive = embeddings !== null && halfTerms > 0
  // With per-article weights (`topicAdaptive`) the level's weight only marks the dense part as on.
  const topicDense = !embeddings ? 0 : topicAdaptive ? 1 : (options.topicDenseWeight ?? 0)
  const storyDense = embeddings ? (options.storyDenseWeight ?? 0) : 0
  const dims = embeddings && (topicDense > 0 || storyDense > 0) ? embeddings.dims : 0
  // The mean vector of a typical article (background stems weighted by document frequency times
  // IDF): every article leans towards it, so it is removed before the cosine.
  const center = embeddings && dims > 0 ? backgroundCenter(embeddings, background) : undefined
  const repairOptions: RepairOptions = {
    size: options.repairSize ?? 16,
    ratio: options.repairRatio ?? 0.75,
    part: options.repairPart ?? 3,
    nameRatio: options.repairNameRatio ?? 0.3,
    largeNameRatio: options.repairLargeNameRatio ?? 0.85,
    largeSize: options.repairLargeSize ?? 48,
    largeRatio: options.repairLargeRatio ?? 0.85,
  }
  const repairing = repairOptions.size > 0
  const shared = {
    windowMs: (options.windowDays ?? 7) * day,
    queryTerms: options.queryTerms ?? 24,
    maxCandidates: options.maxCandidates ?? 40,
    maxPostings: options.maxPostings ?? 256,
    maxTerms: options.maxStoryTerms ?? 400,
    packAfter: options.packAfter ?? 2000,
  }
  const storyLevel = createLevel({ ...shared, threshold: options.threshold ?? 0.27, centroid: options.linkage === 'centroid', merge: options.merge ?? true, yearPenalty: options.yearPenalty ?? 0, established: { size: options.establishedSize ?? 5, threshold: Math.min(options.establishedThreshold ?? 0.2, options.threshold ?? 0.27), margin: options.establishedMargin ?? 1.5 }, denseWeight: storyDense, dims: storyDense > 0 ? dims : 0, adaptive: false, denseOffset: 0, records: repairing ? 1024 : 0 })
  // Topics span weeks of coverage: no time window, and a wider candidate list.
  const topicLevel = createLevel({ ...shared, windowMs: Number.POSITIVE_INFINITY, threshold: options.topicThreshold ?? (topicDense > 0 && !topicAdaptive ? 0.32 : 0.15), centroid: true, merge: options.merge ?? true, yearPenalty: 0, established: { size: Number.POSITIVE_INFINITY, threshold: 1, margin: 1 }, denseWeight: topicDense, dims: topicDense > 0 ? dims : 0, mergeThreshold: options.topicMergeThreshold, adaptive: topicAdaptive, denseOffset: topicAdaptive ? (options.topicDenseThreshold ?? 0.45) - (options.topicThreshold ?? 0.15) : 0, records: 0 })
  const storyTopic: number[] = []
  let seen = 0
  const storyOfDoc = new Map<string, number>()

  const backgroundDf = backgroundMap(background)
  // Features are interned to small integers: the vectors, story sums and postings key by id;
  // per id: the background document frequency and the documents seen so far that have it.
  const ids = new Map<string, number>()
  const names: string[] = []
  const backgroundOf: number[] = []
  const seenWith: number[] = []
  const intern = (feature: string): number => {
    let id = ids.get(feature)
    if (id === undefined) {
      id = names.length
      ids.set(feature, id)
      names.push(feature)
      // Typed names (`%p:lohan`, `%l:newport beach`) read the background frequency of the name.
      const key = feature.startsWith('@') || feature.startsWith('#') ? feature.slice(1) : feature.startsWith('%') ? feature.slice(3) : feature
      backgroundOf.push(backgroundDf.get(key) ?? 0)
      seenWith.push(0)
    }
    return id
  }
  const idf = (id: number): number => {
    const n = background.docs + seen + 1
    const d = (backgroundOf[id] as number) + (seenWith[id] as number)
    return Math.log(n / (d + 1)) + 1
  }

  const vectorOf = (doc: Document, learn = true): { vector: UnitVector; keys: number[]; years: ReadonlySet<string> } => {
    const counts = countFeatures(doc, { bigrams })
    const raw = new Map<string, number>()
    for (const [stem, c] of counts.stems) raw.set(stem, (/^\d/.test(stem) ? numberWeight : 1) * (1 + Math.log(c)))
    for (const [name, c] of counts.entities) raw.set(`@${name}`, entityWeight * (1 + Math.log(c)))
    if (timeWeight > 0) for (const [key, c] of counts.times) raw.set(`#${key}`, timeWeight * (1 + Math.log(c)))
    const featureIds = new Int32Array(raw.size)
    let k = 0
    for (const key of raw.keys()) featureIds[k++] = intern(key)
    if (learn) {
      for (const id of featureIds) seenWith[id] = (seenWith[id] as number) + 1
      seen++
    }
    const values = new Float64Array(raw.size)
    let norm = 0
    k = 0
    for (const w of raw.values()) {
      const v = w * idf(featureIds[k] as number)
      values[k++] = v
      norm += v * v
    }
    norm = Math.sqrt(norm) || 1
    const map: IdVector = new Map()
    for (let i = 0; i < featureIds.length; i++) {
      values[i] = (values[i] as number) / norm
      map.set(featureIds[i] as number, values[i] as number)
    }
    // Without the genre directions (`components`), two crime stories are not one topic.
    const dense = embeddings && dims > 0 ? removeComponents(denseVector(embeddings, [...counts.stems].map(([stem, c]) => [stem, (1 + Math.log(c)) * idf(intern(stem))] as const), center), embeddings.components) : new Float32Array(0)
    // Typed names for the split's name test, not in the cosine; weighted by background IDF (no counts of
    // the documents seen: those made the weights drift with the order, docs/bench/stories.md).
    const nameVector: IdVector = new Map()
    if (repairing && (repairOptions.nameRatio > 0 || repairOptions.largeNameRatio > 0)) {
      let nameNorm = 0
      for (const [key, c] of counts.names) {
        const id = intern(`%${key}`)
        const v = (1 + Math.log(c)) * idf(id)
        nameVector.set(id, v)
        nameNorm += v * v
      }
      nameNorm = Math.sqrt(nameNorm) || 1
      for (const [id, v] of nameVector) nameVector.set(id, v / nameNorm)
    }
    // Only the most salient features query and feed the inverted index.
    const denseWeight = topicAdaptive ? halfTerms / (halfTerms + counts.stems.size) : topicDense
    return { vector: { ids: featureIds, values, map, dense, denseWeight, names: nameVector }, keys: topKeys(map, shared.queryTerms), years: counts.years }
  }

  const top = (group: Group): string[] => storyLevel.entriesOf(group).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => names[k] as string)

  return {
    add(doc: Document): string {
      if (storyOfDoc.has(doc.id)) {
        throw new PipelineError('invalid-input', `Document \`${doc.id}\` was already added to the story index; give each document a unique id.`)
      }
      const { vector, keys, years } = vectorOf(doc)
      const time = doc.meta.published ? Date.parse(doc.meta.published) : Number.NaN
      const [story, created] = storyLevel.assign(doc.id, vector, keys, time, years)
      const forced = created ? undefined : topicLevel.find(storyTopic[storyLevel.find(story)] ?? 0)
      const [topic] = topicLevel.assign(doc.id, vector, keys, time, years, forced)
      if (created) storyTopic[story] = topic
      else storyTopic[storyLevel.find(story)] = topicLevel.find(topic)
      storyOfDoc.set(doc.id, story)
      if (repairing) {
        for (const [docId, from, to] of storyLevel.repair(story, repairOptions)) {
          storyOfDoc.set(docId, to)
          const fromTopic = topicLevel.find(storyTopic[from] ?? 0)
          // A story split off stays in its topic; a member moved to another topic's story moves there too.
          if (storyTopic[to] === undefined) storyTopic[to] = fromTopic
          else {
            const toTopic = topicLevel.find(storyTopic[to])
            if (toTopic !== fromTopic) topicLevel.move(docId, storyLevel.records.get(docId) as Member, fromTopic, toTopic)
          }
        }
      }
      return `S${storyLevel.find(storyOfDoc.get(doc.id) as number) + 1}`
    },
    stories(): Story[] {
      return storyLevel.groups.flatMap((g, i) => (storyLevel.find(i) === i ? [{ id: `S${i + 1}`, docs: [...g.docs], terms: top(g), topic: `T${topicLevel.find(storyTopic[i] ?? 0) + 1}` }] : []))
    },
    topics(): Topic[] {
      // Read through the stories, so that a topic always holds whole stories.
      return topicLevel.groups.flatMap((_, i) => {
        if (topicLevel.find(i) !== i) return []
        const members = storyTopic.flatMap((t, s) => (topicLevel.find(t) === i && storyLevel.find(s) === s ? [s] : []))
        return members.length > 0 ? [{ id: `T${i + 1}`, stories: members.map((s) => `S${s + 1}`), docs: members.flatMap((s) => storyLevel.groups[s]?.docs ?? []) }] : []
      })
    },
    storyOf(docId: string): string | undefined {
      const s = storyOfDoc.get(docId)
      return s === undefined ? undefined : `S${storyLevel.find(s) + 1}`
    },
    similarity(a: Document, b: Document): number {
      const va = vectorOf(a, false)
      const vb = vectorOf(b, false)
      let dot = 0
      for (const [key, v] of va.vector.map) dot += v * (vb.vector.map.get(key) ?? 0)
      return dot * storyLevel.yearFactor(va.years, new Map([...vb.years].map((y) => [y, 1])))
    },
    topicOf(docId: string): string | undefined {
      const s = storyOfDoc.get(docId)
      return s === undefined ? undefined : `T${topicLevel.find(storyTopic[storyLevel.find(s)] ?? 0) + 1}`
    },
  }
}

/**
 * Cluster documents into stories in one call (an index fed in the given order).
 *
 * @example
 * clusterStories(docs).map((s) => s.docs)
 */
export function clusterStories(docs: readonly Document[], options: StoryIndexOptions = {}): Story[] {
  const index = createStoryIndex(options)
  for (const doc of docs) index.add(doc)
  return index.stories()
}
