/** @module api/app — the Hono app: JSON API, OpenAPI description, server-rendered UI, security headers. */
import { Hono, type Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { NotFoundError, PipelineError } from '../pipeline/errors.js'
import type { Store } from '../storage/store.js'
import { html } from '../web/html.js'
import { page } from '../web/layout.js'
import { webRoutes } from '../web/routes.js'
import { documentsRoutes } from './documents.js'
import { openapi } from './openapi.js'
import { searchRoutes } from './search.js'
import { storiesRoutes } from './stories.js'

/** Options of {@link createApp}. */
export interface AppOptions {
  readonly store: Store
  /** Where unexpected (500) errors are logged; default `console.error`. */
  readonly log?: (error: unknown) => void
}

/** The Content-Security-Policy of every response: same-origin only, no inline script or style, no plugins, no framing. */
export const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

function wantsHtml(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && c.req.path !== '/openapi.json' && (c.req.header('accept') ?? '').includes('text/html')
}

function errorResponse(c: Context, status: 400 | 404 | 500, code: string, message: string): Response {
  if (wantsHtml(c)) return c.html(page(status === 404 ? 'Not found' : 'Error', html`<h1>${status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Something went wrong'}</h1><p>${message}</p><p><a href="/">Back to the stories</a></p>`), status)
  return c.json({ error: { code, message } }, status)
}

/**
 * Build the app over a store: `/api/*` (JSON), `/openapi.json`, and the UI (`/`, `/stories/:id`,
 * `/documents/:id`, `/search`, `/static/app.css`). Errors: `PipelineError` → 400,
 * `NotFoundError` → 404, anything else → 500. Test it with `app.request()`, no port needed.
 *
 * @example
 * const app = createApp({ store: await createStore() })
 * const res = await app.request('/api/stories')
 */
export function createApp(options: AppOptions): Hono {
  const { store } = options
  const log = options.log ?? ((error: unknown) => console.error(error))
  const app = new Hono()
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
    }),
  )
  app.get('/api/health', async (c) => c.json({ ok: true, backend: store.backend, counts: await store.counts() }))
  app.route('/api/stories', storiesRoutes(store))
  app.route('/api/documents', documentsRoutes(store))
  app.route('/api/search', searchRoutes(store))
  app.get('/openapi.json', (c) => c.json(openapi))
  app.route('/', webRoutes(store))
  app.notFound((c) => errorResponse(c, 404, 'not-found', `Nothing at ${c.req.path}.`))
  app.onError((error, c) => {
    if (error instanceof PipelineError) return errorResponse(c, 400, error.code, error.message)
    if (error instanceof NotFoundError) return errorResponse(c, 404, 'not-found', error.message)
    log(error)
    return errorResponse(c, 500, 'internal', 'Internal error; the server log has the details.')
  })
  return app
}
