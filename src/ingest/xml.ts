/** @module ingest/xml — untrusted XML parsed without entity expansion (no XXE, no billion laughs). */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { InputError } from './errors.js'

/** A parsed XML element: attributes as `@_name`, text as `#text` or a plain string. */
export type XmlNode = string | { readonly [key: string]: XmlNode | readonly XmlNode[] | undefined }

const listTags = new Set(['item', 'entry', 'url', 'sitemap', 'link', 'category', 'author', 'dc:creator', 'image:image', 'video:video'])

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // CDATA kept apart: its text is literal, so entities in it must not be decoded.
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  isArray: (name) => listTags.has(name),
})

/**
 * Parse untrusted XML (a feed, a sitemap). Entities are never expanded: a document that
 * declares entities or has an internal DTD subset (`<!DOCTYPE x [ … ]>`) is refused with
 * `xml-doctype` — that is how XXE and billion-laughs feeds look; a bare external DOCTYPE
 * (old RSS 0.91) is ignored and never loaded. Malformed XML throws `xml-malformed`; over
 * `maxBytes` characters throws `too-large`. These {@link InputError}s are the only exceptions.
 */
export function parseXml(xml: string, where: string, maxBytes = 50 * 1024 * 1024): Record<string, XmlNode> {
  if (xml.length > maxBytes) throw new InputError('too-large', `${where}: the XML is ${xml.length} characters, over the ${maxBytes} limit.`)
  const head = xml.replace(/^\uFEFF/, '')
  const doctype = /<!DOCTYPE\b/i.exec(head)
  if (/<!ENTITY\b/i.test(head) || (doctype && /^<!DOCTYPE[^>[]*\[/i.test(head.slice(doctype.index)))) {
    throw new InputError(
      'xml-doctype',
      `${where}: the XML declares entities (<!DOCTYPE … [<!ENTITY …>]>). Entity expansion is disabled to block XXE and billion-laughs attacks, so this document is refused; a genuine feed or sitemap never needs it.`,
    )
  }
  const body = doctype ? head.slice(0, doctype.index) + head.slice(doctype.index).replace(/^<!DOCTYPE[^>]*>/i, '') : head
  let verdict: ReturnType<typeof XMLValidator.validate>
  try {
    verdict = XMLValidator.validate(body)
  } catch (error) {
    throw new InputError('xml-malformed', `${where}: the XML could not be read (${(error as Error).message}).`, { cause: error })
  }
  if (verdict !== true) throw new InputError('xml-malformed', `${where}: malformed XML at line ${verdict.err.line}, column ${verdict.err.col}: ${verdict.err.msg}`)
  try {
    return parser.parse(body) as Record<string, XmlNode>
  } catch (error) {
    throw new InputError('xml-malformed', `${where}: the XML could not be read (${(error as Error).message}).`, { cause: error })
  }
}

const named: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', laquo: '«', raquo: '»', eacute: 'é', copy: '©',
}

/** Replace the predefined XML entities, numeric character references and a few common HTML entities; others stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole
    }
    return named[name.toLowerCase()] ?? whole
  })
}

/** The text of a node (string, `#text`, or nothing), entities decoded and trimmed; undefined when empty. */
export function textOf(node: XmlNode | readonly XmlNode[] | undefined): string | undefined {
  if (node === undefined) return undefined
  if (Array.isArray(node)) return textOf(node[0] as XmlNode | undefined)
  if (typeof node === 'string') {
    const text = decodeEntities(node).trim()
    return text === '' ? undefined : text
  }
  const o = node as Record<string, unknown>
  const plain = typeof o['#text'] === 'string' ? decodeEntities(o['#text']) : ''
  const cdata = o['#cdata']
  const literal = typeof cdata === 'string' ? cdata : Array.isArray(cdata) ? cdata.filter((c) => typeof c === 'string').join('') : ''
  const text = (plain + literal).trim()
  return text === '' ? undefined : text
}

/** A node's children named `name`, always as an array. */
export function children(node: XmlNode | readonly XmlNode[] | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return []
  if (Array.isArray(node)) return node.flatMap((n) => children(n as XmlNode, name))
  const value = (node as Record<string, XmlNode | XmlNode[] | undefined>)[name]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** An attribute of a node, entities decoded; undefined when absent. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined
  const v = (node as Record<string, unknown>)[`@_${name}`]
  return typeof v === 'string' ? decodeEntities(v).trim() : undefined
}
