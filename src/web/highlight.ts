/** @module web/highlight — a document's text as paragraphs of escaped text with spans for entities, quotes, dates. */
import type { Document } from '../document/document.js'
import { html, type SafeHtml } from './html.js'

/** A highlighted range of the text: half-open UTF-16 offsets, CSS classes, an optional tooltip. */
export interface Mark {
  readonly start: number
  readonly end: number
  readonly classes: readonly string[]
  readonly title?: string
  /** Element id given to the first piece of this mark (for `#hl` links). */
  readonly anchor?: string
}

/** The marks of a document's `entities`, `quotes` and `times` layers, plus `extra`. */
export function documentMarks(doc: Document, extra: readonly Mark[] = []): Mark[] {
  const marks: Mark[] = []
  for (const e of doc.layers.entities ?? []) marks.push({ start: e.start, end: e.end, classes: ['ent', `ent-${e.label}`], title: `${e.label}: ${e.normal}` })
  for (const q of doc.layers.quotes ?? []) {
    const speaker = q.source ? doc.text.slice(q.source.start, q.source.end) : q.speaker !== undefined ? (() => { const s = doc.layers.entities?.[q.speaker]; return s ? doc.text.slice(s.start, s.end) : undefined })() : undefined
    marks.push({ start: q.start, end: q.end, classes: ['quote'], title: `${q.kind} quote${speaker ? ` — ${speaker}` : ''}` })
  }
  for (const t of doc.layers.times ?? []) marks.push({ start: t.start, end: t.end, classes: ['time'], title: `${t.type} ${t.value}` })
  return [...marks, ...extra].filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end && m.start >= 0 && m.end <= doc.text.length)
}

/** Paragraph ranges: the `blocks` layer when present, else runs of text between blank lines. */
function paragraphs(doc: Document): { start: number; end: number; kind: string }[] {
  const blocks = doc.layers.blocks
  if (blocks && blocks.length > 0) return blocks.map((b) => ({ start: b.start, end: b.end, kind: b.kind }))
  const out: { start: number; end: number; kind: string }[] = []
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'paragraph' })
  return out
}

/** Render `text.slice(start, end)` as escaped pieces, each piece wrapped in the marks covering it. */
function renderRange(text: string, start: number, end: number, marks: readonly Mark[], anchored: Set<Mark>): SafeHtml[] {
  const inside = marks.filter((m) => m.start < end && m.end > start)
  const cuts = new Set([start, end])
  for (const m of inside) {
    cuts.add(Math.max(start, m.start))
    cuts.add(Math.min(end, m.end))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const out: SafeHtml[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!
    const b = points[i + 1]!
    const piece = text.slice(a, b)
    const covering = inside.filter((m) => m.start <= a && m.end >= b)
    if (covering.length === 0) {
      out.push(html`${piece}`)
      continue
    }
    const classes = [...new Set(covering.flatMap((m) => m.classes))].join(' ')
    const title = covering.map((m) => m.title).filter(Boolean).join(' · ')
    const anchor = covering.find((m) => m.anchor !== undefined && !anchored.has(m))
    if (anchor) anchored.add(anchor)
    out.push(html`<span class="${classes}"${title ? html` title="${title}"` : ''}${anchor ? html` id="${anchor.anchor}"` : ''}>${piece}</span>`)
  }
  return out
}

/**
 * The document's text as `<p>`/`<h2>` elements of text nodes and `<span>`s — the text is
 * always escaped, never parsed as HTML. Text outside every block is not shown.
 */
export function renderDocumentText(doc: Document, marks: readonly Mark[]): SafeHtml {
  const anchored = new Set<Mark>()
  const blocks = paragraphs(doc)
  const body = blocks.map((b) => {
    const content = renderRange(doc.text, b.start, b.end, marks, anchored)
    if (b.kind === 'heading') return html`<h3>${content}</h3>`
    if (b.kind === 'quote') return html`<blockquote>${content}</blockquote>`
    return html`<p>${content}</p>`
  })
  // A mark outside every block (rare: header text) still gets its anchor.
  const lost = marks.filter((m) => m.anchor !== undefined && !anchored.has(m))
  return html`${body}${lost.map((m) => html`<p><span class="${m.classes.join(' ')}" id="${m.anchor}">${doc.text.slice(m.start, m.end)}</span></p>`)}`
}
