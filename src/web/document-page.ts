/** @module web/document-page — one article with its entities, quotes and dates highlighted by offsets. */
import type { Document } from '../document/document.js'
import type { StorySummary } from '../storage/store.js'
import { displayTitle } from './generic.js'
import { documentMarks, renderDocumentText, type Mark } from './highlight.js'
import { html, storyHref } from './html.js'
import { page } from './layout.js'

/** Parse `?hl=START-END` into a span of `text`, or undefined when absent or out of bounds. */
export function parseHighlight(value: string | undefined, length: number): { start: number; end: number } | undefined {
  const m = /^(\d{1,9})-(\d{1,9})$/.exec(value ?? '')
  if (!m) return undefined
  const start = Number(m[1])
  const end = Number(m[2])
  return start < end && end <= length ? { start, end } : undefined
}

/** The article page: metadata, stories, legend, and the text built from escaped slices. */
export function documentPage(doc: Document, stories: readonly StorySummary[], highlight?: { start: number; end: number }): string {
  const marks: Mark[] = highlight ? [{ ...highlight, classes: ['hl'], title: 'linked passage', anchor: 'hl' }] : []
  const counts = { entities: doc.layers.entities?.length ?? 0, quotes: doc.layers.quotes?.length ?? 0, times: doc.layers.times?.length ?? 0 }
  const safeUrl = doc.meta.url !== undefined && /^https?:\/\//i.test(doc.meta.url) ? doc.meta.url : undefined
  const title = displayTitle({ title: doc.meta.title, text: doc.text, id: doc.id })
  const body = html`<p class="meta">${stories.length > 0 ? html`${stories.map((s, i) => html`${i > 0 ? ' · ' : ''}<a href="${storyHref(s.id)}">${s.title}</a>`)} ›` : html`<a href="/">Stories</a> ›`}</p>
<h1>${title}</h1>
<p class="meta">${[doc.meta.source, doc.meta.author, doc.meta.published ? `${doc.meta.published}${doc.meta.publishedInferred ? ' (inferred)' : ''}` : 'date unknown'].filter(Boolean).join(' · ')}${safeUrl ? html` · <a href="${safeUrl}" rel="noopener noreferrer nofollow">original</a>` : ''}</p>
<p class="legend muted"><span class="ent ent-person">person</span><span class="ent ent-organization">organisation</span><span class="ent ent-location">place</span><span class="quote">quote</span><span class="time">date</span> ${counts.entities} entities · ${counts.quotes} quotes · ${counts.times} dates</p>
${highlight ? html`<p class="muted">The highlighted passage (characters ${highlight.start}–${highlight.end}) is the source of the link you followed.</p>` : ''}
<article class="text" id="text" data-doc="${doc.id}">${renderDocumentText(doc, documentMarks(doc, marks))}</article>
${doc.messages.length > 0 ? html`<section class="card"><details><summary>${doc.messages.length} note(s) on this article</summary><ul>${doc.messages.map((m) => html`<li>${m.reason} <span class="muted">${m.ruleId}</span></li>`)}</ul></details></section>` : ''}`
  return page(title, body)
}
