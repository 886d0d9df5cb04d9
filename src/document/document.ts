/** @module document/document — the immutable document: text, metadata, standoff layers, messages. */
import type { Block, Entity, Quote, Sentence, TimeMention, Token } from './layers.js'
import type { Message } from './message.js'

/**
 * The built-in layers. Outside code adds its own by declaration merging:
 *
 * @example
 * declare module 'parallax' { interface LayerMap { sentiment: readonly Score[] } }
 */
export interface LayerMap {
  blocks: readonly Block[]
  tokens: readonly Token[]
  sentences: readonly Sentence[]
  entities: readonly Entity[]
  quotes: readonly Quote[]
  times: readonly TimeMention[]
}

/** A layer name. */
export type LayerName = Extract<keyof LayerMap, string>

/** Metadata of a document; every field is optional except what readers always know. */
export interface DocumentMeta {
  /** File path as the user gave it. */
  readonly path?: string
  readonly url?: string
  readonly title?: string
  /** Outlet or publisher name. */
  readonly source?: string
  readonly author?: string
  /** Publication date/time as ISO 8601, or null when unknown. */
  readonly published?: string | null
  /** Why `published` was inferred rather than read, when it was. */
  readonly publishedInferred?: string
  readonly language?: string
}

/** One article: fixed text plus standoff layers. Build with {@link createDocument}. */
export interface Document {
  readonly id: string
  readonly text: string
  readonly meta: DocumentMeta
  readonly layers: Readonly<Partial<LayerMap>>
  readonly messages: readonly Message[]
}

/** What {@link createDocument} takes. */
export interface DocumentInit {
  readonly id?: string
  readonly text: string
  readonly meta?: DocumentMeta
  readonly messages?: readonly Message[]
}

/**
 * How documents are frozen: `deep` freezes every layer item too (under Vitest, where
 * `NODE_ENV=test`, so a test catches an annotator that changes its input), `shallow` freezes
 * the document, its meta, messages, layer map and layer arrays but not the items (the default:
 * deep-freezing every token cost about as much as tokenizing, see docs/bench/bench.md; item types
 * are `readonly` already), `none` with `NODE_ENV=production`. `PARALLAX_FREEZE` overrides.
 */
const freezeMode: 'deep' | 'shallow' | 'none' = (() => {
  const forced = process.env['PARALLAX_FREEZE']
  if (forced === 'deep' || forced === 'shallow' || forced === 'none') return forced
  const env = process.env['NODE_ENV']
  return env === 'production' ? 'none' : env === 'test' ? 'deep' : 'shallow'
})()

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  Object.freeze(value)
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  return value
}

function freezeDocument(doc: Document): Document {
  if (freezeMode === 'none') return doc
  if (freezeMode === 'deep') return deepFreeze(doc)
  Object.freeze(doc.meta)
  for (const message of doc.messages) Object.freeze(message)
  Object.freeze(doc.messages)
  for (const items of Object.values(doc.layers)) Object.freeze(items)
  Object.freeze(doc.layers)
  return Object.freeze(doc)
}

let counter = 0

/**
 * Create a document. Text is fixed from here on; layers are added only by {@link withLayer}.
 * Frozen unless `NODE_ENV=production`: the document, meta, messages and layer arrays always, the layer items too under tests (`NODE_ENV=test`) or `PARALLAX_FREEZE=deep`.
 *
 * @example
 * const doc = createDocument({ text: 'Putin spoke.' }, { sentences: [{ start: 0, end: 12, tokens: { start: 0, end: 3 } }] })
 */
export function createDocument(init: DocumentInit, layers: Partial<LayerMap> = {}): Document {
  if (typeof init.text !== 'string') throw new TypeError('createDocument: `text` must be a string')
  const doc: Document = {
    id: init.id ?? `doc-${++counter}`,
    text: init.text,
    meta: { ...(init.meta ?? {}) },
    layers: { ...layers },
    messages: [...(init.messages ?? [])],
  }
  return freezeDocument(doc)
}

/** Return a new document with layer `name` set to `items` (replacing any previous one). */
export function withLayer<K extends LayerName>(doc: Document, name: K, items: LayerMap[K]): Document {
  return freezeDocument({ ...doc, layers: { ...doc.layers, [name]: items } })
}

/** Return a new document with `messages` appended. */
export function withMessages(doc: Document, messages: readonly Message[]): Document {
  if (messages.length === 0) return doc
  return freezeDocument({ ...doc, messages: [...doc.messages, ...messages] })
}

/** Return a new document with metadata fields replaced. */
export function withMeta(doc: Document, meta: Partial<DocumentMeta>): Document {
  return freezeDocument({ ...doc, meta: { ...doc.meta, ...meta } })
}
