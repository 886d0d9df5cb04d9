/** @module ingest/fixture-server — local HTTP fixtures for the ingest tests (127.0.0.1 only, ephemeral port). */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A route handler; gets the request and the response. */
export type FixtureHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void

/** A running fixture server. */
export interface FixtureServer {
  readonly port: number
  /** `http://127.0.0.1:PORT` + path. */
  url(path: string): string
  /** Every request seen: method, path and headers. */
  readonly requests: { path: string; headers: http.IncomingHttpHeaders }[]
  close(): Promise<void>
}

/** Start a server on 127.0.0.1 with `routes` (exact path, query included, or path alone); others get 404. */
export async function startFixtureServer(routes: Record<string, FixtureHandler>): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push({ path, headers: req.headers })
    const handler = routes[path] ?? routes[path.split('?')[0] as string]
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    handler(req, res)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A short article page for fixtures. */
export function articleHtml(title: string, paragraphs = 6): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${title}: paragraph ${i + 1} tells readers what officials said on Monday about the talks, with enough words to count as article text for Readability.</p>`).join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta property="og:title" content="${title}"></head><body><article><h1>${title}</h1>${body}</article></body></html>`
}
