import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStore } from './create-store.js'
import { ingestPaths } from './ingest-paths.js'
import type { Store } from './store.js'

async function snapshot(store: Store): Promise<unknown> {
  const documents = await store.listDocuments()
  const stories = await store.listStories()
  return {
    counts: await store.counts(),
    documents: await Promise.all(documents.map((d) => store.getDocument(d.id))),
    stories: await Promise.all(stories.map((s) => store.getStory(s.id))),
  }
}

describe('ingestPaths', () => {
  let dir: string
  let store: Store
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-ingest-'))
    store = await createStore(join(dir, 'p.db'))
    mkdirSync(join(dir, 'in', 'xss'), { recursive: true })
    writeFileSync(join(dir, 'in', 'xss', 'evil.txt'), 'title: Evil article\nsource: Evil Times\n\nThe page said <script>alert(1)</script> and <img src=x onerror=alert(1)> in print.\n')
    writeFileSync(join(dir, 'in', 'empty.txt'), '')
  })
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('stores the examples with layers and one story per folder', async () => {
    const summary = await ingestPaths(store, ['examples/'])
    expect(summary.documents).toEqual({ added: 2, updated: 0, unchanged: 0, failed: 0 })
    expect(summary.stories).toMatchObject({ added: 1, updated: 0, unchanged: 0 })
    const [story] = await store.listStories()
    expect(story).toMatchObject({ title: 'Trump putin call', documentCount: 2 })
    const full = await store.getStory(story!.id)
    expect(full.analysis.documents.map((d) => d.id)).toEqual(full.documentIds)
    expect(full.analysis.documents[0]!.text.length).toBeGreaterThan(1000)
    const doc = await store.getDocument(full.documentIds[0]!)
    expect(Object.keys(doc.layers)).toEqual(expect.arrayContaining(['blocks', 'tokens', 'sentences']))
  })

  test('ingesting the same files twice leaves the store unchanged (counts and content)', async () => {
    const before = await snapshot(store)
    const summary = await ingestPaths(store, ['examples/'])
    expect(summary.documents).toEqual({ added: 0, updated: 0, unchanged: 2, failed: 0 })
    expect(summary.stories).toEqual({ added: 0, updated: 0, unchanged: 1, removed: 0 })
    expect(await snapshot(store)).toEqual(before)
  })

  test('keeps markup as text and counts unreadable inputs as failed', async () => {
    const summary = await ingestPaths(store, [join(dir, 'in')])
    expect(summary.documents).toMatchObject({ added: 1, failed: 1 })
    expect(summary.messages[0]!.ruleId).toBe('extract:empty')
    const doc = await store.getDocument(summary.documentIds[0]!)
    expect(doc.text).toContain('<script>alert(1)</script>')
    expect(doc.meta.title).toBe('Evil article')
  })
})
