/** @module terms/background — background document frequencies (IDF) bundled with the library. */
import { readFileSync } from 'node:fs'

/** Document frequencies of stems in a background corpus. */
export interface BackgroundFrequencies {
  readonly docs: number
  readonly df: Readonly<Record<string, number>>
}

let bundled: BackgroundFrequencies | undefined

/** The bundled background frequencies `models/idf/en.json` (derived from Multi-News by `npm run build:idf`); empty if missing. */
export function loadBackground(): BackgroundFrequencies {
  if (!bundled) {
    try {
      bundled = JSON.parse(readFileSync(new URL('../../models/idf/en.json', import.meta.url), 'utf8')) as BackgroundFrequencies
    } catch {
      bundled = { docs: 0, df: {} }
    }
  }
  return bundled
}

// Document frequencies as a Map per background: a large Record is a slow dictionary-mode object,
// and its prototype answers for stems such as "constructor".
const maps = new WeakMap<BackgroundFrequencies, Map<string, number>>()

/** The document frequencies of a background as a Map (built once per background object). */
export function backgroundMap(background: BackgroundFrequencies): ReadonlyMap<string, number> {
  let m = maps.get(background)
  if (m === undefined) {
    m = new Map(Object.entries(background.df))
    maps.set(background, m)
  }
  return m
}

/** Smoothed IDF of a stem against the background: `ln((N + 1) / (df + 1)) + 1`. */
export function backgroundIdf(background: BackgroundFrequencies, stem: string): number {
  return Math.log((background.docs + 1) / ((backgroundMap(background).get(stem) ?? 0) + 1)) + 1
}
