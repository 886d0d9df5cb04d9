/** @module analysis/analysis — the analysis contract (see docs/analysis-format.md). */

/** Where in which document: `doc` is a document id; offsets index that document's text, end-exclusive. */
export interface Evidence {
  doc: string
  start: number
  end: number
}

/** One input document as the analysis reports it. */
export interface AnalysisDocument {
  id: string
  path?: string
  url?: string
  title?: string
  source?: string
  author?: string
  /** ISO 8601 as the input gives it, or null when the input has none. */
  published: string | null
  /** When the input has no date: the date Parallax inferred from the text and the story's other documents, and why. */
  publishedInferred?: { date: string; reason: string }
  language?: string
  text: string
}

/** A real-world actor, merged over all documents. */
export interface AnalysisEntity {
  id: string
  name: string
  type: 'person' | 'organization' | 'location' | 'misc'
  aliases: string[]
  mentions: Evidence[]
}

/** Reported speech with its speaker. */
export interface AnalysisQuote {
  id: string
  doc: string
  start: number
  end: number
  text: string
  kind: 'direct' | 'indirect' | 'mixed'
  cue?: { start: number; end: number }
  /** Entity id of the speaker, or null when no speaker is clear. */
  speaker: string | null
  speakerName: string | null
}

/** A time expression with its TIMEX3 value. */
export interface AnalysisTime {
  doc: string
  start: number
  end: number
  text: string
  value: string
  type?: 'DATE' | 'TIME' | 'DURATION' | 'SET'
}

/** A dated happening merged across documents. */
export interface AnalysisEvent {
  id: string
  date: string
  text: string
  docs: string[]
  evidence: Evidence[]
}

/** A factual statement aligned across outlets. */
export interface AnalysisClaim {
  id: string
  text: string
  status: 'corroborated' | 'single-source' | 'contested'
  docs: string[]
  evidence: Evidence[]
  /** Story the claim belongs to. */
  story?: string
  /** Independent outlets carrying it (copies and one outlet's several articles count once). */
  independent?: number
  /** Probability in [0, 1] that it is a check-worthy factual claim. */
  checkWorthiness?: number
  /** For contested claims: the incompatible values, each with its evidence. */
  values?: (Evidence & { value: number; unit: string; low: number | null; high: number | null })[]
  /** Named actors of its mentions, lower-cased. */
  actors?: string[]
}

/** A sentence of a story brief: verbatim source text with its offsets. */
export interface AnalysisBriefSentence extends Evidence {
  text: string
}

/** A group of documents about one real-world event. */
export interface AnalysisStory {
  id: string
  title: string
  docs: string[]
  summary: string
  /** Broader topic (a group of stories), when clustering produced one. */
  topic?: string
  /** Most salient terms of the story. */
  terms?: string[]
  /** The summary sentence by sentence, each traced to its source span. */
  brief?: AnalysisBriefSentence[]
}

/** A document that copies (syndication) or rewrites an earlier one. */
export interface AnalysisCopy {
  doc: string
  of: string
  kind: 'copy' | 'rewrite'
  similarity: number
}

/** Per story: which documents carry which claims, what each omits and what only it reports. */
export interface AnalysisOmissions {
  story: string
  docs: string[]
  rows: { claim: string; status: AnalysisClaim['status']; carried: (Evidence | null)[] }[]
  omitted: { claim: string; docs: string[] }[]
  unique: Record<string, string[]>
}

/** How one article frames its story; every finding carries evidence spans. */
export interface AnalysisFraming {
  doc: string
  story: string
  tone: { score: number; relative: number; positive: AnalysisBriefSentence[]; negative: AnalysisBriefSentence[] }
  foregrounds: { term: string; weight: number; evidence: AnalysisBriefSentence[] }[]
  loaded: (AnalysisBriefSentence & { category: 'pejorative' | 'emotive' | 'intensifier' | 'speculative' })[]
}

/** A problem with the input. */
export interface AnalysisMessage {
  reason: string
  rule: string
  doc?: string
  input?: string
  start?: number
  end?: number
  severity?: 'error' | 'warning' | 'info'
}

/** The whole analysis of a set of documents. */
export interface Analysis {
  version: 1
  documents: AnalysisDocument[]
  entities: AnalysisEntity[]
  quotes: AnalysisQuote[]
  times: AnalysisTime[]
  events: AnalysisEvent[]
  claims: AnalysisClaim[]
  stories: AnalysisStory[]
  messages: AnalysisMessage[]
  /** Near-duplicates among the documents (optional section). */
  copies?: AnalysisCopy[]
  /** Omission matrix per story (optional section). */
  omissions?: AnalysisOmissions[]
  /** Framing per article relative to its story (optional section). */
  framing?: AnalysisFraming[]
}
