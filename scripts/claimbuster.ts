/** @module scripts/claimbuster — the ClaimBuster sentences and the fixed train/held-out split. */
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** One labelled sentence. */
export interface LabelledSentence {
  readonly id: number
  readonly label: 0 | 1
  readonly text: string
}

/**
 * The held-out split: sentences whose `sentence_id % 5 === 0` (≈ 20 %). The training script
 * never reads them; `eval:claims` scores only them.
 */
export function isHeldOut(id: number): boolean {
  return id % 5 === 0
}

/** Read `../shared/data/claims/claimbuster/train.json`. */
export function readClaimBuster(root = path.resolve(process.cwd(), '../shared/data')): LabelledSentence[] {
  const raw = JSON.parse(readFileSync(path.join(root, 'claims/claimbuster/train.json'), 'utf8')) as { sentence_id: number; label: number; text: string }[]
  return raw.map((r) => ({ id: r.sentence_id, label: r.label === 1 ? 1 : 0, text: r.text }))
}
