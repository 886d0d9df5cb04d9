/** @module compare/framing — how each article frames its story: tone, what it foregrounds, loaded wording, with evidence spans. */
import type { Document } from '../document/document.js'
import type { Span } from '../document/span.js'
import { documentTerms } from '../terms/index.js'
import type { StoryRef } from './claims.js'

/** A word that counts towards a finding, with its span in the document. */
export interface FramingEvidence extends Span {
  readonly text: string
}

/** The framing of one article relative to its story. */
export interface Framing {
  readonly doc: string
  readonly story: string
  /** Lexicon tone in [-1, 1] (positive minus negative words per 100 words, squashed) and its difference to the story mean. */
  readonly tone: { readonly score: number; readonly relative: number; readonly positive: readonly FramingEvidence[]; readonly negative: readonly FramingEvidence[] }
  /** Terms this article stresses more than the rest of its story, each with where it stresses them; lead occurrences count double. */
  readonly foregrounds: readonly { readonly term: string; readonly weight: number; readonly evidence: readonly FramingEvidence[] }[]
  /** Loaded or emotive words (judgement, not report), with their category. */
  readonly loaded: readonly (FramingEvidence & { readonly category: LoadedCategory })[]
}

/** Kinds of loaded wording. */
export type LoadedCategory = 'pejorative' | 'emotive' | 'intensifier' | 'speculative'

// Small hand lexicons (news register); enough to point at evidence, not a sentiment model.
const positive = new Set('achieve agreement approv benefit boost breakthrough calm confid construct cooper deal effect excel favor favour gain good great happi help hope improv inform optim peac posit progress promis protect reassur recov relief resolv secur stabl strong succe success support welcom well win'.split(' '))
const negative = new Set('abandon accus aggress anger attack blame block collaps conflict crisi critic damag danger deadli death declin defeat deni destroy disast doubt fail fear fight frustrat harm harsh hostil invas irration kill lack loss meager mute poor reluct risk sanction shock slow strang struggl threat troubl violenc war warn weak worri wors'.split(' '))
const loadedWords: Record<string, LoadedCategory> = {
  regime: 'pejorative', propaganda: 'pejorative', thug: 'pejorative', puppet: 'pejorative', devil: 'pejorative', dictator: 'pejorative', irrationality: 'pejorative', blinked: 'pejorative', mute: 'pejorative', capitulation: 'pejorative', appeasement: 'pejorative', rationalized: 'pejorative', maximalist: 'pejorative', revisionist: 'pejorative',
  shocking: 'emotive', strange: 'emotive', outrageous: 'emotive', disastrous: 'emotive', brutal: 'emotive', horrific: 'emotive', pyrrhic: 'emotive', existential: 'emotive', meager: 'emotive', frustrated: 'emotive', harsh: 'emotive', slaughter: 'emotive', massacre: 'emotive', catastrophic: 'emotive',
  clearly: 'intensifier', certainly: 'intensifier', hardly: 'intensifier', extremely: 'intensifier', utterly: 'intensifier', biggest: 'intensifier', greatest: 'intensifier', obviously: 'intensifier', undoubtedly: 'intensifier',
  apparently: 'speculative', seems: 'speculative', allegedly: 'speculative', reportedly: 'speculative', likely: 'speculative', unlikely: 'speculative', perhaps: 'speculative', possibly: 'speculative',
}

/**
 * Frame each article of each story: lexicon tone (with the words as evidence) relative to the
 * story mean, the terms it foregrounds compared with the story's other articles, and loaded words.
 *
 * @example
 * frameArticles(docs, stories)[0].loaded // [{ start: 120, end: 127, text: 'blinked', category: 'pejorative' }]
 */
export function frameArticles(docs: readonly Document[], stories: readonly StoryRef[]): Framing[] {
  const byId = new Map(docs.map((d) => [d.id, d]))
  const out: Framing[] = []
  for (const story of stories) {
    const members = story.docs.map((id) => byId.get(id)).filter((d): d is Document => d !== undefined)
    const analysed = members.map((doc) => {
      const list = documentTerms(doc)
      const pos: FramingEvidence[] = []
      const neg: FramingEvidence[] = []
      const loaded: (FramingEvidence & { category: LoadedCategory })[] = []
      const counts = new Map<string, number>()
      const lead = Math.max(200, doc.text.length * 0.2)
      let words = 0
      for (const t of list) {
        // Own properties only: "constructor" or "toString" in the text must not hit Object.prototype.
        const category = Object.hasOwn(loadedWords, t.word) ? loadedWords[t.word] : undefined
        if (category) loaded.push({ start: t.start, end: t.end, text: doc.text.slice(t.start, t.end), category })
        if (t.stop || t.word.length < 3) continue
        words++
        if (positive.has(t.stem)) pos.push({ start: t.start, end: t.end, text: doc.text.slice(t.start, t.end) })
        if (negative.has(t.stem)) neg.push({ start: t.start, end: t.end, text: doc.text.slice(t.start, t.end) })
        if (!/^\d/.test(t.stem)) counts.set(t.stem, (counts.get(t.stem) ?? 0) + (t.start < lead ? 2 : 1))
      }
      const raw = ((pos.length - neg.length) / Math.max(words, 1)) * 100
      return { doc, list, pos, neg, loaded, counts, words, score: Math.tanh(raw / 5) }
    })
    const mean = analysed.reduce((a, x) => a + x.score, 0) / Math.max(analysed.length, 1)
    // Counts over the whole story; an article's rest is the story minus itself (integers, so exact).
    const all = new Map<string, number>()
    let allWords = 0
    for (const b of analysed) {
      for (const [k, v] of b.counts) all.set(k, (all.get(k) ?? 0) + v)
      allWords += b.words
    }
    for (const a of analysed) {
      const rest = (k: string): number => (all.get(k) ?? 0) - (a.counts.get(k) ?? 0)
      const restTotal = allWords - a.words
      const total = Math.max(a.words, 1)
      // Smoothed ratio of the term's rate here to its rate in the story's other articles.
      const scored = [...a.counts.entries()]
        .filter(([, c]) => c >= 3)
        .map(([k, c]) => ({ term: k, weight: Math.log(((c + 0.5) / total) / ((rest(k) + 0.5) / Math.max(restTotal, total))) }))
        .filter((x) => analysed.length === 1 || x.weight > 0.5)
        .sort((x, y) => y.weight - x.weight)
        .slice(0, 5)
      const foregrounds = scored.map((x) => ({
        term: a.doc.text.slice(...span(a.list.find((t) => t.stem === x.term))),
        weight: Math.round(x.weight * 100) / 100,
        evidence: a.list.filter((t) => t.stem === x.term).slice(0, 3).map((t) => ({ start: t.start, end: t.end, text: a.doc.text.slice(t.start, t.end) })),
      }))
      out.push({
        doc: a.doc.id,
        story: story.id,
        tone: { score: round(a.score), relative: round(a.score - mean), positive: a.pos, negative: a.neg },
        foregrounds,
        loaded: a.loaded,
      })
    }
  }
  return out
}

function span(t: Span | undefined): [number, number] {
  return t ? [t.start, t.end] : [0, 0]
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
