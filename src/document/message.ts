/** @module document/message — problems with the input, recorded on the document. */
import type { Span } from './span.js'

/**
 * A problem found in the input (not a programming error): no article body, a date
 * that will not parse, a quote with no speaker. Stored in `Document.messages`.
 */
export interface Message {
  /** Human-readable sentence that names the problem and, where possible, the fix. */
  readonly reason: string
  /** Stable rule id, `<source>:<rule>`, e.g. `dates:unparsed`. */
  readonly ruleId: string
  /** Annotator or reader that reported it; stamped by the pipeline. */
  readonly source?: string
  /** Where in `Document.text` the problem is, if anywhere. */
  readonly span?: Span
  /** `error` when the document could not be used, `warning` otherwise. */
  readonly severity?: 'error' | 'warning' | 'info'
}

/** What an annotator passes to `report()`. */
export interface MessageInit {
  readonly reason: string
  readonly ruleId: string
  readonly span?: Span
  readonly severity?: 'error' | 'warning' | 'info'
}
