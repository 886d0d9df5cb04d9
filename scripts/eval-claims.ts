/** @module scripts/eval-claims — check-worthiness P/R/F1 on the ClaimBuster held-out split (sentence_id % 5 == 0). */
import { loadClaimModel, scoreCheckWorthiness } from '../src/compare/check-worthiness.js'
import { isHeldOut, readClaimBuster } from './claimbuster.js'

const model = loadClaimModel()
const test = readClaimBuster().filter((s) => isHeldOut(s.id))
let tp = 0
let fp = 0
let fn = 0
let majority = 0
for (const s of test) {
  const yes = scoreCheckWorthiness(model, s.text) >= model.threshold
  if (yes && s.label === 1) tp++
  else if (yes) fp++
  else if (s.label === 1) fn++
  if (s.label === 1) majority++
}
const p = tp / (tp + fp)
const r = tp / (tp + fn)
const f = (2 * p * r) / (p + r)
const allYes = (2 * majority) / (majority + test.length)
console.log(`claimbuster held-out (sentence_id % 5 == 0, ${test.length} sentences, ${majority} check-worthy): P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)} at threshold ${model.threshold} · anchor: "everything is a claim" F1 ${allYes.toFixed(3)}`)
