/** @module compare/claims — claims per document, aligned across the outlets of a story: corroborated, single-source, contested. */
import type { Document } from '../document/document.js'
import type { Span } from '../document/span.js'
import type { Entity } from '../document/layers.js'
import { PipelineError } from '../pipeline/errors.js'
import { backgroundIdf, documentTerms, loadBackground, withDocumentTerms, type BackgroundFrequencies } from '../terms/index.js'
import { loadClaimModel, scoreCheckWorthiness, type ClaimModel } from './check-worthiness.js'
import { clauseFeatures, findQuantities, incompatible, type Quantity } from './normalize.js'

/** One statement of a claim in one document. Offsets are UTF-16, end-exclusive, into that document's text. */
export interface ClaimMention {
  readonly doc: string
  readonly start: number
  readonly end: number
  /** Probability that the clause is a check-worthy factual claim. */
  readonly checkWorthiness: number
}

/** A value stated by one mention of a contested claim. */
export interface ClaimValue extends Span {
  readonly doc: string
  readonly value: number
  readonly low: number
  readonly high: number
  readonly unit: string
}

/** A factual statement aligned across the documents of one story. */
export interface Claim {
  readonly id: string
  readonly story: string
  /** The text of the most check-worthy mention. */
  readonly text: string
  readonly status: 'corroborated' | 'single-source' | 'contested'
  /** Documents carrying the claim, in story order. */
  readonly docs: readonly string[]
  /** Number of independent outlets (copies and one outlet's several articles count once). */
  readonly independent: number
  readonly mentions: readonly ClaimMention[]
  /** Highest check-worthiness of its mentions. */
  readonly checkWorthiness: number
  /** For contested claims: the incompatible values, each with its span. */
  readonly values?: readonly ClaimValue[]
  /** Named actors of its mentions: `layers.entities` normals when present, else capitalised words that do not open the clause. */
  readonly actors: readonly string[]
}

/** A story as the compare stage needs it. */
export interface StoryRef {
  readonly id: string
  readonly docs: readonly string[]
}

/** A copy relation (from near-duplicate detection): `doc` copies `of`, so they are not independent. */
export interface CopyRef {
  readonly doc: string
  readonly of: string
}

/** Options of {@link alignClaims}. */
export interface ClaimsOptions {
  /** Weighted Dice similarity at which two clauses of different documents state the same claim (default 0.3). */
  readonly threshold?: number
  /** Lower similarity at which two clauses with numbers of the same unit are compared for conflicts (default 0.2). */
  readonly contestThreshold?: number
  /** Single-source clauses below this check-worthiness are not reported (default: the model's threshold × 0.5). */
  readonly minCheckWorthiness?: number
  /** At most this many documents per story are aligned (the first ones), bounding the pairwise cost (default 60). */
  readonly maxDocs?: number
  readonly model?: ClaimModel
  readonly background?: BackgroundFrequencies
}

interface Unit extends Span {
  doc: number
  /** Distinct folded stems, in first-occurrence order. */
  stems: string[]
  /** Weight of each of `stems` (IDF; story-reweighted by {@link reweightByStory}). */
  weights: Float64Array
  /** Ids of `stems` in the story's vocabulary (set by {@link reweightByStory}). */
  ids: Int32Array
  total: number
  quantities: Quantity[]
  score: number
}

const splitter = /;\s+|\s+[—–]\s+|,\s+(?=(?:but|while|whereas|although|though|and)\s)/g

/** Split a sentence span into clauses at semicolons, dashes and ", but/and/while …" when both sides are long enough. */
export function splitClauses(text: string, sentence: Span, minWords = 5): Span[] {
  const body = text.slice(sentence.start, sentence.end)
  const cuts: number[] = []
  splitter.lastIndex = 0
  for (let m = splitter.exec(body); m !== null; m = splitter.exec(body)) cuts.push(m.index)
  // An opening adverbial clause ("After a two-hour call with Putin, Trump declared …") states its own fact.
  const opener = /^(?:after|before|following|when|while|although|though|despite|since|as|until|during|with)\b[^,;]*?,\s/i.exec(body)
  if (opener) cuts.push(opener[0].length - 2)
  cuts.sort((a, b) => a - b)
  const spans: Span[] = []
  let from = 0
  const words = (a: number, b: number): number => (body.slice(a, b).match(/[\p{L}\p{N}]+/gu) ?? []).length
  for (const cut of cuts) {
    if (words(from, cut) >= minWords && words(cut, body.length) >= minWords) {
      spans.push({ start: from, end: cut })
      from = cut
    }
  }
  spans.push({ start: from, end: body.length })
  return spans.map((s) => {
    // Trim separators and spaces so spans start and end on words.
    let start = s.start
    let end = s.end
    while (start < end && /[\s;,—–]/.test(body[start] as string)) start++
    const lead = /^(?:but|while|whereas|although|though|and)\s+/i.exec(body.slice(start, end))
    if (lead && spans.length > 1 && s.start > 0) start += lead[0].length
    while (end > start && /[\s;,—–]/.test(body[end - 1] as string)) end--
    return { start: sentence.start + start, end: sentence.start + end }
  })
}

function unitsOf(doc: Document, index: number, idf: (stem: string) => number, model: ClaimModel): Unit[] {
  const sentences = doc.layers.sentences
  if (!sentences) {
    throw new PipelineError('missing-layer', `Cannot align claims: document \`${doc.id}\` has no \`sentences\` layer. Run the standard pipeline (tokens(), sentences()) first.`)
  }
  const units: Unit[] = []
  for (const sentence of sentences) {
    for (const clause of splitClauses(doc.text, sentence)) {
      const list = documentTerms(doc, clause.start, clause.end)
      const { stems } = clauseFeatures(doc.text, clause.start, clause.end, list)
      let words = 0
      for (const stem of stems) if (!stem.startsWith('#')) words++
      if (stems.length < 4 || words < 3) continue
      const distinct = [...new Set(stems)]
      const weights = new Float64Array(distinct.length)
      for (let i = 0; i < distinct.length; i++) {
        const stem = distinct[i] as string
        weights[i] = stem.startsWith('#') ? 2 : idf(stem)
      }
      const body = doc.text.slice(clause.start, clause.end)
      // `total` is set by `reweightByStory`.
      units.push({ start: clause.start, end: clause.end, doc: index, stems: distinct, weights, ids: new Int32Array(0), total: 0, quantities: findQuantities(doc.text, clause.start, clause.end, list), score: scoreCheckWorthiness(model, body) })
    }
  }
  return units
}

/**
 * Multiply each stem's weight by its inverse frequency among the story's clauses: in a story
 * about a Trump–Putin call, "Putin" is in every other clause and says little about which fact
 * a clause states, while "drone" singles one out.
 */
function reweightByStory(units: Unit[]): number {
  const vocabulary = new Map<string, number>()
  const df: number[] = []
  for (const u of units) {
    u.ids = new Int32Array(u.stems.length)
    for (let i = 0; i < u.stems.length; i++) {
      const stem = u.stems[i] as string
      let id = vocabulary.get(stem)
      if (id === undefined) {
        id = df.length
        vocabulary.set(stem, id)
        df.push(0)
      }
      df[id] = (df[id] as number) + 1
      u.ids[i] = id
    }
  }
  const n = units.length
  for (const u of units) {
    let total = 0
    for (let i = 0; i < u.ids.length; i++) {
      const v = (u.weights[i] as number) * Math.log((n + 1) / ((df[u.ids[i] as number] as number) + 1))
      u.weights[i] = v
      total += v
    }
    u.total = total
  }
  return df.length
}

/**
 * IDF-weighted Dice overlap of two clauses' folded stems, in [0, 1]. A stem weighs the same in
 * every clause of a story, so the shared weight is summed over the smaller clause, in its order.
 * Membership goes through mark arrays over the story's stem ids: `aMarks[id] === aStamp` for
 * the stems of `a` (marked by the caller); the stems of `b` are marked here when needed.
 */
function similarity(a: Unit, b: Unit, aMarks: Int32Array, aStamp: number, bMarks: Int32Array, bStamp: number): number {
  let shared = 0
  if (a.ids.length < b.ids.length) {
    for (const id of b.ids) bMarks[id] = bStamp
    for (let i = 0; i < a.ids.length; i++) if (bMarks[a.ids[i] as number] === bStamp) shared += a.weights[i] as number
  } else {
    for (let i = 0; i < b.ids.length; i++) if (aMarks[b.ids[i] as number] === aStamp) shared += b.weights[i] as number
  }
  return (2 * shared) / (a.total + b.total)
}

class DisjointSet {
  private readonly parent: number[]
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i)
  }
  find(i: number): number {
    let root = i
    while (this.parent[root] !== root) root = this.parent[root] as number
    this.parent[i] = root
    return root
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

/**
 * Extract claims (clauses) from the documents of each story and align them across documents:
 * two clauses of different documents are one claim when their IDF-weighted overlap of folded
 * stems (synonyms, number words → digits) reaches `threshold` and each is the other's best
 * match in its document. A claim is `contested` when two of its mentions state incompatible
 * values for the same counted noun, `corroborated` when at least two independent outlets carry
 * it, else `single-source`. Single-source claims are kept only when check-worthy enough.
 *
 * @example
 * alignClaims(docs, [{ id: 'S1', docs: ['a', 'b'] }]).filter((c) => c.status === 'corroborated')
 */
export function alignClaims(docs: readonly Document[], stories: readonly StoryRef[], copies: readonly CopyRef[] = [], options: ClaimsOptions = {}): Claim[] {
  // Clauses of one document read one tokenisation of it.
  return withDocumentTerms(() => align(docs, stories, copies, options))
}

function align(docs: readonly Document[], stories: readonly StoryRef[], copies: readonly CopyRef[], options: ClaimsOptions): Claim[] {
  const threshold = options.threshold ?? 0.3
  const contestThreshold = options.contestThreshold ?? 0.2
  const model = options.model ?? loadClaimModel()
  const minScore = options.minCheckWorthiness ?? model.threshold * 0.5
  const maxDocs = options.maxDocs ?? 60
  const background = options.background ?? loadBackground()
  const idfs = new Map<string, number>()
  const idf = (stem: string): number => {
    let v = idfs.get(stem)
    if (v === undefined) idfs.set(stem, (v = backgroundIdf(background, stem)))
    return v
  }
  const byId = new Map(docs.map((d) => [d.id, d]))
  const copyOf = new Map<string, string>()
  for (const c of copies) copyOf.set(c.doc, c.of)
  const claims: Claim[] = []

  for (const story of stories) {
    const storyDocs = story.docs.slice(0, maxDocs).map((id) => byId.get(id)).filter((d): d is Document => d !== undefined)
    const units = storyDocs.flatMap((doc, i) => unitsOf(doc, i, idf, model))
    const vocabulary = reweightByStory(units)
    const leftMarks = new Int32Array(vocabulary).fill(-1)
    const rightMarks = new Int32Array(vocabulary).fill(-1)
    const set = new DisjointSet(units.length)
    const docsOf = units.map((u) => new Set([u.doc]))
    const byDoc = storyDocs.map((_, i) => units.flatMap((u, k) => (u.doc === i ? [k] : [])))
    const links: [number, number, number][] = []
    for (let a = 0; a < storyDocs.length; a++) {
      for (let b = a + 1; b < storyDocs.length; b++) {
        const left = byDoc[a] as number[]
        const right = byDoc[b] as number[]
        const sims = left.map((i) => {
          const u = units[i] as Unit
          for (const id of u.ids) leftMarks[id] = i
          return right.map((j) => similarity(u, units[j] as Unit, leftMarks, i, rightMarks, j))
        })
        // Each left clause's best right clause (the first maximum; none when a similarity is NaN), and each right clause's best left one.
        const bestRight = sims.map((row) => {
          let best = row.length > 0 ? 0 : -1
          for (let c = 0; c < row.length; c++) {
            const v = row[c] as number
            if (Number.isNaN(v)) return -1
            if (v > (row[best] as number)) best = c
          }
          return best
        })
        const bestLeft = right.map((_, c) => {
          let best = 0
          for (let r = 1; r < sims.length; r++) if (((sims[r] as number[])[c] as number) > ((sims[best] as number[])[c] as number)) best = r
          return best
        })
        sims.forEach((row, r) => {
          row.forEach((sim, c) => {
            const u = units[left[r] as number] as Unit
            const v = units[right[c] as number] as Unit
            const mutual = bestRight[r] === c && bestLeft[c] === r
            // Same subject, same counted noun, values that cannot both hold: one contested claim.
            const conflict = sim >= contestThreshold && u.quantities.some((q) => v.quantities.some((p) => incompatible(q, p)))
            if ((mutual && sim >= threshold) || conflict) links.push([sim, left[r] as number, right[c] as number])
          })
        })
      }
    }
    // Strongest links first; a claim has at most one mention per document, which stops chaining.
    links.sort((x, y) => y[0] - x[0])
    for (const [, i, j] of links) {
      const ri = set.find(i)
      const rj = set.find(j)
      if (ri === rj) continue
      const di = docsOf[ri] as Set<number>
      const dj = docsOf[rj] as Set<number>
      if ([...di].some((d) => dj.has(d))) continue
      set.union(ri, rj)
      docsOf[set.find(ri)] = new Set([...di, ...dj])
    }
    const groups = new Map<number, number[]>()
    units.forEach((_, k) => {
      const root = set.find(k)
      groups.set(root, [...(groups.get(root) ?? []), k])
    })
    for (const members of groups.values()) {
      const list = members.map((k) => units[k] as Unit)
      const docIndexes = [...new Set(list.map((u) => u.doc))].sort((x, y) => x - y)
      const docIds = docIndexes.map((i) => (storyDocs[i] as Document).id)
      const independent = countIndependent(docIndexes.map((i) => storyDocs[i] as Document), copyOf)
      const values: ClaimValue[] = []
      for (const u of list) {
        for (const v of list) {
          if (u.doc >= v.doc) continue
          for (const q of u.quantities) {
            for (const p of v.quantities) {
              if (!incompatible(q, p)) continue
              for (const [unit, quantity] of [[u, q], [v, p]] as const) {
                const doc = (storyDocs[unit.doc] as Document).id
                if (!values.some((x) => x.doc === doc && x.start === quantity.start)) values.push({ doc, start: quantity.start, end: quantity.end, value: quantity.value, low: quantity.low, high: quantity.high, unit: quantity.unit })
              }
            }
          }
        }
      }
      const status: Claim['status'] = values.length > 0 ? 'contested' : independent >= 2 ? 'corroborated' : 'single-source'
      const best = list.reduce((x, y) => (y.score > x.score ? y : x))
      if (status === 'single-source' && best.score < minScore) continue
      const mentions = list
        .sort((x, y) => x.doc - y.doc || x.start - y.start)
        .map((u) => ({ doc: (storyDocs[u.doc] as Document).id, start: u.start, end: u.end, checkWorthiness: Math.round(u.score * 1000) / 1000 }))
      const doc = storyDocs[best.doc] as Document
      const actors = [...new Set(list.flatMap((u) => actorsOf(storyDocs[u.doc] as Document, u)))]
      const claim: Claim = {
        id: '',
        story: story.id,
        text: doc.text.slice(best.start, best.end),
        status,
        docs: docIds,
        independent,
        mentions,
        checkWorthiness: Math.round(best.score * 1000) / 1000,
        ...(values.length > 0 ? { values } : {}),
        actors,
      }
      claims.push(claim)
    }
  }
  const rank = { contested: 0, corroborated: 1, 'single-source': 2 }
  return claims
    .sort((a, b) => rank[a.status] - rank[b.status] || b.independent - a.independent || b.checkWorthiness - a.checkWorthiness)
    .map((c, i) => ({ ...c, id: `C${i + 1}` }))
}

const nameLists = new WeakMap<Document, { list: Entity[]; sorted: boolean }>()

/** The name mentions of a document's `entities` layer, in layer order, and whether that order is by start. */
function nameEntities(doc: Document): { list: Entity[]; sorted: boolean } {
  let names = nameLists.get(doc)
  if (names === undefined) {
    const list = (doc.layers.entities ?? []).filter((e) => e.kind === 'name')
    names = { list, sorted: list.every((e, i) => i === 0 || (list[i - 1] as Entity).start <= e.start) }
    nameLists.set(doc, names)
  }
  return names
}

/** Actors named in a clause, lower-cased: entity normals, or capitalised non-initial words joined into names. */
function actorsOf(doc: Document, span: Span): string[] {
  if (doc.layers.entities) {
    const names = nameEntities(doc)
    // Names in layer order; when that is by start (the pipeline's order), only those from `span.start` on are read.
    let at = 0
    if (names.sorted) {
      let hi = names.list.length
      while (at < hi) {
        const mid = (at + hi) >>> 1
        if ((names.list[mid] as Entity).start < span.start) at = mid + 1
        else hi = mid
      }
    }
    const out: string[] = []
    for (let i = at; i < names.list.length; i++) {
      const e = names.list[i] as Entity
      if (names.sorted && e.start > span.end) break
      if (e.start >= span.start && e.end <= span.end) out.push(e.normal.toLowerCase())
    }
    return out
  }
  const names: string[] = []
  let current: string[] = []
  let last = -1
  for (const t of documentTerms(doc, span.start, span.end)) {
    const name = t.capitalized && !t.stop && t.start > span.start && !calendar.has(t.word) && !/[.!?:"“]\s*$/.test(doc.text.slice(Math.max(span.start, t.start - 3), t.start))
    if (name && current.length > 0 && /^\s+$/.test(doc.text.slice(last, t.start))) current.push(t.word)
    else {
      if (current.length > 0) names.push(current.join(' '))
      current = name ? [t.word] : []
    }
    last = t.end
  }
  if (current.length > 0) names.push(current.join(' '))
  return names
}

const calendar = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '))

/** Outlets: documents joined when one copies the other or both name the same `meta.source`. */
function countIndependent(docs: readonly Document[], copyOf: ReadonlyMap<string, string>): number {
  const set = new DisjointSet(docs.length)
  const index = new Map(docs.map((d, i) => [d.id, i]))
  docs.forEach((d, i) => {
    const original = copyOf.get(d.id)
    const j = original !== undefined ? index.get(original) : undefined
    if (j !== undefined) set.union(i, j)
    docs.forEach((e, k) => {
      if (k > i && d.meta.source && d.meta.source === e.meta.source) set.union(i, k)
    })
  })
  return new Set(docs.map((_, i) => set.find(i))).size
}
