/** @module api/documents — GET /api/documents and /api/documents/:id. */
import { Hono } from 'hono'
import type { Store } from '../storage/store.js'
import { pageParams } from './params.js'

/** Routes of the document resource. */
export function documentsRoutes(store: Store): Hono {
  const app = new Hono()
  app.get('/', async (c) => c.json({ documents: await store.listDocuments(pageParams((n) => c.req.query(n))) }))
  app.get('/:id', async (c) => {
    const doc = await store.getDocument(c.req.param('id'))
    return c.json({ ...doc, stories: await store.storiesOfDocument(doc.id) })
  })
  return app
}
