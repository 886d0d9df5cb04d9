/** @module extract/html — the article body and metadata of an HTML page (Readability over linkedom). */
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { createDocument, type Document, type DocumentMeta } from '../document/document.js'
import type { Block } from '../document/layers.js'
import type { Message } from '../document/message.js'
import { normalizeDate } from './dates.js'
import { htmlDepth } from './html-guard.js'

/** Options of {@link extractArticle}. */
export interface ExtractOptions {
  readonly id: string
  /** Metadata known from outside (a feed, a crawl); the page's own values fill the gaps. */
  readonly meta?: DocumentMeta
  /** Name of the input for messages (a path or URL). */
  readonly where?: string
  /** Refuse pages with more elements than this (protects against DOM bombs). */
  readonly maxElements?: number
  /** Refuse pages nested deeper than this (default 256): Readability's cost grows faster than linearly with depth. */
  readonly maxDepth?: number
}

type El = {
  tagName: string
  childNodes: ArrayLike<Node>
  getAttribute(name: string): string | null
  textContent: string | null
}
type Node = { nodeType: number; textContent: string | null } & Partial<El>
/** The part of linkedom's document this module uses (its bundled types do not resolve under type-aware lint). */
interface HtmlDocument {
  documentElement: El | null
  body: Node
  querySelector(selector: string): El | null
  querySelectorAll(selector: string): ArrayLike<El>
}
const parseDocument = (html: string): HtmlDocument => (parseHTML(html) as unknown as { document: HtmlDocument }).document

const blockTags: Record<string, Block['kind']> = {
  P: 'paragraph', DIV: 'paragraph', SECTION: 'paragraph', ARTICLE: 'paragraph', MAIN: 'paragraph',
  H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
  LI: 'list-item', BLOCKQUOTE: 'quote', FIGCAPTION: 'caption', CAPTION: 'caption', PRE: 'paragraph',
  TD: 'paragraph', TH: 'paragraph', DD: 'paragraph', DT: 'paragraph', TABLE: 'paragraph', UL: 'paragraph', OL: 'paragraph',
  FIGURE: 'paragraph', HEADER: 'paragraph', FOOTER: 'paragraph', ASIDE: 'paragraph', TR: 'paragraph', DL: 'paragraph',
}
const skipTags = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG', 'BUTTON', 'FORM', 'INPUT', 'SELECT', 'TEXTAREA'])

/**
 * Turn an element tree into text with one block per paragraph-level element. Blocks are
 * separated by a blank line; inline whitespace is collapsed. Offsets index the returned text.
 */
export function htmlToText(root: Node): { text: string; blocks: Block[] } {
  let text = ''
  const blocks: Block[] = []
  let current = ''
  let kind: Block['kind'] = 'paragraph'
  const flush = (): void => {
    const content = current.replace(/[ \t\f\v\u00a0\r\n]+/g, ' ').trim()
    current = ''
    if (content === '') return
    if (text !== '') text += '\n\n'
    blocks.push({ start: text.length, end: text.length + content.length, kind })
    text += content
  }
  const walk = (node: Node, blockKind: Block['kind']): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const tag = (node.tagName ?? '').toUpperCase()
    if (skipTags.has(tag)) return
    if (tag === 'BR') {
      current += '\n'
      return
    }
    const isBlock = tag in blockTags
    const childKind = isBlock ? (blockTags[tag] as Block['kind']) : blockKind
    if (isBlock) {
      flush()
      kind = childKind
    }
    const children = node.childNodes ?? []
    for (let i = 0; i < children.length; i++) walk(children[i] as Node, childKind)
    if (isBlock) {
      flush()
      kind = blockKind
    }
  }
  walk(root, 'paragraph')
  flush()
  return { text, blocks }
}

type MetaEl = El & { matches(selector: string): boolean }

/**
 * The first non-empty `content`/`datetime`/`href` among `selectors`, each selector giving the
 * first element that matches it, in document order. `candidates` are the page's meta, link and
 * time elements, collected once: one tree walk instead of one per selector.
 */
function metaContent(candidates: readonly MetaEl[], selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const el = candidates.find((c) => c.matches(selector))
    const value = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href') ?? undefined
    if (value && value.trim() !== '') return value.trim()
  }
  return undefined
}

/** Pull `datePublished`, `headline`, `author` and `publisher` out of JSON-LD blocks. */
function jsonLd(document: { querySelectorAll(s: string): ArrayLike<El> }): Record<string, string> {
  const out: Record<string, string> = {}
  const scripts = document.querySelectorAll('script[type="application/ld+json"]')
  const name = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v
    if (Array.isArray(v)) return v.map(name).filter(Boolean).join(', ') || undefined
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name
    return undefined
  }
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 6) return
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1))
    const o = node as Record<string, unknown>
    const type = Array.isArray(o['@type']) ? o['@type'].join(' ') : typeof o['@type'] === 'string' ? o['@type'] : ''
    if (/Article|Posting|Report|WebPage/i.test(type)) {
      out['published'] ??= typeof o['datePublished'] === 'string' ? o['datePublished'] : (undefined as never)
      out['title'] ??= typeof o['headline'] === 'string' ? o['headline'] : (undefined as never)
      const author = name(o['author'])
      if (author) out['author'] ??= author
      const publisher = name(o['publisher'])
      if (publisher) out['source'] ??= publisher
    }
    if (o['@graph']) visit(o['@graph'], depth + 1)
  }
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse((scripts[i] as El).textContent ?? ''), 0)
    } catch {
      // Broken JSON-LD is common on the web; the other sources of metadata still apply.
    }
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
  return out
}

/**
 * Extract the article of an HTML page: body text via Readability (over linkedom), with
 * `blocks`, and title, byline, source, url, language and published date from meta tags,
 * JSON-LD and `<time>`. Scripts are never run. A page with no article body gives a
 * document with empty text and an `extract:no-article` message.
 */
export function extractArticle(html: string, options: ExtractOptions): Document {
  const where = options.where ?? options.id
  const maxDepth = options.maxDepth ?? 256
  const refuse = (reason: string, ruleId: string): Document =>
    createDocument({ id: options.id, text: '', meta: { ...options.meta }, messages: [{ reason, ruleId, severity: 'error' }] }, { blocks: [] })
  // A tag scan before any DOM is built keeps pathologically nested pages away from Readability.
  const depth = htmlDepth(html)
  if (depth > maxDepth) {
    return refuse(`${where}: the page nests elements ${depth} deep, more than the limit of ${maxDepth}; it was not extracted. Raise \`maxDepth\` (--max-depth) if the page is genuine.`, 'extract:too-deep')
  }
  try {
    return extractParsed(html, options, where)
  } catch (error) {
    // Readability and linkedom can throw on broken markup (e.g. `<!doctype html><html langcle.`);
    // one bad page is bad input, not a crash.
    return refuse(`${where}: the HTML could not be read (${(error as Error).message}). Check that the file is an HTML page.`, 'extract:unreadable-html')
  }
}

function extractParsed(html: string, options: ExtractOptions, where: string): Document {
  const messages: Message[] = []
  const document = parseDocument(/<html/i.test(html.slice(0, 2000)) ? html : `<!doctype html><html><body>${html}</body></html>`)
  const elementCount = document.querySelectorAll('*').length
  const maxElements = options.maxElements ?? 200_000
  if (elementCount > maxElements) {
    messages.push({
      reason: `${where}: the page has ${elementCount} elements, more than the limit of ${maxElements}; it was not extracted. Raise \`maxElements\` if the page is genuine.`,
      ruleId: 'extract:too-large',
      severity: 'error',
    })
    return createDocument({ id: options.id, text: '', meta: { ...options.meta }, messages }, { blocks: [] })
  }
  const ld = jsonLd(document)
  const candidates = Array.from(document.querySelectorAll('meta, link, time')) as unknown as MetaEl[]
  const lang = document.documentElement?.getAttribute('lang') ?? undefined
  const pageMeta: Record<string, string | undefined> = {
    title: metaContent(candidates, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ?? ld['title'],
    author: metaContent(candidates, ['meta[name="author"]', 'meta[property="article:author"]']) ?? ld['author'],
    source: metaContent(candidates, ['meta[property="og:site_name"]', 'meta[name="application-name"]']) ?? ld['source'],
    url: metaContent(candidates, ['link[rel="canonical"]', 'meta[property="og:url"]']),
    published:
      metaContent(candidates, [
        'meta[property="article:published_time"]',
        'meta[name="article:published_time"]',
        'meta[itemprop="datePublished"]',
        'meta[name="pubdate"]',
        'meta[name="publishdate"]',
        'meta[name="date"]',
        'meta[name="dc.date"]',
        'meta[name="DC.date.issued"]',
        'meta[property="og:published_time"]',
      ]) ??
      ld['published'] ??
      metaContent(candidates, ['time[pubdate]', 'time[itemprop="datePublished"]', 'article time[datetime]', 'time[datetime]']),
    language: lang ? lang.trim() : undefined,
  }
  // The serializer hands back Readability's article element itself: walking it directly
  // saves serialising it to HTML and parsing that again (a third of extraction time).
  const article = new Readability<Node>(document, { charThreshold: 200, serializer: (el: Node): Node => el }).parse()
  let body = { text: '', blocks: [] as Block[] }
  if (article?.content) body = htmlToText(article.content)
  // Fewer than five words is a navigation stub or a login wall, not an article.
  if (body.text.split(/\s+/).filter(Boolean).length < 5) {
    body = { text: '', blocks: [] }
    messages.push({
      reason: `${where}: no article body found in the HTML. Give the article page itself (not an index or login page), or pass its text as .txt.`,
      ruleId: 'extract:no-article',
      severity: 'error',
    })
  }
  const meta: Record<string, unknown> = { ...options.meta }
  const title = pageMeta['title'] ?? article?.title ?? undefined
  if (meta['title'] === undefined && title) meta['title'] = title.trim()
  const author = pageMeta['author'] ?? article?.byline ?? undefined
  if (meta['author'] === undefined && author) meta['author'] = author.trim()
  if (meta['source'] === undefined && (pageMeta['source'] ?? article?.siteName)) meta['source'] = (pageMeta['source'] ?? article?.siteName ?? '').trim()
  if (meta['url'] === undefined && pageMeta['url'] && /^https?:/i.test(pageMeta['url'])) meta['url'] = pageMeta['url']
  if (meta['language'] === undefined && pageMeta['language']) meta['language'] = pageMeta['language']
  if (meta['published'] === undefined) {
    const raw = pageMeta['published'] ?? article?.publishedTime ?? undefined
    const iso = normalizeDate(raw)
    if (iso) meta['published'] = iso
    else if (raw) {
      messages.push({ reason: `${where}: could not read the page's date ${JSON.stringify(raw)}.`, ruleId: 'extract:bad-date', severity: 'warning' })
    }
  }
  return createDocument({ id: options.id, text: body.text, meta: meta, messages }, { blocks: body.blocks })
}
