/** @module quotes/rule-filter.test — the keep/drop scorer of the rules' quotes: exemptions, features, the stored model's decisions. */
import { describe, expect, test } from 'vitest'
import { createDocument, type Document } from '../document/document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { PipelineError } from '../pipeline/errors.js'
import { standardAnnotators } from '../standard.js'
import { quotes, type FoundQuote } from './index.js'
import { exemptFromFilter, loadRuleFilterModel, RuleFilterScorer, ruleQuoteFeatures } from './rule-filter.js'
import { cueLexicon } from './cues.js'
import { passageOfTokens, findMarkedPassages } from './quote-marks.js'

function annotate(text: string, filter = true): Document {
  return pipeline(standardAnnotators().map((a) => (a.name === 'quotes' ? quotes({ ruleFilter: filter }) : a))).runSync(createDocument({ id: 'x', text }))
}
const contents = (doc: Document): string[] => (doc.layers.quotes ?? []).map((q) => doc.text.slice(q.start, q.end))

describe('rule filter', () => {
  test.each([
    // "Talks resume, Smith said / decided / told / said it."
    [{ start: 0, end: 12, kind: 'direct', cue: { start: 20, end: 24 } }, true],
    [{ start: 0, end: 12, kind: 'direct' }, false],
    [{ start: 0, end: 12, kind: 'indirect', cue: { start: 20, end: 24 } }, false],
    [{ start: 0, end: 12, kind: 'indirect', cue: { start: 20, end: 24 }, source: { start: 14, end: 19 } }, true],
    [{ start: 0, end: 12, kind: 'mixed', cue: { start: 20, end: 24 }, source: { start: 14, end: 19 } }, true],
    [{ start: 0, end: 12, kind: 'indirect', cue: { start: 32, end: 39 }, source: { start: 14, end: 19 } }, false],
    [{ start: 0, end: 12, kind: 'indirect', cue: { start: 47, end: 51 }, source: { start: 14, end: 19 } }, true],
  ] as [FoundQuote, boolean][])('exempt: %o → %s', (quote, exempt) => {
    expect(exemptFromFilter(quote, 'Talks resume, Smith said. Smith decided. Smith told.')).toBe(exempt)
  })

  test('features: cue word, direction, content start, clause, overlap with another quote', () => {
    const doc = annotate('Talks resume. Mr. Smith predicted the talks would resume on Monday.', false)
    const text = doc.text
    const tokens = doc.layers.tokens ?? []
    const cue = { start: text.indexOf('predicted'), end: text.indexOf('predicted') + 9 }
    const content = { start: text.indexOf('the talks'), end: text.indexOf(' on Monday') }
    const quote: FoundQuote = { ...content, kind: 'indirect', cue, source: { start: text.indexOf('Mr.'), end: text.indexOf(' predicted') } }
    const inner: FoundQuote = { start: text.indexOf('resume on'), end: text.length - 1, kind: 'indirect' }
    const input = { text, tokens, sentences: doc.layers.sentences ?? [], entities: doc.layers.entities ?? [], inPassage: passageOfTokens(tokens, findMarkedPassages(text)), cues: cueLexicon() }
    const [features] = ruleQuoteFeatures(input, [quote], [inner])
    expect(features).toEqual(expect.arrayContaining(['k=indirect', 'w=predicted', 'lex=1', 'dir=after', 'gap=0', 'first=the', 'clause=1', 'ov=some', 'src=cap|before', 'tosentend=0']))
    expect(features).not.toContain('headline')
    expect(ruleQuoteFeatures(input, [{ ...quote, kind: 'direct' }])).toEqual([[]])
    expect(ruleQuoteFeatures(input, [quote, { ...quote, kind: 'mixed' }])[0]).toContain('ov=all')
  })

  test.each([
    ['an action is dropped', 'Talks resume. The governor appeared on a Spanish reality show.', 'on a Spanish reality show'],
  ])('the stored model: %s', (_name, text, content) => {
    expect(contents(annotate(text, false))).toContain(content)
    expect(contents(annotate(text))).not.toContain(content)
  })

  test.each([
    ['a report is kept', 'Talks resume. Mr. Smith said the talks would resume on Monday.', 'the talks would resume on Monday'],
    ['a direct quote with a cue is never scored', 'Talks resume. “We appeared on the show,” the governor said.', 'We appeared on the show,'],
  ])('the stored model: %s', (_name, text, content) => {
    expect(contents(annotate(text))).toContain(content)
  })

  test('the stored model scores probabilities in 0–1 and has a threshold picked on train', () => {
    const model = loadRuleFilterModel()
    expect(model).toBeDefined()
    expect(model!.threshold).toBeGreaterThan(0)
    expect(model!.threshold).toBeLessThan(1)
    const p = new RuleFilterScorer(model!).probability(['b', 'w=said', 'k=indirect'])
    expect(p).toBeGreaterThan(0)
    expect(p).toBeLessThan(1)
  })

  test('scoring straight from the document equals scoring the feature strings', () => {
    const scorer = new RuleFilterScorer(loadRuleFilterModel()!)
    const text = 'Talks resume. Mr. Smith said the talks would resume on Monday. The governor appeared on a Spanish reality show. “We will win,” she said.'
    const doc = annotate(text, false)
    const tokens = doc.layers.tokens ?? []
    const input = { text, tokens, sentences: doc.layers.sentences ?? [], entities: doc.layers.entities ?? [], inPassage: passageOfTokens(tokens, findMarkedPassages(text)), cues: cueLexicon(), probability: () => 0.42 }
    const found = (doc.layers.quotes ?? []).map(({ speaker: _speaker, speakers: _speakers, ...q }) => q)
    expect(found.length).toBe(3)
    const fast = scorer.probabilities(input, found.slice(1), found.slice(0, 1))
    const slow = ruleQuoteFeatures(input, found.slice(1), found.slice(0, 1)).map((f, i) => (exemptFromFilter(found[i + 1]!, text) ? Number.NaN : scorer.probability(f)))
    fast.forEach((p, i) => (Number.isNaN(slow[i]) ? expect(p).toBeNaN() : expect(p).toBeCloseTo(slow[i]!, 12)))
  })

  test('ruleThreshold out of range is misuse', () => {
    expect(() => quotes({ ruleThreshold: 2 })).toThrow(PipelineError)
  })
})
