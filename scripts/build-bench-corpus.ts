/**
 * @module scripts/build-bench-corpus — build the fixed benchmark corpus into `.bench-cache/`.
 *
 * `npm run bench:corpus -- [--size 2000]` writes `.bench-cache/corpus-<size>.jsonl` from
 * `../shared/data` (polnear, ECB+, multi-news; deterministic) and prints its digest.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildBenchCorpus, corpusDigest, corpusToJsonl, defaultCacheDir } from '../bench/corpus.js'

const sizeFlag = process.argv.indexOf('--size')
const size = sizeFlag >= 0 ? Number(process.argv[sizeFlag + 1]) : 2000
if (!Number.isInteger(size) || size <= 0) throw new Error('--size takes a positive integer')
const articles = buildBenchCorpus({ size })
const dir = defaultCacheDir()
mkdirSync(dir, { recursive: true })
const path = join(dir, `corpus-${size}.jsonl`)
writeFileSync(path, corpusToJsonl(articles))
const bySet: Record<string, number> = {}
for (const a of articles) bySet[a.set] = (bySet[a.set] ?? 0) + 1
const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0)
process.stdout.write(`${path}: ${articles.length} articles (${Object.entries(bySet).map(([k, v]) => `${k} ${v}`).join(', ')}), ${(bytes / 1e6).toFixed(2)} MB, digest ${corpusDigest(articles)}\n`)
