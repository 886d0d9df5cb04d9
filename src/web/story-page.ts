/** @module web/story-page — one story: brief, timeline, actors, quotes by speaker, claims with the omission matrix, framing. */
import type { Analysis, AnalysisDocument, AnalysisQuote } from '../analysis/analysis.js'
import { publicationLabel } from '../analysis/publication-date.js'
import type { StoryRecord } from '../storage/store.js'
import { displayTitle, documentLabel, evidenceLinks, isItem, itemEvidence, renderValue } from './generic.js'
import { documentHref, html, type SafeHtml } from './html.js'
import { page } from './layout.js'
import { plural } from './list-pages.js'

/** Sections this page renders itself; any other array or object section is shown generically. */
const knownSections = new Set(['version', 'documents', 'entities', 'quotes', 'times', 'events', 'claims', 'stories', 'messages', 'framing', 'briefs', 'brief', 'omissions'])

type Docs = ReadonlyMap<string, AnalysisDocument>

function section(id: string, title: string, body: SafeHtml, note?: string): SafeHtml {
  return html`<section class="card" id="${id}"><h2>${title}</h2>${note ? html`<p class="muted">${note}</p>` : ''}${body}</section>`
}

/** Sentences of the `briefs`/`brief` section, whatever its exact shape, each with its evidence. */
function briefSentences(analysis: Analysis): { text: string; evidence: unknown[] }[] {
  const raw = (analysis as unknown as Record<string, unknown>)['briefs'] ?? (analysis as unknown as Record<string, unknown>)['brief']
  const out: { text: string; evidence: unknown[] }[] = []
  for (const item of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    if (!isItem(item)) continue
    if (Array.isArray(item['sentences'])) {
      for (const s of item['sentences'] as unknown[]) {
        if (typeof s === 'string') out.push({ text: s, evidence: itemEvidence(item) })
        else if (isItem(s) && typeof s['text'] === 'string') out.push({ text: s['text'], evidence: itemEvidence(s) })
      }
    } else if (typeof item['text'] === 'string') out.push({ text: item['text'], evidence: itemEvidence(item) })
  }
  return out
}

/** Until a brief stage lands: the lead sentence of each outlet, linked to its span. */
function leadSentences(analysis: Analysis): { text: string; evidence: unknown[] }[] {
  return analysis.documents.flatMap((d) => {
    const start = d.text.search(/\S/)
    if (start < 0) return []
    const m = /^[\s\S]*?[.!?](?=["”’)]?(\s|$))["”’)]?/.exec(d.text.slice(start, start + 400))
    const end = start + (m ? m[0].length : Math.min(d.text.length - start, 200))
    return [{ text: d.text.slice(start, end), evidence: [{ doc: d.id, start, end }] }]
  })
}

function briefSection(analysis: Analysis, docs: Docs): SafeHtml {
  const sentences = briefSentences(analysis)
  const shown = sentences.length > 0 ? sentences : leadSentences(analysis)
  const note = sentences.length > 0 ? 'Every sentence links to the passage it rests on.' : 'No brief has been generated for this story; these are the lead sentences of each article, linked to their place.'
  return section('brief', 'Brief', html`<div class="brief">${shown.map((s) => html`<p>${s.text} <sup>${evidenceLinks(s.evidence, docs)}</sup></p>`)}</div>`, note)
}

function timelineSection(analysis: Analysis, docs: Docs): SafeHtml {
  if (analysis.events.length > 0) {
    const events = [...analysis.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    return section('timeline', 'Timeline', html`<ol class="timeline">${events.map((e) => html`<li class="event"><time datetime="${e.date}">${e.date}</time><span class="event-text">${e.text}</span> ${evidenceLinks(e.evidence, docs)}</li>`)}</ol>`)
  }
  const seen = new Set<string>()
  const dates = analysis.times
    .filter((t) => (t.type === undefined || t.type === 'DATE') && /^\d{4}/.test(t.value))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .filter((t) => {
      const key = `${t.value}\u0000${t.doc}`
      return !seen.has(key) && (seen.add(key), true)
    })
  if (dates.length === 0) return section('timeline', 'Timeline', html`<p class="empty">No dated events found yet.</p>`)
  return section('timeline', 'Timeline', html`<ol class="timeline">${dates.map((t) => html`<li class="event"><time datetime="${t.value}">${t.value}</time><span class="event-text">“${t.text}”</span> ${evidenceLinks([t], docs)}</li>`)}</ol>`, 'Dates the articles mention (no event extraction yet).')
}

function actorsSection(analysis: Analysis, docs: Docs): SafeHtml {
  if (analysis.entities.length === 0) return section('actors', 'Actors', html`<p class="empty">No actors found yet.</p>`)
  const actors = [...analysis.entities].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 40)
  return section(
    'actors',
    'Actors',
    html`<ul class="plain actors">${actors.map((e) => {
      const outlets = [...new Set(e.mentions.map((m) => m.doc))]
      return html`<li class="actor"><strong>${e.name}</strong> <span class="pill">${e.type}</span> <span class="muted">${plural(e.mentions.length, 'mention', 'mentions')} in ${plural(outlets.length, 'article', 'articles')}${e.aliases.length > 1 ? `; also ${e.aliases.filter((a) => a !== e.name).join(', ')}` : ''}</span> ${evidenceLinks(e.mentions.slice(0, 1), docs)}</li>`
    })}</ul>`,
    analysis.entities.length > actors.length ? `The ${actors.length} most mentioned of ${analysis.entities.length}.` : undefined,
  )
}

function quotesSection(analysis: Analysis, docs: Docs): SafeHtml {
  if (analysis.quotes.length === 0) return section('quotes', 'Quotes by speaker', html`<p class="empty">No quotes found yet.</p>`)
  const groups = new Map<string, AnalysisQuote[]>()
  for (const q of analysis.quotes) {
    const key = q.speakerName ?? 'Unattributed'
    groups.set(key, [...(groups.get(key) ?? []), q])
  }
  const ordered = [...groups].sort(([a, qa], [b, qb]) => (a === 'Unattributed' ? 1 : 0) - (b === 'Unattributed' ? 1 : 0) || qb.length - qa.length)
  return section(
    'quotes',
    'Quotes by speaker',
    html`${ordered.map(([speaker, quotes]) => html`<div class="speaker"><h3>${speaker} <span class="muted">(${quotes.length})</span></h3>${quotes.map((q) => html`<blockquote class="quote-item" data-kind="${q.kind}">${q.kind === 'direct' ? `“${q.text}”` : q.text} ${evidenceLinks([q], docs)}</blockquote>`)}</div>`)}`,
  )
}

function claimsSection(analysis: Analysis, docs: Docs): SafeHtml {
  const omissions = (analysis as unknown as Record<string, unknown>)['omissions']
  const extra = omissions !== undefined ? html`<h3>Omissions</h3>${renderValue(omissions, docs)}` : html``
  if (analysis.claims.length === 0) return section('claims', 'Claims', html`<p class="empty">No claims aligned across outlets yet.</p>${extra}`)
  const counts = { corroborated: 0, 'single-source': 0, contested: 0 }
  for (const c of analysis.claims) counts[c.status]++
  const members = analysis.documents
  const matrix = html`<h3>Who reported what</h3><div class="table-wrap"><table class="omission-matrix"><thead><tr><th>Claim</th>${members.map((d) => html`<th><a href="${documentHref(d.id)}">${documentLabel(d, d.id)}</a></th>`)}</tr></thead><tbody>${analysis.claims.map(
    (c) => html`<tr><td>${c.text}</td>${members.map((d) => (c.docs.includes(d.id) ? html`<td class="yes" title="reported">✓</td>` : html`<td class="no" title="${`not in ${documentLabel(d, d.id)}`}">—</td>`))}</tr>`,
  )}</tbody></table></div>`
  return section(
    'claims',
    'Claims',
    html`<p class="muted"><span class="pill status-corroborated">${counts.corroborated} corroborated</span><span class="pill status-single-source">${counts['single-source']} single-source</span><span class="pill status-contested">${counts.contested} contested</span></p>
<ul class="plain claims">${analysis.claims.map((c) => html`<li class="claim" data-status="${c.status}"><span class="pill status-${c.status}">${c.status}</span> ${c.text} ${evidenceLinks(c.evidence, docs)}</li>`)}</ul>${matrix}${extra}`,
  )
}

function framingSection(analysis: Analysis, docs: Docs): SafeHtml {
  const framing = (analysis as unknown as Record<string, unknown>)['framing']
  if (framing !== undefined) return section('framing', 'Framing by outlet', renderValue(framing, docs))
  const rows = analysis.documents.map((d) => {
    const quotes = analysis.quotes.filter((q) => q.doc === d.id).length
    const actors = analysis.entities.filter((e) => e.mentions.some((m) => m.doc === d.id)).length
    return html`<tr><td><a href="${documentHref(d.id)}">${documentLabel(d, d.id)}</a></td><td>${displayTitle(d)}</td><td>${publicationLabel(d) ?? '—'}</td><td>${d.text.split(/\s+/).filter(Boolean).length}</td><td>${quotes}</td><td>${actors}</td></tr>`
  })
  return section('framing', 'Framing by outlet', html`<div class="table-wrap"><table><thead><tr><th>Outlet</th><th>Headline</th><th>Published</th><th>Words</th><th>Quotes</th><th>Actors</th></tr></thead><tbody>${rows}</tbody></table></div>`, 'No framing analysis yet; how much each outlet wrote, quoted and named.')
}

function otherSections(analysis: Analysis, docs: Docs): SafeHtml {
  const extra = Object.entries(analysis as unknown as Record<string, unknown>).filter(([k, v]) => !knownSections.has(k) && v !== null && typeof v === 'object' && !(Array.isArray(v) && v.length === 0))
  if (extra.length === 0) return html``
  return section('more', 'More from the analysis', html`${extra.map(([k, v]) => html`<details open><summary>${k}</summary>${renderValue(v, docs)}</details>`)}`)
}

/** The story page. Every piece of article text is escaped; evidence links open the article at the span. */
export function storyPage(story: StoryRecord): string {
  const analysis = story.analysis
  for (const key of ['documents', 'entities', 'quotes', 'times', 'events', 'claims', 'messages'] as const) if (!Array.isArray(analysis[key])) (analysis as unknown as Record<string, unknown>)[key] = []
  const docs: Docs = new Map(analysis.documents.map((d) => [d.id, d]))
  const dates = story.firstPublished ? (story.firstPublished === story.lastPublished ? story.firstPublished : `${story.firstPublished} – ${story.lastPublished}`) : 'dates unknown'
  const body = html`<p class="meta"><a href="/">Stories</a> ›</p>
<h1>${story.title}</h1>
<p class="meta">${plural(story.documentCount, 'article', 'articles')} · ${story.sources.length > 0 ? story.sources.join(', ') : 'outlets unknown'} · ${dates}</p>
${story.summary ? html`<p>${story.summary}</p>` : ''}
${briefSection(analysis, docs)}
<div class="grid">${timelineSection(analysis, docs)}${actorsSection(analysis, docs)}</div>
${quotesSection(analysis, docs)}
${claimsSection(analysis, docs)}
${framingSection(analysis, docs)}
${section('articles', 'Articles', html`<ul class="plain">${analysis.documents.map((d) => html`<li><a href="${documentHref(d.id)}">${displayTitle(d)}</a> <span class="muted">${[d.source, publicationLabel(d) ?? 'date unknown', d.id].filter(Boolean).join(' · ')}</span></li>`)}</ul>`)}
${otherSections(analysis, docs)}
${analysis.messages.length > 0 ? html`<section class="card" id="messages"><details><summary>${analysis.messages.length} note(s) on the input</summary><ul>${analysis.messages.map((m) => html`<li>${m.reason} <span class="muted">${m.rule}</span></li>`)}</ul></details></section>` : ''}`
  return page(story.title, body)
}
