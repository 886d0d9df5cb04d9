/** @module quotes/candidate-model.test — the candidate pass of `quotes()` and its trained scorer. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createDocument, type Document } from '../document/document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { PipelineError } from '../pipeline/errors.js'
import { splitSentences } from '../sentences/sentences.js'
import { standardPipeline } from '../standard.js'
import { tokenize } from '../tokens/tokens.js'
import { CandidateScorer, loadCandidateModel, type CandidateModel } from './candidate-model.js'
import { quotes, type QuotesOptions } from './index.js'

function build(text: string): Document {
  const tokens = tokenize(text)
  return createDocument({ text }, { tokens, sentences: splitSentences(text, tokens), entities: [] })
}

function summary(doc: Document, options: QuotesOptions): [string, string | null, string | null][] {
  const out = pipeline([quotes(options)], { provided: ['tokens', 'sentences', 'entities'] }).runSync(doc)
  const t = doc.text
  return (out.layers.quotes ?? []).map((q) => [t.slice(q.start, q.end), q.source ? t.slice(q.source.start, q.source.end) : null, q.cue ? t.slice(q.cue.start, q.cue.end) : null])
}

// A scorer that keeps the candidates whose cue word is `word` (given as "w=word") and nothing else.
const keep = (word: string) => (features: readonly string[]): number => (features.includes(`w=${word}`) ? 1 : 0)

describe('quotes: the candidate pass', () => {
  test.each([
    ['a nominal cue after a possessive takes the possessor (a name)', 'Many voters welcomed Sanders’s call for a higher minimum wage in every state.', 'call', ['for a higher minimum wage in every state', 'Sanders’s', 'call']],
    ['a nominal cue after a possessive takes the possessor (a noun phrase)', 'Many voters welcomed the senator’s call for a higher minimum wage in every state.', 'call', ['for a higher minimum wage in every state', 'the senator’s', 'call']],
    ['a nominal cue after a possessive pronoun takes the pronoun', 'Many voters welcomed his call for a higher minimum wage in every state.', 'call', ['for a higher minimum wage in every state', 'his', 'call']],
    ['"it seems" has no source', 'It seems to lead to reflection in Washington about the talks.', 'seems', ['to lead to reflection in Washington about the talks', null, 'seems']],
    ['a verb after "The report" takes it for its subject (a cue word as head)', 'The report found it was part of a long-standing problem at the agency.', 'found', ['it was part of a long-standing problem at the agency', 'The report', 'found']],
    ['past a relative clause between commas, the noun phrase before it', 'In Phoenix, the lawsuit, which will be filed on Friday, focuses on Maricopa County and its polling places.', 'focuses', ['on Maricopa County and its polling places', 'the lawsuit', 'focuses']],
    ['a relative pronoun is the source, with its antecedent', 'Sanders and his supporters cite recent polls that show him leading Trump by a wide margin.', 'show', ['him leading Trump by a wide margin', 'recent polls that', 'show']],
    ['the second verb of a coordination takes the subject of the first', 'The judge rubbed his chin, and then said something very strange to the lawyers.', 'said', ['something very strange to the lawyers', 'The judge', 'said']],
    ['an infinitive takes the subject opening its clause, past a fronted adjunct', 'On Monday, Rubio again tried to rebuke the front-runner over his remarks.', 'rebuke', ['the front-runner over his remarks', 'Rubio', 'rebuke']],
    ['a quantifier opening the clause is a subject, not a determiner', 'Most voters were worried about the economy; most said they were very worried.', 'said', ['they were very worried', 'most', 'said']],
    ['a modifier before a nominal cue is no source; the possessive before it is', 'Trump cruised to the nomination on the strength of his hard-line stance on immigration and trade.', 'stance', ['on immigration and trade', 'his', 'stance']],
    ['a passive subject is no source', 'Clinton has been attacked on the speeches by her rivals in the primary.', 'attacked', ['on the speeches by her rivals in the primary', null, 'attacked']],
    ['a cue with no subject of its own takes the name opening the sentence; an addressee verb, the that-clause after its addressees', 'Trump met Putin before informing Zelensky and his allies that the war was now their problem.', 'informing', ['that the war was now their problem', 'Trump', 'informing']],
  ])('%s', (_name, text, word, expected) => {
    const doc = build(text)
    // The pass as built: some rows are nested in a rules' quote ("welcomed | Sanders’s call for …"), which the final drop of repeated nested quotes would remove.
    const off = summary(doc, { candidateModel: false, keepRepeatedNested: true })
    const on = summary(doc, { candidateScore: keep(word), candidateThreshold: 0.5, candidateFloor: 0, keepRepeatedNested: true })
    expect(off).not.toContainEqual(expected)
    expect(on).toContainEqual(expected)
    // The rules' own quotes stay as they were.
    for (const q of off) expect(on).toContainEqual(q)
  })

  test('a scorer under the threshold adds nothing', () => {
    const doc = build('The senator said the bill was fair, citing the rising cost of insurance for families.')
    expect(summary(doc, { candidateScore: () => 0.4, candidateThreshold: 0.5, candidateFloor: 0 })).toEqual(summary(doc, { candidateModel: false }))
  })

  test('no -ly adverb, auxiliary or function word is a candidate cue', () => {
    const seen: string[] = []
    const record = (features: readonly string[]): number => {
      seen.push((features.find((f) => f.startsWith('w=')) ?? '').slice(2))
      return 0
    }
    summary(build('Russia is clearly not yet ready for any deal, and the talks would have stalled without him.'), { candidateScore: record, candidateFloor: 0 })
    for (const word of ['clearly', 'is', 'not', 'would', 'have', 'and', 'the', 'for']) expect(seen).not.toContain(word)
  })

  test('candidateThreshold out of range is misuse', () => {
    expect(() => quotes({ candidateThreshold: 2 })).toThrow(PipelineError)
  })
})

describe('CandidateScorer', () => {
  const model: CandidateModel = {
    trainedOn: 'hand-built',
    threshold: 0.5,
    floor: 0.3,
    weights: { b: -1, 'w=said': 2, 'len=1': -0.5, 'len=2': 0.7, 'first=that': 1.2, 'first=to': -0.3 },
  }
  const scorer = new CandidateScorer(model)
  test.each([
    [['b', 'w=said'], ['len=1', 'first=that']],
    [['b', 'w=said'], ['len=2', 'first=to']],
    [['b', 'w=other'], ['len=9', 'first=unseen']],
    [['b'], []],
  ])('the ceiling of %j bounds every completion, here %j', (known, rest) => {
    const p = scorer.probability([...known, ...rest])
    expect(scorer.ceiling(known, ['len', 'first'])).toBeGreaterThanOrEqual(p)
  })
  test('the probability is the logistic of the summed weights', () => {
    expect(scorer.probability(['b', 'w=said', 'len=2'])).toBeCloseTo(1 / (1 + Math.exp(-1.7)), 10)
    expect(scorer.ceiling(['b', 'w=said'], ['len', 'first'])).toBeCloseTo(1 / (1 + Math.exp(-(1 + 0.7 + 1.2))), 10)
  })
})

describe('the stored candidate model', () => {
  const model = loadCandidateModel()
  test('is there, with a threshold and floor in (0, 1)', () => {
    expect(model).toBeDefined()
    expect(model!.threshold).toBeGreaterThan(0)
    expect(model!.threshold).toBeLessThan(1)
    expect(model!.floor).toBeGreaterThanOrEqual(0)
    expect(model!.floor).toBeLessThan(1)
  })
  test('skipping hopeless candidates early (the ceiling) changes no output on the sample pair', () => {
    const scorer = new CandidateScorer(model!)
    // A scorer passed in disables the ceiling; the built-in one uses it.
    const withoutCeiling = standardPipeline().annotators.map((a) => (a.name === 'quotes' ? quotes({ candidateScore: (f) => scorer.probability(f) }) : a))
    for (const file of ['examples/trump-putin-call/000_4eb90098a0ede75c.txt', 'examples/trump-putin-call/003_424b30a26a76942e.txt']) {
      const text = readFileSync(path.join(process.cwd(), file), 'utf8')
      const a = standardPipeline().runSync(createDocument({ id: file, text }))
      const b = pipeline(withoutCeiling).runSync(createDocument({ id: file, text }))
      expect(b.layers.quotes).toEqual(a.layers.quotes)
    }
  })
})
