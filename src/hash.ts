/** @module hash — the string hash shared by the NER feature space and MinHash copy detection. */

/** 32-bit FNV-1a hash of `s.slice(from, to)`, without making the slice. */
export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length)
}
