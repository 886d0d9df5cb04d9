/**
 * @module times/prefix-index — which rules can match at which offset, decided by the first
 * characters there, so that the tagger runs each rule's regex only where it can fire.
 *
 * Each rule's regex source is parsed (the subset the rules use: groups, alternation, classes,
 * quantifiers, lookarounds) and its possible first {@link K} characters are enumerated,
 * lower-cased, digits written `0`. The set is an over-approximation (lookarounds are ignored),
 * so running the rule (sticky) at every offset whose first characters are in its set finds
 * exactly the matches a global scan finds. A rule whose prefixes cannot be enumerated (a
 * wildcard class such as `\p{L}` in its first characters, or syntax the parser does not know)
 * is scanned over the whole text as before.
 */

/** Number of leading characters the index looks at. */
export const K = 3

/** Any character (a class the analysis does not enumerate). */
const WILD = '\u0000'

type Node =
  | { readonly kind: 'chars'; readonly chars: readonly string[] }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly options: readonly Node[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly kind: 'empty' }

class Unsupported extends Error {}

/** Lower-case, digits as `0`; the form both the analysis and the lookup use. */
export function normaliseChar(c: string): string {
  if (c >= '0' && c <= '9') return '0'
  if (c === '\u017f') return 's' // long s folds to "s" under /iu
  const lower = c.toLowerCase()
  return lower.length === 1 ? lower : c
}

const DIGITS = ['0']

/** {@link normaliseChar} of the ASCII characters, as codes. */
const ASCII_NORMAL = new Uint8Array(128).map((_, c) => (c >= 48 && c <= 57 ? 48 : c >= 65 && c <= 90 ? c + 32 : c))

/** A key of {@link K} = 3 ASCII characters (raw codes, each below 128) as one number, normalised as {@link normaliseChar}. */
export function asciiKey(c0: number, c1: number, c2: number): number {
  return ((ASCII_NORMAL[c0] as number) << 14) | ((ASCII_NORMAL[c1] as number) << 7) | (ASCII_NORMAL[c2] as number)
}

function parse(source: string): Node {
  let i = 0
  const peek = (): string | undefined => source[i]

  function parseAlt(): Node {
    const options: Node[] = [parseSeq()]
    while (peek() === '|') {
      i++
      options.push(parseSeq())
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options }
  }

  function parseSeq(): Node {
    const items: Node[] = []
    while (i < source.length && peek() !== '|' && peek() !== ')') {
      let atom = parseAtom()
      atom = parseQuantifier(atom)
      items.push(atom)
    }
    return { kind: 'seq', items }
  }

  function parseQuantifier(atom: Node): Node {
    const c = peek()
    let min: number, max: number
    if (c === '?') [min, max] = [0, 1]
    else if (c === '*') [min, max] = [0, Infinity]
    else if (c === '+') [min, max] = [1, Infinity]
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i))
      if (!m) throw new Unsupported('brace')
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
      i += m[0].length - 1
    } else return atom
    i++
    if (peek() === '?') i++ // lazy: same set of strings
    return { kind: 'repeat', node: atom, min, max }
  }

  function parseEscape(inClass: boolean): string[] {
    const c = source[i + 1]
    if (c === undefined) throw new Unsupported('trailing backslash')
    i += 2
    if (c === 'd') return DIGITS
    if (c === 'p' || c === 'P') {
      const close = source.indexOf('}', i)
      if (close < 0) throw new Unsupported('\\p')
      i = close + 1
      return [WILD]
    }
    if ('sSwWDbB'.includes(c)) {
      if (!inClass && (c === 'b' || c === 'B')) return []
      return [WILD]
    }
    if (c === 'n') return ['\n']
    if (c === 't') return ['\t']
    if (c === 'r') return ['\r']
    if (c === 'u' || c === 'x' || c === 'k' || c === 'c' || (c >= '1' && c <= '9')) throw new Unsupported(`\\${c}`)
    return [normaliseChar(c)]
  }

  function parseClass(): string[] {
    i++ // [
    if (peek() === '^') throw new Unsupported('negated class')
    const out = new Set<string>()
    let previous: string | undefined
    while (i < source.length && peek() !== ']') {
      if (peek() === '\\') {
        for (const c of parseEscape(true)) out.add(c)
        previous = undefined
        continue
      }
      const c = source[i] as string
      if (c === '-' && previous !== undefined && source[i + 1] !== ']' && source[i + 1] !== undefined) {
        const to = source[i + 1] as string
        if (to === '\\') throw new Unsupported('escaped range end')
        for (let code = previous.charCodeAt(0) + 1; code <= to.charCodeAt(0); code++) out.add(normaliseChar(String.fromCharCode(code)))
        i += 2
        previous = undefined
        continue
      }
      out.add(normaliseChar(c))
      previous = c
      i++
    }
    if (peek() !== ']') throw new Unsupported('unclosed class')
    i++
    return [...out]
  }

  function parseAtom(): Node {
    const c = peek() as string
    if (c === '(') {
      i++
      let lookaround = false
      if (source.startsWith('?:', i)) i += 2
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) [i, lookaround] = [i + 2, true]
      else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) [i, lookaround] = [i + 3, true]
      else if (source.startsWith('?<', i)) {
        const close = source.indexOf('>', i)
        if (close < 0) throw new Unsupported('group name')
        i = close + 1
      } else if (c === '(' && peek() === '?') throw new Unsupported('group kind')
      const inner = parseAlt()
      if (peek() !== ')') throw new Unsupported('unclosed group')
      i++
      return lookaround ? { kind: 'empty' } : inner
    }
    if (c === '[') return { kind: 'chars', chars: parseClass() }
    if (c === '\\') {
      const chars = parseEscape(false)
      return chars.length === 0 ? { kind: 'empty' } : { kind: 'chars', chars }
    }
    if (c === '.') {
      i++
      return { kind: 'chars', chars: [WILD] }
    }
    if (c === '^' || c === '$') throw new Unsupported('assertion')
    i++
    // A lone surrogate half of an astral literal: the index works on UTF-16 units, so it still matches.
    return { kind: 'chars', chars: [normaliseChar(c)] }
  }

  const node = parseAlt()
  if (i !== source.length) throw new Unsupported('unbalanced')
  return node
}

/** Every string of at most `k` characters the node's matches can begin with; a shorter one ends the node. */
const memo = new WeakMap<Node, Map<number, Set<string>>>()

function prefixes(node: Node, k: number): Set<string> {
  let byK = memo.get(node)
  if (!byK) memo.set(node, (byK = new Map<number, Set<string>>()))
  let out = byK.get(k)
  if (!out) byK.set(k, (out = computePrefixes(node, k)))
  return out
}

function computePrefixes(node: Node, k: number): Set<string> {
  if (k === 0) return new Set([''])
  switch (node.kind) {
    case 'empty':
      return new Set([''])
    case 'chars':
      return new Set(node.chars)
    case 'alt': {
      const out = new Set<string>()
      for (const o of node.options) for (const s of prefixes(o, k)) out.add(s)
      return out
    }
    case 'seq': {
      let acc = new Set([''])
      for (const item of node.items) {
        let open = false
        for (const a of acc) if (a.length < k) open = true
        if (!open) break
        acc = concat(acc, item, k)
      }
      return acc
    }
    case 'repeat': {
      let acc = new Set([''])
      for (let n = 0; n < node.min && n <= k; n++) acc = concat(acc, node.node, k)
      const out = new Set(acc)
      const more = Math.min(node.max - node.min, k + 1)
      for (let n = 0; n < more; n++) {
        acc = concat(acc, node.node, k)
        for (const s of acc) out.add(s)
      }
      return out
    }
  }
}

function concat(acc: Set<string>, node: Node, k: number): Set<string> {
  const out = new Set<string>()
  const cache = new Map<number, Set<string>>()
  for (const a of acc) {
    if (a.length >= k) {
      out.add(a)
      continue
    }
    const room = k - a.length
    let next = cache.get(room)
    if (!next) cache.set(room, (next = prefixes(node, room)))
    for (const s of next) out.add(a + s)
  }
  return out
}

/**
 * The possible first {@link K} characters (normalised) of a match of `source`, or undefined
 * when they cannot be enumerated (the rule must then be scanned over the whole text).
 */
export function leadingStrings(source: string): Set<string> | undefined {
  let set: Set<string>
  try {
    set = prefixes(parse(source), K)
  } catch (e) {
    if (e instanceof Unsupported) return undefined
    throw e
  }
  for (const s of set) if (s.includes(WILD) || s === '') return undefined
  return set
}

/** The leading boundary of every built-in rule: no letter or digit before the match. */
export const BOUNDARY = '(?<![\\p{L}\\p{N}])'

/** A key character as regex source (under /iu): `0` stands for any digit. */
function keyCharSource(c: string): string {
  if (c === '0') return '\\d'
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c
}

/**
 * The keys as one regex alternation shaped as a trie ("the|thi" → `th(?:e|i)`), so that the engine
 * branches on each character once instead of trying every key in turn. A key that is a prefix of
 * another is kept (an empty branch), so every key still matches.
 */
function trieSource(keys: readonly string[]): string {
  interface TrieNode { end: boolean; readonly next: Map<string, TrieNode> }
  const root: TrieNode = { end: false, next: new Map() }
  for (const key of keys) {
    let node = root
    for (const c of key) {
      let child = node.next.get(c)
      if (!child) node.next.set(c, (child = { end: false, next: new Map() }))
      node = child
    }
    node.end = true
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, child]) => keyCharSource(c) + emit(child))
    if (branches.length === 0) return ''
    // Longer keys first; a key ending here is the empty branch, tried last.
    if (node.end) branches.push('')
    return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`
  }
  return emit(root)
}

/** For a list of regex sources: which of them to try at an offset, by the text there. */
export interface PrefixIndex {
  /** Rules (by position) to try where the text's first K (or fewer) normalised characters are the key. */
  readonly byKey: ReadonlyMap<string, readonly number[]>
  /** The same lists for the keys of K ASCII characters, by {@link asciiKey}. */
  readonly byAsciiKey: ReadonlyMap<number, readonly number[]>
  /** Key lengths present in `byKey` (K, and shorter ones for rules whose whole match may be shorter). */
  readonly lengths: readonly number[]
  /** Rules that cannot be indexed: scan the whole text. */
  readonly unindexed: readonly number[]
  /**
   * Global: matches where some key begins (the boundary, where `boundary`, is left to the caller:
   * as a leading lookbehind it would be tried at every offset). Reset `lastIndex` before use and
   * set it one past each match's start, as keys may overlap.
   */
  readonly trigger: RegExp
  /** Every source begins with the `(?<![\p{L}\p{N}])` boundary: no match starts right after a letter or digit. */
  readonly boundary: boolean
  /** First characters (normalised) of all keys. */
  readonly firstChars: ReadonlySet<string>
}

/** Build the index of the given regex sources (in rule order). */
export function buildPrefixIndex(sources: readonly string[]): PrefixIndex {
  const byKey = new Map<string, number[]>()
  const unindexed: number[] = []
  const lengths = new Set<number>()
  const firstChars = new Set<string>()
  sources.forEach((source, index) => {
    const set = leadingStrings(source)
    if (!set) {
      unindexed.push(index)
      return
    }
    for (const s of set) {
      let list = byKey.get(s)
      if (!list) byKey.set(s, (list = []))
      if (!list.includes(index)) list.push(index)
      lengths.add(s.length)
      firstChars.add(s[0] as string)
    }
  })
  const byAsciiKey = new Map<number, number[]>()
  for (const [key, list] of byKey) {
    if (key.length === K && [...key].every((c) => c.charCodeAt(0) < 128)) byAsciiKey.set(asciiKey(key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2)), list)
  }
  const boundary = sources.every((s) => s.startsWith(BOUNDARY))
  const alternatives = trieSource([...byKey.keys()])
  // With no keys, a trigger that never matches.
  // A cheap ASCII lookbehind drops offsets inside ASCII words (none of them passes the boundary either); the caller checks the rest.
  const trigger = new RegExp(`${boundary ? '(?<![A-Za-z0-9])' : ''}(?:${alternatives || '[]'})`, 'giu')
  return { byKey, byAsciiKey, trigger, lengths: [...lengths].sort((a, b) => b - a), unindexed, firstChars, boundary }
}
