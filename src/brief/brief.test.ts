import { describe, expect, test } from 'vitest'
import { createDocument, type Document } from '../document/index.js'
import { pipeline } from '../pipeline/pipeline.js'
import { sentences } from '../sentences/index.js'
import { tokens } from '../tokens/index.js'
import { extractiveSummarizer, writeBriefs, type Summarizer } from './brief.js'

const run = pipeline([tokens(), sentences()])
const doc = (id: string, text: string): Document => run.runSync(createDocument({ id, text }))
const a = doc('a', 'The city council approved the new tram line on Tuesday after a long debate. The tram line will cost 400 million euros and open in 2027. Some residents complained about noise during construction works.')
const b = doc('b', 'The city council approved a new tram line on Tuesday. The line will cost 400 million euros, officials said. A local bakery celebrated its centenary with free bread for everyone in town.')

describe('extractiveSummarizer', () => {
  test('every sentence is a verbatim span of its source', () => {
    const brief = extractiveSummarizer().summarize({ story: 'S1', docs: [a, b] })
    if (brief instanceof Promise) throw new Error('sync expected')
    expect(brief.sentences.length).toBeGreaterThan(0)
    for (const s of brief.sentences) expect((s.doc === 'a' ? a : b).text.slice(s.start, s.end)).toBe(s.text)
  })

  test('the word budget bounds the brief and shared content is picked first', () => {
    const brief = extractiveSummarizer({ maxWords: 15 }).summarize({ story: 'S1', docs: [a, b] })
    if (brief instanceof Promise) throw new Error('sync expected')
    expect(brief.sentences).toHaveLength(1)
    expect(brief.sentences[0]?.text).toMatch(/council approved/)
  })

  test('bad options and missing sentences are misuse', () => {
    expect(() => extractiveSummarizer({ maxWords: 0 })).toThrow(/maxWords/)
    expect(() => extractiveSummarizer().summarize({ story: 'S', docs: [createDocument({ text: 'x' })] })).toThrow(/sentences/)
  })
})

describe('writeBriefs', () => {
  test('takes any summariser, synchronous or not', async () => {
    const first: Summarizer = {
      name: 'first-sentence',
      summarize: async ({ story, docs }) => ({ story, method: 'first-sentence', sentences: docs.slice(0, 1).map((d) => ({ doc: d.id, start: 0, end: 10, text: d.text.slice(0, 10) })) }),
    }
    const [brief] = await writeBriefs([a, b], [{ id: 'S1', docs: ['b', 'a'] }], first)
    expect(brief).toEqual({ story: 'S1', method: 'first-sentence', sentences: [{ doc: 'b', start: 0, end: 10, text: b.text.slice(0, 10) }] })
  })
})
