/** @module cluster/story-index — incremental story clustering with bounded candidate retrieval. */
import type { Document } from '../document/document.js'
import { PipelineError } from '../pipeline/errors.js'
import { loadBackground, type BackgroundFrequencies } from '../terms/index.js'
import { countFeatures, type SparseVector } from './features.js'

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
  /** Minimum average cosine between an article and a story's members to join it (default 0.27). */
  readonly threshold?: number
  /** `average`: mean cosine to the members (default); `centroid`: cosine to the members' mean vector. */
  readonly linkage?: 'average' | 'centroid'
  /** Minimum centroid cosine for a new story to join a topic (default 0.07). */
  readonly topicThreshold?: number
  /** Weight of entity features relative to word stems (default 1.5). */
  readonly entityWeight?: number
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
  /** Background document frequencies; default: the bundled `models/idf/en.json`, `null` for none. */
  readonly background?: BackgroundFrequencies | null
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
}

const day = 86_400_000

function check(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min && value <= max)) {
    throw new PipelineError('invalid-option', `createStoryIndex: \`${name}\` must be a number in [${min}, ${max}], got ${String(value)}.`)
  }
}

interface Group {
  docs: string[]
  /** Sum of member unit vectors. */
  sum: SparseVector
  norm: number
  first: number | undefined
  last: number | undefined
}

interface LevelOptions {
  threshold: number
  centroid: boolean
  windowMs: number
  queryTerms: number
  maxCandidates: number
  maxPostings: number
  maxTerms: number
}

/** One level of greedy incremental clustering with an inverted index over group features. */
function createLevel(o: LevelOptions) {
  const groups: Group[] = []
  const postings = new Map<string, number[]>()
  const candidates = (keys: readonly string[]): number[] => {
    const hits = new Map<number, number>()
    for (const key of keys.slice(0, o.queryTerms)) for (const g of postings.get(key) ?? []) hits.set(g, (hits.get(g) ?? 0) + 1)
    return [...hits.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, o.maxCandidates).map(([g]) => g)
  }
  const post = (g: number, keys: readonly string[]): void => {
    for (const key of keys.slice(0, o.queryTerms)) {
      const list = postings.get(key) ?? []
      if (list[list.length - 1] !== g) {
        const at = list.indexOf(g)
        if (at >= 0) list.splice(at, 1)
        list.push(g)
        // Bounded posting lists keep retrieval cost flat; old stories fall out of reach.
        if (list.length > o.maxPostings) list.shift()
      }
      postings.set(key, list)
    }
  }
  return {
    groups,
    /** Assign a vector to the best group (or `forced`), returning the group index and whether it is new. */
    assign(docId: string, vector: SparseVector, keys: readonly string[], time: number, forced?: number): [number, boolean] {
      let best = forced ?? -1
      if (forced === undefined) {
        let bestScore = o.threshold
        for (const g of candidates(keys)) {
          const group = groups[g] as Group
          if (!Number.isNaN(time) && group.first !== undefined && group.last !== undefined) {
            if (time < group.first - o.windowMs || time > group.last + o.windowMs) continue
          }
          let dot = 0
          for (const [key, v] of vector) dot += v * (group.sum.get(key) ?? 0)
          const score = o.centroid ? dot / (group.norm || 1) : dot / group.docs.length
          if (score > bestScore) {
            bestScore = score
            best = g
          }
        }
      }
      const created = best < 0
      if (created) {
        best = groups.length
        groups.push({ docs: [], sum: new Map(), norm: 0, first: undefined, last: undefined })
      }
      const group = groups[best] as Group
      group.docs.push(docId)
      for (const [key, v] of vector) group.sum.set(key, (group.sum.get(key) ?? 0) + v)
      if (group.sum.size > o.maxTerms * 1.5) group.sum = new Map([...group.sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, o.maxTerms))
      let norm = 0
      for (const v of group.sum.values()) norm += v * v
      group.norm = Math.sqrt(norm)
      if (!Number.isNaN(time)) {
        group.first = group.first === undefined ? time : Math.min(group.first, time)
        group.last = group.last === undefined ? time : Math.max(group.last, time)
      }
      post(best, keys)
      return [best, created]
    },
  }
}

/**
 * Create an incremental story index. Each `add` weighs the article's stems and entities by
 * IDF (background plus the documents seen so far), retrieves candidate stories through an
 * inverted index over its most salient features (bounded lists), filters them by time window,
 * and joins the story whose members are most similar on average, or opens a new one. A new
 * story joins the closest topic (a looser second level) or opens one.
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
  const entityWeight = options.entityWeight ?? 1.5
  const background = options.background === undefined ? loadBackground() : (options.background ?? { docs: 0, df: {} })
  const shared = {
    windowMs: (options.windowDays ?? 7) * day,
    queryTerms: options.queryTerms ?? 24,
    maxCandidates: options.maxCandidates ?? 40,
    maxPostings: options.maxPostings ?? 256,
    maxTerms: options.maxStoryTerms ?? 400,
  }
  const storyLevel = createLevel({ ...shared, threshold: options.threshold ?? 0.27, centroid: options.linkage === 'centroid' })
  // Topics span weeks of coverage: no time window, and a wider candidate list.
  const topicLevel = createLevel({ ...shared, windowMs: Number.POSITIVE_INFINITY, threshold: options.topicThreshold ?? 0.07, centroid: true })
  const storyTopic: number[] = []
  const df = new Map<string, number>()
  let seen = 0
  const storyOfDoc = new Map<string, number>()

  const idf = (feature: string): number => {
    const key = feature.startsWith('@') ? feature.slice(1) : feature
    const n = background.docs + seen + 1
    const d = (background.df[key] ?? 0) + (df.get(feature) ?? 0)
    return Math.log(n / (d + 1)) + 1
  }

  const vectorOf = (doc: Document): { vector: SparseVector; keys: string[] } => {
    const counts = countFeatures(doc)
    const raw = new Map<string, number>()
    for (const [stem, c] of counts.stems) raw.set(stem, 1 + Math.log(c))
    for (const [name, c] of counts.entities) raw.set(`@${name}`, entityWeight * (1 + Math.log(c)))
    for (const key of raw.keys()) df.set(key, (df.get(key) ?? 0) + 1)
    seen++
    const vector: SparseVector = new Map()
    let norm = 0
    for (const [key, w] of raw) {
      const v = w * idf(key)
      vector.set(key, v)
      norm += v * v
    }
    norm = Math.sqrt(norm) || 1
    for (const [key, v] of vector) vector.set(key, v / norm)
    const keys = [...vector.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k)
    return { vector, keys }
  }

  const top = (sum: SparseVector): string[] => [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => k)

  return {
    add(doc: Document): string {
      if (storyOfDoc.has(doc.id)) {
        throw new PipelineError('invalid-input', `Document \`${doc.id}\` was already added to the story index; give each document a unique id.`)
      }
      const { vector, keys } = vectorOf(doc)
      const time = doc.meta.published ? Date.parse(doc.meta.published) : Number.NaN
      const [story, created] = storyLevel.assign(doc.id, vector, keys, time)
      const [topic] = topicLevel.assign(doc.id, vector, keys, time, created ? undefined : storyTopic[story])
      if (created) storyTopic[story] = topic
      storyOfDoc.set(doc.id, story)
      return `S${story + 1}`
    },
    stories(): Story[] {
      return storyLevel.groups.map((g, i) => ({ id: `S${i + 1}`, docs: [...g.docs], terms: top(g.sum), topic: `T${(storyTopic[i] ?? 0) + 1}` }))
    },
    topics(): Topic[] {
      return topicLevel.groups.map((g, i) => ({
        id: `T${i + 1}`,
        stories: storyTopic.flatMap((t, s) => (t === i ? [`S${s + 1}`] : [])),
        docs: [...g.docs],
      }))
    },
    storyOf(docId: string): string | undefined {
      const s = storyOfDoc.get(docId)
      return s === undefined ? undefined : `S${s + 1}`
    },
    topicOf(docId: string): string | undefined {
      const s = storyOfDoc.get(docId)
      return s === undefined ? undefined : `T${(storyTopic[s] ?? 0) + 1}`
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
