/**
 * @module scripts/ner-lexicon — derive the NER lexicon: word clusters and capitalisation priors
 * from unlabeled news in `../shared/data`, gazetteers from Debian `iso-codes` and compromise.
 *
 * Clusters: each lower-cased word of frequency ≥ 5 is described by PPMI-weighted counts of its
 * neighbours (±1, ±2 among the 1 000 most frequent words), reduced to 128 dimensions by a
 * randomized SVD range finder (one power iteration)
 * and grouped by spherical k-means (500 clusters), whose centroids are grouped again (100, 25):
 * three granularities, like Brown-cluster prefixes. `eng.testa` is never read here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { gazetteerClasses, type LexiconJson } from '../src/entities/lexicon.js'
import { tokenize } from '../src/tokens/tokens.js'
import { dataDir, type ConllDoc } from './ner-conll.js'

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full, out)
    else out.push(full)
  }
  return out
}

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k === 'text' || k === 'title' || typeof v === 'object') strings(v, out)
}

/** Unlabeled English news texts from the development data (never `eng.testa`). */
function unlabeledTexts(): string[] {
  const texts: string[] = []
  const roots = ['quotes/polnear', 'summarization/multi-news', 'clustering/ecbplus', 'clustering/meantime', 'timex/tbaq', 'claims/claimbuster']
  for (const root of roots) {
    const dir = path.join(dataDir, root)
    if (!existsSync(dir)) continue
    for (const file of walk(dir)) {
      if (file.endsWith('.txt') || file.endsWith('.csv')) texts.push(readFileSync(file, 'utf8').replace(/\\n/g, '\n'))
      else if (file.endsWith('.tml')) texts.push(readFileSync(file, 'utf8').replace(/<[^>]+>/g, ' '))
      else if (file.endsWith('.json')) {
        try {
          strings(JSON.parse(readFileSync(file, 'utf8')), texts)
        } catch {
          // Not JSON after all: skip it.
        }
      }
    }
  }
  return texts
}

// A simple, linear-time tokenizer is enough for cluster statistics over millions of words.
const simpleToken = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|['’]\p{L}+|[^\s\p{L}\p{N}]/gu

const sentenceEnd = new Set(['.', '!', '?', ':', '"', "'", '(', '[', '-', ';'])

interface Corpus {
  /** Sentences of surface tokens. */
  readonly lines: string[][]
}

function corpusOf(train: readonly ConllDoc[]): Corpus {
  const lines: string[][] = []
  for (const doc of train) for (const s of doc.sentences) lines.push(s)
  for (const text of unlabeledTexts()) {
    for (const para of text.split(/\n+/)) {
      const toks = para.match(simpleToken) ?? []
      if (toks.length > 0) lines.push(toks)
    }
  }
  return { lines }
}

function capitalisationPriors(corpus: Corpus): Record<string, number> {
  const cap = new Map<string, number>()
  const low = new Map<string, number>()
  for (const line of corpus.lines) {
    let letters = 0
    let upper = 0
    for (const w of line) {
      if (/\p{L}/u.test(w)) letters++
      if (/\p{L}/u.test(w) && w === w.toUpperCase()) upper++
    }
    if (letters > 0 && upper > letters * 0.5) continue // headline or shouting: no evidence
    for (let i = 1; i < line.length; i++) {
      const w = line[i]!
      if (sentenceEnd.has(line[i - 1]!) || !/^\p{L}/u.test(w)) continue
      const lower = w.toLowerCase()
      if (/^\p{Lu}/u.test(w)) cap.set(lower, (cap.get(lower) ?? 0) + 1)
      else if (/^\p{Ll}/u.test(w)) low.set(lower, (low.get(lower) ?? 0) + 1)
    }
  }
  const out: Record<string, number> = {}
  const limits = [0.05, 0.2, 0.4, 0.6, 0.8, 0.95]
  for (const word of new Set([...cap.keys(), ...low.keys()])) {
    const c = cap.get(word) ?? 0
    const l = low.get(word) ?? 0
    if (c + l < 2) continue
    const r = c / (c + l)
    let b = 0
    while (b < limits.length && r >= limits[b]!) b++
    out[word] = b
  }
  return out
}

function gaussian(seed: number): () => number {
  let s = seed >>> 0
  const uniform = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return (s + 0.5) / 2 ** 32
  }
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
}

function normalize(v: Float32Array, offset: number, dim: number): void {
  let n = 0
  for (let d = 0; d < dim; d++) n += v[offset + d]! ** 2
  n = Math.sqrt(n) || 1
  for (let d = 0; d < dim; d++) v[offset + d]! /= n
}

/** Spherical k-means; returns the assignment of each row and the centroids. */
function kmeans(data: Float32Array, rows: number, dim: number, k: number, iterations: number, weights: Float32Array, seed: number): { assign: Int32Array; centroids: Float32Array } {
  const centroids = new Float32Array(k * dim)
  // Seed with evenly spaced rows of a frequency-sorted list: frequent words spread the space well.
  const rand = gaussian(seed)
  for (let c = 0; c < k; c++) {
    const r = Math.min(rows - 1, Math.floor((c * rows) / k + Math.abs(rand()) * 3) % rows)
    centroids.set(data.subarray(r * dim, r * dim + dim), c * dim)
  }
  const assign = new Int32Array(rows)
  for (let it = 0; it < iterations; it++) {
    for (let r = 0; r < rows; r++) {
      let best = 0
      let bestSim = -Infinity
      const ro = r * dim
      for (let c = 0; c < k; c++) {
        const co = c * dim
        let sim = 0
        for (let d = 0; d < dim; d++) sim += data[ro + d]! * centroids[co + d]!
        if (sim > bestSim) {
          bestSim = sim
          best = c
        }
      }
      assign[r] = best
    }
    centroids.fill(0)
    const counts = new Float32Array(k)
    for (let r = 0; r < rows; r++) {
      const c = assign[r]!
      counts[c]! += weights[r]!
      for (let d = 0; d < dim; d++) centroids[c * dim + d]! += data[r * dim + d]! * weights[r]!
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // Empty cluster: restart it on a random row.
        const r = Math.floor(Math.abs(rand() * 997 * (c + 1))) % rows
        centroids.set(data.subarray(r * dim, r * dim + dim), c * dim)
      }
      normalize(centroids, c * dim, dim)
    }
  }
  return { assign, centroids }
}

function clusters(corpus: Corpus, log: (s: string) => void): Record<string, number[]> {
  const freq = new Map<string, number>()
  const lowerLines = corpus.lines.map((l) => l.map((w) => w.toLowerCase()))
  for (const line of lowerLines) for (const w of line) freq.set(w, (freq.get(w) ?? 0) + 1)
  const vocab = [...freq.entries()].filter(([, c]) => c >= 5).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const ctxSize = 1000
  const wordId = new Map(vocab.map(([w], i) => [w, i]))
  const offsets = [-2, -1, 1, 2]
  const dims = offsets.length * (ctxSize + 1)
  const counts = new Map<number, number>()
  const ctxTotals = new Float64Array(dims)
  const wordTotals = new Float64Array(vocab.length)
  let total = 0
  for (const line of lowerLines) {
    for (let i = 0; i < line.length; i++) {
      const id = wordId.get(line[i]!)
      if (id === undefined) continue
      for (let o = 0; o < offsets.length; o++) {
        const j = i + offsets[o]!
        const cid = j < 0 || j >= line.length ? ctxSize : (wordId.get(line[j]!) ?? ctxSize)
        const ctx = o * (ctxSize + 1) + Math.min(cid, ctxSize)
        const key = id * dims + ctx
        counts.set(key, (counts.get(key) ?? 0) + 1)
        ctxTotals[ctx]! += 1
        wordTotals[id]! += 1
        total++
      }
    }
  }
  log(`clusters: ${vocab.length} words, ${counts.size} co-occurrences`)
  const dim = 128
  const rand = gaussian(42)
  const projection = new Float32Array(dims * dim)
  for (let i = 0; i < projection.length; i++) projection[i] = rand()
  // Sparse PPMI matrix A (words × contexts) as coordinate lists.
  const rowsOf: number[] = []
  const colsOf: number[] = []
  const vals: number[] = []
  for (const [key, c] of counts) {
    const id = Math.floor(key / dims)
    const ctx = key - id * dims
    const pmi = Math.log((c * total) / (wordTotals[id]! * ctxTotals[ctx]!))
    if (pmi <= 0) continue
    rowsOf.push(id)
    colsOf.push(ctx)
    vals.push(pmi)
  }
  // Randomized range finder with one power iteration: A·Ω, then A·(Aᵀ·(A·Ω)). The power
  // iteration keeps the dominant directions of A and drops most of the projection noise.
  const multiplyA = (x: Float32Array): Float32Array => {
    const y = new Float32Array(vocab.length * dim)
    for (let e = 0; e < vals.length; e++) {
      const ro = rowsOf[e]! * dim
      const xo = colsOf[e]! * dim
      const v = vals[e]!
      for (let d = 0; d < dim; d++) y[ro + d]! += v * x[xo + d]!
    }
    return y
  }
  const multiplyAt = (y: Float32Array): Float32Array => {
    const x = new Float32Array(dims * dim)
    for (let e = 0; e < vals.length; e++) {
      const ro = rowsOf[e]! * dim
      const xo = colsOf[e]! * dim
      const v = vals[e]!
      for (let d = 0; d < dim; d++) x[xo + d]! += v * y[ro + d]!
    }
    return x
  }
  const first = multiplyA(projection)
  // Orthonormalise the columns of A·Ω (modified Gram-Schmidt) before the power step.
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0
      for (let r = 0; r < vocab.length; r++) dot += first[r * dim + a]! * first[r * dim + b]!
      for (let r = 0; r < vocab.length; r++) first[r * dim + a]! -= dot * first[r * dim + b]!
    }
    let norm = 0
    for (let r = 0; r < vocab.length; r++) norm += first[r * dim + a]! ** 2
    norm = Math.sqrt(norm) || 1
    for (let r = 0; r < vocab.length; r++) first[r * dim + a]! /= norm
  }
  const data = multiplyA(multiplyAt(first))
  for (let r = 0; r < vocab.length; r++) normalize(data, r * dim, dim)
  const weights = new Float32Array(vocab.length).fill(1)
  log('projected; clustering')
  const fine = kmeans(data, vocab.length, dim, 500, 12, weights, 7)
  const fineWeights = new Float32Array(500)
  for (let r = 0; r < vocab.length; r++) fineWeights[fine.assign[r]!]! += 1
  const middle = kmeans(fine.centroids, 500, dim, 100, 20, fineWeights, 11)
  const middleWeights = new Float32Array(100)
  for (let c = 0; c < 500; c++) middleWeights[middle.assign[c]!]! += fineWeights[c]!
  const coarse = kmeans(middle.centroids, 100, dim, 25, 20, middleWeights, 13)
  const out: Record<string, number[]> = {}
  vocab.forEach(([w], r) => {
    const f = fine.assign[r]!
    const m = middle.assign[f]!
    out[w] = [f, m, coarse.assign[m]!]
  })
  return out
}

function gazetteers(): Record<string, number> {
  const out: Record<string, number> = {}
  const bit = (name: (typeof gazetteerClasses)[number]): number => 1 << gazetteerClasses.indexOf(name)
  const add = (phrase: string, mask: number): void => {
    const key = tokenize(phrase)
      .map((t) => t.normal)
      .join(' ')
    if (key === '' || key.length > 60) return
    out[key] = (out[key] ?? 0) | mask
    // ASCII-folded variant too: "Kyïv" → "kyiv".
    const folded = key.normalize('NFD').replace(/\p{M}/gu, '')
    if (folded !== key) out[folded] = (out[folded] ?? 0) | mask
  }
  const iso = '/usr/share/iso-codes/json'
  const read = (file: string, key: string): Record<string, string>[] => {
    const full = path.join(iso, file)
    if (!existsSync(full)) throw new Error(`${full} is missing: run \`apt-get install iso-codes\` first.`)
    return (JSON.parse(readFileSync(full, 'utf8')) as Record<string, Record<string, string>[]>)[key] ?? []
  }
  for (const c of read('iso_3166-1.json', '3166-1')) {
    for (const n of [c['name'], c['official_name'], c['common_name']]) if (n) add(n.replace(/,.*$/, ''), bit('country') | bit('location'))
  }
  for (const c of read('iso_3166-3.json', '3166-3')) if (c['name']) add(c['name'].replace(/,.*$/, ''), bit('location'))
  for (const c of read('iso_3166-2.json', '3166-2')) if (c['name']) add(c['name'].replace(/\s*\(.*\)$/, ''), bit('location'))
  for (const c of read('iso_639-2.json', '639-2')) if (c['name'] && !c['name'].includes(';')) add(c['name'].replace(/\s*\(.*\)$/, ''), bit('misc'))
  // compromise ships a hand-kept English lexicon of names, places and organisations.
  const require = createRequire(import.meta.url)
  const nlp = require('compromise') as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }
  const tagMap: Record<string, (typeof gazetteerClasses)[number][]> = {
    FirstName: ['first-name'],
    MaleName: ['first-name'],
    FemaleName: ['first-name'],
    LastName: ['last-name'],
    Person: ['person'],
    Organization: ['organization'],
    Company: ['organization'],
    SportsTeam: ['organization'],
    City: ['location'],
    Place: ['location'],
    Region: ['location'],
    Country: ['location', 'country'],
    Demonym: ['demonym'],
  }
  for (const [word, tags] of Object.entries(nlp.world().model.one.lexicon)) {
    let mask = 0
    for (const t of Array.isArray(tags) ? tags : [tags]) for (const c of tagMap[t] ?? []) mask |= bit(c)
    if (mask !== 0) add(word, mask)
  }
  return out
}

/** Derive the whole lexicon (a minute or two on one core). */
export function buildLexicon(train: readonly ConllDoc[], log: (s: string) => void): LexiconJson {
  const t0 = Date.now()
  const corpus = corpusOf(train)
  log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] `+`unlabeled corpus: ${corpus.lines.length} lines, ${corpus.lines.reduce((n, l) => n + l.length, 0)} tokens`)
  const capRatio = capitalisationPriors(corpus)
  const gazetteer = gazetteers()
  log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${Object.keys(capRatio).length} capitalisation priors, ${Object.keys(gazetteer).length} gazetteer phrases`)
  const clustered = clusters(corpus, (s) => log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`))
  return { clusters: clustered, capRatio, gazetteer }
}
