/** @module tokens/tokens — a fast rule-based tokenizer close to CoNLL/PTB conventions. */
import type { Token } from '../document/layers.js'

/**
 * Abbreviations that keep their final period as part of the token (and so never end a
 * sentence by themselves). Lower-case, without the period.
 */
export const abbreviations: ReadonlySet<string> = new Set(
  (
    'mr mrs ms dr prof sr jr st gen lt col sgt capt cmdr adm maj gov sen rep rev hon pres supt insp det ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc corp co ltd llc plc bros dept univ assn est no nos vol vs etc approx fig al ft mt mts ave blvd rd ' +
    'ariz calif colo conn fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo'
  ).split(' '),
)

// Order matters: earlier alternatives win.
const urlRule = String.raw`(https?://[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]|www\.[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]|[\w.+-]+@[\w-]+\.[\w.-]*\w)`
const initialismRule = String.raw`((?:\p{L}\.){2,}(?!\p{L}))`
const numberRule = String.raw`([-+]?(?:\d+(?:[.,:/]\d+)*|\.\d+)(?:st|nd|rd|th|s|am|pm|bn|mn|m|k)?(?![\p{L}\d]))`
// Contractions and possessives split off, PTB style: do|n't, Trump|'s
const cliticRule = String.raw`(n['’]t(?![\p{L}])|['’](?:s|re|ve|ll|d|m)(?![\p{L}]))`
const plainWord = String.raw`[\p{L}\p{M}\p{N}]+(?:(?:-|['’](?!(?:s|re|ve|ll|d|m|t)(?![\p{L}]))|&(?=\p{Lu}))[\p{L}\p{M}\p{N}]+)*`
const tailRules = [String.raw`(\.{2,}|-{2,}|[!?]+|\p{P})`, String.raw`(\S)`]

/**
 * Every rule but the word that ends before a negation clitic ("do" of "don't"), which
 * {@link negationSplit} finds by hand: as a regular expression alternative
 * (`W+(?:(?:[-'’.&]|n['’](?=t))?W+)*?(?=n['’]t(?!\p{L}))`) its optional separator inside a
 * repeated group backtracked exponentially in the word length and made tokenizing ~50× slower.
 * Wherever that alternative matched, `plainWord` matches at the same position.
 */
const pattern = new RegExp([urlRule, initialismRule, numberRule, cliticRule, `(${plainWord})`, ...tailRules].join('|'), 'gu')
const wordChars = /[\p{L}\p{M}\p{N}]+/uy
const letter = /\p{L}/uy
const negation = /n['’]t/g

/**
 * End of the word starting at `start` that stops right before a negation clitic, or -1.
 * The word is a chain of word-character runs joined by single `-'’.&`; it may end before any
 * `n't`/`n’t` (not followed by a letter) whose `n` closes a run of two or more characters.
 * The longest such word wins, as the backtracking order of the former regular expression did.
 */
function negationSplit(text: string, start: number): number {
  let best = -1
  let i = start
  for (;;) {
    wordChars.lastIndex = i
    if (!wordChars.test(text)) break
    const runEnd = wordChars.lastIndex
    const next = text.charCodeAt(runEnd)
    const apostrophe = next === 39 || next === 0x2019
    if (apostrophe && runEnd - 1 > i && text.charCodeAt(runEnd - 1) === 110 /* n */ && text.charCodeAt(runEnd + 1) === 116 /* t */) {
      letter.lastIndex = runEnd + 2
      if (!letter.test(text)) best = runEnd - 1
    }
    // Separators - ' ’ . & continue the chain.
    if (!(apostrophe || next === 45 || next === 46 || next === 38)) break
    i = runEnd + 1
  }
  return best
}

const foldMap: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '–': '-', '—': '-', '…': '...' }

const foldable = /[“”„‘’–—…]/

/** Lower-case and fold typographic quotes and dashes. */
export function normalizeToken(text: string): string {
  let out = text.toLowerCase()
  if (foldable.test(out)) out = out.replace(/[“”„‘’–—…]/g, (c) => foldMap[c] ?? c)
  return out
}

/**
 * Split `text` into tokens with UTF-16 offsets, ordered by start.
 * A word followed by `.` keeps the period when it is a known abbreviation ("Mr.", "Jan.").
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  // Most texts have no typographic quote, dash or ellipsis: then lower-casing is all normalising does.
  const fold = foldable.test(text)
  // Index of the next "n't"/"n’t" at or after the current token, or -1 when none is left.
  negation.lastIndex = 0
  let nextNegation = negation.exec(text)?.index ?? -1
  pattern.lastIndex = 0
  // Capture groups, in rule order: 1 url, 2 initialism, 3 number, 4 clitic, 5 word, 6 punct, 7 symbol.
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index
    let end = start + m[0].length
    let kind: Token['kind']
    if (m[5] !== undefined) {
      kind = 'word'
      if (nextNegation >= 0 && nextNegation < start) {
        negation.lastIndex = start
        nextNegation = negation.exec(text)?.index ?? -1
      }
      // The word may end before a negation only when one starts inside it or its chain goes on.
      if (nextNegation >= 0) {
        const after = text.charCodeAt(end)
        if (nextNegation < end - 1 || after === 39 || after === 0x2019 || after === 45 || after === 46 || after === 38) {
          const split = negationSplit(text, start)
          if (split > 0) end = pattern.lastIndex = split
        }
      }
      const word = end === start + m[0].length ? m[0] : text.slice(start, end)
      if (text.charCodeAt(end) === 46 /* . */ && abbreviations.has(word.toLowerCase())) {
        end += 1
        pattern.lastIndex = end
      } else if (word.length === 1 && text.charCodeAt(end) === 46 && /\p{Lu}/u.test(word)) {
        // A single capital followed by a period is an initial: "George W. Bush".
        end += 1
        pattern.lastIndex = end
      }
    } else if (m[3] !== undefined) kind = 'number'
    else if (m[2] !== undefined || m[1] !== undefined || m[4] !== undefined) kind = 'word'
    else if (m[6] !== undefined) kind = 'punct'
    else kind = 'symbol'
    tokens.push({ start, end, normal: fold ? normalizeToken(text.slice(start, end)) : text.slice(start, end).toLowerCase(), kind })
  }
  return tokens
}
