/** @module api/search — GET /api/search. */
import { Hono } from 'hono'
import type { Store } from '../storage/store.js'
import { searchParams } from './params.js'

/** Routes of the search resource. */
export function searchRoutes(store: Store): Hono {
  const app = new Hono()
  app.get('/', async (c) => {
    const query = searchParams((n) => c.req.query(n))
    return c.json({ query, hits: await store.search(query) })
  })
  return app
}
