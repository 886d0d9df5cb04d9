import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, test } from 'vitest'
import { analyzePaths } from '../analysis/analyze.js'
import type { Analysis } from '../analysis/analysis.js'
import { createDocument, withLayer, type Document } from '../document/document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { sentences } from '../sentences/index.js'
import { times } from '../times/index.js'
import { tokens } from '../tokens/index.js'
import { events } from './events.js'
import { inferPublished } from './infer-published.js'

const sample = resolve(import.meta.dirname, '../../examples/trump-putin-call')
const d000 = '000_4eb90098a0ede75c'
const d003 = '003_424b30a26a76942e'

const run = pipeline([tokens(), sentences(), times()])
const annotate = (id: string, text: string, published?: string): Document => run.runSync(createDocument({ id, text, meta: published ? { published } : {} }))

describe('inferPublished', () => {
  test('dates a document from its story sibling and a weekday that agrees with a named day', () => {
    const [a, b] = inferPublished([
      annotate('a', 'Putin and Trump spoke on May 19. Monday’s talk with Putin went well, Trump said.'),
      annotate('b', 'Trump and Putin spoke by phone on May 19, Putin said.', '2025-05-20'),
    ])
    expect(a?.meta.published).toBe('2025-05-20')
    expect(a?.meta.publishedInferred).toMatch(/b's date 2025-05-20.*'May 19' \(a Monday/)
    expect(b?.meta.publishedInferred).toBeUndefined()
  })

  test('without a sibling, the latest full date in the text is used', () => {
    const [a] = inferPublished([annotate('a', 'The accord of March 3, 2022 was replaced on April 9, 2023.')])
    expect(a?.meta).toMatchObject({ published: '2023-04-09', publishedInferred: expect.stringContaining('April 9, 2023') })
  })

  test('leaves a document alone when nothing dates it', () => {
    const doc = annotate('a', 'Talks failed on Monday.')
    expect(inferPublished([doc])[0]).toBe(doc)
  })
})

describe('events', () => {
  test('merges reports of the same happening on the same day across documents', () => {
    const found = events([
      annotate('a', 'Russia launched a drone attack on Kyiv on May 18. Talks went on.', '2025-05-20'),
      annotate('b', 'On Sunday, Russia carried out its biggest drone strike of the war.', '2025-05-20'),
    ])
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ date: '2025-05-18', docs: ['a', 'b'] })
    expect(found[0]?.evidence).toHaveLength(2)
  })

  test('with an entities layer, shared participants and words merge reports without a shared kind of happening', () => {
    const withEntities = (doc: Document, names: string[]): Document =>
      withLayer(doc, 'entities', names.flatMap((name) => {
        const start = doc.text.indexOf(name)
        return start < 0 ? [] : [{ start, end: start + name.length, label: 'person' as const, normal: name.toLowerCase(), kind: 'name' as const }]
      }).sort((x, y) => x.start - y.start))
    const a = withEntities(annotate('a', 'On May 12, 2025, Macron and Scholz announced a joint plan for European defence spending.'), ['Macron', 'Scholz'])
    const b = withEntities(annotate('b', 'Macron and Scholz declared on May 12, 2025 that European defence spending would rise under a joint plan.'), ['Macron', 'Scholz'])
    const c = annotate('c', 'A minister announced on May 12, 2025 that fishing quotas would change.')
    const found = events([a, b, c])
    expect(found.map((e) => e.docs)).toEqual([['a', 'b'], ['c']])
  })

  test('keeps different happenings of one day apart and sorts the timeline by date', () => {
    const found = events([annotate('a', 'A summit opened on May 12, 2025. An earthquake struck Peru on May 12, 2025. Voters went to the polls in an election on May 3, 2025.')])
    expect(found.map((e) => e.date)).toEqual(['2025-05-03', '2025-05-12', '2025-05-12'])
  })
})

describe('the sample pair (no date given for 000)', () => {
  let analysis: Analysis
  beforeAll(async () => {
    analysis = (await analyzePaths([sample])).analysis
  })
  const time = (doc: string, expression: string) => {
    const text = analysis.documents.find((d) => d.id === doc)?.text ?? ''
    const at = text.indexOf(expression)
    return analysis.times.find((t) => t.doc === doc && t.start <= at && at < t.end)
  }

  test('000 is dated from 003', () => {
    const doc = analysis.documents.find((d) => d.id === d000)
    expect(doc?.published).toBeNull()
    expect(doc?.publishedInferred?.date).toBe('2025-05-20')
    expect(doc?.publishedInferred?.reason).toContain(d003)
    expect(analysis.messages.filter((m) => m.rule === 'times:no-published')).toEqual([])
  })

  test.each([
    [d000, 'May 19', '2025-05-19'],
    [d000, 'Monday’s talk', '2025-05-19'],
    [d000, 'Sunday night', '2025-05-18'],
    [d000, 'last week', '2025-W20'],
    [d003, 'the day before Trump-Putin', '2025-05-18'],
    [d003, 'in February', '2025-02'],
    [d003, 'more than three years', 'P3Y'],
    [d003, 'May 16', '2025-05-16'],
  ])('%s: %s → %s', (doc, expression, value) => {
    const expressionStart = expression.startsWith('in ') ? expression.slice(3) : expression
    expect(time(doc, expressionStart)?.value.slice(0, value.length)).toBe(value)
  })

  test.each([
    ['2025-05-19', /conversation|call/],
    ['2025-05-18', /drone/],
    ['2025-05-16', /negotiations|talks/],
  ])('the event on %s carries both outlets’ evidence', (date, description) => {
    const event = analysis.events.find((e) => e.date === date && description.test(e.text))
    expect(event, `no event on ${date}`).toBeDefined()
    expect(new Set(event?.evidence.map((e) => e.doc))).toEqual(new Set([d000, d003]))
  })

  test('anchored expressions point at the mention they were resolved against', async () => {
    const { documents } = await analyzePaths([sample])
    const doc = documents.find((d) => d.id === d003) as Document
    const items = doc.layers.times ?? []
    const at = (expression: string) => items.find((t) => doc.text.slice(t.start, t.end) === expression)
    const target = (expression: string) => {
      const ref = at(expression)?.ref
      return ref === undefined ? undefined : doc.text.slice(items[ref]?.start, items[ref]?.end)
    }
    expect(at('the day before')?.anchor).toBe('mention')
    expect(target('the day before')).toBe('May 19')
    expect(at('a few days')).toMatchObject({ type: 'DURATION', value: 'PXD', anchor: 'mention' })
    expect(target('a few days')).toBe('May 16')
  })

  test('the Istanbul talks in 000 are told as "last week in Istanbul"', () => {
    const event = analysis.events.find((e) => e.date === '2025-05-16')
    const text = analysis.documents.find((d) => d.id === d000)?.text ?? ''
    expect(event?.evidence.some((e) => e.doc === d000 && text.slice(e.start, e.end).includes('last week in Istanbul'))).toBe(true)
  })

  test('the analysis, with times and events, validates against schema/analysis.schema.json', () => {
    const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../schema/analysis.schema.json'), 'utf8')) as object
    const validate = new Ajv2020({ strict: false }).compile(schema)
    expect(validate(analysis), JSON.stringify(validate.errors)).toBe(true)
  })

  test('the timeline is sorted by date', () => {
    const dates = analysis.events.map((e) => e.date)
    expect(dates).toEqual([...dates].sort())
  })
})
