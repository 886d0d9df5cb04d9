/** @module scripts/build-idf — derive background document frequencies of stems from Multi-News into `models/idf/en.json`. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { terms } from '../src/terms/index.js'
import { readMultiNews } from './multi-news.js'

// Background IDF so that a story index with two articles still knows "the" from "drone".
// Only stems seen in at least `minDf` articles are kept, which keeps the artifact small.
const minDf = 3
const clusters = readMultiNews()
const df = new Map<string, number>()
let docs = 0
for (const c of clusters) {
  for (const text of c.documents) {
    docs++
    const seen = new Set<string>()
    for (const t of terms(text)) if (!t.stop && t.word.length > 1) seen.add(t.stem)
    for (const s of seen) df.set(s, (df.get(s) ?? 0) + 1)
  }
}
const kept = Object.fromEntries([...df.entries()].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
mkdirSync('models/idf', { recursive: true })
writeFileSync('models/idf/en.json', `${JSON.stringify({ source: 'multi-news sample_validation.csv (documents)', minDf, docs, df: kept })}\n`)
console.log(`models/idf/en.json: ${docs} documents, ${Object.keys(kept).length} stems (df >= ${minDf})`)
