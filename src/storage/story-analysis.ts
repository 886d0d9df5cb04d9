/** @module storage/story-analysis — cut a corpus analysis down to one story's documents. */
import { createHash } from 'node:crypto'
import type { Analysis, AnalysisStory } from '../analysis/analysis.js'

type Item = Record<string, unknown>

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Keep an item of any section when it concerns the story: its `story`/`storyId` names the
 * story, or its `doc` is a member, or one of its `docs` is; items naming none are kept.
 * Evidence lists are cut to member documents. Unknown sections are filtered by the same rules,
 * so richer analyses (copies, omissions, framing, briefs …) pass through untouched otherwise.
 */
function keepItem(item: Item, members: ReadonlySet<string>, storyId: string): Item | undefined {
  const story = item['story'] ?? item['storyId']
  if (typeof story === 'string') return story === storyId ? item : undefined
  if (typeof item['doc'] === 'string' && !members.has(item['doc'])) return undefined
  let out = item
  if (Array.isArray(item['docs'])) {
    const docs = (item['docs'] as unknown[]).filter((d) => typeof d !== 'string' || members.has(d))
    if (docs.length === 0 && (item['docs'] as unknown[]).length > 0) return undefined
    if (docs.length !== (item['docs'] as unknown[]).length) out = { ...out, docs }
  }
  for (const field of ['mentions', 'evidence']) {
    const list = item[field]
    if (!Array.isArray(list)) continue
    const kept = list.filter((e: unknown) => !isItem(e) || typeof e['doc'] !== 'string' || members.has(e['doc']))
    if (kept.length === 0 && list.length > 0 && field === 'mentions') return undefined
    if (kept.length !== list.length) out = { ...out, [field]: kept }
  }
  return out
}

/**
 * The analysis of one story: every section cut to the story's member documents (see
 * `keepItem`), `stories` holding only this story. Offsets are untouched (they index the
 * documents' own texts).
 */
export function storyAnalysis(analysis: Analysis, story: AnalysisStory): Analysis {
  const members = new Set(story.docs)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(analysis)) {
    if (key === 'stories') out[key] = [story]
    else if (key === 'documents') out[key] = analysis.documents.filter((d) => members.has(d.id))
    else if (Array.isArray(value)) out[key] = value.flatMap((item: unknown) => (isItem(item) ? (keepItem(item, members, story.id) ?? []) : [item]))
    else out[key] = value
  }
  return out as unknown as Analysis
}

/** A stable store id for a story: a slug of its title and a hash of its sorted member ids. */
export function storyId(title: string, docs: readonly string[]): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '')
  const hash = createHash('sha256').update([...docs].sort().join('\n')).digest('hex').slice(0, 8)
  return slug === '' ? `story-${hash}` : `${slug}-${hash}`
}
