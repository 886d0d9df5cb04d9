/** @module entities/normalize — canonical keys that merge name variants ("Zelenskyy" → "zelensky", "U.S." → "united states"). */

/**
 * Variants that spelling rules cannot merge: abbreviations, transliterations and official
 * names, keyed by the already folded form.
 */
export const nameVariants: ReadonlyMap<string, string> = new Map([
  ['us', 'united states'],
  ['usa', 'united states'],
  ['united states of america', 'united states'],
  ['u s', 'united states'],
  ['uk', 'united kingdom'],
  ['britain', 'united kingdom'],
  ['great britain', 'united kingdom'],
  ['eu', 'european union'],
  ['un', 'united nations'],
  ['russian federation', 'russia'],
  ['kiev', 'kyiv'],
  ['zelenskiy', 'zelensky'],
  ['zelenski', 'zelensky'],
  ['volodymyr zelenskiy', 'volodymyr zelensky'],
  ['peoples republic of china', 'china'],
  ['prc', 'china'],
])

/** Honorifics and titles dropped from the front of person names ("President Donald Trump" → "donald trump"). */
export const personTitles: ReadonlySet<string> = new Set(
  'mr mrs ms miss dr prof president vice sen senator rep gov governor gen general secretary minister prime chancellor king queen prince princess pope sir lord lady judge justice mayor ambassador'.split(' '),
)

/**
 * Canonical key of a name mention: case-folded, diacritics, possessives, periods and a leading
 * "the" removed, person titles dropped, transliteration variants folded ("yy" → "y" at word end).
 */
export function normalizeName(surface: string, label: string): string {
  // Memoised per label (a name recurs across a document and a corpus; the key costs eight
  // regular-expression passes); bounded, since a long-running process sees an open-ended set.
  let memo = memos.get(label)
  if (memo === undefined) memos.set(label, (memo = new Map<string, string>()))
  let key = memo.get(surface)
  if (key === undefined) {
    if (memo.size >= maxMemo) memo.clear()
    key = computeName(surface, label)
    memo.set(surface, key)
  }
  return key
}

const memos = new Map<string, Map<string, string>>()
const maxMemo = 20_000

function computeName(surface: string, label: string): string {
  let s = surface.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  s = s.replace(/[’‘`]/g, "'").replace(/[“”"]/g, '')
  s = s.replace(/'s$|'$/u, '')
  s = s.replace(/\.(?=\p{L})/gu, '').replace(/\./g, '')
  s = s.replace(/[-‐–—]/g, ' ').replace(/\s+/g, ' ').trim()
  s = s.replace(/^the /, '')
  if (label === 'person') {
    const words = s.split(' ')
    while (words.length > 1 && personTitles.has(words[0]!)) words.shift()
    s = words.join(' ')
  }
  s = s.replace(/yy\b/g, 'y')
  return nameVariants.get(s) ?? s
}

/** The last word of a person key, used to link "Trump" to an earlier "Donald Trump". */
export function surname(key: string): string {
  const i = key.lastIndexOf(' ')
  return i < 0 ? key : key.slice(i + 1)
}
