/** @module api/stories — GET /api/stories and /api/stories/:id. */
import { Hono } from 'hono'
import type { Store } from '../storage/store.js'
import { pageParams } from './params.js'

/** Routes of the story resource. */
export function storiesRoutes(store: Store): Hono {
  const app = new Hono()
  app.get('/', async (c) => c.json({ stories: await store.listStories(pageParams((n) => c.req.query(n))) }))
  app.get('/:id', async (c) => c.json(await store.getStory(c.req.param('id'))))
  return app
}
