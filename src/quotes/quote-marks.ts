/** @module quotes/quote-marks — pair quotation marks into direct-quote spans. */
import type { Span } from '../document/span.js'

/** A passage between quotation marks: `open`/`close` are the marks, `start`/`end` the inside. */
export interface MarkedPassage extends Span {
  /** Offset of the opening mark. */
  readonly open: number
  /** Offset just after the closing mark (or the end of the inside when unterminated). */
  readonly close: number
}

const openers = new Set(['“', '„', '«'])
const closers = new Set(['”', '»'])

/** True when a straight `"` at `i` opens a quote (follows a space, line start or opening bracket/dash). */
function straightOpens(text: string, i: number): boolean {
  if (i === 0) return true
  const before = text[i - 1] as string
  return /[\s([{\u2014\u2013:-]/.test(before)
}

function nextNonSpace(text: string, i: number): number {
  while (i < text.length && /[ \t\u00a0]/.test(text[i] as string)) i++
  return i
}

/**
 * Find the double-quoted passages of `text`, outermost only (single quotes inside are nested
 * quotes and stay part of the passage). Curly marks pair by direction; a straight `"` (or a doubled
 * apostrophe `''`, as in NYT archives) opens after a space or line start and closes otherwise. News convention for quotes running over
 * several paragraphs: a paragraph that ends with the quote still open and a next paragraph that
 * opens with a mark continue the same passage. A quote still open at a blank line with no
 * continuation mark is closed there; a single line break is a wrapped line. Sorted by start.
 */
export function findMarkedPassages(text: string): MarkedPassage[] {
  const out: MarkedPassage[] = []
  let open = -1
  const finish = (closeMark: number, closeEnd: number): void => {
    if (open >= 0) {
      let start = open + 1
      if (text[open] === "'") start++
      let end = closeMark
      while (start < end && /\s/.test(text[start] as string)) start++
      while (end > start && /\s/.test(text[end - 1] as string)) end--
      if (end > start) out.push({ open, close: closeEnd, start, end })
    }
    open = -1
  }
  for (let i = 0; i < text.length; i++) {
    let c = text[i] as string
    // Two apostrophes stand for a straight double quote in some archives (NYT: ''Yes,'' he said).
    const doubled = c === "'" && text[i + 1] === "'"
    if (doubled) c = '"'
    if (c === '\n' && open >= 0) {
      // Quote still open at a line end: continue only when the next line opens with a mark.
      let j = i
      while (j < text.length && /\s/.test(text[j] as string)) j++
      const next = text[j]
      // The continuation mark is of the opening mark's kind: after a paragraph opened with a straight
      // mark (Breitbart's excerpts: `"Kevin was snoring.`), a paragraph opening with a curly one is a new quote.
      const straight = text[open] === '"' || text[open] === "'"
      const curlyNext = openers.has(next ?? '')
      const straightNext = (next === '"' || (next === "'" && text[j + 1] === "'")) && straightOpens(text, j)
      if (next !== undefined && (straight ? straightNext : curlyNext || straightNext)) {
        i = next === "'" ? j + 1 : j // skip the continuation mark: the passage runs on
        continue
      }
      // A single line break with no mark is a wrapped line: the quote goes on.
      if (!text.slice(i + 1, j).includes('\n')) continue
      let end = i
      while (end > open && /\s/.test(text[end - 1] as string)) end--
      finish(end, end)
      continue
    }
    if (openers.has(c)) {
      if (open >= 0) finish(i, i) // an unclosed quote before a new one: close it here
      open = i
    } else if (closers.has(c)) {
      if (open >= 0) finish(i, i + 1)
    } else if (c === '"') {
      if (open < 0) {
        if (straightOpens(text, i) && nextNonSpace(text, i + 1) < text.length) open = i
      } else if (!straightOpens(text, i) || i + 1 >= text.length || /[\s.,;:!?)\]]/.test(text[i + (doubled ? 2 : 1)] ?? ' ')) {
        finish(i, i + (doubled ? 2 : 1))
      } else {
        finish(i, i)
        open = i
      }
      if (doubled) i++
    }
  }
  if (open >= 0) finish(text.length, text.length)
  return out
}

/**
 * For each token, the index of the passage it lies in (marks included), or -1 outside any.
 * `passages` must be sorted by offset, as {@link findMarkedPassages} returns them.
 */
export function passageOfTokens(tokens: readonly Span[], passages: readonly MarkedPassage[]): Int32Array {
  const out = new Int32Array(tokens.length).fill(-1)
  let p = 0
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t] as Span
    while (p < passages.length && (passages[p] as MarkedPassage).close <= tok.start) p++
    const passage = passages[p]
    if (passage && tok.start >= passage.open && tok.end <= Math.max(passage.close, passage.end)) out[t] = p
  }
  return out
}
