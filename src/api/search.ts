/** @module api/search — GET /api/search. */
import { Hono } from 'hono'
import type { Store } from '../storage/store.js'
import { searchParams } from './params.js'

/** Routes of the search resource. */
export function searchRoutes(store: Store): Hono {
  const app = new Hono()
  app.get('/', async (c) => {
    const query = searchParams((n) => c.req.query(n))
    const hits = await store.search(query)
    // Say how far the ranking reached, so a client can tell users to narrow the dates for older articles.
    const ranking = query.text ? { scope: 'newest-matches', candidates: store.searchCandidates } : undefined
    return c.json({ query, ...(ranking ? { ranking } : {}), hits })
  })
  return app
}
