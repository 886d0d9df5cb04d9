/** @module extract/text — plain-text and Markdown articles with header lines or YAML front matter. */
import { parse as parseYaml } from 'yaml'
import { createDocument, type Document, type DocumentMeta } from '../document/document.js'
import type { Message } from '../document/message.js'
import { textBlocks } from './blocks.js'
import { normalizeDate } from './dates.js'

type MetaKey = 'title' | 'published' | 'source' | 'url' | 'author' | 'language'

const keyAliases: Record<string, MetaKey> = {
  title: 'title',
  headline: 'title',
  date: 'published',
  published: 'published',
  'published-at': 'published',
  published_at: 'published',
  datepublished: 'published',
  pubdate: 'published',
  source: 'source',
  outlet: 'source',
  publisher: 'source',
  url: 'url',
  link: 'url',
  author: 'author',
  byline: 'author',
  by: 'author',
  language: 'language',
  lang: 'language',
}

const headerLine = /^[ \t]*([A-Za-z][\w-]*)[ \t]*(:[ \t]*|[ \t]+)(\S.*?)[ \t]*$/

/** What the text reader found: the body, its metadata and any problems. */
export interface TextArticle {
  readonly text: string
  readonly meta: DocumentMeta
  readonly messages: readonly Message[]
}

function setMeta(meta: Record<string, unknown>, key: MetaKey, value: unknown, messages: Message[], where: string): boolean {
  if (key === 'published') {
    const iso = normalizeDate(value instanceof Date ? value.toISOString() : value)
    if (iso === undefined) {
      messages.push({
        reason: `${where}: could not read ${JSON.stringify(String(value))} as a date; write it as YYYY-MM-DD.`,
        ruleId: 'extract:bad-date',
        severity: 'warning',
      })
      return false
    }
    meta['published'] = iso
    return true
  }
  if (key === 'url' && !/^https?:\/\/\S+$/i.test(String(value))) return false
  meta[key] = String(value).trim()
  return true
}

/**
 * Split leading metadata from the body of a plain-text or Markdown article.
 * Recognises YAML front matter (`---` … `---`) and leading header lines `key value` or
 * `key: value` (title, date/published, source/outlet, url, author, language).
 * The body is trimmed; header lines are not part of it.
 */
export function parseTextArticle(raw: string, where = 'input'): TextArticle {
  const input = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const meta: Record<string, unknown> = {}
  const messages: Message[] = []
  let body = input
  const front = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(input)
  if (front) {
    try {
      const data: unknown = parseYaml(front[1] as string)
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
          const key = keyAliases[k.toLowerCase()]
          if (key && v !== null && v !== undefined) setMeta(meta, key, v, messages, where)
        }
        body = input.slice(front[0].length)
      }
    } catch (error) {
      messages.push({
        reason: `${where}: the YAML front matter does not parse (${(error as Error).message.split('\n')[0]}); it was kept as text. Fix the YAML between the \`---\` lines.`,
        ruleId: 'extract:bad-front-matter',
        severity: 'warning',
      })
    }
  } else {
    // Leading header lines: accepted as a block only when every line is a known key and
    // bare `key value` lines (no colon) carry a value that validates (a date, a URL), or
    // the block has at least one such validated line.
    const lines = input.split('\n')
    const found: { key: MetaKey; value: string; colon: boolean }[] = []
    let consumed = 0
    let offset = 0
    for (const line of lines) {
      if (line.trim() === '') {
        if (found.length > 0) break
        consumed++
        offset += line.length + 1
        continue
      }
      const m = headerLine.exec(line)
      const key = m ? keyAliases[(m[1] as string).toLowerCase()] : undefined
      if (!m || !key || (m[3] as string).length > 300) break
      found.push({ key, value: m[3] as string, colon: (m[2] as string).startsWith(':') })
      consumed++
      offset += line.length + 1
    }
    const validates = (h: { key: MetaKey; value: string }): boolean =>
      h.key === 'published' ? normalizeDate(h.value) !== undefined : h.key === 'url' ? /^https?:\/\/\S+$/i.test(h.value) : false
    const anchored = found.some((h) => h.colon || validates(h))
    const acceptable = found.length > 0 && anchored && found.every((h) => h.colon || validates(h) || (found.length > 1 && h.value.split(/\s+/).length <= 12))
    if (acceptable && consumed < lines.length + 1) {
      for (const h of found) setMeta(meta, h.key, h.value, messages, where)
      body = input.slice(Math.min(offset, input.length))
    }
  }
  return { text: body.trim(), meta: meta, messages }
}

/** Build a document from plain text or Markdown with optional header lines. */
export function textToDocument(raw: string, init: { id: string; meta?: DocumentMeta; where?: string }): Document {
  const article = parseTextArticle(raw, init.where ?? init.id)
  const meta: DocumentMeta = { ...init.meta, ...article.meta }
  return createDocument({ id: init.id, text: article.text, meta, messages: article.messages }, { blocks: textBlocks(article.text) })
}
