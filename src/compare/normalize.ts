/** @module compare/normalize — paraphrase-robust features of a clause: stems, synonyms, numbers with qualifiers. */
import { terms, type Term } from '../terms/index.js'

/** A number stated in the text with its qualifier, as the interval of values it allows. */
export interface Quantity {
  readonly start: number
  readonly end: number
  /** The value as written, normalised ("two hundred" → 200). */
  readonly value: number
  /** Smallest and largest value the statement allows ("more than 200" → [200, ∞)). */
  readonly low: number
  readonly high: number
  /** Stem of the counted noun ("drones" → "drone"), or "" when none follows. */
  readonly unit: string
}

// Synonyms and variants folded to one stem, so "telephone call" = "phone conversation".
const synonymList: Record<string, string> = {
  telephon: 'phone', phone: 'phone', convers: 'call', talk: 'call', call: 'call', chat: 'call',
  strike: 'attack', assault: 'attack', raid: 'attack', bombard: 'attack',
  biggest: 'big', largest: 'big', greatest: 'big', larg: 'big', great: 'big', major: 'big',
  truce: 'ceasefir', armistic: 'ceasefir',
  russian: 'russia', ukrainian: 'ukrain', american: 'america', european: 'europ', chines: 'china', british: 'britain',
  kiev: 'kyiv', zelenskyy: 'zelenski', kremlin: 'kremlin',
  kill: 'die', dead: 'die', death: 'die', di: 'die',
  start: 'begin', began: 'begin', begun: 'begin', launch: 'begin',
  declar: 'state', announc: 'state', sai: 'state', said: 'state',
  leader: 'presid', head: 'presid',
  negoti: 'negoti', talks: 'negoti',
  pact: 'agreement', deal: 'agreement', accord: 'agreement', agreement: 'agreement',
}

const small: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, a: 1, dozen: 12,
}
const scales: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 }

// A Map: Record lookups are slower and answer for inherited names ("constructor").
const synonyms = new Map(Object.entries(synonymList))

/** Fold a stem to its synonym class. */
export function foldStem(stem: string): string {
  return synonyms.get(stem) ?? stem
}

/** Parse a run of number words or digits ("two hundred", "1,200", "3.5 million"); undefined if not a number. */
export function parseNumber(words: readonly string[]): number | undefined {
  if (words.length === 0) return undefined
  let total = 0
  let current = 0
  let any = false
  for (const raw of words) {
    const w = raw.toLowerCase()
    if (/^\d[\d,]*(?:\.\d+)?$/.test(w)) {
      current += Number(w.replace(/,/g, ''))
      any = true
    } else if (Object.hasOwn(small, w) && !(w === 'a' && words.length === 1)) {
      current += small[w] as number
      any = true
    } else if (Object.hasOwn(scales, w) && any) {
      const scale = scales[w] as number
      if (scale >= 1e3) {
        total += (current || 1) * scale
        current = 0
      } else current = (current || 1) * scale
    } else if (w === 'and' && any) continue
    else return undefined
  }
  return any ? total + current : undefined
}

const qualifiers: [RegExp, (v: number) => [number, number]][] = [
  [/(?:more|greater|higher) than$|over$|above$|exceed(?:ing|s)?$/, (v) => [v * 1.0001, Number.POSITIVE_INFINITY]],
  [/at least$|no fewer than$|no less than$/, (v) => [v, Number.POSITIVE_INFINITY]],
  [/(?:fewer|less|lower) than$|under$|below$/, (v) => [0, v * 0.9999]],
  [/up to$|at most$|as many as$/, (v) => [0, v]],
  [/nearly$|almost$|close to$|just under$/, (v) => [v * 0.85, v]],
  [/about$|around$|roughly$|approximately$|some$|an estimated$|estimated$|nearly$/, (v) => [v * 0.85, v * 1.15]],
]

const numberish = /^(?:\d[\d,]*(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen)$/i

/**
 * Find quantities in `text[from, to)`: a number (digits or words, with scale words), the
 * qualifier before it ("more than", "about") as an interval, and the counted noun after it.
 * Hyphenated measures count too ("two-hour" → 2, unit "hour"). `list` is `terms(text, from, to)`,
 * when the caller has it already.
 */
export function findQuantities(text: string, from = 0, to = text.length, list: readonly Term[] = terms(text, from, to)): Quantity[] {
  const out: Quantity[] = []
  // A quantity starts at a number word or digits: most clauses have none.
  if (!list.some((t) => numberish.test(t.word) || (t.word.includes('-') && t.word.split('-').some((p) => numberish.test(p))))) return out
  const words: { start: number; end: number; w: string }[] = []
  for (const t of list) {
    // Split hyphenated compounds ("two-hour", "24-hour") into their parts.
    const parts = t.word.split('-')
    if (parts.length === 1) words.push({ start: t.start, end: t.end, w: t.word })
    else {
      let at = t.start
      for (const p of parts) {
        words.push({ start: at, end: at + p.length, w: p })
        at += p.length + 1
      }
    }
  }
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as (typeof words)[number]
    if (!numberish.test(first.w) || /^(?:one)$/.test(first.w)) continue
    let j = i
    while (j + 1 < words.length && (numberish.test((words[j + 1] as (typeof words)[number]).w) || (words[j + 1] as (typeof words)[number]).w === 'and') && numberish.test((words[Math.min(j + 2, words.length - 1)] as (typeof words)[number]).w)) j++
    if (j + 1 < words.length && numberish.test((words[j + 1] as (typeof words)[number]).w)) j++
    const value = parseNumber(words.slice(i, j + 1).map((x) => x.w))
    if (value === undefined) {
      i = j
      continue
    }
    const before = text.slice(Math.max(from, first.start - 24), first.start).toLowerCase().trim()
    let low = value
    let high = value
    for (const [pattern, range] of qualifiers) {
      if (pattern.test(before)) {
        ;[low, high] = range(value)
        break
      }
    }
    const after = words[j + 1]
    const percent = /^\s*(?:%|percent|per cent)/i.test(text.slice((words[j] as (typeof words)[number]).end, (words[j] as (typeof words)[number]).end + 9))
    const unitWord = after && !numberish.test(after.w) ? terms(after.w)[0] : undefined
    const unit = percent ? 'percent' : unitWord && !unitWord.stop ? foldStem(unitWord.stem) : ''
    out.push({ start: first.start, end: (words[j] as (typeof words)[number]).end, value, low, high, unit })
    i = j
  }
  return out
}

// Counts of elapsed time ("five days of riots", "eight days since") grow with the publication
// date, so different values are not a contradiction.
const elapsed = new Set(['dai', 'week', 'month', 'year', 'hour', 'minut', 'decad', 'centuri', 'time'])

/** True when two quantities of the same unit cannot both be true (their intervals do not meet). */
export function incompatible(a: Quantity, b: Quantity): boolean {
  if (!a.unit || a.unit !== b.unit || elapsed.has(a.unit)) return false
  // Exact figures get a 2 % tolerance for rounding.
  const widen = (q: Quantity): [number, number] => (q.low === q.high ? [q.low * 0.98, q.high * 1.02] : [q.low, q.high])
  const [al, ah] = widen(a)
  const [bl, bh] = widen(b)
  return ah < bl || bh < al
}

/** Folded content stems of a span, with number words turned into digits; `Term`s are kept for evidence. `list` is `terms(text, from, to)`, when the caller has it already. */
export function clauseFeatures(text: string, from: number, to: number, list: readonly Term[] = terms(text, from, to)): { stems: string[]; terms: readonly Term[] } {
  const stems: string[] = []
  for (const t of list) {
    const surface = text.slice(t.start, t.end)
    if (surface === 'US' || surface === 'U.S.') {
      stems.push('america')
      continue
    }
    if (t.stop || t.word.length < 2) continue
    for (const part of t.word.includes('-') && !/^cease-fire$/.test(t.word) ? t.word.split('-') : [t.word.replace('-', '')]) {
      if (!part) continue
      // Only digits and number words parse (`parseNumber` of one word).
      const n = /^\d/.test(part) || Object.hasOwn(small, part) ? parseNumber([part]) : undefined
      if (n !== undefined && part !== 'a') stems.push(`#${n}`)
      else stems.push(foldStem(part === t.word ? t.stem : terms(part)[0]?.stem ?? part))
    }
  }
  return { stems, terms: list }
}
