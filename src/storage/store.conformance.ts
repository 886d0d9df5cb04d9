/** @module storage/store.conformance — one behaviour suite every `Store` implementation must pass. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Analysis } from '../analysis/analysis.js'
import { createDocument, type Document } from '../document/document.js'
import { NotFoundError, PipelineError } from '../pipeline/errors.js'
import { contentHash } from './identity.js'
import type { Store } from './store.js'

/** PostgreSQL used by tests: PARALLAX_TEST_POSTGRES, else the machines' and CI's local server. */
export const testPostgresUrl = process.env['PARALLAX_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test'

/** True when the test PostgreSQL answers a query within a few seconds. */
export async function postgresReachable(): Promise<boolean> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** A minimal valid analysis of the given documents. */
export function emptyAnalysis(docs: readonly Document[]): Analysis {
  return {
    version: 1,
    documents: docs.map((d) => ({ id: d.id, published: d.meta.published ?? null, text: d.text, ...(d.meta.source ? { source: d.meta.source } : {}) })),
    entities: [],
    quotes: [],
    times: [],
    events: [],
    claims: [],
    stories: [],
    messages: [],
  }
}

const putinText = 'Putin told Trump on Monday that Russia was ready to work on a memorandum. “It went very well,” Trump said. 🇺🇦'

function docs(): Document[] {
  return [
    createDocument(
      { id: 'a', text: putinText, meta: { title: 'Trump and Putin talk for two hours', source: 'Reuters', url: 'https://www.reuters.com/world/call/?utm_source=x', published: '2025-05-19T18:00:00Z', path: 'in/a.txt' }, messages: [{ reason: 'no byline', ruleId: 'extract:no-author', severity: 'info' }] },
      {
        sentences: [{ start: 0, end: 78, tokens: { start: 0, end: 14 } }],
        entities: [
          { start: 0, end: 5, label: 'person', normal: 'putin', kind: 'name' },
          { start: 11, end: 16, label: 'person', normal: 'trump', kind: 'name' },
          { start: 32, end: 38, label: 'location', normal: 'russia', kind: 'name' },
        ],
      },
    ),
    createDocument(
      { id: 'b', text: 'Ceasefire negotiations between Russia and Ukraine will start immediately, the Kremlin said.', meta: { title: 'Kremlin on the ceasefire', source: 'TASS', published: '2025-05-20' } },
      { entities: [{ start: 31, end: 37, label: 'location', normal: 'russia', kind: 'name' }, { start: 78, end: 85, label: 'organization', normal: 'kremlin', kind: 'name' }] },
    ),
    createDocument({ id: 'c', text: 'A memorandum on a future peace accord was discussed by the delegations in Istanbul.', meta: { source: 'Kyiv Independent', published: null } }),
  ]
}

/**
 * Run the conformance suite against stores made by `open` (each call a fresh, empty store;
 * the suite closes it). Mirrors Hono's `runTest({ newRouter })`.
 */
export function runStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store
    beforeAll(async () => {
      store = await open()
      for (const doc of docs()) await store.putDocument(doc)
    }, 120_000)
    afterAll(async () => {
      await store?.close()
    }, 120_000)

    test('round-trips text (UTF-16), meta, messages and layers', async () => {
      const [a] = docs()
      const got = await store.getDocument('a')
      expect(got.text).toBe(a!.text)
      expect(got.text.length).toBe(a!.text.length)
      expect(got.meta).toEqual(a!.meta)
      expect(got.messages).toEqual(a!.messages)
      expect(got.layers).toEqual(a!.layers)
    })

    test('putting the same documents again leaves the store unchanged', async () => {
      const before = await store.counts()
      const listed = await store.listDocuments()
      const results = []
      for (const doc of docs()) results.push(await store.putDocument(doc))
      expect(results.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
      expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c'])
      expect(await store.counts()).toEqual(before)
      expect(await store.listDocuments()).toEqual(listed)
    })

    test('a moved file (other path, same content) is unchanged', async () => {
      const [a] = docs()
      const moved = createDocument({ id: 'a-copy', text: a!.text, meta: { ...a!.meta, path: 'elsewhere/a.txt' }, messages: a!.messages }, a!.layers)
      expect(await store.resolveDocument(moved)).toEqual({ id: 'a', status: 'unchanged' })
    })

    test('the normalised URL is the identity: new text under the same URL updates in place', async () => {
      const doc = createDocument({ id: 'u1', text: 'First version of the wire story.', meta: { url: 'http://example.com/story?b=2&a=1#x' } }, { sentences: [{ start: 0, end: 32, tokens: { start: 0, end: 6 } }] })
      expect(await store.putDocument(doc)).toEqual({ id: 'u1', status: 'added' })
      const counts = await store.counts()
      const edited = createDocument({ id: 'u1-new', text: 'Second version of the wire story, corrected.', meta: { url: 'https://www.example.com/story?a=1&b=2&utm_medium=rss' } })
      expect(await store.resolveDocument(edited)).toEqual({ id: 'u1', status: 'updated' })
      expect(await store.counts()).toEqual(counts)
      expect(await store.putDocument(edited)).toEqual({ id: 'u1', status: 'updated' })
      const got = await store.getDocument('u1')
      expect(got.text).toBe(edited.text)
      expect(got.layers).toEqual({})
      expect((await store.counts()).documents).toBe(counts.documents)
      expect((await store.findDocument({ url: 'https://example.com/story?a=1&b=2' }))?.contentHash).toBe(contentHash(edited.text))
    })

    test('without a URL the content is the identity; a taken id gets a suffix', async () => {
      const same = createDocument({ id: 'zzz', text: docs()[2]!.text, meta: { source: 'Kyiv Independent', published: null } })
      expect(await store.resolveDocument(same)).toEqual({ id: 'c', status: 'unchanged' })
      const other = createDocument({ id: 'a', text: 'Different text that reuses the file stem a.' })
      const result = await store.putDocument(other)
      expect(result.status).toBe('added')
      expect(result.id).toMatch(/^a~[0-9a-f]{8}$/)
      expect((await store.getDocument(result.id)).text).toBe(other.text)
      expect((await store.getDocument('a')).text).toBe(putinText)
    })

    test('findDocument by content hash; unknown ids throw NotFoundError', async () => {
      expect((await store.findDocument({ contentHash: contentHash(putinText) }))?.id).toBe('a')
      expect(await store.findDocument({ url: 'https://nowhere.example/x' })).toBeUndefined()
      await expect(store.getDocument('nope')).rejects.toBeInstanceOf(NotFoundError)
      await expect(store.getStory('nope')).rejects.toBeInstanceOf(NotFoundError)
    })

    test('lists documents newest first, unknown dates last', async () => {
      const ids = (await store.listDocuments()).map((d) => d.id)
      expect(ids.indexOf('b')).toBeLessThan(ids.indexOf('a'))
      expect(ids.indexOf('a')).toBeLessThan(ids.indexOf('c'))
      const a = (await store.listDocuments()).find((d) => d.id === 'a')!
      expect(a).toMatchObject({ title: 'Trump and Putin talk for two hours', source: 'Reuters', urlNorm: 'https://reuters.com/world/call', length: putinText.length })
      expect(await store.listDocuments({ limit: 1, offset: 1 })).toHaveLength(1)
    })

    test('stories: put, get, list, idempotent, update, membership, delete', async () => {
      const members = docs().slice(0, 2)
      const analysis: Analysis = {
        ...emptyAnalysis(members),
        entities: [{ id: 'E1', name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: [{ doc: 'a', start: 0, end: 5 }] }],
        claims: [{ id: 'C1', text: 'Negotiations will start.', status: 'corroborated', docs: ['a', 'b'], evidence: [{ doc: 'b', start: 0, end: 22 }] }],
        events: [{ id: 'V1', date: '2025-05-19', text: 'Trump–Putin call', docs: ['a'], evidence: [{ doc: 'a', start: 0, end: 30 }] }],
        framing: [{ doc: 'b', story: 's1', tone: { score: 0.1, relative: 0, positive: [], negative: [] }, foregrounds: [], loaded: [] }],
      }
      const story = { id: 's1', title: 'Trump–Putin call', summary: 'Two hours on the phone.', documentIds: ['a', 'b'], analysis }
      expect(await store.putStory(story)).toBe('added')
      const counts = await store.counts()
      expect(await store.putStory(story)).toBe('unchanged')
      expect(await store.counts()).toEqual(counts)
      const got = await store.getStory('s1')
      expect(got).toMatchObject({ id: 's1', title: 'Trump–Putin call', documentIds: ['a', 'b'], documentCount: 2, sources: ['Reuters', 'TASS'], entityCount: 1, claimCount: 1, firstPublished: '2025-05-19T18:00:00Z', lastPublished: '2025-05-20' })
      expect(got.analysis).toEqual(analysis)
      expect((await store.listStories()).map((s) => s.id)).toEqual(['s1'])
      expect(await store.storiesOfDocument('a')).toEqual(['s1'])
      expect(await store.putStory({ ...story, documentIds: ['b'], title: 'Kremlin view' })).toBe('updated')
      expect(await store.storiesOfDocument('a')).toEqual([])
      expect((await store.getStory('s1')).title).toBe('Kremlin view')
      await expect(store.putStory({ ...story, id: 's2', documentIds: ['a', 'missing'] })).rejects.toBeInstanceOf(PipelineError)
      expect(await store.deleteStory('s1')).toBe(true)
      expect(await store.deleteStory('s1')).toBe(false)
      expect((await store.counts()).stories).toBe(0)
      await store.putStory(story)
    })

    test.each([
      ['a word in the text', { text: 'memorandum' }, ['a', 'c']],
      ['stemmed forms', { text: 'negotiation' }, ['b']],
      ['all words must occur', { text: 'memorandum Istanbul' }, ['c']],
      ['title words', { text: 'hours' }, ['a']],
      ['entity filter', { entity: 'russia' }, ['a', 'b']],
      ['entity filter by surface form, case-insensitive', { entity: 'KREMLIN' }, ['b']],
      ['source filter', { source: 'reuters' }, ['a']],
      ['from (inclusive)', { from: '2025-05-20' }, ['b']],
      ['to (a bare date includes the day)', { to: '2025-05-19' }, ['a']],
      ['text and filters together', { text: 'russia', source: 'tass' }, ['b']],
      ['operators are plain words', { text: '"memorandum" OR NEAR(x) title:* -' }, []],
      ['no match', { text: 'zeppelin' }, []],
    ])('search: %s', async (_name, query, expected) => {
      const hits = await store.search(query)
      expect(hits.map((h) => h.document.id).filter((id) => !id.startsWith('u') && !id.includes('~')).sort()).toEqual(expected)
    })

    test('search ranks title matches first and reports stories', async () => {
      const extra = createDocument({ id: 'd', text: 'The ceasefire ceasefire ceasefire was on every front page.', meta: { title: 'Front pages' } })
      await store.putDocument(extra)
      const hits = await store.search({ text: 'ceasefire' })
      expect(hits.map((h) => h.document.id)).toEqual(['b', 'd'])
      expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank)
      expect(hits[0]!.storyIds).toEqual(['s1'])
      expect((await store.search({ text: 'ceasefire', limit: 1 })).map((h) => h.document.id)).toEqual(['b'])
      expect((await store.search({ text: 'ceasefire', limit: 1, offset: 1 })).map((h) => h.document.id)).toEqual(['d'])
      expect((await store.search({ text: 'ceasefire', limit: 1, offset: 2 })).map((h) => h.document.id)).toEqual([])
    })

    test('search: ranked by relevance, ties by id; pages of limit/offset concatenate to the whole list', async () => {
      // Five documents mention "harbour" 1–5 times in equal-length texts; two are identical (a tie).
      const texts = [1, 2, 3, 4, 5].map((n) => `${'harbour '.repeat(n)}${'quay '.repeat(8 - n)}crane.`)
      const ranked = [
        createDocument({ id: 'h3', text: texts[2]!, meta: { url: 'https://ports.example/3', source: 'Port Gazette', published: '2024-03-01' } }),
        createDocument({ id: 'h1', text: texts[0]!, meta: { url: 'https://ports.example/1', source: 'Port Gazette', published: '2024-01-01' } }),
        createDocument({ id: 'h5', text: texts[4]!, meta: { url: 'https://ports.example/5', source: 'Harbour Times', published: '2024-05-01' } }),
        createDocument({ id: 'h4b', text: texts[3]!, meta: { url: 'https://ports.example/4b', source: 'Harbour Times', published: '2024-04-02' } }),
        createDocument({ id: 'h4a', text: texts[3]!, meta: { url: 'https://ports.example/4a', source: 'Port Gazette', published: '2024-04-01' } }),
        createDocument({ id: 'h2', text: texts[1]!, meta: { url: 'https://ports.example/2', source: 'Harbour Times', published: '2024-02-01' } }),
      ]
      expect((await store.putDocuments(ranked)).map((r) => r.status)).toEqual(['added', 'added', 'added', 'added', 'added', 'added'])
      const all = await store.search({ text: 'harbour' })
      expect(all.map((h) => h.document.id)).toEqual(['h5', 'h4a', 'h4b', 'h3', 'h2', 'h1'])
      expect(all[1]!.rank).toBe(all[2]!.rank)
      for (let i = 1; i < all.length; i++) expect(all[i - 1]!.rank).toBeGreaterThanOrEqual(all[i]!.rank)
      const paged: string[] = []
      for (let offset = 0; offset < 8; offset += 2) paged.push(...(await store.search({ text: 'harbour', limit: 2, offset })).map((h) => h.document.id))
      expect(paged).toEqual(all.map((h) => h.document.id))
      // Filters apply before ranking and the limit: the best Harbour Times hits, not the best hits filtered afterwards.
      expect((await store.search({ text: 'harbour', source: 'harbour times', limit: 2 })).map((h) => h.document.id)).toEqual(['h5', 'h4b'])
      expect((await store.search({ text: 'harbour', source: 'gazette', limit: 2, offset: 1 })).map((h) => h.document.id)).toEqual(['h3', 'h1'])
      expect((await store.search({ text: 'harbour crane', from: '2024-02-01', to: '2024-04-01' })).map((h) => h.document.id)).toEqual(['h4a', 'h3', 'h2'])
      // Without words: filters only, newest first.
      expect((await store.search({ source: 'harbour times' })).map((h) => h.document.id)).toEqual(['h5', 'h4b', 'h2'])
    })

    test('putDocuments: one transaction, the same results as putDocument in turn', async () => {
      const before = await store.counts()
      const batch = [
        createDocument({ id: 'p1', text: 'Pipeline talks resumed in Ankara.', meta: { url: 'https://batch.example/p1', title: 'Pipeline' } }, { sentences: [{ start: 0, end: 33, tokens: { start: 0, end: 6 } }] }),
        createDocument({ id: 'p2', text: 'Grain corridor reopened.' }),
        // The same URL again with a new text: updates p1 (added in this very batch), keeps its id.
        createDocument({ id: 'p1-again', text: 'Pipeline talks resumed in Ankara, officials said.', meta: { url: 'http://www.batch.example/p1?utm_source=rss', title: 'Pipeline talks' } }),
        // The same content without a URL: the content is the identity.
        createDocument({ id: 'p2-copy', text: 'Grain corridor reopened.' }),
        // An id already in the store, other content: a suffixed id.
        createDocument({ id: 'b', text: 'Another text under the id b.' }),
        // An already stored document, unchanged.
        docs()[0]!,
      ]
      const results = await store.putDocuments(batch)
      expect(results.map((r) => r.status)).toEqual(['added', 'added', 'updated', 'unchanged', 'added', 'unchanged'])
      expect(results.map((r) => r.id).slice(0, 4)).toEqual(['p1', 'p2', 'p1', 'p2'])
      expect(results[4]!.id).toMatch(/^b~[0-9a-f]{8}$/)
      expect(results[5]!.id).toBe('a')
      expect((await store.counts()).documents).toBe(before.documents + 3)
      const p1 = await store.getDocument('p1')
      expect(p1.text).toBe(batch[2]!.text)
      expect(p1.meta.title).toBe('Pipeline talks')
      expect(p1.layers).toEqual({})
      expect((await store.search({ text: 'officials ankara' })).map((h) => h.document.id)).toEqual(['p1'])
      expect((await store.search({ text: 'pipeline' })).map((h) => h.document.id)).toEqual(['p1'])
      // Putting the batch again changes nothing, and gives what sequential puts give.
      const again = await store.putDocuments(batch)
      expect(again.map((r) => r.status)).toEqual(['updated', 'unchanged', 'updated', 'unchanged', 'unchanged', 'unchanged'])
      const sequential = []
      for (const doc of batch) sequential.push(await store.putDocument(doc))
      expect(sequential).toEqual(again)
      expect(await store.putDocuments([])).toEqual([])
    })

    test('putDocuments: a batch that fails part-way stores nothing', async () => {
      const before = await store.counts()
      const listed = await store.listDocuments({ limit: 10_000 })
      const clash = 'Text whose suffixed id is taken.'
      // `c` is taken, so this document would get the id c~<hash>; take that id first with another document.
      await store.putDocument(createDocument({ id: `c~${contentHash(clash).slice(0, 8)}`, text: 'Squatter.', meta: { url: 'https://batch.example/squatter' } }))
      const many = Array.from({ length: 450 }, (_, i) => createDocument({ id: `many-${i}`, text: `Bulk article ${i} about tariffs.`, meta: { url: `https://bulk.example/${i}` } }, { sentences: [{ start: 0, end: 10, tokens: { start: 0, end: 2 } }] }))
      await expect(store.putDocuments([...many, createDocument({ id: 'c', text: clash })])).rejects.toThrow()
      const after = await store.counts()
      expect(after).toEqual({ ...before, documents: before.documents + 1 })
      expect((await store.listDocuments({ limit: 10_000 })).filter((d) => d.id !== `c~${contentHash(clash).slice(0, 8)}`)).toEqual(listed)
      expect(await store.search({ text: 'tariffs' })).toEqual([])
      const stored = await store.putDocuments(many)
      expect(stored.every((r) => r.status === 'added')).toBe(true)
      expect((await store.search({ text: 'tariffs', limit: 200 })).length).toBe(200)
      expect((await store.counts()).layers).toBe(after.layers + 450)
    })

    test('an inferred publication date is listed apart from a given one, and still sorts and filters (runs last: adds a document)', async () => {
      const text = 'A zeppelin hangar near the harbour was sold by the port authority.'
      const doc = createDocument({ id: 'inf', text, meta: { source: 'Op-ed Weekly', published: '2025-05-21', publishedInferred: 'same story as b, dated 2025-05-21' } })
      await store.putDocument(doc)
      const listed = (await store.listDocuments()).find((d) => d.id === 'inf')
      expect(listed).toMatchObject({ published: null, publishedInferred: { date: '2025-05-21', reason: 'same story as b, dated 2025-05-21' } })
      expect((await store.listDocuments()).find((d) => d.id === 'b')).not.toHaveProperty('publishedInferred')
      expect((await store.listDocuments()).map((d) => d.id)[0]).toBe('inf')
      expect((await store.search({ text: 'zeppelin', from: '2025-05-21' })).map((h) => h.document.id)).toEqual(['inf'])
      expect((await store.search({ text: 'zeppelin', from: '2025-05-21' }))[0]?.document.publishedInferred?.date).toBe('2025-05-21')
      // The same document with a date of its own loses the inferred flag.
      await store.putDocument(createDocument({ id: 'inf', text, meta: { source: 'Op-ed Weekly', published: '2025-05-22' } }))
      expect((await store.listDocuments()).find((d) => d.id === 'inf')).toMatchObject({ published: '2025-05-22' })
      expect((await store.listDocuments()).find((d) => d.id === 'inf')).not.toHaveProperty('publishedInferred')
    })
  })
}

/**
 * Ranked search scores only the most recently written matches (`searchCandidates`): checked
 * with a bound of 3 on stores made by `open`.
 */
export function runSearchBoundConformance(name: string, open: (searchCandidates: number) => Promise<Store>): void {
  describe(`Store search bound: ${name}`, () => {
    test('only the newest matches are ranked; filters choose the candidates', async () => {
      const store = await open(3)
      try {
        // Written one by one, oldest first; "grain" occurs i times in gN, so older ones rank higher.
        for (let i = 5; i >= 1; i--) {
          await store.putDocument(createDocument({ id: `g${i}`, text: `${'grain '.repeat(i)}${'wheat '.repeat(6 - i)}export.`, meta: { url: `https://grain.example/${i}`, source: i % 2 === 0 ? 'Even Wire' : 'Odd Wire', published: `2024-0${i}-01` } }))
          await new Promise((r) => setTimeout(r, 5))
        }
        // The three newest matches (g3, g2, g1) are ranked; g5 and g4, better but older, are not.
        expect((await store.search({ text: 'grain' })).map((h) => h.document.id)).toEqual(['g3', 'g2', 'g1'])
        expect((await store.search({ text: 'grain', limit: 1, offset: 1 })).map((h) => h.document.id)).toEqual(['g2'])
        // With a filter, the bound applies to the filtered matches.
        expect((await store.search({ text: 'grain', source: 'even' })).map((h) => h.document.id)).toEqual(['g4', 'g2'])
        expect((await store.search({ text: 'grain', from: '2024-04-01' })).map((h) => h.document.id)).toEqual(['g5', 'g4'])
        // Re-writing a document makes it new again.
        await store.putDocument(createDocument({ id: 'g5', text: `${'grain '.repeat(5)}wheat export again.`, meta: { url: 'https://grain.example/5', source: 'Odd Wire', published: '2024-05-01' } }))
        expect((await store.search({ text: 'grain' })).map((h) => h.document.id)).toEqual(['g5', 'g2', 'g1'])
      } finally {
        await store.close()
      }
    }, 60_000)
  })
}
