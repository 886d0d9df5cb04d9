/** @module analysis/build-analysis — annotated documents → the analysis contract. */
import type { Document } from '../document/document.js'
import type { Entity } from '../document/layers.js'
import type { InputMessage } from '../extract/read-inputs.js'
import type { Analysis, AnalysisDocument, AnalysisEntity, AnalysisMessage, AnalysisQuote, AnalysisTime } from './analysis.js'

/** Canonical entities over all documents plus, per document, the entity id of each mention. */
export interface EntityLinks {
  readonly entities: AnalysisEntity[]
  /** `byDoc.get(docId)[i]` is the canonical entity id of `layers.entities[i]`, or null. */
  readonly byDoc: Map<string, (string | null)[]>
}

/** Follow `ref` links to the name mention a pronoun/role/short-name mention stands for. */
export function resolveMention(items: readonly Entity[], index: number): number {
  let i = index
  for (let hops = 0; hops < 8; hops++) {
    const ref = items[i]?.ref
    if (ref === undefined || ref === i) break
    i = ref
  }
  return i
}

/**
 * Default cross-document linking: one entity per (type, normal form) of name mentions;
 * pronoun and role mentions join the entity of the name they refer to.
 */
export function linkEntitiesByNormal(docs: readonly Document[]): EntityLinks {
  const entities: AnalysisEntity[] = []
  const index = new Map<string, AnalysisEntity>()
  const byDoc = new Map<string, (string | null)[]>()
  for (const doc of docs) {
    const items = doc.layers.entities ?? []
    const ids: (string | null)[] = items.map(() => null)
    items.forEach((item, i) => {
      if (item.kind !== 'name') return
      const key = `${item.label}\u0000${item.normal}`
      let entity = index.get(key)
      if (!entity) {
        entity = { id: `E${entities.length + 1}`, name: doc.text.slice(item.start, item.end), type: item.label, aliases: [], mentions: [] }
        index.set(key, entity)
        entities.push(entity)
      }
      ids[i] = entity.id
    })
    items.forEach((item, i) => {
      if (ids[i] === null) ids[i] = ids[resolveMention(items, i)] ?? null
    })
    items.forEach((item, i) => {
      const id = ids[i]
      if (id === null || id === undefined) return
      const entity = entities[Number(id.slice(1)) - 1] as AnalysisEntity
      entity.mentions.push({ doc: doc.id, start: item.start, end: item.end })
      const surface = doc.text.slice(item.start, item.end)
      if (item.kind === 'name' && !entity.aliases.includes(surface)) entity.aliases.push(surface)
    })
    byDoc.set(doc.id, ids)
  }
  for (const entity of entities) {
    // The longest name variant is the most informative display name ("Donald Trump" over "Trump").
    entity.name = entity.aliases.reduce((a, b) => (b.length > a.length ? b : a), entity.name)
  }
  return { entities, byDoc }
}

/** Corpus-level stages that fill the sections later issues own. */
export interface CorpusStages {
  linkEntities?: (docs: readonly Document[]) => EntityLinks
  events?: (docs: readonly Document[], links: EntityLinks) => Analysis['events']
  claims?: (docs: readonly Document[], links: EntityLinks) => Analysis['claims']
  stories?: (docs: readonly Document[], links: EntityLinks) => Analysis['stories']
  /** Optional top-level sections (copies, omissions, framing), added when present. */
  sections?: (docs: readonly Document[], links: EntityLinks) => Pick<Analysis, 'copies' | 'omissions' | 'framing'>
}

function documentEntry(doc: Document): AnalysisDocument {
  const m = doc.meta
  // An inferred date is not the source's: `published` stays what the input said (null), and the
  // inference is reported beside it with its reason.
  const inferred = m.publishedInferred !== undefined && m.published ? { date: m.published, reason: m.publishedInferred } : undefined
  const entry: AnalysisDocument = { id: doc.id, published: inferred ? null : (m.published ?? null), text: doc.text }
  if (m.path !== undefined) entry.path = m.path
  if (m.url !== undefined) entry.url = m.url
  if (m.title !== undefined) entry.title = m.title
  if (m.source !== undefined) entry.source = m.source
  if (m.author !== undefined) entry.author = m.author
  if (inferred) entry.publishedInferred = inferred
  if (m.language !== undefined) entry.language = m.language
  return entry
}

/**
 * Build the analysis of annotated documents: documents, canonical entities, quotes with
 * speaker ids, times, and the corpus sections (events, claims, stories), plus every message.
 */
export function buildAnalysis(docs: readonly Document[], inputMessages: readonly InputMessage[] = [], stages: CorpusStages = {}): Analysis {
  const links = (stages.linkEntities ?? linkEntitiesByNormal)(docs)
  const entityById = new Map(links.entities.map((e) => [e.id, e]))
  const quotes: AnalysisQuote[] = []
  const times: AnalysisTime[] = []
  const messages: AnalysisMessage[] = inputMessages.map((m) => ({ reason: m.reason, rule: m.ruleId, input: m.input, ...(m.severity ? { severity: m.severity } : {}) }))
  for (const doc of docs) {
    const ids = links.byDoc.get(doc.id) ?? []
    const entityItems = doc.layers.entities ?? []
    for (const q of doc.layers.quotes ?? []) {
      const speaker = q.speaker !== undefined ? (ids[q.speaker] ?? null) : null
      const speakerEntity = speaker !== null ? entityById.get(speaker) : undefined
      const sourceSpan = q.source ?? (q.speaker !== undefined ? entityItems[q.speaker] : undefined)
      const quote: AnalysisQuote = {
        id: `Q${quotes.length + 1}`,
        doc: doc.id,
        start: q.start,
        end: q.end,
        text: doc.text.slice(q.start, q.end),
        kind: q.kind,
        speaker,
        speakerName: speakerEntity?.name ?? (sourceSpan ? doc.text.slice(sourceSpan.start, sourceSpan.end) : null),
      }
      if (q.cue) quote.cue = { start: q.cue.start, end: q.cue.end }
      quotes.push(quote)
    }
    for (const t of doc.layers.times ?? []) {
      times.push({ doc: doc.id, start: t.start, end: t.end, text: doc.text.slice(t.start, t.end), value: t.value, type: t.type })
    }
    for (const m of doc.messages) {
      const message: AnalysisMessage = { reason: m.reason, rule: m.ruleId, doc: doc.id }
      if (m.span) {
        message.start = m.span.start
        message.end = m.span.end
      }
      if (m.severity) message.severity = m.severity
      messages.push(message)
    }
  }
  return {
    version: 1,
    documents: docs.map(documentEntry),
    entities: links.entities,
    quotes,
    times,
    events: stages.events?.(docs, links) ?? [],
    claims: stages.claims?.(docs, links) ?? [],
    stories: stages.stories?.(docs, links) ?? [],
    messages,
    ...stages.sections?.(docs, links),
  }
}
