/** @module scripts/train-claims — train the check-worthiness model on ClaimBuster (train split) → `models/claims/check-worthiness.json`. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { claimFeatures, type ClaimModel } from '../src/compare/check-worthiness.js'
import { isHeldOut, readClaimBuster } from './claimbuster.js'

const all = readClaimBuster()
const train = all.filter((s) => !isHeldOut(s.id))
const examples = train.map((s) => ({ x: claimFeatures(s.text), y: s.label }))

// Features seen fewer than `minCount` times are dropped: they only memorise.
const minCount = 2
const counts = new Map<string, number>()
for (const e of examples) for (const f of e.x) counts.set(f, (counts.get(f) ?? 0) + 1)
const vocab = new Set([...counts].filter(([, n]) => n >= minCount).map(([f]) => f))

/** Logistic regression by SGD with L2, fixed seed order. */
function fit(data: typeof examples, epochs = 12, rate = 0.1, l2 = 1e-4): { bias: number; w: Map<string, number> } {
  const w = new Map<string, number>()
  let bias = 0
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = rate / (1 + epoch * 0.5)
    for (let k = 0; k < data.length; k++) {
      const e = data[(k * 7919 + epoch * 104729) % data.length] as (typeof data)[number]
      let z = bias
      for (const f of e.x) if (vocab.has(f)) z += w.get(f) ?? 0
      const g = 1 / (1 + Math.exp(-z)) - e.y
      bias -= lr * g
      for (const f of e.x) if (vocab.has(f)) w.set(f, (w.get(f) ?? 0) * (1 - lr * l2) - lr * g)
    }
  }
  return { bias, w }
}

const predict = (m: { bias: number; w: Map<string, number> }, x: string[]): number => {
  let z = m.bias
  for (const f of x) z += m.w.get(f) ?? 0
  return 1 / (1 + Math.exp(-z))
}

// Pick the threshold by 5-fold cross-validation on the training split only.
const thresholds = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
const tally = thresholds.map(() => ({ tp: 0, fp: 0, fn: 0 }))
for (let fold = 0; fold < 5; fold++) {
  const fitPart = examples.filter((_, i) => i % 5 !== fold)
  const testPart = examples.filter((_, i) => i % 5 === fold)
  const m = fit(fitPart)
  for (const e of testPart) {
    const p = predict(m, e.x)
    thresholds.forEach((t, k) => {
      const c = tally[k] as { tp: number; fp: number; fn: number }
      if (p >= t && e.y === 1) c.tp++
      else if (p >= t) c.fp++
      else if (e.y === 1) c.fn++
    })
  }
}
const f1s = tally.map((c) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn))
const bestK = f1s.indexOf(Math.max(...f1s))
const threshold = thresholds[bestK] as number

const final = fit(examples)
const weights: Record<string, number> = {}
for (const [f, v] of [...final.w].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(v) >= 0.05) weights[f] = Math.round(v * 1000) / 1000
const model: ClaimModel & { trainedOn: string } = { trainedOn: `claimbuster train.json, sentence_id % 5 != 0 (${train.length} sentences)`, bias: Math.round(final.bias * 1000) / 1000, threshold, weights }
mkdirSync('models/claims', { recursive: true })
writeFileSync('models/claims/check-worthiness.json', `${JSON.stringify(model)}\n`)
console.log(`trained on ${train.length} sentences; cross-validated F1 ${(f1s[bestK] as number).toFixed(3)} at threshold ${threshold}; ${Object.keys(weights).length} weights → models/claims/check-worthiness.json`)
