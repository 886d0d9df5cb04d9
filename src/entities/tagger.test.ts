import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { splitSentences } from '../sentences/sentences.js'
import { tokenize } from '../tokens/tokens.js'
import { decodeModel, encodeModel, loadModel } from './model.js'
import { labelCount, prepare, tagDocument, tagDocumentTwoPass, WordCache, type RowScorer, type Scorer, type TagInput } from './tagger.js'

const model = loadModel()

/** The committed model's scorer seen only through the generic `Scorer` interface (the reference path). */
const generic: Scorer = { score: (features, count, out) => model.scorer.score(features, count, out) }

function input(text: string): TagInput {
  const tokens = tokenize(text)
  return { sentences: splitSentences(text, tokens).map((s) => tokens.slice(s.tokens.start, s.tokens.end).map((t) => text.slice(t.start, t.end))) }
}

const dir = 'examples/trump-putin-call'
const texts = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8')),
  'PUTIN CALLS TRUMP AFTER SUMMIT IN HELSINKI\nThe European Union and the United Nations met in New York. New York Times reporters said Mr. Smith of Acme Corp. left. Smith returned; acme did not.',
]

describe('run-time tagging path', () => {
  test.each(texts.map((t, i) => [i, t] as const))('text %i: labels equal the reference path', (_, text) => {
    const doc = input(text)
    const cache = new WordCache(model.lexicon)
    // Reference: the feature-by-feature path the trainer uses, without a trainer, run twice.
    const refCache = new WordCache(model.lexicon)
    const prepared = prepare(doc, refCache, model.lexicon)
    const first = tagDocument(doc, refCache, model.lexicon, model.space, generic, undefined, undefined, prepared)
    const reference = tagDocument(doc, refCache, model.lexicon, model.space, generic, undefined, first, prepared)
    const fast = tagDocumentTwoPass(doc, cache, model.lexicon, model.space, model.scorer)
    expect(fast).toEqual(reference)
    expect(reference.some((s) => s.some((l) => l !== 0))).toBe(true)
    // Again from a warm cache (cached per-word sums and one-entry state caches reused).
    expect(tagDocumentTwoPass(doc, cache, model.lexicon, model.space, model.scorer)).toEqual(reference)
  })

  test('a cache bound to another scorer forgets the first scorer’s sums', () => {
    const doc = input('Angela Merkel visited Paris.')
    const cache = new WordCache(model.lexicon)
    const tagged = tagDocumentTwoPass(doc, cache, model.lexicon, model.space, model.scorer)
    expect(tagged.flatMap((s) => [...s]).some((l) => l !== 0)).toBe(true)
    // A row scorer whose every feature prefers O: no sum cached for the first scorer may leak into its labels.
    const rows = new Int16Array(16).fill(-1)
    const allO: RowScorer = {
      rows,
      rowOf: () => 0,
      score: (features, count, out) => {
        for (let l = 1; l < labelCount; l++) out[l]! -= count
      },
    }
    expect(tagDocumentTwoPass(doc, cache, model.lexicon, model.space, allO).flatMap((s) => [...s])).toEqual(doc.sentences.flat().map(() => 0))
  })

  test('a full word cache keeps the words of recent documents and drops the older ones', () => {
    const cache = new WordCache(model.lexicon, 12)
    const first = input('Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett .')
    const second = input('Kilo Lima Mike said .')
    tagDocumentTwoPass(first, cache, model.lexicon, model.space, model.scorer)
    tagDocumentTwoPass(second, cache, model.lexicon, model.space, model.scorer)
    const full = cache.size
    expect(full).toBeGreaterThanOrEqual(12)
    // The next document finds it full: the words last used by the first document go, the second's stay.
    tagDocumentTwoPass(input('Kilo spoke .'), cache, model.lexicon, model.space, model.scorer)
    // Kept: the second document's five words (Kilo Lima Mike said .), plus the new 'spoke'.
    expect(cache.size).toBe(6)
  })

  test('a full word cache drops words between documents, not within one: labels do not depend on it', () => {
    const docs = texts.map(input)
    const big = new WordCache(model.lexicon)
    const tiny = new WordCache(model.lexicon, 5)
    for (const doc of [...docs, ...docs]) {
      expect(tagDocumentTwoPass(doc, tiny, model.lexicon, model.space, model.scorer)).toEqual(tagDocumentTwoPass(doc, big, model.lexicon, model.space, model.scorer))
    }
  })
})

describe('model format 4', () => {
  test('encodeModel keeps each row as label weights minus O, so decoded scores rank labels as the float weights do', () => {
    const bits = 6
    const weights = new Float32Array((1 << bits) * labelCount)
    let seed = 7
    for (let i = 0; i < weights.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      weights[i] = (seed / 2 ** 32 - 0.5) * 10
    }
    const encoded = encodeModel(bits, weights, { clusters: {}, capRatio: {}, gazetteer: {} }, 0)
    const decoded = decodeModel(encoded.model, encoded.lexicon)
    for (let b = 0; b < 1 << bits; b++) {
      const out = new Float64Array(labelCount)
      decoded.scorer.score(Int32Array.of(b), 1, out)
      expect(out[0]).toBe(0)
      const best = (v: ArrayLike<number>): number => Array.from(v).reduce((m, x, l) => (x > v[m]! ? l : m), 0)
      expect(best(out)).toBe(best(weights.subarray(b * labelCount, (b + 1) * labelCount)))
    }
  })
})
