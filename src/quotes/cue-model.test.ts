/** @module quotes/cue-model.test — the compiled scorer gives the same logits as the feature strings it replaces. */
import { describe, expect, test } from 'vitest'
import { splitSentences } from '../sentences/sentences.js'
import { tokenize } from '../tokens/tokens.js'
import { CueScorer, cueFeatures, cueProbability, loadCueModel, type CueModel } from './cue-model.js'
import { findMarkedPassages, passageOfTokens } from './quote-marks.js'

const text = [
  'WASHINGTON — Sen. Bernie Sanders (I-Vt.) said Tuesday that he “will not back down,” according to aides.',
  '“We are ready,” Smith said, “and always were.” The NATO report found that 61 percent of Americans believe the economy is rigged.',
  'Clinton is expected to endorse him; Trump, who goes on to say it was “informative and helpful,” disagreed: “Never!”',
  'Émilie Dubois, a spokeswoman, declined to comment. ÉCOLE officials also stated they were “not aware.”',
].join('\n\n')

function input(t: string): Parameters<typeof cueFeatures>[0] {
  const tokens = tokenize(t)
  return { text: t, tokens, sentences: splitSentences(t, tokens), inPassage: passageOfTokens(tokens, findMarkedPassages(t)) }
}

describe('CueScorer', () => {
  const model = loadCueModel()

  test('logits equal the summed weights of cueFeatures() for every token', () => {
    const doc = input(text)
    const features = cueFeatures(doc)
    const scorer = new CueScorer(model)
    const weights = new Map(Object.entries(model.weights))
    let compared = 0
    for (const s of doc.sentences) {
      for (let t = s.tokens.start; t < s.tokens.end; t++) {
        const f = features[t] as string[]
        if (f.length === 0) continue
        const expected = f.reduce((z, name) => z + (weights.get(name) ?? 0), 0)
        expect(scorer.logit(doc, t, s.tokens.start, s.tokens.end - 1)).toBeCloseTo(expected, 9)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(60)
  })

  test('the lazy tagger marks exactly the tokens cueProbability puts at or above the threshold', () => {
    const doc = input(text)
    const features = cueFeatures(doc)
    const scorer = new CueScorer(model)
    // Twice: the second pass reads the scorer's word-type caches.
    for (const threshold of [0.6, 0.3]) {
      const tagger = scorer.tagger(doc, threshold)
      const lazy = doc.tokens.map((_, t) => tagger.has(t))
      const eager = features.map((f) => cueProbability(model, f) >= threshold)
      expect(lazy).toEqual(eager)
      expect(lazy.filter(Boolean).length).toBeGreaterThan(0)
    }
    expect(scorer.tagger(doc, 0.6).has(-1)).toBe(false)
    expect(scorer.tagger(doc, 0.6).has(doc.tokens.length)).toBe(false)
  })

  test('weights in every slot count: a hand-made model scores a known sum', () => {
    const toy: CueModel = {
      trainedOn: 'test',
      threshold: 0.5,
      weights: { b: -1, 'w=said': 2, 'p1=smith': 0.5, 'p1w=smith|said': 0.25, 'wn1=said|.': 0.125, 'sh=x': 0.0625, 'pos=1': 1, 'rest=1': 2, p1cap: 4, 'n1=.': 8 },
    }
    const doc = input('Smith said.')
    expect(new CueScorer(toy).logit(doc, 1, 0, 2)).toBeCloseTo(-1 + 2 + 0.5 + 0.25 + 0.125 + 0.0625 + 1 + 2 + 4 + 8, 12)
  })
})
