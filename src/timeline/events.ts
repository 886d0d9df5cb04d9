/** @module timeline/events — dated happenings merged across documents, sorted as a timeline. */
import type { Document } from '../document/document.js'
import type { Sentence, TimeMention } from '../document/layers.js'
import type { Span } from '../document/span.js'
import type { AnalysisEvent, Evidence } from '../analysis/analysis.js'
import { valueRange } from './calendar.js'

/**
 * Event nouns and verbs grouped by kind: two reports of one date merge when they share a kind
 * ("call" and "phone conversation"; "strike" and "drone attack"). Singular "talk" is a
 * conversation, plural "talks" a negotiation.
 */
const triggerKinds: Readonly<Record<string, string>> = {}
const kinds: Readonly<Record<string, readonly string[]>> = {
  call: ['call', 'calls', 'called', 'phone', 'telephone', 'conversation', 'talk', 'spoke', 'phoned', 'phonecall'],
  talks: ['talks', 'negotiations', 'negotiation', 'negotiated', 'meeting', 'meetings', 'met', 'summit', 'conference', 'round'],
  attack: ['attack', 'attacks', 'attacked', 'strike', 'strikes', 'struck', 'drone', 'drones', 'missile', 'missiles', 'bombing', 'bombed', 'bomb', 'shelling', 'assault', 'offensive', 'raid', 'airstrike', 'invasion', 'invaded', 'shooting', 'shot', 'killed', 'explosion', 'blast'],
  visit: ['visit', 'visited', 'trip', 'travelled', 'traveled', 'arrived', 'tour'],
  vote: ['election', 'elections', 'vote', 'voted', 'referendum', 'ballot', 'poll'],
  agreement: ['agreement', 'deal', 'treaty', 'accord', 'signed', 'ceasefire', 'cease-fire', 'truce'],
  statement: ['speech', 'statement', 'announced', 'announcement', 'declared', 'address', 'interview', 'press'],
  ruling: ['ruling', 'ruled', 'verdict', 'sentenced', 'convicted', 'decision', 'court'],
  arrest: ['arrest', 'arrested', 'detained', 'charged', 'indicted'],
  sanctions: ['sanctions', 'sanctioned', 'embargo', 'tariffs'],
  resignation: ['resigned', 'resignation', 'fired', 'dismissed', 'appointed'],
  protest: ['protest', 'protests', 'rally', 'demonstration', 'march'],
  disaster: ['earthquake', 'flood', 'fire', 'storm', 'hurricane', 'crash', 'collapsed'],
}
for (const [kind, words] of Object.entries(kinds)) for (const w of words) (triggerKinds as Record<string, string>)[w] = kind

const stopwords = new Set(
  'a an the and or but of to in on at by for with from as that this these those it its is was were be been being has have had he she they we you i his her their our not no so than then there when which who whom what where why how also would could should will can may might just very more most such into about over after before between during until since up down out off only own same other some any each both few many much'.split(' '),
)

interface Report {
  readonly doc: string
  readonly date: string
  readonly precise: boolean
  readonly range: { first: number; last: number }
  readonly evidence: Span
  readonly kinds: Set<string>
  readonly words: Set<string>
  readonly participants: Set<string>
  readonly trigger: Span | undefined
}

/** Index of the sentence holding offset `at` (sentences are sorted), or -1. */
function sentenceIndex(sentences: readonly Sentence[], at: number): number {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid] as Sentence
    if (at < s.start) hi = mid - 1
    else if (at >= s.end) lo = mid + 1
    else return mid
  }
  return -1
}

function wordsIn(text: string, span: Span, skip?: Span): { start: number; end: number; word: string; lower: boolean }[] {
  const out: { start: number; end: number; word: string; lower: boolean }[] = []
  for (const m of text.slice(span.start, span.end).matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
    const start = span.start + m.index
    const end = start + m[0].length
    if (skip && start < skip.end && skip.start < end) continue
    out.push({ start, end, word: m[0].toLowerCase().replace(/['’]s$/, ''), lower: /^\p{Ll}/u.test(m[0]) })
  }
  return out
}

/** The anchor phrase of an event-anchored expression ("the day before [Trump-Putin's call]"), to keep its words out. */
function anchorPhrase(text: string, mention: TimeMention): Span | undefined {
  if (mention.anchor !== 'mention') return undefined
  const signal = /(?:before|after|prior to|following)$/i.test(text.slice(mention.start, mention.end)) ? '' : '(?:before|after|prior to|following)'
  const after = new RegExp(`^\\s+${signal}\\s*[^,.;:]*`, 'i').exec(text.slice(mention.end, mention.end + 80))
  return after ? { start: mention.end, end: mention.end + after[0].length } : undefined
}

function reportsOf(doc: Document): Report[] {
  const sentences = doc.layers.sentences ?? [{ start: 0, end: doc.text.length, tokens: { start: 0, end: 0 } }]
  const times = doc.layers.times ?? []
  const entities = doc.layers.entities ?? []
  const out: Report[] = []
  const datedSentences = new Set(times.filter((t) => /^\d{4}-\d{2}-\d{2}/.test(t.value)).map((t) => sentenceIndex(sentences, t.start)))
  for (const mention of times) {
    if (mention.type !== 'DATE' && mention.type !== 'TIME') continue
    const date = mention.value.replace(/T.*$/, '')
    const range = valueRange(date)
    if (!range) continue
    const precise = /^\d{4}-\d{2}-\d{2}$/.test(date)
    // A week-precise value ("last week in Istanbul") may join a precise report; months and wider are too vague.
    if (!precise && range.last - range.first > 7) continue
    const index = sentenceIndex(sentences, mention.start)
    const sentence = sentences[index]
    if (!sentence) continue
    const skip = anchorPhrase(doc.text, mention)
    let evidence: Span = { start: sentence.start, end: sentence.end }
    let words = wordsIn(doc.text, evidence, skip)
    const isTrigger = (w: { word: string; lower: boolean }): boolean => w.lower && triggerKinds[w.word] !== undefined
    let found = words.filter((w) => isTrigger(w) && !(w.start >= mention.start && w.end <= mention.end))
    const next = sentences[index + 1]
    const nextDated = datedSentences.has(index + 1)
    // "… were highlighted the day before the call. Russia launched its largest drone attack": the happening is told next.
    if (next && !nextDated && (found.length === 0 || (skip && found.every((w) => triggerKinds[w.word] === 'statement')))) {
      const nextWords = wordsIn(doc.text, next)
      const nextFound = nextWords.filter(isTrigger)
      if (nextFound.length > 0) {
        evidence = { start: sentence.start, end: next.end }
        words = [...words, ...nextWords]
        found = nextFound
      }
    }
    if (found.length === 0) continue
    // The trigger nearest the time expression describes the happening; others close to it qualify it.
    const distance = (w: { start: number }): number => (w.start < mention.start ? mention.start - w.start : Math.max(0, w.start - mention.end))
    const nearest = found.reduce((a, b) => (distance(b) < distance(a) ? b : a))
    const close = found.filter((w) => distance(w) <= distance(nearest) + 40)
    const participants = new Set<string>()
    for (const e of entities) if (e.start >= evidence.start && e.end <= evidence.end && e.kind === 'name') participants.add(e.normal)
    out.push({
      doc: doc.id,
      date,
      precise,
      range,
      evidence,
      kinds: new Set(close.map((w) => triggerKinds[w.word] as string)),
      words: new Set(words.map((w) => w.word).filter((w) => w.length > 2 && !stopwords.has(w))),
      participants,
      trigger: { start: nearest.start, end: nearest.end },
    })
  }
  return out
}

function shared<T>(a: Set<T>, b: Set<T>): number {
  let n = 0
  for (const x of a) if (b.has(x)) n++
  return n
}

/** A short description: the trigger's noun phrase ("two-hour phone conversation between … Putin"). */
function describe(text: string, report: Report): string {
  let trigger = report.trigger as Span
  // "drone strike": the head is the last of adjacent trigger words.
  for (;;) {
    const next = /^\s+([\p{L}-]+)/u.exec(text.slice(trigger.end, report.evidence.end))
    if (!next || triggerKinds[(next[1] as string).toLowerCase()] === undefined) break
    const start = trigger.end + (next[0].length - (next[1] as string).length)
    trigger = { start, end: start + (next[1] as string).length }
  }
  // Left: the modifiers after the last function word ("the biggest drone strike" → "biggest drone strike").
  const left = /((?:[\p{L}\d’'-]+\s+){0,4})$/u.exec(text.slice(report.evidence.start, trigger.start))?.[1] ?? ''
  const words = left.split(/\s+/).filter(Boolean)
  let cut = 0
  words.forEach((w, i) => {
    if (stopwords.has(w.toLowerCase()) || /[’']s$/.test(w) || /^\p{Lu}/u.test(w) === false && /ed$|ing$/.test(w)) cut = i + 1
  })
  const kept = words.slice(cut)
  const start = trigger.start - (kept.length > 0 ? left.length - left.indexOf(kept.join(' ')) : 0)
  const after = text.slice(trigger.end, report.evidence.end)
  const right = /^(?:\s+(?:between|with|against|on|in|of|by)\s+(?:[\p{Lu}][\p{L}.-]*|and|the|President|leader|Russian|US|\s)+)?/u.exec(after)?.[0] ?? ''
  const phrase = text.slice(start, trigger.end + right.trimEnd().length).replace(/\s+/g, ' ').trim()
  if (phrase.includes(' ')) return phrase
  // A bare verb ("announced") says little: give the start of the sentence instead.
  const sentence = text.slice(report.evidence.start, report.evidence.end).replace(/\s+/g, ' ').trim()
  return sentence.length <= 120 ? sentence : `${sentence.slice(0, 120).replace(/\s+\S*$/, '')} …`
}

/**
 * Dated happenings merged across documents. Each DATE/TIME mention whose sentence (or, when
 * that sentence only dates it, the next one) names a happening — a call, talks, an attack … —
 * is a report; reports of the same day merge when they share the kind of happening, or two
 * participants (with the `entities` layer) and three content words. Week- or month-precise
 * reports ("last week in Istanbul") join a day-precise event inside their period. Evidence is
 * the sentence(s) in every document that reports it; events are sorted by date.
 *
 * @example
 * buildAnalysis(docs, [], { events: (docs) => events(docs) })
 */
export function events(docs: readonly Document[], _links?: unknown): AnalysisEvent[] {
  const reports = docs.flatMap(reportsOf)
  const texts = new Map(docs.map((d) => [d.id, d.text]))
  const groups: Report[][] = []
  // A shared specific kind (a call, an attack) is enough; "announced" or "said" is not without shared words.
  const specific = (r: Report): Set<string> => new Set([...r.kinds].filter((k) => k !== 'statement'))
  const same = (a: Report, b: Report): boolean =>
    shared(specific(a), specific(b)) > 0 ||
    (shared(a.kinds, b.kinds) > 0 && shared(a.words, b.words) >= 4) ||
    (shared(a.participants, b.participants) >= 2 && shared(a.words, b.words) >= 3)
  for (const report of reports.filter((r) => r.precise)) {
    const group = groups.find((g) => (g[0] as Report).date === report.date && g.some((r) => same(r, report)))
    if (group) group.push(report)
    else groups.push([report])
  }
  for (const report of reports.filter((r) => !r.precise)) {
    const candidates = groups.filter((g) => {
      const day = (g[0] as Report).range.first
      return day >= report.range.first && day <= report.range.last && g.some((r) => same(r, report))
    })
    // The coarse report names the happening most like it: the same kind of happening first
    // (talks join talks, not an attack that shares participants), then the most shared words.
    const score = (g: Report[]): number =>
      (g.some((r) => shared(specific(r), specific(report)) > 0) ? 1000 : 0) + Math.max(...g.map((r) => shared(r.words, report.words)))
    const best = candidates.sort((a, b) => score(b) - score(a))[0]
    best?.push(report)
  }
  groups.sort((a, b) => (a[0] as Report).date.localeCompare((b[0] as Report).date))
  return groups.map((group, i) => {
    const evidence: Evidence[] = []
    for (const r of group) {
      if (!evidence.some((e) => e.doc === r.doc && e.start === r.evidence.start && e.end === r.evidence.end)) {
        evidence.push({ doc: r.doc, start: r.evidence.start, end: r.evidence.end })
      }
    }
    const first = group.find((r) => r.precise) as Report
    return {
      id: `EV${i + 1}`,
      date: first.date,
      text: describe(texts.get(first.doc) as string, first),
      docs: [...new Set(group.map((r) => r.doc))],
      evidence,
    }
  })
}
