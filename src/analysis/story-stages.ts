/** @module analysis/story-stages — the stories, claims, copies, omissions, framing and briefs of the analysis, computed once per corpus. */
import type { Document } from '../document/document.js'
import { createStoryIndex, findCopies, type CopiesOptions, type StoryIndexOptions } from '../cluster/index.js'
import { alignClaims, frameArticles, omissionMatrices, type Claim, type ClaimsOptions, type FramingEvidence } from '../compare/index.js'
import { extractiveSummarizer, type Brief, type Summarizer } from '../brief/index.js'
import { PipelineError } from '../pipeline/errors.js'
import { withDocumentTerms } from '../terms/index.js'
import type { Analysis, AnalysisBriefSentence, AnalysisClaim, AnalysisStory } from './analysis.js'
import type { CorpusStages } from './build-analysis.js'

/** Options of {@link storyStages}. */
export interface StoryStagesOptions {
  readonly stories?: StoryIndexOptions
  readonly copies?: CopiesOptions
  readonly claims?: ClaimsOptions
  /** A synchronous summariser for the briefs (default: extractive). */
  readonly summarizer?: Summarizer
}

interface Corpus {
  stories: AnalysisStory[]
  claims: AnalysisClaim[]
  sections: Pick<Analysis, 'copies' | 'omissions' | 'framing'>
}

const withDoc = (doc: string, e: FramingEvidence): AnalysisBriefSentence => ({ doc, start: e.start, end: e.end, text: e.text })

function claimEntry(c: Claim): AnalysisClaim {
  const entry: AnalysisClaim = {
    id: c.id,
    text: c.text,
    status: c.status,
    docs: [...c.docs],
    evidence: c.mentions.map((m) => ({ doc: m.doc, start: m.start, end: m.end })),
    story: c.story,
    independent: c.independent,
    checkWorthiness: c.checkWorthiness,
    actors: [...c.actors],
  }
  if (c.values) entry.values = c.values.map((v) => ({ doc: v.doc, start: v.start, end: v.end, value: v.value, unit: v.unit, low: Number.isFinite(v.low) ? v.low : null, high: Number.isFinite(v.high) ? v.high : null }))
  return entry
}

/** Run clustering, copy detection, claim alignment, omissions, framing and briefs over a corpus. */
function analyzeCorpus(docs: readonly Document[], options: StoryStagesOptions): Corpus {
  const index = createStoryIndex(options.stories)
  for (const doc of docs) index.add(doc)
  // Merged stories retire their ids; number the survivors densely for the report.
  const stories = index.stories().map((s, i) => ({ ...s, id: `S${i + 1}` }))
  const copies = findCopies(docs, options.copies)
  const claims = alignClaims(docs, stories, copies, options.claims)
  const summarizer = options.summarizer ?? extractiveSummarizer()
  const byId = new Map(docs.map((d) => [d.id, d]))
  const briefs = stories.map((story) => {
    const brief = summarizer.summarize({ story: story.id, docs: story.docs.map((id) => byId.get(id)).filter((d): d is Document => d !== undefined) })
    if (brief instanceof Promise) {
      throw new PipelineError('invalid-option', `Summariser \`${summarizer.name}\` is asynchronous; the analysis needs a synchronous one (write briefs with \`writeBriefs()\` instead).`)
    }
    return brief
  })
  return {
    stories: stories.map((story, i) => {
      const brief = briefs[i] as Brief
      const first = story.docs.map((id) => byId.get(id)).find((d) => d?.meta.title)
      const lead = brief.sentences[0]?.text.replace(/\s+/g, ' ').trim() ?? ''
      return {
        id: story.id,
        title: first?.meta.title ?? (lead.length > 120 ? `${lead.slice(0, 119)}…` : lead),
        docs: [...story.docs],
        summary: brief.sentences.map((s) => s.text.replace(/\s+/g, ' ').trim()).join(' '),
        topic: story.topic,
        terms: [...story.terms],
        brief: brief.sentences.map((s) => ({ doc: s.doc, start: s.start, end: s.end, text: s.text })),
      }
    }),
    claims: claims.map(claimEntry),
    sections: {
      copies: copies.map((c) => ({ ...c })),
      omissions: omissionMatrices(stories, claims).map((m) => ({
        story: m.story,
        docs: [...m.docs],
        rows: m.rows.map((r) => ({ claim: r.claim, status: r.status, carried: r.carried.map((c) => (c ? { doc: c.doc, start: c.start, end: c.end } : null)) })),
        omitted: m.omitted.map((o) => ({ claim: o.claim, docs: [...o.docs] })),
        unique: Object.fromEntries(Object.entries(m.unique).map(([k, v]) => [k, [...v]])),
      })),
      framing: frameArticles(docs, stories).map((f) => ({
        doc: f.doc,
        story: f.story,
        tone: { score: f.tone.score, relative: f.tone.relative, positive: f.tone.positive.map((e) => withDoc(f.doc, e)), negative: f.tone.negative.map((e) => withDoc(f.doc, e)) },
        foregrounds: f.foregrounds.map((x) => ({ term: x.term, weight: x.weight, evidence: x.evidence.map((e) => withDoc(f.doc, e)) })),
        loaded: f.loaded.map((e) => ({ ...withDoc(f.doc, e), category: e.category })),
      })),
    },
  }
}

/**
 * The corpus stages for stories, claims and the story sections (copies, omissions, framing),
 * sharing one computation per document list.
 *
 * @example
 * buildAnalysis(docs, [], { ...storyStages() })
 */
export function storyStages(options: StoryStagesOptions = {}): Pick<CorpusStages, 'stories' | 'claims' | 'sections'> {
  const cache = new WeakMap<readonly Document[], Corpus>()
  const get = (docs: readonly Document[]): Corpus => {
    let corpus = cache.get(docs)
    if (!corpus) {
      // One tokenisation per document, shared by clustering, copies, claims, briefs and framing.
      corpus = withDocumentTerms(() => analyzeCorpus(docs, options))
      cache.set(docs, corpus)
    }
    return corpus
  }
  return {
    stories: (docs) => get(docs).stories,
    claims: (docs) => get(docs).claims,
    sections: (docs) => get(docs).sections,
  }
}
