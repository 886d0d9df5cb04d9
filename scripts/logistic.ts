/**
 * The logistic regression the quote trainers share (`train:quote-candidates`, `train:quote-filter`):
 * sparse binary features as strings, AdaGrad with L2, a fixed-seed shuffle per epoch (so a model is
 * rebuilt byte for byte), and out-of-fold probabilities with folds by article.
 */

export interface LogisticOptions {
  readonly epochs: number
  /** Features seen fewer times in the training examples are left out (the bias "b" never is). */
  readonly minCount: number
  readonly l2: number
}

/** Weights (feature → weight) fitted on `examples`, each labelled by `label` (1 positive, 0 negative). */
export function fitLogistic<E extends { readonly features: readonly string[] }>(examples: readonly E[], label: (e: E) => number, options: LogisticOptions): Map<string, number> {
  const { epochs, minCount, l2 } = options
  const counts = new Map<string, number>()
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1)
  const ids = new Map<string, number>()
  for (const [f, n] of counts) if (n >= minCount || f === 'b') ids.set(f, ids.size)
  const encoded = examples.map((e) => ({ x: Int32Array.from(e.features.flatMap((f) => (ids.has(f) ? [ids.get(f) as number] : []))), y: label(e) }))
  const weights = new Float64Array(ids.size)
  const squares = new Float64Array(ids.size).fill(1e-8)
  let seed = 11
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const order = encoded.map((_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j] as number, order[i] as number]
    }
    for (const k of order) {
      const { x, y } = encoded[k] as { x: Int32Array; y: number }
      let z = 0
      for (const f of x) z += weights[f] as number
      const g = 1 / (1 + Math.exp(-z)) - y
      for (const f of x) {
        const grad = g + l2 * (weights[f] as number)
        squares[f] = (squares[f] as number) + grad * grad
        weights[f] = (weights[f] as number) - (0.2 * grad) / Math.sqrt(squares[f])
      }
    }
  }
  const out = new Map<string, number>()
  for (const [f, id] of ids) out.set(f, weights[id] as number)
  return out
}

/** The probability of an example with these features under `weights`. */
export function logisticProbability(weights: ReadonlyMap<string, number>, features: readonly string[]): number {
  let z = 0
  for (const f of features) z += weights.get(f) ?? 0
  return 1 / (1 + Math.exp(-z))
}

/** Out-of-fold probabilities: fold k = the examples whose article % folds is k, scored by a model fitted on the others. */
export function outOfFold<E extends { readonly features: readonly string[]; readonly article: number }>(
  examples: readonly E[],
  folds: number,
  label: (e: E) => number,
  options: LogisticOptions,
): Float64Array {
  const oof = new Float64Array(examples.length)
  for (let k = 0; k < folds; k++) {
    const w = fitLogistic(
      examples.filter((e) => e.article % folds !== k),
      label,
      options,
    )
    examples.forEach((e, i) => {
      if (e.article % folds === k) oof[i] = logisticProbability(w, e.features)
    })
  }
  return oof
}
