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
    parts.push(d.published ? `published ${d.published}` : d.publishedInferred ? `no publication date; inferred ${d.publishedInferred.date} (${escapeMarkdown(d.publishedInferred.reason)})` : 'no publication date')
    if (d.path) parts.push(`\`${d.path.replace(/`/g, "'")}\``)
    out.push(`- ${parts.join(' · ')} — ${d.text.length} characters`)
  }
  out.push('')
  if (analysis.stories.length > 0) {
    out.push('## Stories', '')
    for (const s of analysis.stories) {
      out.push(`### ${escapeMarkdown(s.title)}`, '', `Outlets: ${s.docs.map(label).map(escapeMarkdown).join(', ')}`, '')
      if (s.brief && s.brief.length > 0) out.push(s.brief.map((b) => `${escapeMarkdown(b.text)} ${cite(b)}`).join(' '), '')
      else if (s.summary) out.push(escapeMarkdown(s.summary), '')
    }
  }
  if (analysis.copies && analysis.copies.length > 0) {
    out.push('## Copies and rewrites', '')
    for (const c of analysis.copies) out.push(`- ${escapeMarkdown(label(c.doc))} is a ${c.kind} of ${escapeMarkdown(label(c.of))} (similarity ${c.similarity})`)
    out.push('')
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
  if (analysis.omissions && analysis.omissions.some((m) => m.docs.length > 1 && m.rows.length > 0)) {
    out.push('## Who carries what', '')
    const claimText = new Map(analysis.claims.map((c) => [c.id, c.text]))
    for (const m of analysis.omissions) {
      if (m.docs.length < 2 || m.rows.length === 0) continue
      out.push(`### Story ${escapeMarkdown(m.story)}`, '', `| claim | status | ${m.docs.map((d) => escapeMarkdown(label(d))).join(' | ')} |`, `|---|---|${m.docs.map(() => '---').join('|')}|`)
      for (const r of m.rows) out.push(`| ${escapeMarkdown(clip(claimText.get(r.claim) ?? r.claim, 90))} | ${r.status} | ${r.carried.map((c) => (c ? `✓ ${cite(c)}` : '—')).join(' | ')} |`)
      out.push('')
      for (const o of m.omitted) out.push(`- ${escapeMarkdown(o.claim)} is left out by ${o.docs.map(label).map(escapeMarkdown).join(', ')}`)
      for (const [doc, ids] of Object.entries(m.unique)) if (ids.length > 0) out.push(`- only ${escapeMarkdown(label(doc))}: ${ids.map(escapeMarkdown).join(', ')}`)
      out.push('')
    }
  }
  if (analysis.framing && analysis.framing.length > 0) {
    out.push('## Framing', '')
    for (const f of analysis.framing) {
      const parts = [`tone ${f.tone.score} (${f.tone.relative >= 0 ? '+' : ''}${f.tone.relative} vs. story)`]
      if (f.foregrounds.length > 0) parts.push(`foregrounds ${f.foregrounds.map((x) => escapeMarkdown(x.term)).join(', ')}`)
      if (f.loaded.length > 0) parts.push(`loaded wording ${f.loaded.slice(0, 8).map((x) => `“${escapeMarkdown(x.text)}” ${cite(x)}`).join(', ')}`)
      out.push(`- ${escapeMarkdown(label(f.doc))}: ${parts.join('; ')}`)
    }
    out.push('')
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
