/** @module cluster/copies — near-duplicate detection (MinHash + LSH over content-word shingles). */
import type { Document } from '../document/document.js'
import { PipelineError } from '../pipeline/errors.js'
import { documentTerms, terms, type Term } from '../terms/index.js'
import { hashString } from '../hash.js'

/** A document that copies or rewrites an earlier one of the corpus. */
export interface Copy {
  /** Id of the later document (the copy). */
  readonly doc: string
  /** Id of the earlier document it copies (by publication date, else input order). */
  readonly of: string
  /** `copy`: syndicated or lightly edited; `rewrite`: same text reworded in part. */
  readonly kind: 'copy' | 'rewrite'
  /** Estimated Jaccard similarity of the shingle sets, in [0, 1]. */
  readonly similarity: number
}

/** Options of {@link findCopies}. */
export interface CopiesOptions {
  /** Words per shingle, over content-word stems (default 3). */
  readonly shingle?: number
  /** Estimated Jaccard at or above which a pair is a `copy` (default 0.6). */
  readonly copyThreshold?: number
  /** Estimated Jaccard at or above which a pair is a `rewrite` (default 0.25). */
  readonly rewriteThreshold?: number
  /** LSH bands × rows = number of hash functions (default 42 × 3). */
  readonly bands?: number
  readonly rows?: number
}

function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** MinHash signature of a document's content-stem shingles (`hashes` values); `list` is `terms(text)`, when the caller has it already. */
export function minhashSignature(text: string, hashes: number, shingle = 3, list: readonly Term[] = terms(text)): Uint32Array {
  const stems = list.filter((t) => !t.stop).map((t) => t.stem)
  const sig = new Uint32Array(hashes).fill(0xffffffff)
  for (let i = 0; i + shingle <= Math.max(stems.length, shingle); i++) {
    const key = stems.slice(i, i + shingle).join(' ')
    if (!key) continue
    const x = hashString(key)
    for (let k = 0; k < hashes; k++) {
      const v = mix(x, Math.imul(k + 1, 0x9e3779b1))
      if (v < (sig[k] as number)) sig[k] = v
    }
  }
  return sig
}

/**
 * Find syndicated copies and rewrites among documents: MinHash signatures of
 * content-word shingles, candidate pairs by LSH banding (cost near-linear in the corpus),
 * each pair verified by its signature agreement. Every later document is reported once,
 * against its most similar earlier one.
 *
 * @example
 * findCopies(docs) // [{ doc: 'b', of: 'a', kind: 'copy', similarity: 0.92 }]
 */
export function findCopies(docs: readonly Document[], options: CopiesOptions = {}): Copy[] {
  const bands = options.bands ?? 42
  const rows = options.rows ?? 3
  const copyThreshold = options.copyThreshold ?? 0.6
  const rewriteThreshold = options.rewriteThreshold ?? 0.25
  if (!(rewriteThreshold > 0 && rewriteThreshold <= copyThreshold && copyThreshold <= 1)) {
    throw new PipelineError('invalid-option', 'findCopies: need 0 < rewriteThreshold <= copyThreshold <= 1.')
  }
  const hashes = bands * rows
  const order = docs
    .map((doc, i) => ({ doc, i, time: doc.meta.published ? Date.parse(doc.meta.published) : Number.NaN }))
    .sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) ? 0 : a.time - b.time) || a.i - b.i)
  const sigs = order.map((o) => minhashSignature(o.doc.text, hashes, options.shingle ?? 3, documentTerms(o.doc)))
  const buckets = new Map<string, number[]>()
  const out: Copy[] = []
  sigs.forEach((sig, i) => {
    const candidates = new Set<number>()
    for (let b = 0; b < bands; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * rows, (b + 1) * rows)).join(',')}`
      const list = buckets.get(key)
      if (list) for (const j of list) candidates.add(j)
      else buckets.set(key, [])
      buckets.get(key)?.push(i)
    }
    let best = -1
    let bestSim = 0
    for (const j of candidates) {
      const other = sigs[j] as Uint32Array
      let same = 0
      for (let k = 0; k < hashes; k++) if (sig[k] === other[k]) same++
      const sim = same / hashes
      if (sim > bestSim) {
        bestSim = sim
        best = j
      }
    }
    if (best >= 0 && bestSim >= rewriteThreshold) {
      out.push({
        doc: (order[i] as (typeof order)[number]).doc.id,
        of: (order[best] as (typeof order)[number]).doc.id,
        kind: bestSim >= copyThreshold ? 'copy' : 'rewrite',
        similarity: Math.round(bestSim * 1000) / 1000,
      })
    }
  })
  return out
}
