/** @module extract/records — JSON and JSON Lines article records. */
import { withMessages, type Document } from '../document/document.js'
import type { Message } from '../document/message.js'
import { normalizeDate } from './dates.js'
import { extractArticle } from './html.js'
import { textToDocument } from './text.js'

/** One article record: `text` or `html` is required. */
export interface ArticleRecord {
  id?: string | number
  text?: string
  html?: string
  title?: string
  published?: string
  source?: string
  url?: string
  author?: string
  language?: string
}

/** Documents read from records, and problems with records that could not be read. */
export interface RecordsResult {
  readonly documents: Document[]
  readonly messages: Message[]
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined)

/** Turn one parsed record into a document, or a message saying what is wrong with it. */
export function recordToDocument(value: unknown, fallbackId: string, where: string, path?: string): Document | Message {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { reason: `${where}: expected an object like {"text": "...", "title": "..."}, found ${Array.isArray(value) ? 'an array' : typeof value}.`, ruleId: 'extract:bad-record', severity: 'error' }
  }
  const r = value as Record<string, unknown>
  const id = str(r['id']) ?? fallbackId
  const text = typeof r['text'] === 'string' ? r['text'] : typeof r['body'] === 'string' ? r['body'] : typeof r['content'] === 'string' ? r['content'] : undefined
  const html = typeof r['html'] === 'string' ? r['html'] : undefined
  if (text === undefined && html === undefined) {
    return { reason: `${where}: the record has neither "text" nor "html"; add one of them with the article's content.`, ruleId: 'extract:bad-record', severity: 'error' }
  }
  const meta: Record<string, unknown> = {}
  if (path !== undefined) meta['path'] = path
  for (const [key, names] of [
    ['title', ['title', 'headline']],
    ['source', ['source', 'outlet', 'publisher', 'site']],
    ['url', ['url', 'link']],
    ['author', ['author', 'byline']],
    ['language', ['language', 'lang']],
  ] as const) {
    for (const n of names) {
      const v = str(r[n])
      if (v !== undefined) {
        meta[key] = v
        break
      }
    }
  }
  const messages: Message[] = []
  const rawDate = r['published'] ?? r['date'] ?? r['published_at'] ?? r['publishedAt'] ?? r['datePublished']
  if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
    const iso = normalizeDate(rawDate)
    if (iso) meta['published'] = iso
    else messages.push({ reason: `${where}: could not read "published" ${JSON.stringify(rawDate)} as a date; use ISO 8601 (2025-05-20).`, ruleId: 'extract:bad-date', severity: 'warning' })
  }
  const doc =
    text !== undefined
      ? textToDocument(text, { id, meta: meta, where })
      : extractArticle(html as string, { id, meta: meta, where })
  return withMessages(doc, messages)
}

/**
 * Read JSON Lines: one record per line; blank lines are skipped. A line that is not
 * valid JSON gives a message naming `where:line` and the other lines are still read.
 */
export function readJsonLines(content: string, where: string, stem: string, path?: string): RecordsResult {
  const documents: Document[] = []
  const messages: Message[] = []
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const at = `${where}:${i + 1}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      messages.push({ reason: `${at}: invalid JSON (${(error as Error).message}); fix or remove that line. The other lines were read.`, ruleId: 'extract:bad-json', severity: 'error' })
      return
    }
    const result = recordToDocument(value, `${stem}:${i + 1}`, at, path)
    if ('text' in result) documents.push(result)
    else messages.push(result)
  })
  return { documents, messages }
}

/** Read a JSON file: one record, an array of records, or `{ "documents": [...] }`. */
export function readJson(content: string, where: string, stem: string, path?: string): RecordsResult {
  let value: unknown
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch (error) {
    // Many ".json" exports are really JSON Lines.
    const lines = readJsonLines(content, where, stem, path)
    if (lines.documents.length > 0) return lines
    return { documents: [], messages: [{ reason: `${where}: invalid JSON (${(error as Error).message}). Give one record, an array of records, or JSON Lines (.jsonl).`, ruleId: 'extract:bad-json', severity: 'error' }] }
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' && Array.isArray((value as { documents?: unknown }).documents) ? (value as { documents: unknown[] }).documents : [value]
  const documents: Document[] = []
  const messages: Message[] = []
  list.forEach((item, i) => {
    const result = recordToDocument(item, list.length === 1 ? stem : `${stem}:${i + 1}`, list.length === 1 ? where : `${where}[${i}]`, path)
    if ('text' in result) documents.push(result)
    else messages.push(result)
  })
  return { documents, messages }
}
