import { describe, expect, test } from 'vitest'
import { createDocument, type Document } from '../document/index.js'
import { defineAnnotator, pipeline, PipelineError, type AnnotateContext, type Annotator } from './index.js'

const make = (name: string, requires: string[], produces: string, annotate: (doc: Document, context: AnnotateContext) => unknown = () => []): Annotator =>
  defineAnnotator({ name, requires: requires as never, produces: produces as never, annotate: annotate as never })

const tokensA = make('tokens', [], 'tokens', (doc) => [{ start: 0, end: doc.text.length, normal: doc.text.toLowerCase(), kind: 'word' }])
const sentencesA = make('sentences', ['tokens'], 'sentences', (doc) => [{ start: 0, end: doc.text.length, tokens: { start: 0, end: 1 } }])

describe('pipeline assembly', () => {
  test.each([
    ['missing layer', () => pipeline([sentencesA]), 'missing-layer', 'Cannot run `sentences`: layer `tokens` is missing. Add `tokens()` before `sentences()`.'],
    ['wrong order', () => pipeline([sentencesA, tokensA]), 'missing-layer', 'Move `tokens()` before `sentences()`'],
    ['two producers', () => pipeline([tokensA, make('other', [], 'tokens')]), 'duplicate-producer', 'Keep only one'],
    ['same annotator twice', () => pipeline([tokensA, tokensA]), 'duplicate-annotator', 'appears twice'],
    ['a factory instead of an annotator', () => pipeline([(() => tokensA) as never]), 'invalid-annotator', 'not the factory itself'],
    ['not an array', () => pipeline(tokensA as never), 'invalid-annotator', 'takes an array'],
  ])('%s throws before any document is read', (_name, build, code, message) => {
    try {
      build()
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(PipelineError)
      expect((error as PipelineError).code).toBe(code)
      expect((error as Error).message).toContain(message)
    }
  })
  test('provided layers satisfy requirements', () => {
    expect(pipeline([make('x', ['blocks'], 'sentences')], { provided: ['blocks'] }).produces).toEqual(['sentences'])
  })
})

describe('defineAnnotator', () => {
  test.each([
    ['no name', { name: '', requires: [], produces: 'tokens', annotate: () => [] }],
    ['no annotate', { name: 'x', requires: [], produces: 'tokens' }],
    ['no produces', { name: 'x', requires: [], annotate: () => [] }],
    ['requires what it produces', { name: 'x', requires: ['tokens'], produces: 'tokens', annotate: () => [] }],
  ])('%s is misuse', (_name, spec) => {
    expect(() => defineAnnotator(spec as never)).toThrow(PipelineError)
  })
})

describe('running', () => {
  const reporting = make('sentences', ['tokens'], 'sentences', (doc, context) => {
    context.report({ reason: 'odd input', ruleId: 'sentences:odd', span: { start: 0, end: 1 } })
    return [{ start: 0, end: doc.text.length, tokens: { start: 0, end: 1 } }]
  })
  test('run adds each layer and stamps messages with their source', async () => {
    const doc = createDocument({ id: 'd', text: 'Hi' })
    const out = await pipeline([tokensA, reporting]).run(doc)
    expect(Object.keys(out.layers)).toEqual(['tokens', 'sentences'])
    expect(out.messages).toEqual([{ reason: 'odd input', ruleId: 'sentences:odd', span: { start: 0, end: 1 }, source: 'sentences' }])
    expect(doc.layers).toEqual({})
  })
  test('runSync gives the same result as run', async () => {
    const doc = createDocument({ id: 'd', text: 'Hi' })
    const p = pipeline([tokensA, reporting])
    expect(p.runSync(doc)).toEqual(await p.run(doc))
  })
  test('async annotators run with run() and are refused by runSync()', async () => {
    const asyncTokens = make('tokens', [], 'tokens', () => Promise.resolve([]))
    const p = pipeline([asyncTokens])
    expect((await p.run(createDocument({ text: 'x' }))).layers.tokens).toEqual([])
    expect(() => p.runSync(createDocument({ text: 'x' }))).toThrow(/use `run\(\)`/)
  })
  test('a failing annotator is wrapped with context and cause', async () => {
    const boom = new Error('boom')
    const p = pipeline([make('tokens', [], 'tokens', () => { throw boom })])
    const error = await p.run(createDocument({ id: 'doc-7', text: 'x' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PipelineError)
    expect((error as PipelineError).code).toBe('annotator-failed')
    expect((error as Error).message).toBe('Annotator `tokens` failed on document `doc-7`: boom')
    expect((error as Error).cause).toBe(boom)
  })
  test('an annotator that returns a non-array is reported', () => {
    const p = pipeline([make('tokens', [], 'tokens', () => 'nope')])
    expect(() => p.runSync(createDocument({ text: 'x' }))).toThrow(/returned string/)
  })
  test('annotators never see later layers', async () => {
    const seen: string[][] = []
    const spy = (name: string, requires: string[], produces: string): Annotator =>
      make(name, requires, produces, (doc: Document) => {
        seen.push(Object.keys(doc.layers))
        return []
      })
    await pipeline([spy('a', [], 'tokens'), spy('b', ['tokens'], 'sentences')]).run(createDocument({ text: '' }))
    expect(seen).toEqual([[], ['tokens']])
  })
})
