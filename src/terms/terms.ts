/** @module terms/terms — content terms (lower-cased, Porter-stemmed, stop words dropped) with offsets, shared by the corpus stages. */
import { stemmer } from 'stemmer'

/** A word of the text with its stem; offsets are UTF-16, end-exclusive. */
export interface Term {
  readonly start: number
  readonly end: number
  /** Lower-cased surface form. */
  readonly word: string
  /** Porter stem of `word` (numbers are kept as written). */
  readonly stem: string
  /** True when the surface starts with a capital letter. */
  readonly capitalized: boolean
  /** True for stop words (function words, auxiliaries, reporting fillers). */
  readonly stop: boolean
}

/** English function words; they carry no topic and are skipped by similarity and alignment. */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each either few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's many may me might more most much must mustn't my myself neither no nor not now of off on once only or other ought our ours ourselves out over own per same shan't she she'd she'll she's should shouldn't since so some still such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those though through thus to too under until up upon us very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's whether which while who who's whom whose why why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves said says say told according also would mr mrs ms`
    .split(/\s+/),
)

const wordPattern = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu

/**
 * Split `text` into terms with offsets, in text order. Possessive `'s` is dropped from the
 * stem ("Trump's" → "trump"); hyphenated compounds stay one term ("two-hour").
 *
 * @example
 * terms('Two drones fell.').map((t) => t.stem) // ['two', 'drone', 'fell']
 */
export function terms(text: string, from = 0, to = text.length): Term[] {
  const out: Term[] = []
  wordPattern.lastIndex = from
  for (let m = wordPattern.exec(text); m !== null && m.index < to; m = wordPattern.exec(text)) {
    const raw = m[0]
    const end = m.index + raw.length
    if (end > to) break
    const f = formOf(raw)
    out.push({ start: m.index, end, word: f.word, stem: f.stem, capitalized: f.capitalized, stop: f.stop })
  }
  return out
}

// Terms of a document's whole text, computed once per document object inside a
// `withDocumentTerms` scope (the corpus stages of one analysis), and released with it.
let scope: WeakMap<object, readonly Term[]> | undefined

/**
 * Run `f` with a shared per-document term cache: inside it, {@link documentTerms} tokenises each
 * document once. Nested calls share the outer scope; the cache is dropped when the outermost
 * call returns, so documents kept afterwards do not keep their terms alive.
 *
 * @example
 * withDocumentTerms(() => stages.map((stage) => stage(docs)))
 */
export function withDocumentTerms<T>(f: () => T): T {
  if (scope !== undefined) return f()
  scope = new WeakMap()
  try {
    return f()
  } finally {
    scope = undefined
  }
}

/**
 * `terms(doc.text, from, to)`. Inside {@link withDocumentTerms} it reads the terms of the whole
 * text, computed once per document object and shared by every caller (a range starting inside
 * a word is tokenised directly); outside, it tokenises the range.
 *
 * @example
 * documentTerms(doc, sentence.start, sentence.end).map((t) => t.stem)
 */
export function documentTerms(doc: { readonly text: string }, from = 0, to = doc.text.length): Term[] {
  if (scope === undefined) return terms(doc.text, from, to)
  let all = scope.get(doc)
  if (all === undefined) {
    all = terms(doc.text)
    scope.set(doc, all)
  }
  // First term starting at or after `from`.
  let lo = 0
  let hi = all.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((all[mid] as Term).start < from) lo = mid + 1
    else hi = mid
  }
  // `from` inside a word: a scan from there sees a different first word.
  if (lo > 0 && (all[lo - 1] as Term).end > from) return terms(doc.text, from, to)
  let end = lo
  while (end < all.length && (all[end] as Term).start < to && (all[end] as Term).end <= to) end++
  return all.slice(lo, end)
}

/** What a term is, given only its surface: lower-cased word, stem, capitalisation, stop word. */
interface Form {
  readonly word: string
  readonly stem: string
  readonly capitalized: boolean
  readonly stop: boolean
}

// Surface → form, so each distinct word is lower-cased and stemmed once (the corpus stages call
// `terms` on the same texts several times). Cleared when full so it stays bounded.
const forms = new Map<string, Form>()
const formLimit = 200_000

function formOf(raw: string): Form {
  let f = forms.get(raw)
  if (f !== undefined) return f
  let surface = raw
  const possessive = /['’]s$/i.exec(surface)
  if (possessive) surface = surface.slice(0, -2)
  const word = surface.toLowerCase().replace(/’/g, "'").replace(/\.$/, '')
  const stop = stopWords.has(word)
  const stem = /^\d/.test(word) ? word.replace(/,/g, '') : stemmer(word.replace(/[.']/g, ''))
  f = { word, stem, capitalized: /^\p{Lu}/u.test(surface), stop }
  if (forms.size >= formLimit) forms.clear()
  forms.set(raw, f)
  return f
}

/** Stems of the content words of `text`, in order (stop words and 1-letter words dropped). */
export function contentStems(text: string): string[] {
  const out: string[] = []
  for (const t of terms(text)) if (!t.stop && t.word.length > 1) out.push(t.stem)
  return out
}
