/** @module analysis/markdown — a readable Markdown report of an analysis. */
import type { Analysis, Evidence } from './analysis.js'

/** Escape text for Markdown so article content cannot inject links, HTML or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ')
}

function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Render the analysis as a Markdown report: stories, timeline, claims, actors, quotes, problems. */
export function renderMarkdown(analysis: Analysis): string {
  const out: string[] = []
  const docs = new Map(analysis.documents.map((d) => [d.id, d]))
  const label = (id: string): string => {
    const d = docs.get(id)
    return d?.source ? `${d.source} (${id})` : id
  }
  const cite = (e: Evidence): string => `[${e.doc} ${e.start}–${e.end}]`
  out.push('# Parallax analysis', '')
  out.push(`${analysis.documents.length} document(s), ${analysis.entities.length} actor(s), ${analysis.quotes.length} quote(s), ${analysis.times.length} time expression(s).`, '')
  out.push('## Documents', '')
  for (const d of analysis.documents) {
    const parts = [d.title ? `**${escapeMarkdown(d.title)}**` : `**${escapeMarkdown(d.id)}**`]
    if (d.source) parts.push(escapeMarkdown(d.source))
    parts.push(d.published ? `published ${d.published}${d.publishedInferred ? ` (${escapeMarkdown(d.publishedInferred)})` : ''}` : 'no publication date')
    if (d.path) parts.push(`\`${d.path.replace(/`/g, "'")}\``)
    out.push(`- ${parts.join(' · ')} — ${d.text.length} characters`)
  }
  out.push('')
  if (analysis.stories.length > 0) {
    out.push('## Stories', '')
    for (const s of analysis.stories) {
      out.push(`### ${escapeMarkdown(s.title)}`, '', `Outlets: ${s.docs.map(label).map(escapeMarkdown).join(', ')}`, '')
      if (s.summary) out.push(escapeMarkdown(s.summary), '')
    }
  }
  if (analysis.events.length > 0) {
    out.push('## Timeline', '')
    for (const e of analysis.events) out.push(`- **${e.date}** ${escapeMarkdown(clip(e.text))} — ${e.docs.map(label).map(escapeMarkdown).join(', ')}`)
    out.push('')
  }
  if (analysis.claims.length > 0) {
    out.push('## Claims', '')
    for (const status of ['corroborated', 'contested', 'single-source'] as const) {
      const claims = analysis.claims.filter((c) => c.status === status)
      if (claims.length === 0) continue
      out.push(`### ${status[0]?.toUpperCase()}${status.slice(1)}`, '')
      for (const c of claims) out.push(`- ${escapeMarkdown(clip(c.text, 200))} — ${c.docs.map(label).map(escapeMarkdown).join(', ')} ${c.evidence.map(cite).join(' ')}`)
      out.push('')
    }
  }
  if (analysis.entities.length > 0) {
    out.push('## Actors', '')
    const sorted = [...analysis.entities].sort((a, b) => b.mentions.length - a.mentions.length)
    for (const type of ['person', 'organization', 'location', 'misc'] as const) {
      const list = sorted.filter((e) => e.type === type)
      if (list.length === 0) continue
      out.push(`- **${type}**: ${list.map((e) => `${escapeMarkdown(e.name)} (${e.mentions.length}${e.aliases.length > 1 ? `; ${e.aliases.filter((a) => a !== e.name).map(escapeMarkdown).join(', ')}` : ''})`).join(', ')}`)
    }
    out.push('')
  }
  if (analysis.quotes.length > 0) {
    out.push('## Quotes', '')
    const bySpeaker = new Map<string, typeof analysis.quotes>()
    for (const q of analysis.quotes) {
      const key = q.speakerName ?? '(no clear speaker)'
      bySpeaker.set(key, [...(bySpeaker.get(key) ?? []), q])
    }
    for (const [speaker, quotes] of bySpeaker) {
      out.push(`### ${escapeMarkdown(speaker)}`, '')
      for (const q of quotes) out.push(`- ${q.kind === 'direct' ? '“' : ''}${escapeMarkdown(clip(q.text, 240))}${q.kind === 'direct' ? '”' : ''} _(${q.kind}, ${escapeMarkdown(label(q.doc))} ${cite(q)})_`)
      out.push('')
    }
  }
  if (analysis.times.length > 0) {
    out.push('## Time expressions', '')
    out.push('| document | expression | value |', '|---|---|---|')
    for (const t of analysis.times) out.push(`| ${escapeMarkdown(t.doc)} | ${escapeMarkdown(t.text)} | ${t.value} |`)
    out.push('')
  }
  if (analysis.messages.length > 0) {
    out.push('## Problems with the input', '')
    for (const m of analysis.messages) out.push(`- ${m.severity === 'error' ? '**error**' : m.severity ?? 'note'} \`${m.rule}\`: ${escapeMarkdown(m.reason)}`)
    out.push('')
  }
  return out.join('\n')
}
