/** @module quotes — the `quotes` annotator: who said what, with cue, source and speaker. */
import type { Quote } from '../document/layers.js'
import { defineAnnotator, type Annotator } from '../pipeline/define-annotator.js'
import { PipelineError } from '../pipeline/errors.js'
import { cueLexicon } from './cues.js'
import { CandidateScorer, loadCandidateModel } from './candidate-model.js'
import { chooseContentEnd, loadContentModel, type ContentModel } from './content-model.js'
import { CueScorer, loadCueModel, type CueModel } from './cue-model.js'
import { extractQuotes, type FoundQuote } from './extract-quotes.js'
import { dropRepeatedNested } from './nested-repeats.js'
import { findMarkedPassages, passageOfTokens } from './quote-marks.js'
import { exemptFromFilter, loadRuleFilterModel, RuleFilterScorer, ruleQuoteFeatures, type RuleFilterInput } from './rule-filter.js'

export { findMarkedPassages, type MarkedPassage } from './quote-marks.js'
export { dropRepeatedNested } from './nested-repeats.js'
export { extractQuotes, type QuoteInput, type ExtractOptions, type FoundQuote } from './extract-quotes.js'
export { cueLexicon, type CueLexiconOptions } from './cues.js'
export { chooseContentEnd, contentEndCandidates, contentEndFeatures, loadContentModel, type ContentModel, type ContentInput } from './content-model.js'
export { CandidateScorer, loadCandidateModel, type CandidateModel } from './candidate-model.js'
export { exemptFromFilter, loadRuleFilterModel, RuleFilterScorer, ruleQuoteFeatures, type RuleFilterModel, type RuleFilterInput } from './rule-filter.js'
export { cueFeatures, cueProbability, loadCueModel, CueScorer, type CueModel, type CueFeatureInput } from './cue-model.js'

/** Options of {@link quotes}. */
export interface QuotesOptions {
  /** Extra cue words (any inflection, lower case), added to the built-in lexicon. */
  readonly verbs?: readonly string[]
  /** Minimum PolNeAR-learned cue rate (0–1) for a learned word to count as a cue; default 0.45. */
  readonly minCueRate?: number
  /** Quoted passages shorter than this (in words) with no cue are scare quotes or titles; default 4. */
  readonly minDirectWords?: number
  /** Minimum words of content for an indirect quote; default 2. */
  readonly minIndirectWords?: number
  /**
   * Probability (0–1) from which the trained cue tagger (`models/quotes/cue-model.json`) marks a
   * word as a cue; default: the threshold stored with the model. `1` turns the tagger off.
   */
  readonly cueThreshold?: number
  /** `false` turns off the trained content-end chooser (`models/quotes/content-model.json`): reported content then runs to the clause end. */
  readonly contentModel?: boolean
  /** `false` turns off the trained candidate scorer (`models/quotes/candidate-model.json`): only the rules' quotes are kept. */
  readonly candidateModel?: boolean
  /** Probability (0–1) from which a scored candidate quote is kept; default: the threshold stored with the candidate model. */
  readonly candidateThreshold?: number
  /** Probability (0–1) from which a scored candidate quote with no source is kept; default: the candidate model's (or `candidateThreshold` when that is given). */
  readonly candidateSourcelessThreshold?: number
  /** Cue-tagger probability (0–1) from which a word outside the cue lexicon yields candidate quotes; default: the candidate model's. */
  readonly candidateFloor?: number
  /**
   * Replaces the candidate model's scorer: gets each candidate's features and quote, returns its
   * probability (training records the candidates this way).
   */
  readonly candidateScore?: (features: readonly string[], quote: FoundQuote) => number
  /** `false` turns off the trained keep/drop scorer of the rules' quotes (`models/quotes/rule-filter.json`): all the rules' quotes are kept. */
  readonly ruleFilter?: boolean
  /** Probability (0–1) under which a scored rules' quote is dropped; default: the threshold stored with the rule-filter model. */
  readonly ruleThreshold?: number
  /** `true` keeps the reported quotes nested in another quote's content that repeat its words (dropped by default, see `dropRepeatedNested`). */
  readonly keepRepeatedNested?: boolean
  /** Replaces the rule-filter model's scorer: gets each scored rules' quote's features, returns its probability (training records them this way). */
  readonly ruleScore?: (features: readonly string[], quote: FoundQuote) => number
  /**
   * Trained parts to use instead of the stored ones: the learned cue rates (word → rate, for the
   * lexicon and the tagger), the cue tagger and the content-end chooser. Training the candidate
   * scorer passes parts fitted without the article at hand (cross-fitting).
   */
  readonly trained?: { readonly cueRates?: Readonly<Record<string, number>>; readonly cueModel?: CueModel; readonly contentModel?: ContentModel }
}

/**
 * Find direct, indirect and mixed quotes, each with its cue ("said", "according to"), its source
 * as written ("White House Press Secretary Karoline Leavitt", "he") and, when an entity mention
 * overlaps the source, `speaker`: that mention's index in `layers.entities`. Quotes whose speaker
 * is not clear keep no source and get a `quotes:no-speaker` message; speakers are never guessed.
 * Needs `tokens`, `sentences` and `entities`.
 *
 * @example
 * pipeline([tokens(), sentences(), entities(), quotes()])
 */
export function quotes(options: QuotesOptions = {}): Annotator<'quotes'> {
  const minDirectWords = options.minDirectWords ?? 4
  const minIndirectWords = options.minIndirectWords ?? 2
  for (const [name, value] of [['minDirectWords', minDirectWords], ['minIndirectWords', minIndirectWords]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new PipelineError('invalid-option', `quotes({ ${name} }) must be a positive integer, got ${String(value)}.`)
    }
  }
  const minRate = options.minCueRate ?? 0.45
  if (!(minRate >= 0 && minRate <= 1)) {
    throw new PipelineError('invalid-option', `quotes({ minCueRate }) must be between 0 and 1, got ${String(minRate)}.`)
  }
  const model = options.trained?.cueModel ?? loadCueModel()
  const cueThreshold = options.cueThreshold ?? model.threshold
  if (!(cueThreshold >= 0 && cueThreshold <= 1)) {
    throw new PipelineError('invalid-option', `quotes({ cueThreshold }) must be between 0 and 1, got ${String(cueThreshold)}.`)
  }
  const rates = options.trained?.cueRates
  const cues = cueLexicon({ minRate, ...(options.verbs ? { verbs: options.verbs } : {}), ...(rates ? { rates } : {}) })
  const scorer = cueThreshold < 1 ? new CueScorer(model, rates) : undefined
  const contentModel = options.contentModel === false ? undefined : (options.trained?.contentModel ?? loadContentModel())
  const candidateModel = options.candidateModel === false ? undefined : loadCandidateModel()
  const candidateThreshold = options.candidateThreshold ?? candidateModel?.threshold ?? 0.5
  const candidateSourcelessThreshold = options.candidateSourcelessThreshold ?? (options.candidateThreshold !== undefined ? candidateThreshold : (candidateModel?.sourcelessThreshold ?? candidateThreshold))
  for (const [name, value] of [['candidateThreshold', candidateThreshold], ['candidateSourcelessThreshold', candidateSourcelessThreshold]] as const) {
    if (!(value >= 0 && value <= 1)) {
      throw new PipelineError('invalid-option', `quotes({ ${name} }) must be between 0 and 1, got ${String(value)}.`)
    }
  }
  const candidateScorer = candidateModel && !options.candidateScore ? new CandidateScorer(candidateModel) : undefined
  const candidateScore = options.candidateScore ?? (candidateScorer ? (features: readonly string[]) => candidateScorer.probability(features) : undefined)
  const candidateCeiling = candidateScorer ? (known: readonly string[], open: readonly string[]) => candidateScorer.ceiling(known, open) : undefined
  const ruleModel = options.ruleFilter === false ? undefined : loadRuleFilterModel()
  const ruleThreshold = options.ruleThreshold ?? ruleModel?.threshold ?? 0.5
  if (!(ruleThreshold >= 0 && ruleThreshold <= 1)) {
    throw new PipelineError('invalid-option', `quotes({ ruleThreshold }) must be between 0 and 1, got ${String(ruleThreshold)}.`)
  }
  const ruleScorer = ruleModel && !options.ruleScore ? new RuleFilterScorer(ruleModel) : undefined
  const ruleScore = options.ruleFilter === false ? undefined : options.ruleScore
  return defineAnnotator({
    name: 'quotes',
    requires: ['tokens', 'sentences', 'entities'],
    produces: 'quotes',
    annotate(doc, context): Quote[] {
      const report = (message: Parameters<typeof context.report>[0]): void => context.report(message)
      const tokens = doc.layers.tokens ?? []
      const sentences = doc.layers.sentences ?? []
      const passages = findMarkedPassages(doc.text)
      const inPassage = passageOfTokens(tokens, passages)
      // The tagger scores a token only when the rules ask about it (a word outside quotes that could head a cue).
      const modelCues = scorer?.tagger({ text: doc.text, tokens, sentences, inPassage }, cueThreshold)
      // The keep/drop stage for the rules' quotes: score each one the filter does not exempt.
      const ruleInput: RuleFilterInput = { text: doc.text, tokens, sentences, entities: doc.layers.entities ?? [], inPassage, cues, ...(modelCues ? { probability: (t: number) => modelCues.probability(t) } : {}) }
      const ruleFilter = ruleScore
        ? (rules: readonly FoundQuote[], others: readonly FoundQuote[]): readonly FoundQuote[] => {
            const features = ruleQuoteFeatures(ruleInput, rules, others)
            return rules.filter((q, i) => exemptFromFilter(q, doc.text) || ruleScore(features[i] as string[], q) >= ruleThreshold)
          }
        : ruleScorer
          ? (rules: readonly FoundQuote[], others: readonly FoundQuote[]): readonly FoundQuote[] => {
              const p = ruleScorer.probabilities(ruleInput, rules, others)
              return rules.filter((q, i) => exemptFromFilter(q, doc.text) || (p[i] as number) >= ruleThreshold)
            }
          : undefined
      const all = extractQuotes(
        { text: doc.text, tokens, sentences, entities: doc.layers.entities ?? [], passages, inPassage },
        {
          cues,
          minDirectWords,
          minIndirectWords,
          ...(modelCues ? { modelCues } : {}),
          ...(candidateScore && options.candidateModel !== false ? { candidateScore, candidateThreshold, candidateSourcelessThreshold, ...(candidateCeiling ? { candidateCeiling } : {}), ...(options.candidateFloor !== undefined ? { candidateFloor: options.candidateFloor } : candidateModel ? { candidateFloor: candidateModel.floor } : {}) } : {}),
          ...(ruleFilter ? { ruleFilter } : {}),
          ...(contentModel ? { contentEnd: (start: number, stop: number, cue: number) => chooseContentEnd(contentModel, { text: doc.text, tokens, inPassage }, start, stop, cue) } : {}),
        },
      )
      // Last, after the filter: a host the filter dropped leaves its nested quotes in place.
      const found = options.keepRepeatedNested ? all : dropRepeatedNested(all, tokens, doc.text)
      for (const q of found) {
        if (!q.source) {
          report({
            reason: `Quote at ${q.start}–${q.end} has no clear speaker; it is kept with no speaker rather than guessed.`,
            ruleId: 'quotes:no-speaker',
            span: { start: q.start, end: q.end },
            severity: 'info',
          })
        }
      }
      return found
    },
  })
}
