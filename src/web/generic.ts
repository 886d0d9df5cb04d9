/** @module web/generic — render evidence links and sections of unknown shape, always as text. */
import type { AnalysisDocument, Evidence } from '../analysis/analysis.js'
import { documentHref, html, type SafeHtml } from './html.js'

type Item = Record<string, unknown>

/** True for a plain object. */
export function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True when `value` names a span of a document: `{ doc, start, end }`. */
export function isEvidence(value: unknown): value is Evidence {
  return isItem(value) && typeof value['doc'] === 'string' && Number.isInteger(value['start']) && Number.isInteger(value['end'])
}

/** How a document is named in the UI: outlet, else title, else id. */
export function documentLabel(doc: Pick<AnalysisDocument, 'id' | 'source' | 'title'> | undefined, id: string): string {
  return doc?.source ?? doc?.title ?? id
}

/** A headline for a document: its title, else the start of its text (clipped at a word, about 90 characters). */
export function displayTitle(doc: { readonly title?: string | null | undefined; readonly text?: string; readonly id: string }): string {
  if (doc.title) return doc.title
  const flat = (doc.text ?? '').replace(/\s+/g, ' ').trim()
  if (flat === '') return doc.id
  if (flat.length <= 90) return flat
  const cut = flat.slice(0, 90)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 90)}…`
}

/** Links to evidence spans, each labelled with its document's outlet. */
export function evidenceLinks(evidence: readonly unknown[], docs: ReadonlyMap<string, AnalysisDocument>): SafeHtml {
  const spans = evidence.filter(isEvidence)
  if (spans.length === 0) return html``
  return html`<span class="evidence">${spans.map((e, i) => html`${i > 0 ? ' ' : ''}<a class="pill" href="${documentHref(e.doc, e)}" title="${`${e.doc} ${e.start}–${e.end}`}">${documentLabel(docs.get(e.doc), e.doc)}</a>`)}</span>`
}

/** All evidence an item points at: its own span, `evidence`, `spans`, `sources`, `mentions`. */
export function itemEvidence(item: Item): unknown[] {
  const out: unknown[] = []
  if (isEvidence(item)) out.push(item)
  for (const key of ['evidence', 'spans', 'sources', 'support']) {
    const list = item[key]
    if (Array.isArray(list)) out.push(...list.filter(isEvidence))
  }
  return out
}

const preferredColumns = ['date', 'source', 'outlet', 'doc', 'speaker', 'name', 'label', 'frame', 'status', 'text', 'summary', 'score']

/**
 * Render any JSON value readably: a list of objects becomes a table (scalar fields as
 * columns, evidence as links), an object a definition list, anything deeper compact JSON.
 * Every string goes through escaping.
 */
export function renderValue(value: unknown, docs: ReadonlyMap<string, AnalysisDocument>, depth = 0): SafeHtml {
  if (value === null || value === undefined) return html`<span class="empty">—</span>`
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- past the null check and typeof, `value` is a scalar (or a function), never an object
  if (typeof value !== 'object') return html`${String(value)}`
  if (depth > 2) return html`<pre>${JSON.stringify(value, null, 1).slice(0, 4000)}</pre>`
  if (Array.isArray(value)) {
    if (value.length === 0) return html`<span class="empty">none</span>`
    if (value.every((v) => typeof v !== 'object' || v === null)) return html`${value.map(String).join(', ')}`
    if (value.every(isItem)) {
      if (value.every(isEvidence)) return evidenceLinks(value, docs)
      const keys = new Set<string>()
      for (const item of value.slice(0, 50)) for (const [k, v] of Object.entries(item)) if (!['start', 'end', 'evidence', 'spans', 'mentions'].includes(k) && (typeof v !== 'object' || v === null || (Array.isArray(v) && v.every((x) => typeof x !== 'object')))) keys.add(k)
      const columns = [...keys].sort((a, b) => (preferredColumns.indexOf(a) + 1 || 99) - (preferredColumns.indexOf(b) + 1 || 99)).slice(0, 7)
      const nested = [...new Set(value.slice(0, 50).flatMap((item) => Object.keys(item).filter((k) => !columns.includes(k) && isItem(item[k]))))].slice(0, 3)
      const withEvidence = value.some((item) => itemEvidence(item).length > 0)
      const rows = value.slice(0, 200).map(
        (item) => html`<tr>${columns.map((c) => html`<td>${c === 'doc' && typeof item[c] === 'string' ? html`<a href="${documentHref(item[c])}">${documentLabel(docs.get(item[c]), item[c])}</a>` : renderValue(item[c], docs, depth + 1)}</td>`)}${nested.map((c) => html`<td>${renderValue(item[c], docs, depth + 1)}</td>`)}${withEvidence ? html`<td>${evidenceLinks(itemEvidence(item), docs)}</td>` : ''}</tr>`,
      )
      return html`<div class="table-wrap"><table><thead><tr>${[...columns, ...nested].map((c) => html`<th>${c}</th>`)}${withEvidence ? html`<th>sources</th>` : ''}</tr></thead><tbody>${rows}</tbody></table></div>${value.length > 200 ? html`<p class="muted">${value.length - 200} more not shown.</p>` : ''}`
    }
    return html`<pre>${JSON.stringify(value, null, 1).slice(0, 4000)}</pre>`
  }
  const entries = Object.entries(value as Item)
  if (isEvidence(value)) return evidenceLinks([value], docs)
  return html`<dl class="kv">${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${renderValue(v, docs, depth + 1)}</dd>`)}</dl>`
}
