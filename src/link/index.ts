/** @module link — cross-document entity linking: one canonical entity per real-world actor. */
import type { AnalysisEntity } from '../analysis/analysis.js'
import { resolveMention, type EntityLinks } from '../analysis/build-analysis.js'
import type { Document } from '../document/document.js'
import type { Entity, EntityLabel } from '../document/layers.js'

// Titles dropped from display names ("President Donald Trump" → "Donald Trump").
const titles = new Set('mr mrs ms dr prof president vice sen senator rep gov governor gen general secretary minister prime chancellor king queen prince pope sir lord lady mayor'.split(' '))

/** A surface form fit for display: no leading "the", possessive or person title. */
function displayForm(surface: string, label: EntityLabel): string {
  let s = surface.replace(/['’]s$|['’]$/u, '').replace(/^the\s+/i, '')
  if (label === 'person') {
    const words = s.split(/\s+/)
    while (words.length > 1 && titles.has(words[0]!.toLowerCase().replace(/\.$/, ''))) words.shift()
    s = words.join(' ')
  }
  return s
}

interface Group {
  key: string
  person: boolean
  labels: Map<EntityLabel, number>
  first: number
}

/**
 * Link the `entities` layers of many documents into canonical entities. Name mentions merge
 * by canonical key (`normal`: "U.S." = "United States", "Zelenskyy" = "Zelensky"), a one-word
 * person name joins the only multi-word person name of the corpus that ends with it ("Trump" →
 * "Donald Trump"), MT plurals join their singular ("Kremlins" → "Kremlin"), and pronoun and
 * role mentions join the entity of their `ref`. Every surface form of a name is kept as an alias.
 *
 * @example
 * const links = linkEntities(annotatedDocs)
 */
export function linkEntities(docs: readonly Document[]): EntityLinks {
  const groups = new Map<string, Group>()
  const groupKey = (e: Entity): string => `${e.label === 'person' ? 'P' : 'N'}\u0000${e.normal}`
  let order = 0
  for (const doc of docs) {
    for (const e of doc.layers.entities ?? []) {
      if (e.kind !== 'name') continue
      const k = groupKey(e)
      let g = groups.get(k)
      if (!g) {
        g = { key: e.normal, person: e.label === 'person', labels: new Map(), first: order++ }
        groups.set(k, g)
      }
      g.labels.set(e.label, (g.labels.get(e.label) ?? 0) + 1)
    }
  }
  // Union-find over group keys.
  const parent = new Map<string, string>([...groups.keys()].map((k) => [k, k]))
  const find = (k: string): string => {
    let r = k
    while (parent.get(r) !== r) r = parent.get(r)!
    parent.set(k, r)
    return r
  }
  const union = (child: string, into: string): void => {
    const a = find(child)
    const b = find(into)
    if (a !== b) parent.set(a, b)
  }
  // Plurals from MT ("Kremlins", "Trumps") join their singular.
  for (const k of groups.keys()) {
    const [kind, key] = k.split('\u0000') as [string, string]
    if (!/^\p{L}{3,}s$/u.test(key) || /(ss|us|is)$/.test(key)) continue
    const singular = `${kind}\u0000${key.slice(0, -1)}`
    const other = `${kind === 'P' ? 'N' : 'P'}\u0000${key.slice(0, -1)}`
    if (groups.has(singular)) union(k, singular)
    else if (groups.has(other)) union(k, other)
  }
  // One key under both a person and another label: a rare label joins a dominant one
  // (the model's "Trumps"/location beside 40 "Trump"/person), while comparable counts stay
  // apart (Washington the person and the city).
  const size = (g: Group): number => [...g.labels.values()].reduce((a, b) => a + b, 0)
  for (const [k, g] of groups) {
    if (g.person) continue
    const personKey = `P\u0000${g.key}`
    const p = groups.get(personKey)
    if (p === undefined) continue
    const a = size(g)
    const b = size(p)
    if (a <= 2 && b >= 4 * a) union(k, personKey)
    else if (b <= 2 && a >= 4 * b) union(personKey, k)
  }
  // One-word person names join the only multi-word person name ending with them.
  const bySurname = new Map<string, string[]>()
  for (const [k, g] of groups) {
    if (!g.person || !g.key.includes(' ')) continue
    const last = g.key.slice(g.key.lastIndexOf(' ') + 1)
    const list = bySurname.get(last) ?? []
    list.push(k)
    bySurname.set(last, list)
  }
  for (const [k, g] of groups) {
    if (!g.person || g.key.includes(' ')) continue
    const candidates = bySurname.get(g.key)
    if (candidates !== undefined && new Set(candidates.map(find)).size === 1) union(k, candidates[0]!)
  }

  const entities: AnalysisEntity[] = []
  const byRoot = new Map<string, AnalysisEntity>()
  const labelVotes = new Map<AnalysisEntity, Map<EntityLabel, number>>()
  const byDoc = new Map<string, (string | null)[]>()
  const sortedRoots = [...groups.entries()].sort((a, b) => a[1].first - b[1].first)
  for (const [k] of sortedRoots) {
    const r = find(k)
    if (byRoot.has(r)) continue
    const g = groups.get(r)!
    const entity: AnalysisEntity = { id: `E${entities.length + 1}`, name: '', type: g.person ? 'person' : 'organization', aliases: [], mentions: [] }
    byRoot.set(r, entity)
    labelVotes.set(entity, new Map())
    entities.push(entity)
  }
  const canonicalSurface = new Map<AnalysisEntity, string>()
  for (const doc of docs) {
    const items = doc.layers.entities ?? []
    const ids: (string | null)[] = items.map(() => null)
    items.forEach((item, i) => {
      const root = items[resolveMention(items, i)]!
      if (root.kind !== 'name') return
      const entity = byRoot.get(find(groupKey(root)))
      if (!entity) return
      ids[i] = entity.id
      entity.mentions.push({ doc: doc.id, start: item.start, end: item.end })
      if (item.kind !== 'name') return
      const surface = doc.text.slice(item.start, item.end)
      if (!entity.aliases.includes(surface)) entity.aliases.push(surface)
      const votes = labelVotes.get(entity)!
      votes.set(item.label, (votes.get(item.label) ?? 0) + 1)
      // Display name: a surface that spells the root key exactly ("Donald Trump", not "President Donald Trump").
      const rootKey = groups.get(find(groupKey(item)))!.key
      const display = displayForm(surface, item.label)
      const spelled = display.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '')
      const best = canonicalSurface.get(entity)
      if (spelled === rootKey && (best === undefined || display.length > best.length)) canonicalSurface.set(entity, display)
    })
    byDoc.set(doc.id, ids)
  }
  for (const entity of entities) {
    const votes = [...labelVotes.get(entity)!.entries()].sort((a, b) => b[1] - a[1])
    entity.type = votes[0]?.[0] ?? entity.type
    const longest = entity.aliases.reduce((a, b) => (b.length > a.length ? b : a), entity.aliases[0] ?? '')
    entity.name = canonicalSurface.get(entity) ?? displayForm(longest, entity.type)
  }
  return { entities, byDoc }
}
