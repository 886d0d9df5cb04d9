/** @module ingest/feeds — RSS 2.0 / RSS 1.0 (RDF), Atom and JSON Feed → feed items. */
import { normalizeDate } from '../extract/dates.js'
import { InputError } from './errors.js'
import { attr, children, parseXml, textOf, type XmlNode } from './xml.js'

/** One entry of a feed: where the article is and what the feed says about it. */
export interface FeedItem {
  /** Absolute URL of the article, when the feed gives one. */
  readonly url?: string
  /** The feed's own id/guid of the item. */
  readonly id?: string
  readonly title?: string
  /** ISO 8601, when the feed's date reads. */
  readonly published?: string
  readonly author?: string
  readonly summary?: string
  /** Full content as HTML (`content:encoded`, Atom `content`, JSON Feed `content_html`), when given. */
  readonly html?: string
  /** Full content as plain text (JSON Feed `content_text`), when given. */
  readonly text?: string
}

/** A parsed feed. */
export interface Feed {
  readonly format: 'rss' | 'rdf' | 'atom' | 'json'
  readonly title?: string
  readonly link?: string
  readonly items: readonly FeedItem[]
}

function absolute(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined
  try {
    const u = new URL(href, base)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}

type Clean<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> }

/** Drop undefined fields (exactOptionalPropertyTypes). */
function clean<T extends object>(o: T): Clean<T> {
  for (const k of Object.keys(o)) if ((o as Record<string, unknown>)[k] === undefined) delete (o as Record<string, unknown>)[k]
  return o
}

const isoOf = (value: string | undefined): string | undefined => (value ? normalizeDate(value) : undefined)

function rssItem(item: XmlNode, base: string | undefined): FeedItem {
  const guid = children(item, 'guid')[0]
  const guidText = textOf(guid)
  const link = textOf(children(item, 'link')[0]) ?? (attr(guid, 'isPermaLink') !== 'false' ? guidText : undefined)
  return clean({
    url: absolute(link, base),
    id: guidText,
    title: textOf(children(item, 'title')[0]),
    published: isoOf(textOf(children(item, 'pubDate')[0]) ?? textOf(children(item, 'dc:date')[0])),
    author: textOf(children(item, 'dc:creator')[0]) ?? textOf(children(item, 'author')[0]),
    summary: textOf(children(item, 'description')[0]),
    html: textOf(children(item, 'content:encoded')[0]),
  })
}

function atomLink(entry: XmlNode, base: string | undefined): string | undefined {
  const links = children(entry, 'link')
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0]
  return absolute(attr(alternate, 'href'), attr(entry, 'xml:base') ?? base)
}

function atomItem(entry: XmlNode, base: string | undefined): FeedItem {
  const content = children(entry, 'content')[0]
  const type = attr(content, 'type') ?? 'text'
  const contentText = textOf(content)
  return clean({
    url: atomLink(entry, base),
    id: textOf(children(entry, 'id')[0]),
    title: textOf(children(entry, 'title')[0]),
    published: isoOf(textOf(children(entry, 'published')[0]) ?? textOf(children(entry, 'updated')[0])),
    author: textOf(children(children(entry, 'author')[0], 'name')[0]),
    summary: textOf(children(entry, 'summary')[0]),
    html: type === 'html' || type === 'xhtml' ? contentText : undefined,
    text: type === 'text' ? contentText : undefined,
  })
}

function jsonFeed(content: string, where: string, base: string | undefined): Feed {
  let value: unknown
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new InputError('bad-json', `${where}: invalid JSON Feed (${(error as Error).message}).`)
  }
  const feed = value as Record<string, unknown> | null
  if (!feed || typeof feed !== 'object' || !Array.isArray(feed['items'])) {
    throw new InputError('not-a-feed', `${where}: JSON but not a JSON Feed (no "items" array; see https://jsonfeed.org/version/1.1).`)
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
  const home = str(feed['home_page_url'])
  const items = (feed['items'] as unknown[]).filter((i): i is Record<string, unknown> => !!i && typeof i === 'object' && !Array.isArray(i))
  return clean({
    format: 'json' as const,
    title: str(feed['title']),
    link: absolute(home, base),
    items: items.map((i) => {
      const authors = Array.isArray(i['authors']) ? (i['authors'] as unknown[]) : i['author'] ? [i['author']] : []
      const author = authors.map((a) => (a && typeof a === 'object' ? str((a as Record<string, unknown>)['name']) : undefined)).filter(Boolean).join(', ')
      return clean({
        url: absolute(str(i['url']) ?? str(i['external_url']), home ?? base),
        id: str(i['id']) ?? (typeof i['id'] === 'number' ? String(i['id']) : undefined),
        title: str(i['title']),
        published: isoOf(str(i['date_published']) ?? str(i['date_modified'])),
        author: author || undefined,
        summary: str(i['summary']),
        html: str(i['content_html']),
        text: str(i['content_text']),
      })
    }),
  })
}

/**
 * Parse a feed: RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.x, told apart by
 * content. Relative links are resolved against `base` (the feed's URL). XML is parsed without
 * entity expansion ({@link parseXml}). Throws {@link InputError} (`not-a-feed`,
 * `xml-doctype`, `xml-malformed`, `bad-json`, `too-large`) and nothing else.
 */
export function parseFeed(content: string, options: { where?: string; base?: string; maxBytes?: number } = {}): Feed {
  const where = options.where ?? options.base ?? 'feed'
  const trimmed = content.replace(/^\uFEFF/, '').trimStart()
  if (trimmed.startsWith('{')) return jsonFeed(trimmed, where, options.base)
  const root = parseXml(trimmed, where, options.maxBytes)
  const rss = root['rss']
  if (rss !== undefined) {
    const channel = children(rss, 'channel')[0]
    const link = absolute(textOf(children(channel, 'link')[0]), options.base)
    return clean({ format: 'rss' as const, title: textOf(children(channel, 'title')[0]), link, items: children(channel, 'item').map((i) => rssItem(i, options.base ?? link)) })
  }
  const rdf = root['rdf:RDF']
  if (rdf !== undefined) {
    const channel = children(rdf, 'channel')[0]
    return clean({ format: 'rdf' as const, title: textOf(children(channel, 'title')[0]), link: absolute(textOf(children(channel, 'link')[0]), options.base), items: children(rdf, 'item').map((i) => rssItem(i, options.base)) })
  }
  const atom = root['feed']
  if (atom !== undefined) {
    const base = attr(atom, 'xml:base') ?? options.base
    return clean({ format: 'atom' as const, title: textOf(children(atom, 'title')[0]), link: atomLink(atom, base), items: children(atom, 'entry').map((e) => atomItem(e, base)) })
  }
  throw new InputError('not-a-feed', `${where}: not an RSS, Atom or JSON feed (root element ${Object.keys(root).filter((k) => !k.startsWith('?'))[0] ?? 'none'}).`)
}
