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
const pattern = new RegExp(
  [
    String.raw`(?<url>https?://[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]|www\.[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]|[\w.+-]+@[\w-]+\.[\w.-]*\w)`,
    String.raw`(?<initialism>(?:\p{L}\.){2,}(?!\p{L}))`,
    String.raw`(?<number>[-+]?(?:\d+(?:[.,:/]\d+)*|\.\d+)(?:st|nd|rd|th|s|am|pm|bn|mn|m|k)?(?![\p{L}\d]))`,
    // Contractions and possessives split off, PTB style: do|n't, Trump|'s. The separator inside
    // the first word alternative is required: optional, it made long words backtrack exponentially.
    String.raw`(?<clitic>n['’]t(?![\p{L}])|['’](?:s|re|ve|ll|d|m)(?![\p{L}]))`,
    String.raw`(?<word>[\p{L}\p{M}\p{N}]+(?:(?:[-'’.&]|n['’](?=t))[\p{L}\p{M}\p{N}]+)*?(?=n['’]t(?![\p{L}]))|[\p{L}\p{M}\p{N}]+(?:(?:-|['’](?!(?:s|re|ve|ll|d|m|t)(?![\p{L}]))|&(?=\p{Lu}))[\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<punct>\.{2,}|-{2,}|[!?]+|\p{P})`,
    String.raw`(?<symbol>\S)`,
  ].join('|'),
  'gu',
)

const foldMap: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '–': '-', '—': '-', '…': '...' }

/** Lower-case and fold typographic quotes and dashes. */
export function normalizeToken(text: string): string {
  let out = text.toLowerCase()
  if (/[“”„‘’–—…]/.test(out)) out = out.replace(/[“”„‘’–—…]/g, (c) => foldMap[c] ?? c)
  return out
}

/**
 * Split `text` into tokens with UTF-16 offsets, ordered by start.
 * A word followed by `.` keeps the period when it is a known abbreviation ("Mr.", "Jan.").
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const groups = m.groups as Record<string, string | undefined>
    const start = m.index
    let end = start + m[0].length
    let kind: Token['kind']
    if (groups['word'] !== undefined) {
      kind = 'word'
      if (text.charCodeAt(end) === 46 /* . */ && abbreviations.has(m[0].toLowerCase())) {
        end += 1
        pattern.lastIndex = end
      } else if (m[0].length === 1 && text.charCodeAt(end) === 46 && /\p{Lu}/u.test(m[0])) {
        // A single capital followed by a period is an initial: "George W. Bush".
        end += 1
        pattern.lastIndex = end
      }
    } else if (groups['number'] !== undefined) kind = 'number'
    else if (groups['initialism'] !== undefined || groups['url'] !== undefined || groups['clitic'] !== undefined) kind = 'word'
    else if (groups['punct'] !== undefined) kind = 'punct'
    else kind = 'symbol'
    const slice = text.slice(start, end)
    tokens.push({ start, end, normal: normalizeToken(slice), kind })
  }
  return tokens
}
