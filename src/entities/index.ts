/** @module entities — the `entities` annotator: typed name mentions from a trained tagger, plus pronoun and role mentions. */
import type { Document } from '../document/document.js'
import type { Entity, EntityLabel, Token } from '../document/layers.js'
import { defineAnnotator, type Annotator } from '../pipeline/define-annotator.js'
import { gazetteerClasses, type Lexicon } from './lexicon.js'
import { findMentions, roleHeads, type MentionToken } from './mentions.js'
import { loadModel, type NerModel } from './model.js'
import { normalizeName, personTitles, surname } from './normalize.js'
import { decodeSpans, tagPrepared, WordCache } from './tagger.js'

export { normalizeName } from './normalize.js'
export { loadModel, type NerModel } from './model.js'

/** Options of {@link entities}. */
export interface EntitiesOptions {
  /** Also find pronoun and role mentions (default true). */
  readonly mentions?: boolean
}

const labels: readonly EntityLabel[] = ['person', 'organization', 'location', 'misc']

const foldMap: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '–': '-', '—': '--', '…': '...' }

/** Token text as the CoNLL-trained tagger expects it (straight quotes, ASCII dashes). */
function taggerForm(text: string): string {
  return /[“”„‘’–—…]/.test(text) ? text.replace(/[“”„‘’–—…]/g, (c) => foldMap[c] ?? c) : text
}

// Never names on their own, whatever the model says (CoNLL tags weekdays and months O).
const neverNames = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '))

const locationBits = (1 << gazetteerClasses.indexOf('location')) | (1 << gazetteerClasses.indexOf('country'))

/** Tag name mentions of one document: spans, labels, canonical keys. */
export function tagNames(doc: Document, model: NerModel, cache: WordCache): Entity[] {
  const tokens = doc.layers.tokens ?? []
  const sentences = doc.layers.sentences ?? []
  const text = doc.text
  // Most texts have no curly quotes or dashes: then every token is its own tagger form.
  const fold = /[“”„‘’–—…]/.test(text)
  const forms = sentences.map((s) => {
    const out: string[] = []
    for (let i = s.tokens.start; i < s.tokens.end; i++) {
      const t = tokens[i]!
      const surface = text.slice(t.start, t.end)
      out.push(fold ? taggerForm(surface) : surface)
    }
    return out
  })
  const { labels: tagged, words } = tagPrepared({ sentences: forms }, cache, model.lexicon, model.space, model.scorer)
  const spans: { start: number; end: number; label: EntityLabel; first: number; last: number }[] = []
  sentences.forEach((s, si) => {
    const base = s.tokens.start
    const covered = new Uint8Array(s.tokens.end - base)
    const decoded = decodeSpans(tagged[si]!)
    for (let d = 0; d < decoded.length; d++) {
      const [a, b, type] = decoded[d]!
      const label = labels[type]!
      const isTitle = (i: number): boolean => roleHeads.has(tokens[base + i]!.normal) || titleWords.has(tokens[base + i]!.normal)
      let pieces: [number, number, EntityLabel][] = [[a, b, label]]
      // "US Vice President JD" tagged as one organisation: the title is not part of a name. What
      // precedes it is a place or organisation; what follows it is a person's name.
      if (label !== 'person') {
        let t = a
        while (t < b && !isTitle(t)) t++
        if (t < b) {
          let u = t
          while (u < b && isTitle(u)) u++
          pieces = []
          if (t > a) {
            const head = tokens.slice(base + a, base + t)
            const surface = text.slice(head[0]!.start, head[head.length - 1]!.end)
            const mask = model.lexicon.gazetteer.get(head.map((x) => x.normal).join(' ')) ?? 0
            pieces.push([a, t, initialisms.get(surface) ?? ((mask & locationBits) !== 0 ? 'location' : label)])
          }
          if (u < b) {
            const next = decoded[d + 1]
            if (next !== undefined && next[0] === b && labels[next[2]] === 'person') {
              // The name goes on in the next (person) span: "JD" + "Vance".
              decoded[d + 1] = [u, next[1], next[2]]
            } else pieces.push([u, b, 'person'])
          }
        }
      }
      for (const [pa, pb, pl] of pieces) {
        const first = tokens[base + pa]!
        const last = tokens[base + pb - 1]!
        for (let i = pa; i < pb; i++) covered[i] = 1
        // The initialisms keep their type whatever the model says ("the US may walk away").
        const label = pb === pa + 1 ? (initialisms.get(text.slice(first.start, first.end)) ?? pl) : pl
        spans.push({ start: first.start, end: last.end, label, first: base + pa, last: base + pb - 1 })
      }
    }
    // Machine-translated text lower-cases place names ("kyiv"): a lower-case word that is a
    // known place and is usually capitalised in news is a location.
    let capsLine: boolean | undefined
    for (let i = 0; i < covered.length; i++) {
      if (covered[i]) continue
      const t = tokens[base + i]!
      if (t.kind !== 'word') continue
      let label: EntityLabel | undefined
      // The tagger already looked the word up: its lower-case form is the token's normal form
      // unless the text has typographic characters to fold (then compare).
      const word = words[si]![i]!
      const mask = !fold || word.lower === t.normal ? (word.gazMask >= 0 ? word.gazMask : undefined) : model.lexicon.gazetteer.get(t.normal)
      if (mask !== undefined) label = looksLikeLowerPlace(t, mask, model.lexicon) ? 'location' : looksLikeKnownPerson(t, text, mask, model.lexicon) ? 'person' : undefined
      // Initialisms all begin with a capital A–Z.
      const first = text.charCodeAt(t.start)
      if (label === undefined && first >= 65 && first <= 90) {
        label = initialisms.get(text.slice(t.start, t.end))
        if (label !== undefined && (capsLine ??= allCapsSentence(forms[si]!))) label = undefined
      }
      if (label === undefined) continue
      spans.push({ start: t.start, end: t.end, label, first: base + i, last: base + i })
    }
  })
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const sentenceStarts = new Set(sentences.map((s) => s.tokens.start))
  const out: Entity[] = []
  for (const s of spans) {
    const surface = text.slice(s.start, s.end)
    const words = surface.toLowerCase()
    if (neverNames.has(words)) continue
    // A single capitalised word opening a sentence or standing alone ("Abandon") that news
    // usually writes in lower case is not a name.
    if (s.first === s.last && sentenceStarts.has(s.first) && (model.lexicon.capRatio.get(words) ?? 9) <= 1) continue
    // A title right before a name makes it a person: "vice-president JD Vance", "President Trump".
    const before = s.first > 0 ? tokens[s.first - 1]! : undefined
    const titled = s.label !== 'person' && before !== undefined && before.end <= s.start && (roleHeads.has(before.normal) || personTitles.has(before.normal.replace(/\.$/, ''))) && /^\p{Lu}/u.test(surface)
    const label0: EntityLabel = titled ? 'person' : s.label
    const normal = normalizeName(surface, label0)
    // Seats of government named for the institution: "the Kremlin said", "White House policy".
    const label = institutions.has(normal.replace(/s$/, '')) ? 'organization' : label0
    out.push({ start: s.start, end: s.end, label, normal, kind: 'name' })
  }
  // A lone word that ends a person's full name elsewhere in the document is that person
  // ("JD Vance" … "as Vance stated"), whatever type the model gave it there.
  const surnames = new Set<string>()
  for (const e of out) {
    if (e.label !== 'person') continue
    const space = e.normal.lastIndexOf(' ')
    if (space > 0) surnames.add(e.normal.slice(space + 1))
  }
  for (let i = 0; i < out.length; i++) {
    const e = out[i]!
    if (e.label === 'person' || e.normal.includes(' ') || !surnames.has(e.normal) || institutions.has(e.normal)) continue
    out[i] = { ...e, label: 'person', normal: normalizeName(text.slice(e.start, e.end), 'person') }
  }
  return fixPlurals(out, model.lexicon)
}



// Words that extend a title ("Vice President", "Secretary of State") and are never part of a name.
const titleWords = new Set(['vice', 'deputy', 'prime', 'foreign', 'press', 'of', 'state', 'defense', 'defence', 'minister', 'secretary'])

/** Upper-case initialisms that are names wherever they are written so (outside all-caps lines). */
const initialisms = new Map<string, EntityLabel>([
  ['US', 'location'],
  ['U.S.', 'location'],
  ['UK', 'location'],
  ['U.K.', 'location'],
  ['EU', 'organization'],
  ['UN', 'organization'],
  ['NATO', 'organization'],
])

function allCapsSentence(forms: readonly string[]): boolean {
  let letters = 0
  let caps = 0
  for (const f of forms) {
    if (!/\p{L}/u.test(f)) continue
    letters++
    if (f === f.toUpperCase()) caps++
  }
  return letters >= 2 && caps >= letters * 0.8
}

/** Metonymic seats of power that news uses as actors; CoNLL often tags them as places. */
const institutions = new Set(['white house', 'kremlin', 'pentagon', 'elysee', 'downing street', 'state department', 'quai d orsay', 'vatican', 'bundestag', 'duma', 'knesset'])

const personBits = ['first-name', 'last-name', 'person', 'train-PER'].reduce((m, c) => m | (1 << gazetteerClasses.indexOf(c as (typeof gazetteerClasses)[number])), 0)
const otherBits = ['location', 'country', 'organization', 'demonym', 'train-LOC', 'train-ORG', 'train-MISC'].reduce((m, c) => m | (1 << gazetteerClasses.indexOf(c as (typeof gazetteerClasses)[number])), 0)

/** A capitalised word the model left untagged (gazetteer mask `mask`) that gazetteers know only as a person name and news usually capitalises. */
function looksLikeKnownPerson(t: Token, text: string, mask: number, lexicon: Lexicon): boolean {
  if (t.kind !== 'word' || t.normal.length < 3 || (mask & personBits) === 0 || (mask & otherBits) !== 0) return false
  if (!/^\p{Lu}\p{Ll}/u.test(text.slice(t.start, t.start + 2))) return false
  const cap = lexicon.capRatio.get(t.normal)
  return cap === undefined || cap >= 5
}

/** A word the model left untagged (gazetteer mask `mask`; `normal` is lower case) that is a known place news usually capitalises. */
function looksLikeLowerPlace(t: Token, mask: number, lexicon: Lexicon): boolean {
  if (t.kind !== 'word' || t.normal.length < 4 || (mask & locationBits) === 0) return false
  const cap = lexicon.capRatio.get(t.normal)
  return cap === undefined || cap >= 5
}

/**
 * MT damage pluralises names ("Kremlins", "Chinas"): a single-word name ending in "s" whose
 * singular is a known place or another name of the document takes the singular key.
 */
function fixPlurals(items: Entity[], lexicon: Lexicon): Entity[] {
  // The label the document gives each key most often.
  const votes = new Map<string, Map<EntityLabel, number>>()
  for (const e of items) {
    const v = votes.get(e.normal) ?? new Map<EntityLabel, number>()
    v.set(e.label, (v.get(e.label) ?? 0) + 1)
    votes.set(e.normal, v)
  }
  return items.map((e) => {
    const n = e.normal
    if (!/^\p{L}{3,}s$/u.test(n) || /(ss|us|is)$/.test(n)) return e
    const singular = n.slice(0, -1)
    const known = votes.get(singular)
    if (known !== undefined) {
      // "the Trumps returned": take the singular's key and its usual label in this document.
      const label = [...known.entries()].sort((a, b) => b[1] - a[1])[0]![0]
      return { ...e, normal: singular, label }
    }
    if (e.label !== 'misc' && (lexicon.gazetteer.has(singular) || pluralDamage.has(singular))) return { ...e, normal: singular }
    return e
  })
}

// Names that MT systems are known to pluralise and that are not in the gazetteers.
const pluralDamage = new Set(['kremlin', 'trump', 'pentagon'])

/** Link short person names to an earlier full name of the same person ("Trump" → "Donald Trump"). */
function linkShortNames(items: Entity[]): Entity[] {
  const full = new Map<string, number>()
  return items.map((e, i) => {
    if (e.label !== 'person') return e
    if (e.normal.includes(' ')) {
      const last = surname(e.normal)
      if (!full.has(last)) full.set(last, i)
      return e
    }
    const ref = full.get(e.normal)
    return ref === undefined ? e : { ...e, ref }
  })
}

const wordCaches = new WeakMap<NerModel, WordCache>()

/**
 * One word cache per model and process, shared by every `entities()` annotator: pipelines built
 * per call (`analyzeDocuments`) find the words of earlier calls (bounded; see {@link WordCache}).
 */
function wordCache(model: NerModel): WordCache {
  let cache = wordCaches.get(model)
  if (cache === undefined) {
    cache = new WordCache(model.lexicon)
    wordCaches.set(model, cache)
  }
  return cache
}

/**
 * Find actor mentions: names typed person/organization/location/misc by the trained tagger
 * (`models/ner/`), plus pronoun and role mentions whose `ref` points at the name they stand
 * for. Needs `tokens` and `sentences`. The model is loaded once per process.
 *
 * @example
 * pipeline([tokens(), sentences(), entities()])
 */
export function entities(options: EntitiesOptions = {}): Annotator<'entities'> {
  const model = loadModel()
  const cache = wordCache(model)
  const withMentions = options.mentions ?? true
  return defineAnnotator({
    name: 'entities',
    requires: ['tokens', 'sentences'],
    produces: 'entities',
    annotate(doc): Entity[] {
      const names = linkShortNames(tagNames(doc, model, cache))
      if (!withMentions) return names
      const tokens = doc.layers.tokens ?? []
      const sentenceOf = new Int32Array(tokens.length)
      ;(doc.layers.sentences ?? []).forEach((s, si) => sentenceOf.fill(si, s.tokens.start, s.tokens.end))
      const mentionTokens: MentionToken[] = tokens.map((t, i) => ({ start: t.start, end: t.end, normal: t.normal, sentence: sentenceOf[i]! }))
      const extra = findMentions(mentionTokens, names, (i) => names[i]!.normal)
      return mergeLayer(names, extra)
    },
  })
}

/** Merge names and extra mentions into one sorted layer, remapping `ref` indices. */
function mergeLayer(names: readonly Entity[], extra: readonly Entity[]): Entity[] {
  const all = [...names.map((e, i) => ({ e, from: 'n' as const, i })), ...extra.map((e, i) => ({ e, from: 'x' as const, i }))]
  all.sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end)
  const newIndex = new Map<number, number>()
  all.forEach((a, k) => {
    if (a.from === 'n') newIndex.set(a.i, k)
  })
  return all.map(({ e }) => {
    if (e.ref === undefined) return e
    const ref = newIndex.get(e.ref)
    if (ref === undefined) {
      const { ref: _drop, ...rest } = e
      return rest
    }
    return { ...e, ref }
  })
}
