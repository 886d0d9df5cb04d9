import { describe, expect, test } from 'vitest'
import { claimFeatures, loadClaimModel, scoreCheckWorthiness, type ClaimModel } from './check-worthiness.js'

/** The model's definition: sigmoid of the bias plus the weights of the sentence's features, summed in feature order. */
function reference(model: ClaimModel, sentence: string): number {
  let z = model.bias
  for (const f of claimFeatures(sentence)) z += model.weights[f] ?? 0
  return 1 / (1 + Math.exp(-z))
}

const sentences = [
  'More than 200 drones were launched overnight, the ministry said.',
  'The two leaders spoke for two hours on Tuesday, and the the the call ended at 3 p.m.',
  'I think we should go.',
  'Unemployment fell to 4.1% in 2019, the lowest rate in 50 years, costing $3.5 billion.',
  'Why?',
  '',
]

describe('scoreCheckWorthiness', () => {
  test('equals the sum of the weights of claimFeatures (bundled model)', () => {
    const model = loadClaimModel()
    for (const s of sentences) expect(scoreCheckWorthiness(model, s)).toBe(reference(model, s))
  })

  test('counts a repeated unigram or bigram once, and knows shape features', () => {
    const model: ClaimModel = { bias: -1, threshold: 0.5, weights: { 'w:drone': 0.5, 'b:two_drone': 1, 's:digit': 2, 'w:<num>': 0.25 } }
    for (const s of ['two drones, two drones', 'two drones 2', 'no match here']) expect(scoreCheckWorthiness(model, s)).toBe(reference(model, s))
    expect(scoreCheckWorthiness(model, 'two drones, two drones')).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 12)
  })
})
