/** @module api/app.test — the API and the pages through app.request(), no port. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Analysis } from '../analysis/analysis.js'
import { createDocument } from '../document/document.js'
import { createStore } from '../storage/create-store.js'
import { ingestPaths } from '../storage/ingest-paths.js'
import type { Store } from '../storage/store.js'
import { contentSecurityPolicy, createApp } from './app.js'

const evil = 'The page said <script>alert(1)</script> and <img src=x onerror=alert(1)> in print.'
const richText = 'Trump said on May 19 that talks "will start immediately". The Kremlin denied any deadline.'
const q = { start: richText.indexOf('will'), end: richText.indexOf('will') + 'will start immediately'.length }
const k = { start: richText.indexOf('Kremlin'), end: richText.indexOf('Kremlin') + 7 }
const rest = { start: k.start, end: richText.length - 1 }

describe('API and pages (app.request, no port)', () => {
  let dir: string
  let store: Store
  let app: ReturnType<typeof createApp>
  let sampleStory: string
  const logged: unknown[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-api-'))
    store = await createStore(join(dir, 'p.db'))
    mkdirSync(join(dir, 'xss'))
    writeFileSync(join(dir, 'xss', 'evil.txt'), `title: <b>Evil</b> article\nsource: Evil Times\n\n${evil}\n`)
    sampleStory = (await ingestPaths(store, ['examples/'])).storyIds[0]!
    await ingestPaths(store, [join(dir, 'xss')])
    const doc = createDocument(
      { id: 'rich', text: richText, meta: { title: 'Rich', source: 'Wire <i>Service</i>', published: '2025-05-19', url: 'javascript:alert(1)' } },
      {
        entities: [{ start: 0, end: 5, label: 'person', normal: 'trump', kind: 'name' }, { ...k, label: 'organization', normal: 'kremlin', kind: 'name' }],
        quotes: [{ ...q, kind: 'direct', source: { start: 0, end: 5 }, speaker: 0 }],
        times: [{ start: 14, end: 20, type: 'DATE', value: '2025-05-19', anchor: 'published' }],
      },
    )
    await store.putDocument(doc)
    const analysis = {
      version: 1,
      documents: [{ id: 'rich', title: 'Rich', source: 'Wire <i>Service</i>', published: '2025-05-19', text: richText }],
      entities: [{ id: 'E1', name: 'Donald Trump', type: 'person', aliases: ['Trump'], mentions: [{ doc: 'rich', start: 0, end: 5 }] }],
      quotes: [{ id: 'Q1', doc: 'rich', ...q, text: 'will start immediately', kind: 'direct', speaker: 'E1', speakerName: 'Donald Trump' }],
      times: [],
      events: [{ id: 'V1', date: '2025-05-19', text: 'Trump–Putin phone call', docs: ['rich'], evidence: [{ doc: 'rich', start: 0, end: 56 }] }],
      claims: [
        { id: 'C1', text: 'Talks start <img src=x onerror=alert(2)>', status: 'contested', docs: ['rich'], evidence: [{ doc: 'rich', start: 0, end: 56 }] },
        { id: 'C2', text: 'No deadline', status: 'single-source', docs: ['rich'], evidence: [{ doc: 'rich', ...rest }] },
      ],
      stories: [{ id: 'S1', title: 'Rich story', docs: ['rich'], summary: 'A story with every section.' }],
      messages: [],
      briefs: [{ story: 'S1', sentences: [{ text: 'Trump announced talks.', evidence: [{ doc: 'rich', start: 0, end: 56 }] }] }],
      framing: [{ doc: 'rich', frame: 'diplomacy', score: 0.8 }],
      copies: [{ docs: ['rich'], text: 'copied <script>x</script>' }],
      empty: [],
    } as unknown as Analysis
    await store.putStory({ id: 'rich-story', title: 'Rich <story>', summary: 'A story with every section.', documentIds: ['rich'], analysis })
    app = createApp({ store, log: (e) => logged.push(e) })
  }, 120_000)
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }, 120_000)

  test.each(['/', '/api/stories', '/stories/rich-story', '/documents/rich', '/search?q=putin', '/static/app.css', '/openapi.json', '/nowhere', '/api/stories/nope'])('%s sends the strict CSP and nosniff', async (path) => {
    const res = await app.request(path)
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  test('GET /api/stories lists the sample story and the rich one', async () => {
    const body = (await (await app.request('/api/stories')).json()) as { stories: { id: string; documentCount: number }[] }
    expect(body.stories.map((s) => s.id)).toEqual(expect.arrayContaining([sampleStory, 'rich-story']))
    expect(body.stories.find((s) => s.id === sampleStory)?.documentCount).toBe(2)
  })

  test('GET /api/stories/:id returns the analysis with texts', async () => {
    const story = (await (await app.request(`/api/stories/${sampleStory}`)).json()) as { analysis: Analysis }
    expect(story.analysis.documents).toHaveLength(2)
    expect(story.analysis.documents[0]!.text).toMatch(/Putin/)
  })

  test('GET /api/documents/:id returns text, layers and stories', async () => {
    const doc = (await (await app.request('/api/documents/rich')).json()) as { text: string; layers: Record<string, unknown[]>; stories: string[] }
    expect(doc.text).toBe(richText)
    expect(doc.layers['quotes']).toHaveLength(1)
    expect(doc.stories).toEqual(['rich-story'])
    expect(((await (await app.request('/api/documents?limit=2')).json()) as { documents: unknown[] }).documents).toHaveLength(2)
  })

  test('GET /api/search says how far text ranking reaches (the newest matches), and only for text queries', async () => {
    const withText = (await (await app.request('/api/search?q=putin')).json()) as { ranking?: { scope: string; candidates: number } }
    expect(withText.ranking).toEqual({ scope: 'newest-matches', candidates: 1000 })
    const filterOnly = (await (await app.request('/api/search?source=wire')).json()) as { ranking?: unknown }
    expect(filterOnly.ranking).toBeUndefined()
  })

  test.each([
    ['/api/search?q=putin', (ids: string[]) => ids.length === 2],
    ['/api/search?q=kremlin&source=wire', (ids: string[]) => ids.join() === 'rich'],
    ['/api/search?entity=trump&from=2025-05-19&to=2025-05-19', (ids: string[]) => ids.join() === 'rich'],
    ['/api/search?q=zeppelin', (ids: string[]) => ids.length === 0],
  ])('GET %s', async (path, check) => {
    const res = await app.request(path)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { hits: { document: { id: string } }[] }
    expect(check(body.hits.map((h) => h.document.id))).toBe(true)
  })

  test.each([
    ['/api/search?from=yesterday', 400, 'invalid-option'],
    ['/api/stories?limit=lots', 400, 'invalid-option'],
    ['/api/stories/nope', 404, 'not-found'],
    ['/api/documents/nope', 404, 'not-found'],
    ['/api/nowhere', 404, 'not-found'],
  ])('GET %s → %i JSON error', async (path, status, code) => {
    const res = await app.request(path)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code)
  })

  test('unexpected errors → 500 without details, logged', async () => {
    const broken = Object.assign(Object.create(store) as Store, { listStories: () => Promise.reject(new Error('disk on fire')) })
    const res = await createApp({ store: broken, log: (e) => logged.push(e) }).request('/api/stories')
    expect(res.status).toBe(500)
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(await res.text()).not.toMatch(/disk on fire/)
    expect(String(logged.at(-1))).toMatch(/disk on fire/)
  })

  test('/openapi.json describes every API route, and each described GET answers', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> }
    expect(spec.openapi).toBe('3.1.0')
    for (const path of Object.keys(spec.paths)) {
      const res = await app.request(path.replace('{id}', path.includes('stories') ? 'rich-story' : 'rich'))
      expect(res.status, path).toBe(200)
    }
  })

  test('HTML pages ask for no script and render 404s as pages', async () => {
    for (const path of ['/', `/stories/${sampleStory}`, '/documents/rich', '/search?q=putin']) {
      const body = await (await app.request(path)).text()
      expect(body).not.toMatch(/<script/i)
      expect(body).toContain('/static/app.css')
    }
    const res = await app.request('/stories/nope', { headers: { accept: 'text/html' } })
    expect(res.status).toBe(404)
    expect(await res.text()).toMatch(/<h1>Not found<\/h1>/)
  })

  test('the sample story page has every section', async () => {
    const body = await (await app.request(`/stories/${sampleStory}`)).text()
    for (const id of ['brief', 'timeline', 'actors', 'quotes', 'claims', 'framing', 'articles']) expect(body).toContain(`id="${id}"`)
    expect(body).toContain('Statements from the White House and the Kremlin')
  })

  test('the rich story page renders events, quotes by speaker, claims with the matrix, framing, brief links and extra sections — all escaped', async () => {
    const body = await (await app.request('/stories/rich-story')).text()
    expect(body).toContain('<time datetime="2025-05-19">2025-05-19</time>')
    expect(body).toMatch(/<h3>Donald Trump <span class="muted">\(1\)<\/span><\/h3><blockquote class="quote-item" data-kind="direct">“will start immediately”/)
    expect(body).toContain('class="pill status-contested">contested')
    expect(body).toContain('class="omission-matrix"')
    expect(body).toContain('Trump announced talks. <sup><span class="evidence"><a class="pill" href="/documents/rich?hl=0-56#hl"')
    expect(body).toContain('diplomacy')
    expect(body).toContain('<summary>copies</summary>')
    expect(body).not.toContain('<summary>empty</summary>')
    expect(body).toContain('Rich &lt;story&gt;')
    expect(body).toContain('Talks start &lt;img src=x onerror=alert(2)&gt;')
    expect(body).toContain('copied &lt;script&gt;x&lt;/script&gt;')
    expect(body).not.toMatch(/<img|<script|<i>/)
  })

  test('the article view highlights by offsets and keeps markup as text', async () => {
    const body = await (await app.request(`/documents/rich?hl=${rest.start}-${rest.end}`)).text()
    expect(body).toContain('<span class="ent ent-person" title="person: trump">Trump</span>')
    expect(body).toContain('<span class="quote" title="direct quote — Trump">will start immediately</span>')
    expect(body).toContain('<span class="time" title="DATE 2025-05-19">May 19</span>')
    expect(body).toMatch(/<span class="ent ent-organization hl" title="[^"]*" id="hl">Kremlin<\/span><span class="hl" title="linked passage"> denied any deadline<\/span>\./)
    expect(body).not.toContain('javascript:')
    const evilId = ((await (await app.request('/api/search?source=evil')).json()) as { hits: { document: { id: string } }[] }).hits[0]!.document.id
    const page = await (await app.request(`/documents/${evilId}`)).text()
    // Highlights (a quote, say) may wrap part of the markup; the text itself must stay escaped.
    const text = page.replace(/<\/?span[^>]*>/g, '')
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(page).toContain('&lt;b&gt;Evil&lt;/b&gt; article')
    expect(page).not.toMatch(/<script|<img|<b>/)
  })

  test('an out-of-range highlight is ignored', async () => {
    const body = await (await app.request('/documents/rich?hl=5-99999')).text()
    expect(body).not.toContain('id="hl"')
  })

  test('the search page shows hits with snippets and story links', async () => {
    const body = await (await app.request('/search?q=kremlin')).text()
    expect(body).toContain('href="/documents/rich"')
    expect(body).toContain('href="/stories/rich-story"')
    expect(body).toContain('The Kremlin denied')
  })
})
