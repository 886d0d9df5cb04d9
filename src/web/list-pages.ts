/** @module web/list-pages — the story list and the search page. */
import { publicationLabel } from '../analysis/publication-date.js'
import type { SearchHit, SearchQuery, StorySummary } from '../storage/store.js'
import { displayTitle } from './generic.js'
import { documentHref, html, storyHref } from './html.js'
import { page } from './layout.js'

/** `1 story`, `2 stories`. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The home page: every story, most recent first. */
export function storyListPage(stories: readonly StorySummary[], documentCount: number): string {
  const body = stories.length === 0
    ? html`<h1>No stories yet</h1><p>Add articles with <code>parallax ingest PATH…</code> (files, folders, globs), then reload.</p>`
    : html`<h1>Stories</h1><p class="muted">${plural(stories.length, 'story', 'stories')} from ${plural(documentCount, 'article', 'articles')}.</p>
<section class="card"><ul class="plain story-list">${stories.map(
        (s) => html`<li class="story"><a class="title" href="${storyHref(s.id)}">${s.title}</a><div class="meta">${plural(s.documentCount, 'article', 'articles')} · ${s.sources.length > 0 ? s.sources.join(', ') : 'outlets unknown'}${s.lastPublished ? ` · ${s.lastPublished.slice(0, 10)}` : ''} · ${plural(s.entityCount, 'actor', 'actors')} · ${plural(s.claimCount, 'claim', 'claims')}</div>${s.summary ? html`<div>${s.summary}</div>` : ''}</li>`,
      )}</ul></section>`
  return page('Stories', body)
}

/** The search page: the form (text, entity, outlet, dates) and ranked hits. */
export function searchPage(query: SearchQuery, hits: readonly SearchHit[] | undefined, snippets: ReadonlyMap<string, string>): string {
  const form = html`<form class="search" action="/search" method="get">
<label>Words<input type="search" name="q" value="${query.text ?? ''}" autofocus></label>
<label>Entity<input type="text" name="entity" value="${query.entity ?? ''}"></label>
<label>Outlet<input type="text" name="source" value="${query.source ?? ''}"></label>
<label>From<input type="date" name="from" value="${query.from ?? ''}"></label>
<label>To<input type="date" name="to" value="${query.to ?? ''}"></label>
<button type="submit">Search</button></form>`
  const results = hits === undefined
    ? html``
    : hits.length === 0
      ? html`<p class="empty">No article matches.</p>`
      : html`<section class="card"><ul class="plain hits">${hits.map(
          (h) => html`<li class="hit"><a href="${documentHref(h.document.id)}">${displayTitle({ title: h.document.title, text: snippets.get(h.document.id) ?? '', id: h.document.id })}</a> <span class="muted">${[h.document.source, publicationLabel(h.document, true)].filter(Boolean).join(' · ')}</span>${h.storyIds.map((id) => html` <a class="pill" href="${storyHref(id)}">story</a>`)}<div class="snippet">${snippets.get(h.document.id) ?? ''}</div></li>`,
        )}</ul></section>`
  return page(query.text ? `Search: ${query.text}` : 'Search', html`<h1>Search</h1>${form}${results}`, { query: query.text ?? '' })
}

/** A short plain-text excerpt of `text` around the first query word found. */
export function snippet(text: string, words: readonly string[], size = 220): string {
  const lower = text.toLowerCase()
  let at = -1
  for (const w of words) {
    // Stemmed matches may not occur verbatim; try the word's first five letters too.
    for (const probe of [w, w.slice(0, 5)]) {
      const i = probe.length >= 3 ? lower.indexOf(probe) : -1
      if (i >= 0 && (at < 0 || i < at)) at = i
      if (i >= 0) break
    }
  }
  const start = Math.max(0, at < 0 ? 0 : at - 60)
  const cut = text.slice(start, start + size).replace(/\s+/g, ' ').trim()
  return `${start > 0 ? '…' : ''}${cut}${start + size < text.length ? '…' : ''}`
}
