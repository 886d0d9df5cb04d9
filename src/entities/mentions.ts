/** @module entities/mentions — pronoun and role mentions, linked to the name they stand for when the text is clear. */
import type { Entity } from '../document/layers.js'

/** A token as the mention finder sees it. */
export interface MentionToken {
  readonly start: number
  readonly end: number
  /** Lower-cased, quotes folded. */
  readonly normal: string
  readonly sentence: number
}

/** Nouns that head a role description ("the president", "press secretary"). */
export const roleHeads: ReadonlySet<string> = new Set(
  (
    'president vice-president president-elect premier chancellor minister secretary spokesman spokeswoman spokesperson leader negotiator envoy ambassador ' +
    'governor senator congressman congresswoman mayor king queen prince pope chief commander general admiral ceo chairman chairwoman chair director ' +
    'prosecutor judge diplomat official adviser advisor aide counterpart dictator autocrat head'
  ).split(' '),
)

// Words that may sit between the determiner and the head or before a title: "White House Press Secretary".
const roleModifiers = new Set('vice deputy prime foreign defence defense interior finance state press national security former acting top chief senior special first'.split(' '))

/** Demonyms and short forms → the canonical country key used by {@link normalizeName}. */
export const demonyms: ReadonlyMap<string, string> = new Map([
  ['russian', 'russia'],
  ['ukrainian', 'ukraine'],
  ['american', 'united states'],
  ['us', 'united states'],
  ['u.s.', 'united states'],
  ['chinese', 'china'],
  ['french', 'france'],
  ['german', 'germany'],
  ['british', 'united kingdom'],
  ['turkish', 'turkey'],
  ['israeli', 'israel'],
  ['iranian', 'iran'],
  ['european', 'european union'],
  ['polish', 'poland'],
  ['italian', 'italy'],
  ['japanese', 'japan'],
  ['indian', 'india'],
])

const malePronouns = new Set(['he', 'him', 'his', 'himself'])
const femalePronouns = new Set(['she', 'her', 'hers', 'herself'])

/** Role key: the head noun plus the country or organisation it is tied to, when written. */
function roleKey(head: string, qualifier: string | undefined): string {
  return `${head}\u0000${qualifier ?? ''}`
}

/**
 * Find pronoun and role mentions. `names` are the name mentions (sorted, person refs already
 * set where a short name refers to a longer one); `key(i)` is the canonical key of name `i`.
 * Returns new mentions whose `ref` indexes `names`.
 */
export function findMentions(tokens: readonly MentionToken[], names: readonly Entity[], key: (i: number) => string): Entity[] {
  const out: Entity[] = []
  // Token index → name mention covering it.
  const nameAt = new Map<number, number>()
  let ni = 0
  tokens.forEach((t, ti) => {
    while (ni < names.length && names[ni]!.end <= t.start) ni++
    const n = names[ni]
    if (n !== undefined && n.start <= t.start && t.end <= n.end) nameAt.set(ti, ni)
  })
  const root = (i: number): number => {
    let r = i
    for (let h = 0; h < 4; h++) {
      const ref = names[r]!.ref
      if (ref === undefined) break
      r = ref
    }
    return r
  }
  // Role holders learnt from "Ukrainian President Volodymyr Zelenskyy", keyed by head + country.
  const holders = new Map<string, number>()
  const qualifierOf = (ti: number): string | undefined => {
    const n = nameAt.get(ti)
    if (n !== undefined && names[n]!.label !== 'person') return key(n)
    return demonyms.get(tokens[ti]!.normal)
  }
  // People mentioned per sentence, in order, as root name indices.
  const peopleBySentence = new Map<number, number[]>()
  let lastName = -1
  tokens.forEach((t, ti) => {
    const n = nameAt.get(ti)
    if (n === undefined || n === lastName) return
    lastName = n
    if (names[n]!.label !== 'person') return
    const list = peopleBySentence.get(t.sentence) ?? []
    list.push(root(n))
    peopleBySentence.set(t.sentence, list)
  })

  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!
    if (nameAt.has(ti)) continue
    // Title before a person name: "[US Secretary of State] Marco Rubio", "[Russian leader] Vladimir Putin".
    if (roleHeads.has(t.normal) || roleModifiers.has(t.normal)) {
      let end = ti
      let head: string | undefined
      while (end < tokens.length && !nameAt.has(end) && (roleHeads.has(tokens[end]!.normal) || roleModifiers.has(tokens[end]!.normal) || tokens[end]!.normal === 'of')) {
        if (roleHeads.has(tokens[end]!.normal)) head = tokens[end]!.normal
        end++
      }
      // "Secretary of State": a trailing "of" followed by a non-person name stays in the title.
      const next = nameAt.get(end)
      if (head !== undefined && next !== undefined && names[next]!.label !== 'person' && tokens[end - 1]!.normal === 'of') {
        while (nameAt.get(end) === next) end++
      }
      const person = nameAt.get(end)
      if (head !== undefined && person !== undefined && names[person]!.label === 'person' && tokens[end - 1]!.normal !== 'of') {
        // Extend left over qualifiers: "Ukrainian", "US", "White House".
        let start = ti
        let qualifier: string | undefined
        for (let j = end - 1; j >= ti; j--) {
          if (tokens[j]!.normal === 'of' && j + 1 < end) qualifier = qualifierOf(j + 1) ?? qualifier
        }
        while (start > 0) {
          const q = qualifierOf(start - 1)
          if (q === undefined || tokens[start - 1]!.sentence !== t.sentence) break
          qualifier = q
          start--
          const n = nameAt.get(start)
          if (n !== undefined) while (start > 0 && nameAt.get(start - 1) === n) start--
        }
        const ref = root(person)
        holders.set(roleKey(head, qualifier), ref)
        holders.set(roleKey(head, undefined), ref)
        out.push({ start: tokens[start]!.start, end: tokens[end - 1]!.end, label: 'person', normal: tokens.slice(start, end).map((x) => x.normal).join(' '), kind: 'role', ref })
        ti = end - 1
        continue
      }
    }
    // Definite role description: "the president of Ukraine", "the Russian leader", "the US president".
    if (t.normal === 'the') {
      let j = ti + 1
      let qualifier: string | undefined
      while (j < tokens.length && j - ti <= 4) {
        const q = qualifierOf(j)
        if (q !== undefined) {
          qualifier = q
          const n = nameAt.get(j)
          if (n !== undefined) while (nameAt.get(j + 1) === n) j++
          j++
          continue
        }
        if (roleModifiers.has(tokens[j]!.normal)) {
          j++
          continue
        }
        break
      }
      const headToken = tokens[j]
      if (headToken === undefined || !roleHeads.has(headToken.normal)) continue
      const head = headToken.normal
      let end = j + 1
      if (tokens[end]?.normal === 'of') {
        let k = end + 1
        if (tokens[k]?.normal === 'the') k++
        const q = qualifierOf(k)
        if (q !== undefined) {
          qualifier = q
          const n = nameAt.get(k)
          if (n !== undefined) while (nameAt.get(k + 1) === n) k++
          end = k + 1
        }
      }
      // Appositive: "the president of Ukraine, Volodymyr Zelensky".
      let ref: number | undefined
      const after = nameAt.get(end + 1)
      if (tokens[end]?.normal === ',' && after !== undefined && names[after]!.label === 'person') {
        ref = root(after)
        holders.set(roleKey(head, qualifier), ref)
      } else ref = holders.get(roleKey(head, qualifier))
      const mention: Entity = { start: t.start, end: tokens[end - 1]!.end, label: 'person', normal: tokens.slice(ti, end).map((x) => x.normal).join(' '), kind: 'role' }
      out.push(ref === undefined ? mention : { ...mention, ref })
      ti = end - 1
      continue
    }
    // Pronouns: the nearest person named earlier in the sentence, else the only person of the previous one.
    if (malePronouns.has(t.normal) || femalePronouns.has(t.normal)) {
      let ref: number | undefined
      for (let j = ti - 1; j >= 0 && tokens[j]!.sentence === t.sentence; j--) {
        const n = nameAt.get(j)
        if (n !== undefined && names[n]!.label === 'person') {
          ref = root(n)
          break
        }
        const r = out.length > 0 ? out[out.length - 1] : undefined
        if (r !== undefined && r.kind === 'role' && r.ref !== undefined && r.start <= tokens[j]!.start && tokens[j]!.end <= r.end) {
          ref = r.ref
          break
        }
      }
      if (ref === undefined) {
        const prev = peopleBySentence.get(t.sentence - 1)
        if (prev !== undefined && new Set(prev.map((p) => key(p))).size === 1) ref = prev[0]
      }
      const mention: Entity = { start: t.start, end: t.end, label: 'person', normal: t.normal, kind: 'pronoun' }
      out.push(ref === undefined ? mention : { ...mention, ref })
    }
  }
  return out
}
