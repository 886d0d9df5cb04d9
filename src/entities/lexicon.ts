/** @module entities/lexicon — word clusters, capitalisation priors and gazetteers used as tagger features. */

/** Gazetteer classes (bit positions of a phrase's mask). */
export const gazetteerClasses = ['first-name', 'last-name', 'person', 'organization', 'location', 'country', 'demonym', 'misc', 'train-PER', 'train-ORG', 'train-LOC', 'train-MISC'] as const

/** Compact lexical resources derived at training time (see `scripts/train-ner.ts`). */
export interface Lexicon {
  /** Lower-cased word → cluster ids at three granularities (fine, middle, coarse). */
  readonly clusters: ReadonlyMap<string, readonly number[]>
  /** Lower-cased word → bucket 0..6 of how often it is written capitalised mid-sentence in unlabeled news. */
  readonly capRatio: ReadonlyMap<string, number>
  /** Lower-cased phrase (tokens joined by one space) → bit mask over {@link gazetteerClasses}. */
  readonly gazetteer: ReadonlyMap<string, number>
  /** First tokens of gazetteer phrases longer than one token → the longest such phrase's token count. */
  readonly phraseStarts: ReadonlyMap<string, number>
  /** The leading two or more tokens of every gazetteer phrase longer than one token (phrases included). */
  readonly phrasePrefixes: ReadonlySet<string>
  /** Words without a capital letter that begin a name in the training data ("de", "van", "1860"). */
  readonly lowerStarts: ReadonlySet<string>
}

/** The serialised form of a {@link Lexicon}. */
export interface LexiconJson {
  /** word → [fine, middle, coarse]. */
  readonly clusters: Record<string, number[]>
  readonly capRatio: Record<string, number>
  readonly gazetteer: Record<string, number>
  /** See {@link Lexicon.lowerStarts} (absent in older artifacts). */
  readonly lowerStarts?: string[]
}

/** Build the run-time lexicon from its JSON form. */
export function lexiconFromJson(json: LexiconJson): Lexicon {
  const gazetteer = new Map(Object.entries(json.gazetteer))
  const phraseStarts = new Map<string, number>()
  const phrasePrefixes = new Set<string>()
  for (const phrase of gazetteer.keys()) {
    const parts = phrase.split(' ')
    if (parts.length < 2) continue
    const first = parts[0]!
    phraseStarts.set(first, Math.max(phraseStarts.get(first) ?? 0, parts.length))
    let prefix = first
    for (let j = 1; j < parts.length; j++) phrasePrefixes.add((prefix += ` ${parts[j]!}`))
  }
  return {
    clusters: new Map(Object.entries(json.clusters)),
    capRatio: new Map(Object.entries(json.capRatio)),
    gazetteer,
    phraseStarts,
    phrasePrefixes,
    lowerStarts: new Set(json.lowerStarts ?? []),
  }
}

/** An empty lexicon (features that need it simply do not fire). */
export const emptyLexicon: Lexicon = { clusters: new Map(), capRatio: new Map(), gazetteer: new Map(), phraseStarts: new Map(), phrasePrefixes: new Set(), lowerStarts: new Set() }

const none: readonly number[] = []

// Feature codes per (mask, position), shared: masks are few.
const codeCache = new Map<number, readonly number[]>()

/** Gazetteer feature codes of one token: `class * 4 + pos` for each class in `mask` (pos 0 B, 1 I, 2 L, 3 U). */
export function gazetteerCodes(mask: number, pos: number): readonly number[] {
  const key = mask * 4 + pos
  let codes = codeCache.get(key)
  if (codes === undefined) {
    const list: number[] = []
    for (let c = 0; c < gazetteerClasses.length; c++) if (mask & (1 << c)) list.push(c * 4 + pos)
    codes = list
    codeCache.set(key, codes)
  }
  return codes
}

/**
 * Gazetteer feature codes per token: longest-match phrases from each position, coded as
 * `class * 4 + position` (0 B, 1 I, 2 L, 3 U).
 */
export function gazetteerTags(lexicon: Lexicon, lowers: readonly string[]): (readonly number[])[] {
  const out: (readonly number[])[] = lowers.map(() => none)
  if (lexicon.gazetteer.size === 0) return out
  let i = 0
  while (i < lowers.length) {
    const first = lowers[i]!
    let len = 0
    let mask = 0
    const maxLen = Math.min(lexicon.phraseStarts.get(first) ?? 1, lowers.length - i)
    for (let l = maxLen; l >= 1; l--) {
      const phrase = l === 1 ? first : lowers.slice(i, i + l).join(' ')
      const m = lexicon.gazetteer.get(phrase)
      if (m !== undefined) {
        len = l
        mask = m
        break
      }
    }
    if (len === 0) {
      i++
      continue
    }
    for (let j = 0; j < len; j++) {
      const pos = len === 1 ? 3 : j === 0 ? 0 : j === len - 1 ? 2 : 1
      out[i + j] = gazetteerCodes(mask, pos)
    }
    i += len
  }
  return out
}
