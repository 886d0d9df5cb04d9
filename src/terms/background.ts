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

/** Smoothed IDF of a stem against the background: `ln((N + 1) / (df + 1)) + 1`. */
export function backgroundIdf(background: BackgroundFrequencies, stem: string): number {
  return Math.log((background.docs + 1) / ((background.df[stem] ?? 0) + 1)) + 1
}
