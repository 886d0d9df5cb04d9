/** @module brief/brief — per-story extractive briefs whose every sentence traces to source offsets. */
import type { Document } from '../document/document.js'
import type { Span } from '../document/span.js'
import { PipelineError } from '../pipeline/errors.js'
import { documentTerms, withDocumentTerms } from '../terms/index.js'

/** One sentence of a brief and where it comes from (UTF-16 offsets into `doc`'s text, end-exclusive). */
export interface BriefSentence extends Span {
  readonly doc: string
  readonly text: string
}

/** A story's brief: its sentences in reading order. */
export interface Brief {
  readonly story: string
  /** The summariser that wrote it (`extractive`, or a plugged-in model's name). */
  readonly method: string
  readonly sentences: readonly BriefSentence[]
}

/** What a summariser receives: one story and its documents (with `sentences` layers). */
export interface BriefInput {
  readonly story: string
  readonly docs: readonly Document[]
}

/**
 * A pluggable summariser. An abstractive one (a local LLM) must still return sentences with
 * `doc`/`start`/`end` evidence: map each generated sentence to the source span it rests on.
 */
export interface Summarizer {
  readonly name: string
  summarize(input: BriefInput): Brief | Promise<Brief>
}

/** Options of {@link extractiveSummarizer}. */
export interface ExtractiveOptions {
  /** Word budget of the brief (default 250). */
  readonly maxWords?: number
  /** Sentences shorter than this many words are skipped (default 6). */
  readonly minWords?: number
  /** Weight of the position prior (earlier sentences of each article score higher; default 1). */
  readonly positionWeight?: number
  /** Exponent of the length normalisation of the gain (default 0.7). */
  readonly lengthPower?: number
}

interface Candidate extends Span {
  doc: number
  position: number
  words: number
  concepts: string[]
}

function candidatesOf(doc: Document, index: number, minWords: number): Candidate[] {
  const sentences = doc.layers.sentences
  if (!sentences) {
    throw new PipelineError('missing-layer', `Cannot write a brief: document \`${doc.id}\` has no \`sentences\` layer. Run the standard pipeline (tokens(), sentences()) first.`)
  }
  const out: Candidate[] = []
  sentences.forEach((s, position) => {
    const list = documentTerms(doc, s.start, s.end)
    if (list.length < minWords || list.length > 80) return
    const concepts: string[] = []
    // Concepts: content-word bigrams of stems (as in concept-coverage summarisers), plus rare unigrams.
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as (typeof list)[number]
      const b = list[i + 1]
      if (b && !(a.stop && b.stop)) concepts.push(`${a.stem} ${b.stem}`)
      if (!a.stop && a.word.length > 2) concepts.push(a.stem)
    }
    out.push({ start: s.start, end: s.end, doc: index, position, words: list.length, concepts })
  })
  return out
}

/**
 * The default summariser: greedy concept coverage. Concepts (stem bigrams and content stems)
 * weigh by how many of the story's documents use them; sentences are picked by the weight of
 * concepts they add, normalised by length and boosted by their position in their article,
 * until the word budget is spent. Output is in article order, each sentence a verbatim span.
 *
 * @example
 * const brief = await extractiveSummarizer().summarize({ story: 'S1', docs })
 * brief.sentences[0] // { doc: 'a', start: 0, end: 96, text: '…' }
 */
export function extractiveSummarizer(options: ExtractiveOptions = {}): Summarizer {
  const maxWords = options.maxWords ?? 250
  const minWords = options.minWords ?? 6
  const positionWeight = options.positionWeight ?? 1
  const lengthPower = options.lengthPower ?? 0.7
  if (!(maxWords > 0)) throw new PipelineError('invalid-option', 'extractiveSummarizer: `maxWords` must be a positive number.')
  return {
    name: 'extractive',
    summarize({ story, docs }: BriefInput): Brief {
      // Sentences of one document read one tokenisation of it.
      const candidates = withDocumentTerms(() => docs.flatMap((doc, i) => candidatesOf(doc, i, minWords)))
      const df = new Map<string, number>()
      docs.forEach((_, i) => {
        const seen = new Set<string>()
        for (const c of candidates) if (c.doc === i) for (const k of c.concepts) seen.add(k)
        for (const k of seen) df.set(k, (df.get(k) ?? 0) + 1)
      })
      const tf = new Map<string, number>()
      for (const c of candidates) for (const k of c.concepts) tf.set(k, (tf.get(k) ?? 0) + 1)
      // With one document, repetition inside it stands in for agreement across documents.
      const weight = (k: string): number => (docs.length > 1 ? (df.get(k) ?? 0) - 1 + ((tf.get(k) ?? 0) > 1 ? 0.5 : 0) : (tf.get(k) ?? 0) - 1)
      // Each candidate's distinct concepts of positive weight, as ids, in first-occurrence order
      // (the order its gain is summed in); zero-weight concepts add nothing to a gain.
      const ids = new Map<string, number>()
      const weights: number[] = []
      const gains = candidates.map((c) => {
        const seen = new Set<string>()
        const list: number[] = []
        for (const k of c.concepts) {
          if (seen.has(k)) continue
          seen.add(k)
          const w = Math.max(0, weight(k))
          if (!(w > 0)) continue
          let id = ids.get(k)
          if (id === undefined) {
            id = weights.length
            ids.set(k, id)
            weights.push(w)
          }
          list.push(id)
        }
        return list
      })
      const norms = candidates.map((c) => Math.pow(c.words, lengthPower))
      const priors = candidates.map((c) => positionWeight / (1 + c.position))
      const covered = new Uint8Array(weights.length)
      const chosen: Candidate[] = []
      let words = 0
      const pool = new Set(candidates.keys())
      while (pool.size > 0 && words < maxWords) {
        let best = -1
        let bestScore = Number.NEGATIVE_INFINITY
        for (const i of pool) {
          let gain = 0
          for (const id of gains[i] as number[]) if (covered[id] === 0) gain += weights[id] as number
          const score = gain / (norms[i] as number) + (priors[i] as number)
          if (score > bestScore) {
            bestScore = score
            best = i
          }
        }
        if (best < 0) break
        pool.delete(best)
        const c = candidates[best] as Candidate
        if (words + c.words > maxWords * 1.15 && chosen.length > 0) continue
        chosen.push(c)
        words += c.words
        for (const id of gains[best] as number[]) covered[id] = 1
      }
      chosen.sort((a, b) => a.doc - b.doc || a.start - b.start)
      return {
        story,
        method: 'extractive',
        sentences: chosen.map((c) => {
          const doc = docs[c.doc] as Document
          return { doc: doc.id, start: c.start, end: c.end, text: doc.text.slice(c.start, c.end) }
        }),
      }
    },
  }
}

/**
 * Write a brief per story with a summariser (default: {@link extractiveSummarizer}).
 *
 * @example
 * const briefs = await writeBriefs(docs, [{ id: 'S1', docs: ['a', 'b'] }])
 */
export async function writeBriefs(docs: readonly Document[], stories: readonly { readonly id: string; readonly docs: readonly string[] }[], summarizer: Summarizer = extractiveSummarizer()): Promise<Brief[]> {
  const byId = new Map(docs.map((d) => [d.id, d]))
  const out: Brief[] = []
  for (const story of stories) {
    const members = story.docs.map((id) => byId.get(id)).filter((d): d is Document => d !== undefined)
    out.push(await summarizer.summarize({ story: story.id, docs: members }))
  }
  return out
}
