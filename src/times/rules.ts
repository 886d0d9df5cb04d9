/** @module times/rules — patterns of English time expressions and how each is normalised to TIMEX3. */
import type { TimeType } from '../document/layers.js'
import {
  addDays, addMonths, compareDays, daysBetween, formatDay, formatWeek, formatYear, isValidDay, nthWeekday,
  pad, parseDay, quarterOf, weekday, type Day,
} from './calendar.js'
import {
  monthOf, monthSource, numberSource, ordinals, parseNumber, partsOfDay, seasons, unitCodes, unitOf, unitSource,
  weekdayOf, weekdaySource,
} from './lexicon.js'

/** A normalised time expression, before it becomes a layer item. */
export interface Resolution {
  readonly type: TimeType
  readonly value: string
  readonly anchor: 'published' | 'mention' | 'absolute' | 'none'
  /** TIMEX3 `mod` (BEFORE, AFTER, START, MID, END, APPROX, MORE_THAN, LESS_THAN …). */
  readonly mod?: string
  /** Length of the emitted span when shorter than the match (the match also read its anchor). */
  readonly length?: number
  /** Characters to drop from the start of the match ("the" of "the two-hour call" belongs to the noun phrase). */
  readonly skip?: number
  /** Derived from another mention ("a year earlier" from "the third quarter"); not itself a reference point. */
  readonly derived?: boolean
}

/** An already resolved mention, as later rules see it. */
export interface ResolvedMention extends Resolution {
  readonly start: number
  readonly end: number
  /** Start of the mention this one was anchored on. */
  readonly refStart?: number
}

/** What a rule's `resolve` sees besides its match. */
export interface ResolveContext {
  readonly text: string
  /** Document creation time (publication date), if known. */
  readonly dct: Day | undefined
  readonly start: number
  readonly end: number
  /** The sentence around the mention. */
  readonly sentence: { readonly start: number; readonly end: number }
  /** Mentions resolved so far, in text order (for anchoring on "the day before" etc.). */
  readonly previous: readonly ResolvedMention[]
  /** Every day-precise mention of the document with its sentence, for event-anchored expressions. */
  readonly datedSentences: readonly { readonly value: string; readonly sentence: { readonly start: number; readonly end: number }; readonly start: number }[]
  /** Tense of the clause around the mention: does it talk about the future? */
  readonly future: boolean
  /** Does the clause around the mention clearly talk about the past? */
  readonly past: boolean
  /** Set by the rule: the start of the mention it anchored on, if any. */
  readonly used: { start?: number }
}

/** A pattern with its normaliser. */
export interface Rule {
  readonly name: string
  readonly pattern: RegExp
  /** Resolved after all other mentions (it anchors on them). */
  readonly late?: boolean
  /** Needs earlier mentions to resolve: kept as a candidate even when it cannot resolve alone. */
  readonly contextual?: boolean
  resolve(match: RegExpExecArray, ctx: ResolveContext): Resolution | null
}

const L = '(?<![\\p{L}\\p{N}])'
const R = '(?![\\p{L}\\p{N}])'
function re(source: string): RegExp {
  return new RegExp(`${L}${source}${R}`, 'giu')
}

const NUM = numberSource
const UNIT = unitSource
const MONTH = monthSource
const WEEKDAY = weekdaySource
const DAYNUM = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?'
const YEAR4 = '(?:1[6-9]\\d\\d|20\\d\\d)'
const PART = '(?:morning|afternoon|evening|night|mid-afternoon|midday)'
const SEASON = '(?:spring|summer|fall|autumn|winter)'
const MODPRE = '(?:(?:early|late|mid|middle)[- ](?:in )?|(?:the )?(?:end|beginning|start|middle|close|turn) of (?:the )?)'
// "only", "just", "barely" and "a mere" stay outside the TIMEX3 span (TBAQ: "only [five hours]"); they carry no mod.
const APPROX = '(?:(?:more|less|fewer) than|about|around|nearly|almost|at least|at most|some|roughly|approximately|up to|under|over|a full|well over|close to|upwards of)'

function modOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  const s = raw.toLowerCase()
  if (/early|beginning|start/.test(s)) return 'START'
  if (/late|end|close/.test(s)) return 'END'
  if (/mid/.test(s)) return 'MID'
  if (/more than|over|at least|upwards|well over/.test(s)) return s.includes('at least') ? 'EQUAL_OR_MORE' : 'MORE_THAN'
  if (/less than|fewer than|under|up to|at most/.test(s)) return s.includes('up to') || s.includes('at most') ? 'EQUAL_OR_LESS' : 'LESS_THAN'
  if (/about|around|nearly|almost|some|roughly|approximately|close to/.test(s)) return 'APPROX'
  return undefined
}

function withMod(r: Resolution, mod: string | undefined): Resolution {
  return mod ? { ...r, mod } : r
}

const none = (value: string, type: TimeType = 'DATE'): Resolution => ({ type, value, anchor: 'none' })
const published = (value: string, type: TimeType = 'DATE'): Resolution => ({ type, value, anchor: 'published' })
const absolute = (value: string, type: TimeType = 'DATE'): Resolution => ({ type, value, anchor: 'absolute' })

function expandYear(raw: string): number {
  const n = Number(raw.replace(/^'/, ''))
  if (raw.length >= 4) return n
  return n < 50 ? 2000 + n : 1900 + n
}

const AHEAD = 2

/** The year in which month `m` (day `d`) lies closest to the DCT. */
function closestYear(dct: Day, m: number, d: number, future: boolean, dayPrecise: boolean, past = false): number {
  if (!dayPrecise) {
    // Month names alone: the occurrence nearest the DCT, unless the clause's tense says which side.
    // News mostly reports the recent past: without a future clause, a later month is last year's.
    if (future) return m < dct.m - 1 ? dct.y + 1 : dct.y
    // With no tense cue, a month up to AHEAD months on is the coming one ("the summit in April", DCT December).
    const ahead = (m - dct.m + 12) % 12
    if (!past && ahead >= 1 && ahead <= AHEAD) return m > dct.m ? dct.y : dct.y + 1
    return m > dct.m + (past ? 0 : 1) ? dct.y - 1 : dct.y
  }
  let best = dct.y
  let bestDistance = Infinity
  for (const y of [dct.y - 1, dct.y, dct.y + 1]) {
    const day = { y, m, d: Math.min(d, 28) }
    const distance = Math.abs((day.y - dct.y) * 372 + (day.m - dct.m) * 31 + (day.d - dct.d))
    if (distance < bestDistance) {
      best = y
      bestDistance = distance
    }
  }
  return best
}

function dayValue(y: number | undefined, m: number, d: number): string {
  return `${y === undefined ? 'XXXX' : formatYear(y)}-${pad(m)}-${pad(d)}`
}

/** Resolve a weekday relative to the DCT: the same day, else the previous one (or the next in future clauses). */
function resolveWeekday(dct: Day, wd: number, shift: 'last' | 'next' | 'this' | undefined, future: boolean): Day {
  const current = weekday(dct)
  if (shift === 'next') return addDays(dct, (wd - current + 7) % 7 || 7)
  if (shift === 'last') return addDays(dct, -(((current - wd + 7) % 7) || 7))
  if (wd === current) return dct
  if (future || shift === 'this') {
    const ahead = (wd - current + 7) % 7
    if (shift === 'this' && !future) return addDays(dct, ahead <= 3 ? ahead : ahead - 7)
    return addDays(dct, ahead)
  }
  return addDays(dct, -((current - wd + 7) % 7))
}

function seasonYear(dct: Day, code: string, shift: string): number {
  const order: Record<string, number> = { SP: 1, SU: 2, FA: 3, WI: 4 }
  const current = dct.m <= 2 ? 4 : dct.m <= 5 ? 1 : dct.m <= 8 ? 2 : dct.m <= 11 ? 3 : 4
  const currentYear = dct.m <= 2 ? dct.y - 1 : dct.y
  const target = order[code] ?? 1
  if (shift === 'last') return target < current ? currentYear : currentYear - 1
  if (shift === 'next') return target > current ? currentYear : currentYear + 1
  return currentYear
}

function durationValue(n: number | 'X', unit: string): string {
  const info = unitCodes[unitOf(unit)]
  if (!info) return 'PX'
  if (info.code === 'WE') return n === 'X' ? 'PXWE' : `P${n}WE`
  const amount = n === 'X' ? 'X' : Math.round(n * info.factor * 1000) / 1000
  // TimeML writes fractions in the next smaller unit: 2 1/2 years is P2Y6M, 5 1/2 hours PT5H30M.
  if (typeof amount === 'number' && !Number.isInteger(amount)) {
    const smaller = fractionUnits[`${info.time ? 'T' : ''}${info.code}`]
    const rest = smaller ? Math.round((amount - Math.floor(amount)) * smaller.factor * 1000) / 1000 : 0
    if (smaller && Number.isInteger(rest)) {
      const whole = Math.floor(amount)
      const head = whole > 0 ? `${whole}${info.code}` : ''
      if (info.time) return `PT${head}${rest}${smaller.code}`
      return smaller.time ? `P${head}T${rest}${smaller.code}` : `P${head}${rest}${smaller.code}`
    }
  }
  return `P${info.time ? 'T' : ''}${amount}${info.code}`
}

/** The unit a fraction of a unit is written in, and how many of it make the unit. */
const fractionUnits: Readonly<Record<string, { code: string; factor: number; time: boolean }>> = {
  Y: { code: 'M', factor: 12, time: false },
  W: { code: 'D', factor: 7, time: false },
  D: { code: 'H', factor: 24, time: true },
  TH: { code: 'M', factor: 60, time: true },
  TM: { code: 'S', factor: 60, time: true },
}

/** Shift a day by `n` units and format it at the unit's granularity. */
function shifted(base: Day, n: number, unit: string, granularityOf = unit): string | undefined {
  const u = unitOf(unit)
  const g = unitOf(granularityOf)
  let day: Day
  switch (u) {
    case 'day': case 'night': day = addDays(base, n); break
    case 'week': case 'weekend': day = addDays(base, n * 7); break
    case 'fortnight': day = addDays(base, n * 14); break
    case 'month': day = addMonths(base, n); break
    case 'quarter': day = addMonths(base, n * 3); break
    case 'year': day = addMonths(base, n * 12); break
    case 'decade': day = addMonths(base, n * 120); break
    case 'century': day = addMonths(base, n * 1200); break
    default: return undefined
  }
  switch (g) {
    case 'day': case 'night': return formatDay(day)
    case 'week': case 'fortnight': return formatWeek(day)
    case 'weekend': return `${formatWeek(day)}-WE`
    case 'month': return `${formatYear(day.y)}-${pad(day.m)}`
    case 'quarter': return `${formatYear(day.y)}-Q${quarterOf(day.m)}`
    case 'year': return formatYear(day.y)
    case 'decade': return formatYear(day.y).slice(0, 3)
    case 'century': return formatYear(day.y).slice(0, 2)
    default: return undefined
  }
}

/** The most recent quarter mentioned within the last few sentences (business news: "a year ago" means that quarter). */
function recentQuarter(ctx: ResolveContext): string | undefined {
  for (let i = ctx.previous.length - 1; i >= 0; i--) {
    const p = ctx.previous[i] as ResolvedMention
    if (ctx.start - p.end > 600) break
    // Reported results are the reference: a quarter not yet over at the DCT ("the third quarter of 1990", or the DCT's own) is not.
    if (/^\d{4}-Q\d$/.test(p.value) && !p.derived && !(ctx.dct && p.value >= `${formatYear(ctx.dct.y)}-Q${quarterOf(ctx.dct.m)}`)) {
      ctx.used.start = p.start
      return p.value
    }
  }
  return undefined
}

/** "the quarter ended Sept. 30": the (calendar) quarter holding most of the three months to that day. */
function endedQuarter(ctx: ResolveContext): string | undefined {
  const m = /^,?\s+(?:ended|ending|that ended|which ended|through)\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.?\s+\d{1,2}(?:,?\s+(\d{4}))?/.exec(ctx.text.slice(ctx.end, ctx.end + 40))
  if (!m) return undefined
  const month = monthOf(m[1] as string)
  let y = m[2] ? Number(m[2]) : ctx.dct?.y
  if (y === undefined || !month) return undefined
  if (!m[2] && ctx.dct && month > ctx.dct.m) y -= 1
  const middle = month === 1 ? 12 : month - 1
  return `${formatYear(month === 1 ? y - 1 : y)}-Q${quarterOf(middle)}`
}

/** The latest earlier calendar mention precise enough for `unit` ("that day" needs a day, "that year" any date). */
function previousCalendar(ctx: ResolveContext, unit: string): Day | undefined {
  for (let i = ctx.previous.length - 1; i >= 0; i--) {
    const p = ctx.previous[i] as ResolvedMention
    if (p.type === 'DURATION' || p.type === 'SET') continue
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(p.value)
    if (!match) continue
    const precision = match[3] ? 'day' : match[2] ? 'month' : 'year'
    if ((unit === 'day' || unit === 'week') && precision !== 'day') return undefined
    if (unit === 'month' && precision === 'year') return undefined
    ctx.used.start = p.start
    return { y: Number(match[1]), m: match[2] ? Number(match[2]) : 1, d: match[3] ? Number(match[3]) : 1 }
  }
  return undefined
}

/** The latest earlier mention that names a year (for "that year"). */
function previousYear(ctx: ResolveContext): Day | undefined {
  for (let i = ctx.previous.length - 1; i >= 0; i--) {
    const p = ctx.previous[i] as ResolvedMention
    if (p.type === 'DURATION' || p.type === 'SET') continue
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(p.value)
    if (match) {
      ctx.used.start = p.start
      return { y: Number(match[1]), m: match[2] ? Number(match[2]) : 1, d: match[3] ? Number(match[3]) : 1 }
    }
  }
  return undefined
}

/** The latest earlier mention that names a day (or, failing that, any calendar date), for "the next day". */
function previousDay(ctx: ResolveContext): Day | undefined {
  for (let i = ctx.previous.length - 1; i >= 0; i--) {
    const p = ctx.previous[i] as ResolvedMention
    if (p.type !== 'DATE' && p.type !== 'TIME') continue
    const day = parseDay(p.value)
    if (day) {
      ctx.used.start = p.start
      return day
    }
  }
  return undefined
}

function relativeToDct(ctx: ResolveContext, f: (dct: Day) => string | undefined, placeholder: string, type: TimeType = 'DATE'): Resolution | null {
  if (!ctx.dct) return none(placeholder, type)
  const value = f(ctx.dct)
  return value === undefined ? null : published(value, type)
}

function lower(s: string | undefined): string {
  return (s ?? '').toLowerCase()
}

function shiftWord(s: string | undefined): 'last' | 'next' | 'this' | undefined {
  const w = lower(s)
  if (w === 'last' || w === 'past' || w === 'previous') return 'last'
  if (w === 'next' || w === 'coming' || w === 'following') return 'next'
  if (w === 'this' || w === 'current') return 'this'
  return undefined
}

function clock(hourRaw: string, minuteRaw: string | undefined, meridiem: string | undefined): string | undefined {
  let h = Number(hourRaw)
  const min = minuteRaw === undefined ? 0 : Number(minuteRaw)
  if (h > 24 || min > 59) return undefined
  const ap = lower(meridiem).replace(/\./g, '')
  if (ap.startsWith('p') && h < 12) h += 12
  if (ap.startsWith('a') && h === 12) h = 0
  return `T${pad(h)}:${pad(min)}`
}

function easter(y: number): Day {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 }
}

const holidays: Readonly<Record<string, (y: number) => Day>> = {
  'christmas eve': (y) => ({ y, m: 12, d: 24 }),
  'christmas day': (y) => ({ y, m: 12, d: 25 }),
  christmas: (y) => ({ y, m: 12, d: 25 }),
  "new year's eve": (y) => ({ y, m: 12, d: 31 }),
  "new year's day": (y) => ({ y, m: 1, d: 1 }),
  'thanksgiving day': (y) => nthWeekday(y, 11, 4, 4),
  thanksgiving: (y) => nthWeekday(y, 11, 4, 4),
  'independence day': (y) => ({ y, m: 7, d: 4 }),
  'fourth of july': (y) => ({ y, m: 7, d: 4 }),
  halloween: (y) => ({ y, m: 10, d: 31 }),
  "valentine's day": (y) => ({ y, m: 2, d: 14 }),
  'memorial day': (y) => addDays(nthWeekday(y, 6, 1, 1), -7),
  'labor day': (y) => nthWeekday(y, 9, 1, 1),
  'easter sunday': easter,
  easter,
  "april fools' day": (y) => ({ y, m: 4, d: 1 }),
  "april fools'": (y) => ({ y, m: 4, d: 1 }),
  // United States: the Tuesday after the first Monday in November.
  'election day': (y) => addDays(nthWeekday(y, 11, 1, 1), 1),
}

/** Holidays that name a week: the (ISO) week ending on the holiday ("Easter week", the week before Easter Sunday). */
const holidayWeeks: Readonly<Record<string, string>> = { 'easter week': 'easter', 'holy week': 'easter' }

const stemPatterns = new Map<string, RegExp>()

/** The word `stem` with an inflection ("call" → calls, called, calling), compiled once per stem (a bounded cache). */
function stemPattern(stem: string): RegExp {
  let word = stemPatterns.get(stem)
  if (!word) {
    if (stemPatterns.size >= 1000) stemPatterns.clear()
    word = new RegExp(`(?<![\\p{L}])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:s|es|ed|ing)?(?![\\p{L}])`, 'iu')
    stemPatterns.set(stem, word)
  }
  return word
}

/** Event-anchored: the date of the sentence elsewhere in the text that mentions the same happening. */
function eventDate(ctx: ResolveContext, head: string): Day | undefined {
  const stem = head.toLowerCase().replace(/(?:'s|’s)$/, '').replace(/(?:es|s)$/, '')
  if (stem.length < 3) return undefined
  const word = stemPattern(stem)
  let best: { day: Day; distance: number; start: number } | undefined
  for (const dated of ctx.datedSentences) {
    if (dated.sentence.start === ctx.sentence.start) continue
    const day = parseDay(dated.value)
    if (!day) continue
    if (!word.test(ctx.text.slice(dated.sentence.start, dated.sentence.end))) continue
    const distance = Math.abs(dated.start - ctx.start)
    if (!best || distance < best.distance) best = { day, distance, start: dated.start }
  }
  if (best) ctx.used.start = best.start
  return best?.day
}

/** "(0735 GMT) Friday" after a clock time: the day it names. */
const dayAfterParenthesis = new RegExp(`^\\s*\\([^()]{1,25}\\)\\s*(?:on\\s+)?(${WEEKDAY}|today|yesterday|tomorrow)(?![\\p{L}])`, 'u')
/** "4 in the morning (4 a.m. EDT Thursday)": the parenthesis restating the time ends with its day. */
const dayInParenthesis = new RegExp(`^\\s*\\([^()]{0,25}\\b(${WEEKDAY})\\)`, 'u')

/**
 * "USA Today", "Russia Today", "NBC's Today show", "Apocalypse Now", "Democracy Now!", "Last Week Tonight": a capitalised
 * "Today", "Now" or "Tonight" right after a capitalised word on the same line ends a name, unless a capitalised word
 * follows (a title-case headline: "Donald Trump Is Now Being Held Up").
 */
function endsName(ctx: ResolveContext): boolean {
  const word = ctx.text.slice(ctx.start, ctx.end)
  if (!/^\p{Lu}/u.test(word)) return false
  // The word before: capitalised, ending in a letter (not a sentence's last word: "Election Day. Now they …").
  if (!/(?:^|[^\p{L}])\p{Lu}[\p{L}.]*\p{L}(?:['’]s)? $/u.test(ctx.text.slice(Math.max(0, ctx.start - 24), ctx.start))) return false
  return !/^ \p{Lu}/u.test(ctx.text.slice(ctx.end, ctx.end + 2))
}

/** Words of a game's report, where "the second quarter" is a quarter of the game. */
const sportsCue = /\b(?:touchdowns?|yards?|field goal|interceptions?|halftime|punt(?:ed)?|fumbled?|quarterback|rebounds?|free throws?|dunk|overtime|red zone|tied the game|unanswered points)\b/i

/** Words of business reporting, where "the first half" is a half year. */
const halfYearCue = /\b(?:profits?|earnings|sales|revenues?|results|loss(?:es)?|income|growth|economy|GDP|quarters?|fiscal|shares?|dividends?)\b/i

/** The built-in English rules, in priority order for equally long matches. */
export const rules: readonly Rule[] = [
  {
    name: 'iso-datetime',
    pattern: re('(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?(?:Z|[+-]\\d{2}:?\\d{2})?)?'),
    resolve(m) {
      const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3])
      if (!isValidDay(y, mo, d)) return null
      const date = dayValue(y, mo, d)
      return m[4] ? absolute(`${date}T${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}`, 'TIME') : absolute(date)
    },
  },
  {
    name: 'numeric-date',
    pattern: re('(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4}|\\d{2})(?:\\s+(\\d{2}):?(\\d{2})(?::(\\d{2}))?(?:\\s*(?:[AECMP][SD]T|GMT|UTC))?)?'),
    resolve(m) {
      const mo = Number(m[1]), d = Number(m[2]), y = expandYear(m[3] as string)
      if (!isValidDay(y, mo, d)) return null
      const date = dayValue(y, mo, d)
      return m[4] ? absolute(`${date}T${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}`, 'TIME') : absolute(date)
    },
  },
  {
    name: 'month-day-year',
    pattern: re(`(${MODPRE})?(${MONTH}) (${DAYNUM})(?:(?:,|\\s)\\s*('\\d\\d|${YEAR4}))?`),
    resolve(m, ctx) {
      const mo = monthOf(m[2] as string), d = parseInt(m[3] as string, 10)
      if (m[4]) {
        const y = expandYear(m[4])
        return isValidDay(y, mo, d) ? withMod(absolute(dayValue(y, mo, d)), modOf(m[1])) : null
      }
      if (!ctx.dct) return none(dayValue(undefined, mo, d))
      let y = closestYear(ctx.dct, mo, d, ctx.future, true)
      // A past clause ("the year ended March 31") cannot name a day after the DCT, a future one a day before.
      // Only when the nearest reading is months away: "payable Dec. 15, it said" is still this December.
      // News reports the past: without a future cue, a day more than two months after the DCT is last year's.
      if (!ctx.future && compareDays({ y, m: mo, d }, ctx.dct) > 0 && monthsApart(ctx.dct, mo, y) > 2) y -= 1
      else if (ctx.future && compareDays({ y, m: mo, d }, ctx.dct) < 0 && monthsApart(ctx.dct, mo, y) > 2) y += 1
      return isValidDay(y, mo, d) ? withMod(published(dayValue(y, mo, d)), modOf(m[1])) : null
    },
  },
  {
    name: 'day-month-year',
    pattern: re(`(?:the )?(${DAYNUM}) (?:of )?(${MONTH})(?:,? ('\\d\\d|${YEAR4}))?`),
    resolve(m, ctx) {
      const mo = monthOf(m[2] as string), d = parseInt(m[1] as string, 10)
      if (m[3]) {
        const y = expandYear(m[3])
        return isValidDay(y, mo, d) ? absolute(dayValue(y, mo, d)) : null
      }
      if (!/^[A-Z]/.test(m[2] as string) || (m[2] as string).length < 3) return null
      if (!ctx.dct) return none(dayValue(undefined, mo, d))
      const y = closestYear(ctx.dct, mo, d, ctx.future, true)
      return isValidDay(y, mo, d) ? published(dayValue(y, mo, d)) : null
    },
  },
  {
    name: 'month-year',
    pattern: re(`(${MODPRE})?(${MONTH}),? (?:of )?(${YEAR4})`),
    resolve(m) {
      return withMod(absolute(`${m[3]}-${pad(monthOf(m[2] as string))}`), modOf(m[1]))
    },
  },
  {
    name: 'month',
    pattern: re(`(${MODPRE})?(?:(last|next|this|past|coming) )?(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.)(?:,? (?:of )?(this|last|next) year)?`),
    resolve(m, ctx) {
      const raw = m[3] as string
      // "last Oct. 23": the day belongs to the date ("Oct. 23", another rule), not dropped here.
      if (!m[4] && /^\s*\d{1,2}(?!\d)/.test(ctx.text.slice(ctx.end, ctx.end + 4))) return null
      if (m[4]) {
        if (!ctx.dct) return none(`XXXX-${pad(monthOf(raw))}`)
        const y = ctx.dct.y + (lower(m[4]) === 'last' ? -1 : lower(m[4]) === 'next' ? 1 : 0)
        return withMod(published(`${formatYear(y)}-${pad(monthOf(raw))}`), modOf(m[1]))
      }
      const mo = monthOf(raw)
      // "May" and "March" are also verbs/nouns: take them alone only after a preposition or modifier.
      if ((raw === 'May' || raw === 'March') && !m[1] && !m[2]) {
        const before = ctx.text.slice(Math.max(0, ctx.start - 12), ctx.start)
        if (!/\b(?:in|of|since|until|till|by|during|through|from|to|early|late|mid|last|next|this|and|or|before|after)\s+$/i.test(before)) return null
      }
      const shift = shiftWord(m[2])
      if (!ctx.dct) return none(`XXXX-${pad(mo)}`)
      let y: number
      if (shift === 'last') y = mo < ctx.dct.m ? ctx.dct.y : ctx.dct.y - 1
      else if (shift === 'next') y = mo > ctx.dct.m ? ctx.dct.y : ctx.dct.y + 1
      else if (shift === 'this') y = ctx.dct.y
      else y = closestYear(ctx.dct, mo, 1, ctx.future, false, ctx.past)
      return withMod(published(`${formatYear(y)}-${pad(mo)}`), modOf(m[1]))
    },
  },
  {
    name: 'season',
    pattern: re(`(${MODPRE})?(?:(last|next|this|past|coming) )?(${SEASON})(?:,? (?:of )?(${YEAR4}))?`),
    resolve(m, ctx) {
      const code = seasons[lower(m[3])] as string
      if (m[4]) return withMod(absolute(`${m[4]}-${code}`), modOf(m[1]))
      const shift = lower(m[2])
      if (!shift) return null
      if (!ctx.dct) return none(`XXXX-${code}`)
      const s = shift === 'past' ? 'last' : shift === 'coming' ? 'next' : shift
      return withMod(published(`${formatYear(seasonYear(ctx.dct, code, s))}-${code}`), modOf(m[1]))
    },
  },
  {
    name: 'year',
    pattern: re(`(${MODPRE})?(?:(?:fiscal|calendar|the year|fiscal year|model year) )?(${YEAR4})(?![-–/]\\d|[.,]\\d|%| percent|-(?:year|month|day|hour))`),
    resolve(m, ctx) {
      const before = ctx.text.slice(Math.max(0, ctx.start - 2), ctx.start)
      if (/[$€£#]\s?$|\d[,.]?$/.test(before)) return null
      const after = ctx.text.slice(ctx.end, ctx.end + 24)
      // A number with a unit or a count noun after it is not a year ("1,500 people" is excluded above; "2000 troops" here).
      if (/^\s+(?:people|troops|soldiers|workers|employees|shares|tons|barrels|miles|feet|meters|acres|units|cars|jobs|members|points|students|votes|dollars|yen|marks)\b/i.test(after)) return null
      return withMod(absolute(m[2] as string), modOf(m[1]))
    },
  },
  {
    name: 'year-range',
    pattern: re(`(${YEAR4})[-–/](\\d{2}|${YEAR4})(?![\\d%])`),
    resolve(m) {
      const a = Number(m[1])
      const b = (m[2] as string).length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2])
      if (b <= a || b - a > 10) return null
      return { type: 'DURATION', value: `P${b - a}Y`, anchor: 'absolute' }
    },
  },
  {
    name: 'decade',
    pattern: re(`(?:the )?(${MODPRE})?(?:the )?(?:(1[6-9]|20)(\\d)0's|(1[6-9]|20)(\\d)0s|'(\\d)0s)`),
    resolve(m) {
      const value = m[2] ? `${m[2]}${m[3]}` : m[4] ? `${m[4]}${m[5]}` : `19${m[6]}`
      return withMod(absolute(value), modOf(m[1]))
    },
  },
  {
    name: 'century',
    pattern: re(`(${MODPRE})?(?:the )?(\\d{2})(?:st|nd|rd|th)[- ]century`),
    resolve(m) {
      return withMod(absolute(pad(Number(m[2]) - 1)), modOf(m[1]))
    },
  },
  {
    name: 'quarter',
    pattern: re(`(?:the )?(?:(?:fiscal|calendar|latest|current|previous|preceding|comparable|same) )?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[- ](?:fiscal[- ])?quarter(?:,? (?:of )?(?:fiscal )?(?:(${YEAR4})|(this|last|next) year))?`),
    resolve(m, ctx) {
      const raw = lower(m[1])
      const q = ordinals[raw] ?? 4
      // A game's quarter ("a touchdown in the second quarter") is no quarter of the year.
      if (!m[2] && !m[3] && sportsCue.test(ctx.text.slice(ctx.sentence.start, ctx.sentence.end))) return null
      // In "the third-quarter results" the article belongs to the noun the adjective qualifies.
      const skip = /^the /i.test(m[0]) && /[- ]?quarter$/i.test(m[0]) && /-(?:fiscal-)?quarter$/i.test(m[0]) && !m[2] && !m[3] ? 4 : undefined
      if (skip) {
        if (!ctx.dct) return { ...none(`XXXX-Q${q}`), skip }
        return { ...published(`${formatYear(ctx.dct.y)}-Q${q}`), skip }
      }
      if (m[2]) return absolute(`${m[2]}-Q${q}`)
      if (!ctx.dct) return none(`XXXX-Q${q}`)
      // Business news names quarters of the DCT's year ("the third quarter" in an October 1989 report).
      const y = ctx.dct.y + (lower(m[3]) === 'last' ? -1 : lower(m[3]) === 'next' ? 1 : 0)
      return published(`${formatYear(y)}-Q${q}`)
    },
  },
  {
    name: 'year-quarter',
    pattern: re(`(?:the )?(${YEAR4}) (?:(first|second|third|fourth|1st|2nd|3rd|4th)[- ])?(?:fiscal )?(quarter|period)`),
    resolve(m, ctx) {
      const ord = m[2] ? ordinals[lower(m[2])] : undefined
      const recent = recentQuarter(ctx)
      const q = ord ?? (recent ? Number(recent.split('-Q')[1]) : ctx.dct ? quarterOf(addMonths(ctx.dct, -3).m) : undefined)
      if (q === undefined) return absolute(`${m[1]}-QX`)
      return { type: 'DATE', value: `${m[1]}-Q${q}`, anchor: ord ? 'absolute' : 'mention', derived: true }
    },
  },
  {
    name: 'year-possessive-quarter',
    pattern: re(`(this|last|next) year's (?:(first|second|third|fourth|1st|2nd|3rd|4th|final|comparable|corresponding|same) )?(quarter|period|half)`),
    resolve(m, ctx) {
      if (!ctx.dct) return none('XXXX-QX')
      const y = ctx.dct.y + (lower(m[1]) === 'last' ? -1 : lower(m[1]) === 'next' ? 1 : 0)
      const ord = m[2] ? ordinals[lower(m[2])] : undefined
      if (lower(m[3]) === 'half') return published(`${formatYear(y)}-H${ord === 2 ? 2 : 1}`)
      const recent = recentQuarter(ctx)
      const q = ord ?? (recent ? Number(recent.split('-Q')[1]) : quarterOf(addMonths(ctx.dct, -3).m))
      return { type: 'DATE', value: `${formatYear(y)}-Q${q}`, anchor: 'published', derived: ord === undefined }
    },
  },
  {
    name: 'quarter-year-ago',
    pattern: re('(?:the )?(quarter|period) (?:a year (?:ago|earlier)|last year)'),
    resolve(_m, ctx) {
      const recent = recentQuarter(ctx) ?? (ctx.dct ? shifted(ctx.dct, -1, 'quarter') : undefined)
      if (!recent) return none('XXXX-QX')
      const [y, q] = recent.split('-Q').map(Number) as [number, number]
      return { type: 'DATE', value: `${formatYear(y - 1)}-Q${q}`, anchor: 'mention', derived: true }
    },
  },
  {
    name: 'half',
    pattern: re(`(?:the )?(first|second|last|latter) (?:half|(two quarters))(?: of (?:(${YEAR4})|(this|last|next) year|the year))?`),
    resolve(m, ctx) {
      const h = lower(m[1]) === 'first' ? 1 : 2
      // "the first two quarters of 1990" is its first half; without a year it is rather a length ("the last two quarters").
      if (m[2] && (lower(m[1]) === 'second' || !/ of /i.test(m[0]))) return null
      if (m[3]) return absolute(`${m[3]}-H${h}`)
      // "the last half" alone is rather a stretch of something else ("the last half of the game").
      if (lower(m[1]) === 'last' || lower(m[1]) === 'latter') {
        if (!m[4] && !/of the year$/i.test(m[0])) return null
      }
      // With no year, "the first half" is a half year only in business news ("profit for the first half"); elsewhere it is
      // half of a game or of something named next ("scored in the second half", "the first half of July").
      if (!m[4] && !/of the year$/i.test(m[0])) {
        if (/^\s+of\b/i.test(ctx.text.slice(ctx.end, ctx.end + 4))) return null
        if (!halfYearCue.test(ctx.text.slice(ctx.sentence.start, ctx.sentence.end))) return null
      }
      if (!ctx.dct) return none(`XXXX-H${h}`)
      const y = ctx.dct.y + (lower(m[4]) === 'last' ? -1 : lower(m[4]) === 'next' ? 1 : 0)
      return published(`${formatYear(y)}-H${h}`)
    },
  },
  {
    name: 'the-quarter',
    pattern: re('(?:the )?(?:(latest|current|most recent|recent|past|year-earlier|year-ago|comparable|same|previous|prior|year-before|comparable year-ago|comparable year-earlier) )?(?:third |fourth |first |second )?(?:fiscal )?(quarter|period)'),
    resolve(m, ctx) {
      const kind = lower(m[1])
      const noun = lower(m[2])
      const whole = lower(m[0])
      // "the quarter-to-quarter comparison" is an adjective.
      if (/^-/.test(ctx.text.slice(ctx.end, ctx.end + 1))) return null
      if (noun === 'period' && !/year-(?:earlier|ago|before)|latest|most recent/.test(kind)) return null
      if (!whole.startsWith('the') && !kind) return null
      if (noun === 'quarter' && !kind && /^the quarter$/.test(whole) === false) return null
      const ended = endedQuarter(ctx)
      const recent = ended ?? recentQuarter(ctx)
      // Without a quarter named before, "the quarter" of a results story is the last completed one.
      const base = recent ?? (ctx.dct ? shifted(ctx.dct, -1, 'quarter') : undefined)
      if (!base) return none('XXXX-QX')
      const [y, q] = base.split('-Q').map(Number) as [number, number]
      if (/year-(?:earlier|ago|before)/.test(kind)) return { type: 'DATE', value: `${formatYear(y - 1)}-Q${q}`, anchor: recent ? 'mention' : 'published', derived: true }
      if (kind === 'previous' || kind === 'prior') return { type: 'DATE', value: q === 1 ? `${formatYear(y - 1)}-Q4` : `${formatYear(y)}-Q${q - 1}`, anchor: recent ? 'mention' : 'published', derived: true }
      if (kind === 'current') return ctx.dct ? published(`${formatYear(ctx.dct.y)}-Q${quarterOf(ctx.dct.m)}`) : none('XXXX-QX')
      return { type: 'DATE', value: base, anchor: recent ? 'mention' : 'published' }
    },
  },
  {
    name: 'year-earlier-adjective',
    pattern: re('(?:year-earlier|year-ago|a year earlier|a year ago)'),
    resolve(m, ctx) {
      const recent = recentQuarter(ctx)
      if (recent) {
        const [y, q] = recent.split('-Q').map(Number) as [number, number]
        return { type: 'DATE', value: `${formatYear(y - 1)}-Q${q}`, anchor: 'mention', derived: true }
      }
      if (/earlier/i.test(m[0])) {
        const prev = previousDay(ctx)
        if (prev && ctx.previous.length > 0) return { type: 'DATE', value: formatYear(prev.y - 1), anchor: 'mention' }
      }
      return relativeToDct(ctx, (dct) => formatYear(dct.y - 1), 'XXXX')
    },
  },
  {
    name: 'relative-day',
    pattern: re(`(?:(?:${PART}|early|late|later|earlier) )?(today|yesterday|tomorrow|tonight|the day before yesterday|the day after tomorrow)(?:(?:'s)? (${PART}))?`),
    resolve(m, ctx) {
      const word = lower(m[1])
      const offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : word === 'the day before yesterday' ? -2 : word === 'the day after tomorrow' ? 2 : 0
      const partWord = m[2] ?? /^(morning|afternoon|evening|night|mid-afternoon|midday)/i.exec(m[0])?.[1]
      const part = word === 'tonight' ? 'NI' : partWord ? partsOfDay[lower(partWord)] : undefined
      const type: TimeType = part ? 'TIME' : 'DATE'
      if (m[0].endsWith("'s") || m[0].endsWith('’s')) return null
      if ((word === 'today' || word === 'tonight') && m[0].length === m[1]?.length && endsName(ctx)) return null
      return relativeToDct(ctx, (dct) => `${formatDay(addDays(dct, offset))}${part ? `T${part}` : ''}`, 'XXXX-XX-XX', type)
    },
  },
  {
    name: 'this-part-of-day',
    pattern: re(`(?:(?:early|late|later|earlier) )?(this|last|the) (morning|afternoon|evening|night)`),
    resolve(m, ctx) {
      const shift = lower(m[1])
      const part = partsOfDay[lower(m[2])] as string
      if (shift === 'the' && part !== 'MO') return null
      const offset = shift === 'last' ? -1 : 0
      // "were dashed Friday. Dealers placed orders in the morning": "the morning" is the day just talked about.
      if (shift === 'the') {
        const last = ctx.previous[ctx.previous.length - 1]
        const base = last && ctx.start - last.end < 200 ? previousDay(ctx) : undefined
        if (base) return { type: 'TIME', value: `${formatDay(base)}T${part}`, anchor: 'mention' }
      }
      return relativeToDct(ctx, (dct) => `${formatDay(addDays(dct, offset))}T${part}`, 'XXXX-XX-XX', 'TIME')
    },
  },
  {
    name: 'overnight',
    pattern: re('overnight'),
    resolve(_m, ctx) {
      return relativeToDct(ctx, (dct) => `${formatDay(addDays(dct, -1))}TNI`, 'XXXX-XX-XX', 'TIME')
    },
  },
  {
    name: 'weekday',
    pattern: re(`(?:(?:the )?(last|next|this|past|coming|previous|following|early|late) )?(${WEEKDAY})(?: (${PART}))?`),
    resolve(m, ctx) {
      const wd = weekdayOf(m[2] as string)
      if (!wd) return null
      // "Saturday Night Live", "Monday Night Football": a capitalised part of day before another capitalised word is a title.
      if (m[3] && /^\p{Lu}/u.test(m[3]) && /^ \p{Lu}\p{Ll}/u.test(ctx.text.slice(ctx.end, ctx.end + 3))) return null
      // TimeML would write "Sunday night" as 2025-05-18TNI; TBAQ gold mostly gives the day's date for "night" and "morning"
      // (measured: 10 of 19 and 5 of 8, the span often leaving the part out), so we do too. "Wednesday evening" keeps the
      // part as TimeML and HeidelTime write it (2000-03-29TEV, TIME: 3 of 3 in TBAQ).
      const evening = lower(m[3]) === 'evening'
      const type: TimeType = evening ? 'TIME' : 'DATE'
      const part = evening ? 'TEV' : ''
      const shiftRaw = lower(m[1])
      const shift = shiftRaw === 'early' || shiftRaw === 'late' ? undefined : shiftWord(shiftRaw)
      const date = /^,?\s*((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2})(?:,? (\d{4}))?\b/.exec(ctx.text.slice(ctx.end, ctx.end + 24))
      if (date && !shift) {
        // "Friday, Oct. 23": the weekday names the date that follows it.
        const [mon, dd] = (date[1] as string).split(/\.? /) as [string, string]
        const mo = monthOf(mon), d = Number(dd)
        const y = date[2] ? Number(date[2]) : ctx.dct ? closestYear(ctx.dct, mo, d, ctx.future, true) : undefined
        if (y !== undefined && isValidDay(y, mo, d) && weekday({ y, m: mo, d }) === wd) return { type, value: `${dayValue(y, mo, d)}${part}`, anchor: date[2] ? 'absolute' : 'mention' }
      }
      // "the previous Friday", "the following Monday": relative to the day last mentioned, when there is one.
      if (/^the (?:previous|following)/i.test(m[0])) {
        const base = previousDay(ctx)
        if (base) {
          const current = weekday(base)
          const day = lower(m[1]) === 'previous' ? addDays(base, -(((current - wd + 7) % 7) || 7)) : addDays(base, (wd - current + 7) % 7 || 7)
          return { type, value: `${formatDay(day)}${part}`, anchor: 'mention' }
        }
      }
      if (!ctx.dct) return none(`XXXX-WXX-${wd}${part}`, type)
      // "Wednesday's ruling" names a happening already known: the clause's tense is about something else.
      const possessive = /^(?:'s|’s)\s/.test(ctx.text.slice(ctx.end, ctx.end + 3)) && !/\b(?:upcoming|coming|planned|scheduled)\s+$/i.test(ctx.text.slice(Math.max(0, ctx.start - 12), ctx.start))
      const day = resolveWeekday(ctx.dct, wd, shift, possessive ? false : ctx.future)
      return published(`${formatDay(day)}${part}`, type)
    },
  },
  {
    name: 'weekday-set',
    pattern: re('(?:(?:every|each) )?(Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays|(?:every|each) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))'),
    resolve(m) {
      return { type: 'SET', value: `XXXX-WXX-${weekdayOf(lower(m[1]).replace(/^(?:every|each) /, '').replace(/s$/, ''))}`, anchor: 'absolute' }
    },
  },
  {
    // TimeML: "each July" recurs every year in that month, "every summer" in that season (SET XXXX-07, XXXX-SU).
    name: 'month-set',
    pattern: re(`(?:every|each) (?:(${MONTH})|(${SEASON}))`),
    resolve(m) {
      const season = m[2] ? seasons[lower(m[2])] : undefined
      if (season) return { type: 'SET', value: `XXXX-${season}`, anchor: 'absolute' }
      const month = monthOf(m[1] as string)
      return month ? { type: 'SET', value: `XXXX-${pad(month)}`, anchor: 'absolute' } : null
    },
  },
  {
    name: 'shifted-unit',
    pattern: re(`(${MODPRE}|earlier |later )?(?:the )?(last|next|this|past|coming|previous|following|current) (week|weekend|month|year|quarter|decade|century|fortnight)`),
    resolve(m, ctx) {
      const shift = lower(m[2])
      const unit = lower(m[3])
      if (/^\p{Lu}/u.test(m[3] as string)) return null
      const mod = modOf(m[1])
      const the = /(?:^|\s)the\s/i.test(m[0])
      if (the && shift === 'this') return null
      // "past decade", "for the past week" measure a stretch of time; "the past year", "the last decade" name the one before the
      // DCT's (TBAQ gold: DATE 1997, 198; a number makes it a duration: "the past two years", another rule).
      if (shift === 'past' && (!the || /\bfor\s+$/i.test(ctx.text.slice(Math.max(0, ctx.start - 5), ctx.start)))) return withMod({ type: 'DURATION', value: durationValue(1, unit), anchor: 'none' }, mod)
      const n = shift === 'last' || shift === 'previous' || shift === 'past' ? -1 : shift === 'next' || shift === 'coming' || shift === 'following' ? 1 : 0
      if (shift === 'previous' || shift === 'following') {
        const prev = unit === 'day' || unit === 'week' ? previousDay(ctx) : previousYear(ctx)
        if (prev) {
          const value = shifted(prev, n, unit)
          return value === undefined ? null : withMod({ type: 'DATE', value, anchor: 'mention' }, mod)
        }
      }
      if (unit === 'quarter') {
        if (!ctx.dct) return none('XXXX-QX')
        const value = shifted(ctx.dct, n, 'quarter')
        return value === undefined ? null : withMod(published(value), mod)
      }
      const placeholder = unit === 'week' ? 'XXXX-WXX' : unit === 'month' ? 'XXXX-XX' : unit === 'weekend' ? 'XXXX-WXX-WE' : 'XXXX'
      const r = relativeToDct(ctx, (dct) => shifted(dct, n, unit), placeholder)
      // "earlier [this week]": the week is the expression (TBAQ 4 of 4); "earlier this month/year" are written whole (11 of 14).
      if (r && unit === 'week' && m[1] && /^earlier $/i.test(m[1]) && m[0].startsWith(m[1])) return { ...r, skip: m[1].length }
      return r
    },
  },
  {
    name: 'unit-ago',
    pattern: re(`(${APPROX} )?(${NUM})[- ](${UNIT})(?: or so)? (ago|earlier|later|before|after|from now|hence|since)`),
    resolve(m, ctx) {
      const n = parseNumber(m[2] as string)
      const unit = unitOf(m[3] as string)
      const dir = lower(m[4])
      const sign = dir === 'ago' || dir === 'earlier' || dir === 'before' ? -1 : 1
      if (dir === 'since') return null
      const mod = modOf(m[1])
      if (unitCodes[unit]?.time) {
        if (dir !== 'ago' && dir !== 'from now') return null
        return relativeToDct(ctx, (dct) => formatDay(dct), 'XXXX-XX-XX', 'TIME')
      }
      if (dir === 'later' || dir === 'after' || dir === 'before') {
        // TimeML: in "three days later" the signal stays outside; the expression is the duration between two
        // events. "A few days later" after "May 16" counts from that date: anchor `mention`, `ref` to it.
        const anchored = dir === 'later' && previousDay(ctx) !== undefined
        return withMod({ type: 'DURATION', value: durationValue(n, unit), anchor: anchored ? 'mention' : 'none', length: m[0].length - (m[4] as string).length - 1 }, mod)
      }
      if (n === 'X') return { type: 'DATE', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF', anchor: ctx.dct ? 'published' : 'none' }
      const granularity = unit === 'week' ? 'day' : unit
      if (dir === 'ago' || dir === 'from now' || dir === 'hence') {
        const r = relativeToDct(ctx, (dct) => shifted(dct, sign * n, unit, granularity), 'XXXX-XX-XX')
        return r && withMod(r, mod)
      }
      const recent = unit === 'year' ? recentQuarter(ctx) : undefined
      if (recent) {
        const [y, q] = recent.split('-Q').map(Number) as [number, number]
        return { type: 'DATE', value: `${formatYear(y + sign * n)}-Q${q}`, anchor: 'mention', derived: true }
      }
      const prev = previousDay(ctx)
      if (prev) {
        const value = shifted(prev, sign * n, unit, granularity)
        return value === undefined ? null : withMod({ type: 'DATE', value, anchor: 'mention' }, mod)
      }
      const r = relativeToDct(ctx, (dct) => shifted(dct, sign * n, unit, granularity), 'XXXX-XX-XX')
      return r && withMod(r, mod)
    },
  },
  {
    // "Today is the eighth day of Desert Shield", "It's the second day of an offensive": the day counted is the DCT.
    name: 'nth-day-today',
    pattern: re('(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d{1,3}(?:st|nd|rd|th)) (?:straight |consecutive )?day(?= of )'),
    resolve(_m, ctx) {
      if (!/\b(?:today is|it is|it's|it’s|this is)\s+(?:the\s+)?$/i.test(ctx.text.slice(Math.max(0, ctx.start - 16), ctx.start))) return null
      return relativeToDct(ctx, (dct) => formatDay(dct), 'XXXX-XX-XX')
    },
  },
  {
    // "on April 24 and 25": the second day shares the first one's month and year (its own TIMEX3 in TimeML).
    name: 'and-day',
    contextual: true,
    // The match starts at "and" (after a number), not at the day: a pattern that can match a lone digit would give the
    // prefix index keys shorter than three characters, and its fast path would be lost for every rule.
    pattern: re(`(?<=\\d,? )(?:and|&) (${DAYNUM})`),
    resolve(m, ctx) {
      // The mention just before must be the first day ("April 24").
      const p = ctx.previous[ctx.previous.length - 1]
      if (!p) return null
      const day = parseDay(p.value)
      const d = Number.parseInt(m[1] as string, 10)
      if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(p.value) || !/^,?\s*$/.test(ctx.text.slice(p.end, ctx.start)) || d <= day.d || !isValidDay(day.y, day.m, d)) return null
      ctx.used.start = p.start
      return { type: 'DATE', value: formatDay({ y: day.y, m: day.m, d }), anchor: 'mention', skip: m[0].length - (m[1] as string).length }
    },
  },
  {
    name: 'next-day',
    contextual: true,
    pattern: re('the (next|following|previous|preceding|same) (day|morning|night|evening|week|month|year)'),
    resolve(m, ctx) {
      const which = lower(m[1])
      const unit = lower(m[2])
      const n = which === 'next' || which === 'following' ? 1 : which === 'same' ? 0 : -1
      const part = partsOfDay[unit]
      const u = part ? 'day' : unit
      // "the following month" after "in March": a month or year mentioned before will do.
      const base = u === 'month' || u === 'year' ? previousYear(ctx) : previousDay(ctx)
      if (which === 'next' && u !== 'day' && !base) return null
      if (!base) return relativeToDct(ctx, (dct) => shifted(dct, n, u), 'XXXX-XX-XX')
      const value = shifted(base, n, u)
      return value === undefined ? null : { type: 'DATE', value, anchor: 'mention' }
    },
  },
  {
    name: 'day-before-event',
    late: true,
    pattern: re(`(?:the (day|week|month|night|morning|evening)|((?:${NUM})[- ](?:days|weeks|months|years))) (before|after|prior to|following) ((?:the |a |an |his |her |their |its |this |last |[\\p{L}.-]+(?:'s|’s) )*)([\\p{L}-]+)`),
    resolve(m, ctx) {
      const unitRaw = lower(m[1] ?? m[2])
      const dir = lower(m[3]) === 'before' || lower(m[3]) === 'prior to' ? -1 : 1
      const head = m[5] as string
      const determiners = m[4] ?? ''
      const numeric = /^(.*)[- ](days|weeks|months|years)$/.exec(unitRaw)
      const n = numeric ? parseNumber(numeric[1] as string) : 1
      const unit = numeric ? unitOf(numeric[2] as string) : unitRaw === 'night' || unitRaw === 'morning' || unitRaw === 'evening' ? 'day' : unitRaw
      if (n === 'X') return null
      // The TIMEX3 span is the time part ("the day before"); the event after it is its anchor.
      const length = m[0].length - determiners.length - head.length - 1
      // "the day before last Tuesday's hearing": the weekday dates the event.
      const named = /^(?:(?:the )?(last|next|this) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s) $/.exec(determiners)
      const event = named && ctx.dct ? resolveWeekday(ctx.dct, weekdayOf(named[2] as string), shiftWord(named[1]), ctx.future) : eventDate(ctx, head)
      if (!event && numeric) {
        // "ten days before the murder" with no dated murder: a duration between two events.
        const amount = (m[2] as string).length
        return { type: 'DURATION', value: durationValue(n, unit), anchor: 'none', length: amount }
      }
      if (!event && determiners === '') return null
      const base = event ?? previousDay(ctx)
      if (!base) return ctx.dct ? null : none('XXXX-XX-XX')
      const value = shifted(base, dir * n, unit)
      return value === undefined ? null : { type: 'DATE', value, anchor: 'mention', length }
    },
  },
  {
    name: 'set-every',
    pattern: re(`(?:(?:once|twice|three times|(?:${NUM}) times) )?(every|each|per|a|an) (other )?(?:(${NUM}) )?(second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|evening|afternoon)`),
    resolve(m, ctx) {
      const det = lower(m[1])
      const unitRaw = lower(m[4])
      if (det === 'a' || det === 'an') {
        // "a year" is a set only after a rate: "$5 million a year", "twice a week".
        const before = ctx.text.slice(Math.max(0, ctx.start - 30), ctx.start)
        const frequency = /^(?:once|twice|three times|\S+ times)/i.test(m[0])
        if (!frequency && !/(?:\d|million|billion|thousand|percent|%|cents?|dollars?|barrels|tons|day|hour)\s*$/i.test(before)) return null
      }
      if (det === 'each' || det === 'every') {
        const part = partsOfDay[unitRaw]
        if (part) return { type: 'SET', value: `XXXX-XX-XXT${part}`, anchor: 'absolute' }
      }
      if (partsOfDay[unitRaw] && det !== 'each' && det !== 'every') return null
      const n = m[3] ? parseNumber(m[3]) : m[2] ? 2 : 1
      const unit = partsOfDay[unitRaw] ? 'day' : unitRaw
      return { type: 'SET', value: durationValue(n, unit), anchor: 'absolute' }
    },
  },
  {
    name: 'duration',
    pattern: re(`(?:the )?(?:(past|last|next|first|previous|coming|final|latest|initial|following|remaining|preceding|year-earlier|year-ago) )?(${APPROX} )?(${NUM}|\\d+(?:\\.\\d+)?)(?: and an? half| and a quarter| 1/2| ½)?[- ](?:more |additional |full |straight |consecutive |long |short |trading |business |working )?(${UNIT})(?: and an? half)?(?:-long)?`),
    resolve(m, ctx) {
      const n0 = parseNumber(m[3] as string)
      const unit = m[4] as string
      if (n0 !== 'X' && n0 === 1 && /s$/i.test(unit) && !/^\d/.test(m[3] as string)) {
        // "a years" does not occur; "one years" is an error — but "a few years" is vague.
        return null
      }
      if (/^\s*-?olds?\b/.test(ctx.text.slice(ctx.end, ctx.end + 6))) return null
      // "Islam will one day be …": after a modal, "one day" is some future time, not a day's length.
      if (/^one day$/i.test(m[0]) && /\b(?:will|would|may|might|could|can|shall|to)\s+$/i.test(ctx.text.slice(Math.max(0, ctx.start - 8), ctx.start))) {
        return { type: 'DATE', value: 'FUTURE_REF', anchor: ctx.dct ? 'published' : 'none' }
      }
      // "60 Minutes" is a title; "a second group" an ordinal; "a quarter of the market" a fraction.
      if (/^\p{Lu}/u.test(unit)) return null
      const next = /^\s+([a-z]+)/.exec(ctx.text.slice(ctx.end, ctx.end + 20))?.[1]
      // "a second" before a word is an ordinal ("a second term", "a second FBI check", "a second-place finish").
      const nextToken = /^\s*(-|[\p{L}\p{N}]+)/u.exec(ctx.text.slice(ctx.end, ctx.end + 20))?.[1]
      if (unitOf(unit) === 'second' && /^an? /i.test(m[0]) && nextToken && !/^(?:and|or|to|in|for|at|on|of|later|ago|before|after|earlier|when|while)$/i.test(nextToken)) return null
      if (unitOf(unit) === 'quarter' && (next === 'of' || /-quarters?$/i.test(m[0]))) return null
      const half = /and an? half|1\/2|½/i.test(m[0]) ? 0.5 : /and a quarter/i.test(m[0]) ? 0.25 : 0
      const n = n0 === 'X' ? 'X' : n0 + half
      const prefix = lower(m[1])
      // "the nine months" is one expression; in "the two-hour call" the article belongs to the call.
      // "about" and "almost" before a length stay outside the span (TBAQ: "about [five hours]", "almost [two decades]": 6 of 8; "about two years ago" keeps them).
      const skip = !prefix && !m[2] && /^the /i.test(m[0]) && /-/.test(m[0].slice(4)) ? 4 : m[2] && m[0].startsWith(m[2]) && /^(?:about|almost) $/i.test(m[2]) ? m[2].length : undefined
      const base: Resolution = { type: 'DURATION', value: durationValue(n, unit), anchor: 'none', ...(skip ? { skip } : {}) }
      if (prefix === 'next' || prefix === 'coming' || prefix === 'last' || prefix === 'past' || prefix === 'first') return withMod(base, modOf(m[2]))
      return withMod(base, modOf(m[2]))
    },
  },
  {
    name: 'bare-units',
    pattern: re(`(?:(?:the )?(?:past|last|next|coming|recent|several|few|many|some) )?(years|months|weeks|decades|days|hours|minutes|centuries|quarters)(?: and (?:years|months|weeks|decades|days|hours))?`),
    resolve(m, ctx) {
      const unit = unitOf(m[1] as string)
      // "quarters" alone is often a place ("living quarters", "in some quarters"): only with a word of time before it.
      if (unit === 'quarter' && !/^(?:the |past |last |next |coming |recent |several |few )/i.test(m[0]) && !/\b(?:recent|several|few|coming|past)\s+$/i.test(ctx.text.slice(Math.max(0, ctx.start - 12), ctx.start))) return null
      const before = ctx.text.slice(Math.max(0, ctx.start - 12), ctx.start)
      const after = ctx.text.slice(ctx.end, ctx.end + 12)
      // "52 years old" is an age; a number just before belongs to another rule.
      if (/\d\s*$/.test(before) || /^\s*-?olds?\b/.test(after) || /^\p{Lu}/u.test(m[1] as string)) return null
      if (/^\s*(?:ago|of|later|earlier|before|after|to come)\b/i.test(after) && !/^\s*of\b/i.test(after)) {
        return { type: 'DATE', value: /ago|earlier|before/i.test(after) ? 'PAST_REF' : 'FUTURE_REF', anchor: ctx.dct ? 'published' : 'none' }
      }
      if (/^\s*of\b/i.test(after) && !/\b(?:for|in|over|within|after)\s+$/i.test(before)) return null
      // "in recent weeks": TBAQ annotates a vague duration (PXW).
      if (/\brecent\s+$/i.test(before) || /^recent/i.test(m[0])) {
        return unit === 'year' ? { type: 'DATE', value: 'PAST_REF', anchor: ctx.dct ? 'published' : 'none' } : { type: 'DURATION', value: durationValue('X', unit), anchor: 'none' }
      }
      if ((unit === 'day' || unit === 'hour' || unit === 'minute') && !/\b(?:for|in|within|over|after|the)\s+$/i.test(before) && !/^(?:the|past|last|next|coming|several|few|many|some)/i.test(m[0])) return null
      return { type: 'DURATION', value: durationValue('X', unit), anchor: 'none' }
    },
  },
  {
    name: 'compound-duration',
    pattern: re(`(${NUM}|\\d+)[- ](${UNIT}),? (?:and )?(${NUM}|\\d+)[- ](${UNIT})`),
    resolve(m) {
      const a = parseNumber(m[1] as string), b = parseNumber(m[3] as string)
      if (a === 'X' || b === 'X') return null
      const ua = unitCodes[unitOf(m[2] as string)], ub = unitCodes[unitOf(m[4] as string)]
      if (!ua || !ub || ua.time !== ub.time && !ub.time) return null
      const left = `${a * ua.factor}${ua.code}`
      const right = `${b * ub.factor}${ub.code}`
      if (ua.time) return { type: 'DURATION', value: `PT${left}${right}`, anchor: 'none' }
      return { type: 'DURATION', value: ub.time ? `P${left}T${right}` : `P${left}${right}`, anchor: 'none' }
    },
  },
  {
    name: 'set-adverb',
    pattern: re('(daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly|biannually)'),
    resolve(m, ctx) {
      const w = lower(m[1])
      // As adjectives before a noun ("a daily newspaper") these are still sets in TimeML.
      const value = { daily: 'P1D', nightly: 'P1D', weekly: 'P1W', biweekly: 'P2W', monthly: 'P1M', annually: 'P1Y', yearly: 'P1Y', hourly: 'PT1H', quarterly: 'P3M', biannually: 'P6M' }[w]
      if (!value) return null
      // Capitalised inside a sentence it names a paper ("Women's Wear Daily", "the Communist Party Daily").
      if (/^\p{Lu}/u.test(m[1] as string) && /[\p{L}\p{N},]\s*$/u.test(ctx.text.slice(Math.max(0, ctx.start - 3), ctx.start))) return null
      // Before a noun ("quarterly dividend", "daily flights") the word is an adjective, not a set.
      const next = /^\s+([a-z]+)/.exec(ctx.text.slice(ctx.end, ctx.end + 20))?.[1]
      // After it, a preposition or conjunction ("gather daily outside the home") keeps the adverb.
      if (next && !/^(?:and|or|to|in|for|at|on|since|through|by|from|with|until|basis|over|during|as|if|than|but|is|are|was|were|be|been|outside|inside|near|around|across|along|throughout|into|onto|under|within|without|after|before|between|among|against|toward|towards|via|while|when|because|so|until|till|up|down|off|out)$/.test(next)) return null
      return { type: 'SET', value, anchor: 'absolute' }
    },
  },
  {
    name: 'clock-time',
    pattern: re(`(?:(?:around|about|approximately|shortly (?:before|after)|just (?:before|after)) )?(\\d{1,2})(?:[:.](\\d{2}))? ?(a\\.m\\.?|p\\.m\\.?|am|pm|o'clock)(?:,? ?([ECMP][SD]T|GMT|UTC|local time))?(?:,? (?:on )?(${WEEKDAY}|today|yesterday|tomorrow|(?:${MONTH}) (?:${DAYNUM})))?`),
    resolve(m, ctx) {
      const t = clock(m[1] as string, m[2], /o'clock/i.test(m[3] ?? '') ? undefined : m[3])
      if (!t) return null
      // "at 10:35 a.m. (0735 GMT) Friday": the day after a parenthesis still dates the time (outside the span).
      const after = ctx.text.slice(ctx.end, ctx.end + 40)
      const dayWord = m[5] ?? dayAfterParenthesis.exec(after)?.[1] ?? dayInParenthesis.exec(after)?.[1]
      let day: Day | undefined
      if (dayWord && ctx.dct) {
        const w = lower(dayWord)
        if (w === 'today') day = ctx.dct
        else if (w === 'yesterday') day = addDays(ctx.dct, -1)
        else if (w === 'tomorrow') day = addDays(ctx.dct, 1)
        else if (weekdayOf(dayWord)) day = resolveWeekday(ctx.dct, weekdayOf(dayWord), undefined, ctx.future)
        else {
          const parts = /^(\S+) (\d+)/.exec(dayWord)
          if (parts) {
            const mo = monthOf(parts[1] as string), d = Number(parts[2])
            const y = closestYear(ctx.dct, mo, d, ctx.future, true)
            if (isValidDay(y, mo, d)) day = { y, m: mo, d }
          }
        }
      }
      day ??= ctx.dct
      if (!day) return none(`XXXX-XX-XX${t}`, 'TIME')
      return published(`${formatDay(day)}${t}`, 'TIME')
    },
  },
  {
    name: 'hour-in-the-part',
    pattern: re(`(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: o'clock)? (?:in the (morning|afternoon|evening)|at night)`),
    resolve(m, ctx) {
      // "4 in the morning" is 04:00, "8 in the evening" 20:00.
      const raw = lower(m[1])
      const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
      const hour = /^\d/.test(raw) ? Number(raw) : words.indexOf(raw) + 1
      if (hour < 1 || hour > 12) return null
      const t = clock(String(hour), undefined, lower(m[2]) === 'morning' ? 'am' : 'pm')
      if (!t) return null
      if (!ctx.dct) return none(`XXXX-XX-XX${t}`, 'TIME')
      // As a clock time: a weekday in or after the parenthesis restating it dates it.
      const after = ctx.text.slice(ctx.end, ctx.end + 40)
      const dayWord = dayInParenthesis.exec(after)?.[1] ?? dayAfterParenthesis.exec(after)?.[1]
      const wd = dayWord ? weekdayOf(dayWord) : undefined
      const day = wd ? resolveWeekday(ctx.dct, wd, undefined, ctx.future) : ctx.dct
      return published(`${formatDay(day)}${t}`, 'TIME')
    },
  },
  {
    name: 'week-of',
    pattern: re(`the week of (${MONTH}) (${DAYNUM})(?:,? (${YEAR4}))?`),
    resolve(m, ctx) {
      // "the week of March 6": the ISO week holding that day.
      const mo = monthOf(m[1] as string), d = parseInt(m[2] as string, 10)
      const y = m[3] ? Number(m[3]) : ctx.dct ? closestYear(ctx.dct, mo, d, ctx.future, true) : undefined
      if (y === undefined) return none('XXXX-WXX')
      if (!isValidDay(y, mo, d)) return null
      return { type: 'DATE', value: formatWeek({ y, m: mo, d }), anchor: m[3] ? 'absolute' : 'published' }
    },
  },
  {
    name: 'noon',
    pattern: re(`(noon|midnight|midday)(?:,? (?:on )?(${WEEKDAY}|today|yesterday|tomorrow))?`),
    resolve(m, ctx) {
      const w = lower(m[1])
      if (/high\s+$/i.test(ctx.text.slice(Math.max(0, ctx.start - 5), ctx.start))) return null
      const t = w === 'midnight' ? 'T24:00' : 'T12:00'
      const dayWord = m[2]
      if (!ctx.dct) return none(`XXXX-XX-XX${t}`, 'TIME')
      let day = ctx.dct
      if (dayWord) {
        const dw = lower(dayWord)
        day = dw === 'yesterday' ? addDays(ctx.dct, -1) : dw === 'tomorrow' ? addDays(ctx.dct, 1) : dw === 'today' ? ctx.dct : resolveWeekday(ctx.dct, weekdayOf(dayWord), undefined, ctx.future)
      }
      return published(`${formatDay(day)}${t}`, 'TIME')
    },
  },
  {
    name: 'holiday',
    pattern: re(`(Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|Thanksgiving Day|Thanksgiving|Independence Day|Fourth of July|Halloween|Valentine's Day|Memorial Day|Labor Day|Election Day|April Fool['’]?s['’]?(?: Day)?|Easter Sunday|Easter week|Holy Week|Easter)(?:,? (${YEAR4}))?`),
    resolve(m, ctx) {
      const name = lower(m[1]).replace(/’/g, "'").replace(/^april fool'?s'?/, "april fools'")
      const week = holidayWeeks[name]
      const f = holidays[week ?? name]
      if (!f || !/^[A-Z]/.test(m[1] as string)) return null
      const format = (day: Day): string => (week ? formatWeek(day) : formatDay(day))
      if (m[2]) return absolute(format(f(Number(m[2]))))
      if (!ctx.dct) {
        // Without a DCT a fixed-date holiday still has its month and day (Christmas is XXXX-12-25).
        const a = f(2001), b = f(2002)
        return none(week ? 'XXXX-WXX' : a.m === b.m && a.d === b.d ? `XXXX-${pad(a.m)}-${pad(a.d)}` : 'XXXX-XX-XX')
      }
      const dct = ctx.dct
      // The occurrence nearest the DCT (last Christmas in January, next Christmas in November). US federal elections fall in
      // even years, and news speaks of the coming one unless it is just past: "Election Day" is the next even-year one, or
      // one at most two months before the DCT.
      const pick = name === 'election day'
        ? ([dct.y - 1, dct.y, dct.y + 1, dct.y + 2].filter((y) => y % 2 === 0).map((y) => f(y)).find((c) => daysBetween(dct, c) >= -60) ?? f(dct.y))
        : [dct.y - 1, dct.y, dct.y + 1].map((y) => f(y)).reduce((a, b) => (Math.abs(daysBetween(dct, a)) <= Math.abs(daysBetween(dct, b)) ? a : b))
      return published(format(pick))
    },
  },
  {
    name: 'the-year',
    contextual: true,
    pattern: re('(?:the|that) (?:(?:full|fiscal|latest fiscal|current fiscal|calendar|same|entire|whole) )*(year|month|week|day|quarter)(?! (?:before|after|earlier|ago|later|of|when|in which|to))'),
    resolve(m, ctx) {
      const unit = lower(m[1])
      const after = ctx.text.slice(ctx.end, ctx.end + 12)
      const that = /^that/i.test(m[0])
      if (/^,?\s+(?:ended|ending|ends|through|that ended)\b/i.test(after)) return unit === 'quarter' ? null : { type: 'DURATION', value: durationValue(1, unit), anchor: 'none' }
      if (unit === 'quarter') {
        // "that quarter": the quarter last named.
        if (!that) return null
        for (let i = ctx.previous.length - 1; i >= 0; i--) {
          const p = ctx.previous[i] as ResolvedMention
          if (/^\d{4}-Q\d$/.test(p.value)) {
            ctx.used.start = p.start
            return { type: 'DATE', value: p.value, anchor: 'mention' }
          }
        }
        return null
      }
      // "the day" is rarely a date of its own ("the day belonged to …").
      if (unit === 'day' && !that) return null
      if (that || unit === 'week') {
        // "that year", "that same day": the time last mentioned.
        const prev = that ? previousCalendar(ctx, unit) : undefined
        if (!prev) return unit === 'week' ? relativeToDct(ctx, (dct) => formatWeek(dct), 'XXXX-WXX') : null
        const value = shifted(prev, 0, unit)
        return value === undefined ? null : { type: 'DATE', value, anchor: 'mention' }
      }
      if (unit === 'month') return null
      return relativeToDct(ctx, (dct) => formatYear(dct.y), 'XXXX')
    },
  },
  {
    name: 'later-that',
    contextual: true,
    pattern: re('(?:earlier|later) (?:that|the same|in the|that same) (day|week|month|year)'),
    resolve(m, ctx) {
      const unit = lower(m[1])
      if (/in the/i.test(m[0])) return relativeToDct(ctx, (dct) => shifted(dct, 0, unit), 'XXXX')
      const prev = previousCalendar(ctx, unit)
      if (!prev) return null
      const value = shifted(prev, 0, unit)
      return value === undefined ? null : { type: 'DATE', value, anchor: 'mention' }
    },
  },
  {
    name: 'weekend',
    pattern: re('(?:the|this|last|next) weekend'),
    resolve(m, ctx) {
      const w = lower(m[0])
      if (!ctx.dct) return none('XXXX-WXX-WE')
      const wd = weekday(ctx.dct)
      let n: number
      if (w.startsWith('last')) n = -1
      else if (w.startsWith('next')) n = 1
      else if (w.startsWith('this')) n = 0
      // "over the weekend": the one just past (this week's on a Saturday or Sunday), unless the clause looks ahead.
      else n = ctx.future || wd >= 6 ? 0 : -1
      const value = shifted(ctx.dct, n, 'week')
      return value === undefined ? null : published(`${value}-WE`)
    },
  },
  {
    name: 'year-end',
    pattern: re(`(?:around )?(?:year-end|year end|year's end|(?:the )?end of (?:the|this) (year|month|week)|the turn of the year)`),
    resolve(m, ctx) {
      const unit = lower(m[1])
      if (unit === 'week') return relativeToDct(ctx, (dct) => formatWeek(dct), 'XXXX-WXX')
      return relativeToDct(ctx, (dct) => (unit === 'month' ? `${formatYear(dct.y)}-${pad(dct.m)}` : formatYear(dct.y)), 'XXXX')
    },
  },
  {
    name: 'spelled-year',
    pattern: re(`(?:(?:the year|in) )?(?:(?:(?:the )?(${SEASON}) of |(${MONTH}),? ))?(nineteen|twenty) (${NUM})|(?:the year )?two thousand(?: and (one|two|three|four|five|six|seven|eight|nine|ten))?`),
    resolve(m) {
      if (m[3]) {
        const rest = parseNumber(m[4] as string)
        if (rest === 'X' || rest < 10 || rest > 99) return null
        const year = `${lower(m[3]) === 'nineteen' ? 19 : 20}${pad(rest)}`
        // "in" is the preposition, outside the span; "January nineteen ninety-seven" and "the winter of nineteen ninety-four" are one date each.
        const skip = /^in /i.test(m[0]) ? 3 : undefined
        const value = m[1] ? `${year}-${seasons[lower(m[1])]}` : m[2] ? `${year}-${pad(monthOf(m[2]))}` : year
        return { ...absolute(value), ...(skip ? { skip } : {}) }
      }
      if (!/^the year/i.test(m[0]) && !m[5]) return null
      return absolute(`20${pad(m[5] ? (parseNumber(m[5]) as number) : 0)}`)
    },
  },
  {
    name: 'the-season',
    pattern: re(`(?:the |this )(?:(early|late) )?(${SEASON})(?: of (${YEAR4}))?`),
    resolve(m, ctx) {
      const code = seasons[lower(m[2])] as string
      if (m[3]) return withMod(absolute(`${m[3]}-${code}`), modOf(m[1]))
      if (!ctx.dct) return none(`XXXX-${code}`)
      return withMod(published(`${formatYear(seasonYear(ctx.dct, code, 'this'))}-${code}`), modOf(m[1]))
    },
  },
  {
    name: 'decade-words',
    pattern: re('(?:the )?(?:(early|late|mid)[- ])?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)'),
    resolve(m) {
      const tens: Record<string, string> = { twenties: '2', thirties: '3', forties: '4', fifties: '5', sixties: '6', seventies: '7', eighties: '8', nineties: '9' }
      if (!/^the/i.test(m[0])) return null
      return withMod(absolute(`19${tens[lower(m[2])]}`), modOf(m[1]))
    },
  },
  {
    name: 'reference',
    pattern: re('(now|currently|current|at present|presently|nowadays|these days|at the moment|the present|present-day|recently|recent|lately|the past|the future|future|the near future|the near term|the short term|a later date|as soon as possible|soon)'),
    resolve(m, ctx) {
      const w = lower(m[1])
      const anchor = ctx.dct ? 'published' : 'none'
      const after = ctx.text.slice(ctx.end, ctx.end + 16)
      const before = ctx.text.slice(Math.max(0, ctx.start - 16), ctx.start)
      switch (w) {
        case 'now': case 'currently': case 'at present': case 'presently': case 'nowadays':
        case 'these days': case 'at the moment': case 'the present': case 'present-day':
          if (w === 'now' && endsName(ctx)) return null
          return { type: 'DATE', value: 'PRESENT_REF', anchor }
        case 'current':
          // "current" as an adjective of time ("the current session"), not of electricity or accounts.
          if (/^\s+(?:account|accounts|assets|liabilities|events)\b/i.test(after)) return null
          return { type: 'DATE', value: 'PRESENT_REF', anchor }
        case 'recently': case 'lately': case 'recent':
          // The adjective "recent" ("the recent sale") is tagged in TBAQ less often than not: measured, we skip it.
          if (w === 'recent') return null
          return { type: 'DATE', value: 'PAST_REF', anchor }
        case 'the past':
          if (/^\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade|day)/i.test(after)) return null
          return { type: 'DATE', value: 'PAST_REF', anchor }
        case 'the future': case 'the near future':
          return { type: 'DATE', value: 'FUTURE_REF', anchor }
        case 'future':
          if (!/\b(?:in|the|near|distant)\s+$/i.test(before) || /foreseeable\s+$/i.test(before)) return null
          return { type: 'DATE', value: 'FUTURE_REF', anchor }
        case 'soon':
          // "soon" alone looks ahead; "as soon as", "soon after" and "sooner" are connectives.
          if (/\bas\s+$/i.test(before) || /^\s+(?:after|before|as|afterwards?|thereafter)\b/i.test(after)) return null
          // Told in the past ("was soon released", "soon became a flood"), it is no reference to the future.
          if (/\b(?:was|were|had)\s+$/i.test(before) || /^\s+(?:[a-z]+ed|became|began|went|came|found|took|gave|made)\b/i.test(after)) return null
          return { type: 'DATE', value: 'FUTURE_REF', anchor }
        case 'the near term': case 'the short term': case 'a later date': case 'as soon as possible':
          return { type: 'DATE', value: 'FUTURE_REF', anchor }
        default:
          return null
      }
    },
  },
]

function monthsApart(dct: Day, m: number, y: number): number {
  return Math.abs((y - dct.y) * 12 + (m - dct.m))
}
