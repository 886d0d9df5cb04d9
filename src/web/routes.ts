/** @module web/routes — the server-rendered pages and the stylesheet. */
import { Hono } from 'hono'
import { searchParams } from '../api/params.js'
import { queryWords } from '../storage/backend.js'
import type { Store } from '../storage/store.js'
import { documentPage, parseHighlight } from './document-page.js'
import { searchPage, snippet, storyListPage } from './list-pages.js'
import { storyPage } from './story-page.js'
import { stylesheet } from './styles.js'

/** Pages: `/` (stories), `/stories/:id`, `/documents/:id?hl=START-END`, `/search`, `/static/app.css`. */
export function webRoutes(store: Store): Hono {
  const app = new Hono()
  app.get('/static/app.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }))
  app.get('/', async (c) => {
    const [stories, counts] = await Promise.all([store.listStories({ limit: 500 }), store.counts()])
    return c.html(storyListPage(stories, counts.documents))
  })
  app.get('/stories/:id', async (c) => c.html(storyPage(await store.getStory(c.req.param('id')))))
  app.get('/documents/:id', async (c) => {
    const doc = await store.getDocument(c.req.param('id'))
    const storyIds = await store.storiesOfDocument(doc.id)
    const stories = await Promise.all(storyIds.map((id) => store.getStory(id)))
    return c.html(documentPage(doc, stories, parseHighlight(c.req.query('hl'), doc.text.length)))
  })
  app.get('/search', async (c) => {
    const query = searchParams((n) => c.req.query(n))
    const asked = Object.keys(query).some((k) => k !== 'limit' && k !== 'offset')
    if (!asked) return c.html(searchPage(query, undefined, new Map()))
    const hits = await store.search(query)
    const words = queryWords(query.text ?? '')
    const snippets = new Map<string, string>()
    for (const hit of hits) snippets.set(hit.document.id, snippet((await store.getDocument(hit.document.id)).text, words))
    return c.html(searchPage(query, hits, snippets))
  })
  return app
}
