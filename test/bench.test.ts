/** @module test/bench — the benchmark corpus is deterministic and the harness runs (5 articles). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { buildBenchCorpus, corpusDigest, loadBenchCorpus, loadExtractionPages, parsePythonStringList } from '../bench/corpus.js'
import { median, throughput } from '../bench/measure.js'
import { runJsChain, runParallax } from '../bench/parts.js'
import { formatReport, parseArgs } from '../bench/run.js'
import { shingleMatch, extractionScores } from '../bench/extraction-score.js'
import { formatScale, parseScaleArgs, quantile, runScale, searchQueries, syntheticDocument } from '../bench/scale.js'
import { createDocument } from '../src/document/document.js'

describe('bench corpus', () => {
  test('is deterministic and mixes the three sets from the first articles on', () => {
    const a = buildBenchCorpus({ size: 6 })
    const b = buildBenchCorpus({ size: 6 })
    expect(corpusDigest(a)).toBe(corpusDigest(b))
    expect(a.map((x) => x.set)).toEqual(['polnear', 'ecbplus', 'multi-news', 'polnear', 'ecbplus', 'multi-news'])
    expect(new Set(a.map((x) => x.id)).size).toBe(6)
    for (const article of a) expect(article.text.length).toBeGreaterThan(100)
  })

  test('a smaller corpus is a prefix of a larger one', () => {
    const small = buildBenchCorpus({ size: 4 })
    const large = buildBenchCorpus({ size: 9 })
    expect(large.slice(0, 4)).toEqual(small)
  })

  test('is cached as JSON Lines and read back unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cache-'))
    try {
      const built = loadBenchCorpus({ size: 3, cacheDir: dir })
      expect(readFileSync(join(dir, 'corpus-3.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3)
      expect(loadBenchCorpus({ size: 3, cacheDir: dir })).toEqual(built)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test.each([
    [`['a', "b"]`, ['a', 'b']],
    [String.raw`['it\'s \n', "say \"hi\"", 'caf\xe9 \u2019']`, ["it's \n", 'say "hi"', 'café ’']],
    [`[]`, []],
  ])('parses the Python list literal %s', (literal, expected) => {
    expect(parsePythonStringList(literal)).toEqual(expected)
  })
})

describe('extraction score (as evaluate.py)', () => {
  test.each([
    // true, pred, [tp, fp, fn] normalised by their sum
    ['a b c d e', 'a b c d e', [1, 0, 0]],
    ['a b c d e', '', [0, 0, 1]],
    ['a b c d e', 'a b c d', [0.5, 0, 0.5]],
    ['One two', 'one two', [0, 0.5, 0.5]],
    ['a b c d e f', 'x a b c d e f', [0.75, 0.25, 0]],
  ])('shingles of %j vs %j', (truth, pred, expected) => {
    const got = shingleMatch(truth, pred)
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 10))
  })

  test('averages precision over non-empty predictions and recall over all pages', () => {
    const s = extractionScores([
      { truth: 'a b c d e', pred: 'a b c d e' },
      { truth: 'a b c d e', pred: '' },
    ])
    expect(s.precision).toBe(1)
    expect(s.recall).toBe(0.5)
    expect(s.f1).toBeCloseTo(2 / 3, 10)
  })
})

describe('bench harness', () => {
  test('runs Parallax and the JS chain on 5 articles and 1 page and reports every step', async () => {
    const articles = buildBenchCorpus({ size: 5 })
    const pages = (await loadExtractionPages()).slice(0, 1)
    const parallax = await runParallax(articles, pages, { repeats: 1 })
    const chain = await runJsChain(articles, pages, { repeats: 1 })
    const names = parallax.measurements.map((m) => m.name)
    expect(names).toContain('stage tokens')
    expect(names).toContain('pipeline (standardPipeline)')
    expect(names).toContain('analyzeDocuments (pipeline + corpus stages)')
    for (const m of [...parallax.measurements, ...chain.measurements]) {
      expect(m.articles).toBe(m.input === 'text' ? 5 : 1)
      expect(m.seconds).toHaveLength(1)
      expect(throughput(m).bestArticlesPerSecond).toBeGreaterThan(0)
    }
    const report = formatReport([parallax, chain], 'header')
    expect(report).toMatch(/ratio Parallax pipeline \/ JS chain .*: \d+(\.\d)?× best/)
    expect(report).toMatch(/peak RSS parallax: \d+/)
  }, 120_000)

  test('parses its options', () => {
    expect(parseArgs(['--quick'])).toMatchObject({ size: 200, pages: 10, repeats: 1 })
    expect(parseArgs(['--size', '50', '--repeats', '3', '--only', 'parallax'])).toMatchObject({ size: 50, repeats: 3, only: ['parallax'] })
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/)
    expect(parseArgs(['--quick', '--repeats', '3'])).toMatchObject({ size: 200, repeats: 3 })
    expect(() => parseArgs(['--repeats', 'many'])).toThrow(/--repeats "many": give a whole number/)
    expect(() => parseArgs(['--only', 'spacy'])).toThrow(/give parallax or js-chain/)
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
  })
})

describe('scale bench', () => {
  test('parses its options and computes nearest-rank quantiles', () => {
    expect(parseScaleArgs(['--quick', '--stores', 'sqlite'])).toMatchObject({ sizes: [1000, 5000], stores: ['sqlite'] })
    expect(parseScaleArgs([])).toMatchObject({ sizes: [1000, 10_000, 100_000], stores: ['sqlite', 'postgres'], base: 2000, batch: 500 })
    expect(parseScaleArgs(['--batch', '1']).batch).toBe(1)
    expect(parseScaleArgs(['--stores', '', '--no-cluster'])).toMatchObject({ stores: [], cluster: false })
    expect(() => parseScaleArgs(['--sizes', '1000,ten'])).toThrow(/--sizes "ten": give a whole number/)
    expect(() => parseScaleArgs(['--bogus'])).toThrow(/unknown option '--bogus'; see the header of bench\/scale.ts/)
    expect(quantile([5, 1, 4, 2, 3], 0.95)).toBe(5)
    expect(quantile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95)).toBe(95)
  })

  test('synthetic articles reuse real texts with their own id, URL and spread-out dates', () => {
    const base = [createDocument({ id: 'a', text: 'Putin spoke.' }, { blocks: [{ start: 0, end: 12, kind: 'paragraph' }], tokens: [] })]
    const d = syntheticDocument(base, 301, 150, (l) => l !== 'tokens')
    expect(d).toMatchObject({ id: 'scale-301', text: 'Putin spoke.', meta: { published: '2016-01-03', url: 'https://bench.example/301' } })
    expect(Object.keys(d.layers)).toEqual(['blocks'])
    expect(searchQueries(base, 3)).toHaveLength(3)
  })

  test('runs clustering, SQLite insert and search on a few articles', async () => {
    // Batches of 5: 5 + 5 + 2, the last one partial.
    const args = { ...parseScaleArgs(['--sizes', '12', '--stores', 'sqlite', '--queries', '3', '--batch', '5']), base: 4, warmup: 2 }
    const rows = await runScale(args)
    expect(rows.map((r) => r.backend)).toEqual(['cluster', 'sqlite'])
    expect(rows[1]?.searchP95Ms).toBeGreaterThanOrEqual(0)
    expect(rows[1]?.msPerArticle).toBeGreaterThan(0)
    expect(rows[1]?.insertCpuMs).toBeGreaterThan(0)
    expect(formatScale(rows, args)).toMatch(/12 {2}sqlite/)
  }, 120_000)
})
