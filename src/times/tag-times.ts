/** @module times/tag-times — find time expressions in a text and normalise them to TIMEX3 values. */
import type { Span } from '../document/span.js'
import type { TimeMention } from '../document/layers.js'
import { months, weekdays } from './lexicon.js'
import { parseDay } from './calendar.js'
import { asciiKey, BOUNDARY, buildPrefixIndex, K, normaliseChar, type PrefixIndex } from './prefix-index.js'
import { rules as defaultRules, type ResolveContext, type ResolvedMention, type Rule } from './rules.js'

/** Options of {@link tagTimes}. */
export interface TagTimesOptions {
  /** Document creation time (ISO 8601 date or timestamp); relative expressions resolve against it. */
  readonly published?: string | null | undefined
  /** Sentence spans (for tense and for anchoring on other mentions); the whole text when absent. */
  readonly sentences?: readonly Span[]
  /** Rules to use instead of the built-in English rules. */
  readonly rules?: readonly Rule[]
}

interface Candidate {
  readonly start: number
  readonly end: number
  readonly rule: Rule
  readonly match: RegExpExecArray
  readonly order: number
}

const futureMarker = /\b(?:will|won't|wo n't|'ll|shall|going to|plans? to|planning to|planned|scheduled|expect(?:s|ed)? to|is to|are to|set to|next(?! to)|upcoming|intends? to|due to|until|as early as|as soon as|ahead of|would|to be|to be held|to meet|to begin|to start|to resume|to visit|hopes? to|aims? to|later this|effective)\b/i
// Past: auxiliaries, reporting verbs and -ed forms (lower case, so "United" is not a verb).
const pastMarker = /\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|[Ss]aid|[Tt]old|ago|[Ll]ast|[Ee]arlier|(?<!\bbe )(?!(?:hundred|indeed|need|speed|proceed|exceed|succeed|feed|seed|breed|bleed|planned|scheduled|expected|based|related|limited|unspecified|undisclosed|unidentified|unnamed|alleged|so-called|detailed|advanced|combined|proposed)\b)[a-z]{2,}ed)\b/
// A future marker in the past ("was expected to", "had been due to", "were to") reports a past plan.
const pastFuture = /\bhad been\s+(?:\w+\s+)?(?:expected|scheduled|due|set|planned|going|supposed)\b/i

const globalCopies = new WeakMap<RegExp, RegExp>()

function lastIndexOf(pattern: RegExp, text: string): number {
  let global = globalCopies.get(pattern)
  if (!global) globalCopies.set(pattern, (global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)))
  let last = -1
  global.lastIndex = 0
  for (let m = global.exec(text); m; m = global.exec(text)) {
    last = m.index
    if (m[0] === '') global.lastIndex++
  }
  return last
}

/** Tense of the clause around `span`: future (will, is expected to, next …), past (said, was, -ed), or unknown. */
function tenseOf(text: string, sentence: Span, span: Span): 'future' | 'past' | 'unknown' {
  const from = Math.max(sentence.start, span.start - 80)
  let before = text.slice(from, span.start)
  const clause = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'))
  if (clause >= 0 && before.length - clause > 12) before = before.slice(clause + 1)
  // The marker nearest the mention decides ("said Wednesday it will" vs "will meet Friday").
  const lastFuture = lastIndexOf(futureMarker, before)
  const lastPast = lastIndexOf(pastMarker, before)
  const after = text.slice(span.end, Math.min(sentence.end, span.end + 60))
  // A deadline ("by Jan. 14", "until Tuesday") looks ahead ("through August" may look either way), unless the clause is in the past perfect
  // ("had filed reports by Wednesday", "Until Thursday, they had not called him a suspect").
  // "since March" looks back, whatever the clause says next.
  if (/\bsince\s+(?:early\s+|late\s+|mid-?)?$/i.test(before)) return 'past'
  if (/\b(?:by|until|till)\s+$/i.test(before)) {
    if (/\bhad\b/i.test(before) || /^[^.;]{0,30}\bhad\b/i.test(after)) return 'past'
    return 'future'
  }
  if (lastFuture >= 0 && pastFuture.test(before.slice(Math.max(0, lastFuture - 20)))) return 'past'
  if (lastFuture >= 0 || lastPast >= 0) return lastFuture >= lastPast ? 'future' : 'past'
  const rest = after.split(/[,;:]/)[0] ?? ''
  if (futureMarker.test(rest)) return 'future'
  return pastMarker.test(rest) ? 'past' : 'unknown'
}

const compiled = new WeakMap<Rule, RegExp>()

/** The rule's pattern with the `g` flag, compiled once per rule (tagging is synchronous, so `lastIndex` can be reset and reused). */
function globalPattern(rule: Rule): RegExp {
  let pattern = compiled.get(rule)
  if (!pattern) {
    pattern = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`)
    compiled.set(rule, pattern)
  }
  return pattern
}

interface CompiledRules {
  readonly index: PrefixIndex
  /** Each rule's pattern, sticky (tried at one offset), without the boundaries the scan checks itself. */
  readonly sticky: readonly RegExp[]
  /** Whether `sticky` left out the trailing `(?![\p{L}\p{N}])` boundary (then `exact` has it). */
  readonly trailing: readonly boolean[]
  /** Sticky patterns with the trailing boundary, compiled on first need. */
  readonly exact: (RegExp | undefined)[]
}

const compiledRules = new WeakMap<readonly Rule[], CompiledRules>()

/** The trailing boundary of every built-in rule: no letter or digit after the match. */
const TRAILING = '(?![\\p{L}\\p{N}])'

/** A letter or digit at `lastIndex`, as TRAILING sees it under /iu and /u. */
const wordAtIU = /[\p{L}\p{N}]/iuy
const wordAtU = /[\p{L}\p{N}]/uy

function compileRules(rules: readonly Rule[]): CompiledRules {
  let c = compiledRules.get(rules)
  if (!c) {
    const index = buildPrefixIndex(rules.map((r) => r.pattern.source))
    const flags = (r: Rule): string => `${r.pattern.flags.replace(/[gy]/g, '')}y`
    // Where the scan checks the leading boundary itself, the sticky copies leave it out. The trailing boundary, under /iu,
    // costs most of a pattern's compilation (the case closure of \p{L}): the sticky copies leave it out too and
    // `scanRules` checks it after the match, falling back to the exact pattern where it fails (see `stickyMatch`).
    const trailing = rules.map((r) => r.pattern.flags.includes('u') && r.pattern.source.endsWith(TRAILING))
    c = {
      index,
      sticky: rules.map((r, i) => {
        let source = index.boundary ? r.pattern.source.slice(BOUNDARY.length) : r.pattern.source
        if (trailing[i]) source = source.slice(0, -TRAILING.length)
        return new RegExp(source, flags(r))
      }),
      trailing,
      exact: rules.map(() => undefined),
    }
    compiledRules.set(rules, c)
  }
  return c
}

/**
 * The match of rule `order` at offset `p`, as its pattern (less the leading boundary) finds it. The
 * copy without the trailing boundary gives the pattern's first match in backtracking order; where
 * that one ends before a non-letter it is also the first that passes the boundary, which is what the
 * exact pattern returns. Otherwise the exact pattern decides (compiled once, on first need).
 */
function stickyMatch(compiled: CompiledRules, rules: readonly Rule[], order: number, text: string, p: number): RegExpExecArray | null {
  const pattern = compiled.sticky[order] as RegExp
  pattern.lastIndex = p
  const match = pattern.exec(text)
  if (!match || !compiled.trailing[order]) return match
  const end = p + match[0].length
  const rule = rules[order] as Rule
  const word = rule.pattern.flags.includes('i') ? wordAtIU : wordAtU
  word.lastIndex = end
  if (end >= text.length || !word.test(text)) return match
  let exact = compiled.exact[order]
  if (!exact) {
    const source = compiled.index.boundary ? rule.pattern.source.slice(BOUNDARY.length) : rule.pattern.source
    exact = compiled.exact[order] = new RegExp(source, `${rule.pattern.flags.replace(/[gy]/g, '')}y`)
  }
  exact.lastIndex = p
  return exact.exec(text)
}

/**
 * Every match of every rule, as a global scan of each rule's pattern would find them (leftmost,
 * non-overlapping per rule), but each pattern is only tried where the text's first characters
 * can begin one of its matches (see `prefix-index.ts`); a rule the index cannot describe is
 * scanned over the whole text.
 */
export function scanRules(text: string, rules: readonly Rule[], found: (rule: Rule, order: number, match: RegExpExecArray) => void): void {
  const compiled = compileRules(rules)
  const { index } = compiled
  for (const order of index.unindexed) {
    const rule = rules[order] as Rule
    const pattern = globalPattern(rule)
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0] === '') {
        pattern.lastIndex++
        continue
      }
      found(rule, order, match)
    }
  }
  const nextAllowed = new Int32Array(rules.length)
  const { byKey, byAsciiKey, lengths, trigger, boundary } = index
  const onlyFull = lengths.length === 1 && lengths[0] === K
  const n = text.length
  const tryRules = (list: readonly number[], p: number): void => {
    for (const order of list) {
      if (p < (nextAllowed[order] as number)) continue
      const match = stickyMatch(compiled, rules, order, text, p)
      if (!match) continue
      if (match[0] === '') {
        nextAllowed[order] = p + 1
        continue
      }
      nextAllowed[order] = p + match[0].length
      found(rules[order] as Rule, order, match)
    }
  }
  // The trigger finds each offset (after the rules' boundary) where some key begins; the keys then say which rules to try.
  trigger.lastIndex = 0
  for (let m = trigger.exec(text); m; m = trigger.exec(text)) {
    const p = m.index
    trigger.lastIndex = p + 1
    if (boundary && p > 0 && wordBefore(text, p)) continue
    // Fast path: three ASCII characters, looked up as one number.
    if (onlyFull && p + 2 < n) {
      const c0 = text.charCodeAt(p)
      const c1 = text.charCodeAt(p + 1)
      const c2 = text.charCodeAt(p + 2)
      if (c0 < 128 && c1 < 128 && c2 < 128) {
        const list = byAsciiKey.get(asciiKey(c0, c1, c2))
        if (list) tryRules(list, p)
        continue
      }
    }
    let key = ''
    for (let j = p; j < p + K && j < n; j++) key += normaliseChar(text[j] as string)
    for (const length of lengths) {
      const list = byKey.get(length === key.length ? key : key.slice(0, length))
      if (list) tryRules(list, p)
    }
  }
}

/** A letter or digit anywhere in a string, as the rules' boundaries see it under /iu. */
const wordIU = /[\p{L}\p{N}]/iu

/** ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128).map((_, c) => ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0))

/** Does a letter or digit end right before `p` (`p` > 0)? As the rules' leading `(?<![\p{L}\p{N}])` boundary sees it under /iu (an astral character whole). */
function wordBefore(text: string, p: number): boolean {
  const code = text.charCodeAt(p - 1)
  if (code < 128) return ASCII_WORD[code] === 1
  const start = (code & 0xfc00) === 0xdc00 && p > 1 && (text.charCodeAt(p - 2) & 0xfc00) === 0xd800 ? p - 2 : p - 1
  return wordIU.test(text.slice(start, p))
}

/** The start of the mention a `mention`-anchored resolution used, to become its `ref`. */
function refOf(r: { anchor: string }, ctx: ResolveContext): { refStart?: number } {
  return r.anchor === 'mention' && ctx.used.start !== undefined ? { refStart: ctx.used.start } : {}
}

/** Month and weekday words must be capitalised ("may", "march" and "sun" are other words). */
function capitalisationOk(matched: string): boolean {
  for (const word of matched.split(/[^A-Za-z]+/)) {
    if (word === '') continue
    const key = word.toLowerCase()
    if ((key in months || key in weekdays) && word[0] !== word[0]?.toUpperCase()) return false
  }
  return true
}

function sentenceOf(sentences: readonly Span[], span: Span, text: string): Span {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid] as Span
    if (span.start < s.start) hi = mid - 1
    else if (span.start >= s.end) lo = mid + 1
    else return s
  }
  return { start: 0, end: text.length }
}

/**
 * Find every date, time, duration and set expression in `text` and give each its TIMEX3
 * value, resolved against `published` (absolute dates are kept; relative ones without a
 * publication date get `X` placeholders and anchor `none`). Returns mentions sorted by
 * start, non-overlapping (longest match wins).
 *
 * @example
 * tagTimes('Talks resumed on Monday.', { published: '2025-05-20' }) // [{ start: 17, end: 23, type: 'DATE', value: '2025-05-19', anchor: 'published' }]
 */
export function tagTimes(text: string, options: TagTimesOptions = {}): TimeMention[] {
  const rules = options.rules ?? defaultRules
  const dct = parseDay(options.published ?? undefined)
  const sentences = options.sentences ?? [{ start: 0, end: text.length }]
  const contextFor = (span: Span, previous: readonly ResolvedMention[], datedSentences: ResolveContext['datedSentences']): ResolveContext => {
    const sentence = sentenceOf(sentences, span, text)
    let tense: 'future' | 'past' | 'unknown' | undefined
    return {
      text,
      dct,
      start: span.start,
      end: span.end,
      sentence,
      previous,
      datedSentences,
      used: {},
      get future() {
        tense ??= tenseOf(text, sentence, span)
        return tense === 'future'
      },
      get past() {
        tense ??= tenseOf(text, sentence, span)
        return tense === 'past'
      },
    }
  }

  // 1. Collect candidates whose rule accepts them in isolation.
  const candidates: Candidate[] = []
  const consider = (rule: Rule, order: number, match: RegExpExecArray): void => {
    const span = { start: match.index, end: match.index + match[0].length }
    if (!capitalisationOk(match[0])) return
    if (!rule.late && !rule.contextual && rule.resolve(match, contextFor(span, [], [])) === null) return
    candidates.push({ ...span, rule, match, order })
  }
  scanRules(text, rules, consider)

  // 2. Longest match wins; ties go to the earlier rule.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start)
  const taken: Candidate[] = []
  const occupied = new Uint8Array(text.length)
  for (const c of candidates) {
    if (occupied.subarray(c.start, c.end).includes(1)) continue
    occupied.fill(1, c.start, c.end)
    taken.push(c)
  }
  taken.sort((a, b) => a.start - b.start)

  // 3. Resolve in text order (so "the next day" sees the date before it), event-anchored ones last.
  const resolved: (ResolvedMention | null)[] = taken.map(() => null)
  const previous: ResolvedMention[] = []
  taken.forEach((c, i) => {
    if (c.rule.late) return
    const ctx = contextFor(c, previous, [])
    const r = c.rule.resolve(c.match, ctx)
    if (!r) return
    const mention = { ...r, start: c.start + (r.skip ?? 0), end: r.length !== undefined ? c.start + r.length : c.end, ...refOf(r, ctx) }
    resolved[i] = mention
    previous.push(mention)
  })
  const datedSentences = previous
    .filter((m) => m.type === 'DATE' && parseDay(m.value) !== undefined)
    .map((m) => ({ value: m.value, start: m.start, sentence: sentenceOf(sentences, m, text) }))
  taken.forEach((c, i) => {
    if (!c.rule.late) return
    // `previous` is in text order: the mentions before this one are a prefix of it.
    let count = 0
    while (count < previous.length && (previous[count] as ResolvedMention).end <= c.start) count++
    const before = previous.slice(0, count)
    const ctx = contextFor(c, before, datedSentences)
    const r = c.rule.resolve(c.match, ctx)
    if (r) resolved[i] = { ...r, start: c.start, end: r.length !== undefined ? c.start + r.length : c.end, ...refOf(r, ctx) }
  })

  // "Monday, Oct. 26": one expression; the weekday already carries the date's value.
  for (let i = 0; i + 1 < resolved.length; i++) {
    const a = resolved[i]
    const b = resolved[i + 1]
    // "Wednesday evening June 18": the weekday's part of day stays in the value (2014-06-18TEV).
    if (!a || !b || taken[i]?.rule.name !== 'weekday' || !/^\d{4}-\d{2}-\d{2}$/.test(b.value) || (a.value !== b.value && !a.value.startsWith(`${b.value}T`))) continue
    if (!/^,?\s?$/.test(text.slice(a.end, b.start))) continue
    resolved[i] = { ...b, start: a.start, type: a.type, value: a.value }
    resolved[i + 1] = null
  }

  const kept = resolved.filter((m): m is ResolvedMention & { refStart?: number } => m !== null)
  const indexByStart = new Map(kept.map((m, i) => [m.start, i]))
  return kept.map((m) => {
    const item: { -readonly [K in keyof TimeMention]: TimeMention[K] } = { start: m.start, end: m.end, type: m.type, value: m.value, anchor: m.anchor }
    if (m.mod !== undefined) item.mod = m.mod
    const ref = m.refStart !== undefined ? indexByStart.get(m.refStart) : undefined
    if (ref !== undefined) item.ref = ref
    return item
  })
}
