/** @module scripts/rouge — ROUGE-N F as the rouge_score package computes it (lowercase [a-z0-9]+ tokens, Porter stem on tokens longer than 3). */
import { stemmer } from 'stemmer'

/** rouge_score's default tokenizer with stemming. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0)
    .map((t) => (t.length > 3 ? stemmer(t) : t))
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ')
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

/** ROUGE-N precision, recall and F1 of a prediction against one reference. */
export function rougeN(reference: string, prediction: string, n: number): { p: number; r: number; f: number } {
  const ref = ngrams(rougeTokens(reference), n)
  const pred = ngrams(rougeTokens(prediction), n)
  let overlap = 0
  for (const [k, c] of pred) overlap += Math.min(c, ref.get(k) ?? 0)
  const pt = [...pred.values()].reduce((a, b) => a + b, 0)
  const rt = [...ref.values()].reduce((a, b) => a + b, 0)
  const p = pt ? overlap / pt : 0
  const r = rt ? overlap / rt : 0
  return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 }
}
