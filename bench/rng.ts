/** @module bench/rng — a seeded PRNG, so every benchmark run builds the same corpus and asks the same queries. */

/** Mulberry32: uniform floats in [0, 1) from a 32-bit seed. */
export function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
