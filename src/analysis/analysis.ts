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
  /** ISO 8601, or null when unknown. */
  published: string | null
  /** Why `published` was inferred, when it was not read from the input. */
  publishedInferred?: string
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
}

/** A group of documents about one real-world event. */
export interface AnalysisStory {
  id: string
  title: string
  docs: string[]
  summary: string
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
}
