/**
 * @module quotes/candidate-model — the trained candidate scorer: logistic regression over the
 * features of a candidate attribution that the rules did not make (see `addCandidates` in
 * `extract-quotes.ts`). Weights come from the PolNeAR train split (`npm run train:quote-candidates`),
 * stored in `models/quotes/candidate-model.json` with the threshold chosen by cross-validation on train.
 */
import { existsSync, readFileSync } from 'node:fs'

/** The stored model: sparse feature weights (`b` is the bias) and the decision threshold. */
export interface CandidateModel {
  /** Short provenance line (corpus, examples, how the threshold was chosen). */
  readonly trainedOn: string
  /** Probability (0–1) from which a candidate is kept. */
  readonly threshold: number
  /** Probability (0–1) from which a candidate with no source is kept; default {@link CandidateModel.threshold}. */
  readonly sourcelessThreshold?: number
  /** Tagger probability from which a word outside the cue lexicon yields candidates. */
  readonly floor: number
  readonly weights: Readonly<Record<string, number>>
}

/**
 * The candidate model ready to score: probabilities, and an upper bound on the probability when only
 * some features are known yet (so the extractor can skip building content for hopeless candidates).
 */
export class CandidateScorer {
  private readonly weights: Map<string, number>
  /** Feature group (the key before its first "=") → the largest weight in it, at least 0 (an unseen value weighs 0). */
  private readonly groupMax = new Map<string, number>()

  constructor(readonly model: CandidateModel) {
    this.weights = new Map(Object.entries(model.weights))
    for (const [key, v] of this.weights) {
      const eq = key.indexOf('=')
      const group = eq < 0 ? key : key.slice(0, eq)
      this.groupMax.set(group, Math.max(this.groupMax.get(group) ?? 0, v))
    }
  }

  /** The probability (0–1) of a candidate with these features. */
  probability(features: readonly string[]): number {
    let z = 0
    for (const f of features) z += this.weights.get(f) ?? 0
    return 1 / (1 + Math.exp(-z))
  }

  /** The highest probability a candidate with the `known` features can reach, whatever its features of the `open` groups are. */
  ceiling(known: readonly string[], open: readonly string[]): number {
    let z = 0
    for (const f of known) z += this.weights.get(f) ?? 0
    for (const g of open) z += this.groupMax.get(g) ?? 0
    return 1 / (1 + Math.exp(-z))
  }
}

const defaultFile = new URL('../../models/quotes/candidate-model.json', import.meta.url)

/** Read the stored model (`models/quotes/candidate-model.json`, next to `src/` or `dist/`); undefined when there is none yet. */
export function loadCandidateModel(file: URL | string = defaultFile): CandidateModel | undefined {
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as CandidateModel
}
