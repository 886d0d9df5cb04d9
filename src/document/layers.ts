/** @module document/layers — the item types of the built-in standoff layers. */
import type { Span } from './span.js'

/** A paragraph, heading or list item of the extracted text. */
export interface Block extends Span {
  readonly kind: 'paragraph' | 'heading' | 'list-item' | 'quote' | 'caption'
}

/** A token. `normal` is the lower-cased form with typographic quotes/dashes folded. */
export interface Token extends Span {
  readonly normal: string
  /** Rough shape class: word, number, punctuation, symbol. */
  readonly kind: 'word' | 'number' | 'punct' | 'symbol'
}

/** A sentence; `tokens` is the half-open index range into the `tokens` layer. */
export interface Sentence extends Span {
  readonly tokens: Span
}

/** The coarse entity types of the analysis contract (CoNLL PER/ORG/LOC/MISC). */
export type EntityLabel = 'person' | 'organization' | 'location' | 'misc'

/**
 * A mention of an actor. Names carry a `label`; pronouns and role nouns
 * ("he", "the president of Ukraine") carry `kind` and, when the text makes it clear,
 * `ref`: the index in this layer of the name mention they refer to.
 */
export interface Entity extends Span {
  readonly label: EntityLabel
  /** Canonical form used to merge variants ("Zelenskyy" → "zelensky"). */
  readonly normal: string
  readonly kind: 'name' | 'pronoun' | 'role'
  /** Index into `layers.entities` of the antecedent name mention, for pronouns, roles and short names. */
  readonly ref?: number
  /** Model confidence in [0, 1], where a model produced it. */
  readonly score?: number
}

/** Reported speech. The span is the content (what was said). */
export interface Quote extends Span {
  readonly kind: 'direct' | 'indirect' | 'mixed'
  /** The speech verb or phrase: said, told, according to. */
  readonly cue?: Span
  /** The speaker as written in the text, if any. */
  readonly source?: Span
  /** Index into `layers.entities` of the speaker mention; absent when no speaker is clear. */
  readonly speaker?: number
  /** The content pieces when it is discontinuous (“A,” he said, “B.”); the span then covers them all. */
  readonly parts?: readonly Span[]
  /** Every person mention in `source` when several people speak together ("Vance and Rubio warned"). */
  readonly speakers?: readonly number[]
}

/** TIMEX3 types. */
export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET'

/** A time expression normalised to a TIMEX3 value (2025-05-18, 2025-W20, P3Y, PRESENT_REF …). */
export interface TimeMention extends Span {
  readonly type: TimeType
  readonly value: string
  /** What the value was resolved against: the publication date, another time mention, or nothing. */
  readonly anchor?: 'published' | 'mention' | 'absolute' | 'none'
  /** TIMEX3 `mod`, where the text qualifies the value: START, MID, END, APPROX, MORE_THAN, LESS_THAN … */
  readonly mod?: string
  /** With anchor `mention`: the index in `layers.times` of the mention it was resolved against. */
  readonly ref?: number
}
