/**
 * @module bench/extraction-score — body-extraction scores exactly as the article-extraction-benchmark's evaluate.py.
 *
 * Word tokens (`\w+`, case kept), 4-gram shingles counted as multisets; per page TP/FP/FN
 * normalised by their sum; precision averaged over pages with a non-empty prediction, recall
 * over pages with a non-empty truth, F1 from the two means.
 */

/** Python's `\w` on str patterns: letters, digits and numerics, and `_`. */
const wordToken = /[\p{L}\p{N}_]+/gu

/** The multiset of `n`-gram shingles of a text (one shingle of all tokens when fewer than `n`). */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(wordToken) ?? []
  const out = new Map<string, number>()
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const gram = tokens.slice(i, i + n)
    if (gram.length === 0) continue
    const key = gram.join('\u0000')
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

/** Normalised `[tp, fp, fn]` of a predicted body against the true one. */
export function shingleMatch(truth: string, pred: string, n = 4): [number, number, number] {
  const t = shingles(truth, n)
  const p = shingles(pred, n)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0
    const pc = p.get(key) ?? 0
    tp += Math.min(tc, pc)
    fp += Math.max(0, pc - tc)
    fn += Math.max(0, tc - pc)
  }
  const sum = tp + fp + fn
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn]
}

/** Precision, recall and F1 over pages, as evaluate.py's `metrics_from_tp_fp_fns`. */
export function extractionScores(pages: readonly { truth: string; pred: string }[]): { precision: number; recall: number; f1: number } {
  const precisions: number[] = []
  const recalls: number[] = []
  for (const page of pages) {
    const [tp, fp, fn] = shingleMatch(page.truth, page.pred)
    if (tp + fp > 0) precisions.push(fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp))
    if (tp + fn > 0) recalls.push(fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn))
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
  const precision = mean(precisions)
  const recall = mean(recalls)
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) }
}
