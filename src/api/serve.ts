/** @module api/serve — run the app on a port with @hono/node-server. */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Store } from '../storage/store.js'
import { createApp } from './app.js'

/** Options of {@link serveApp}. */
export interface ServeOptions {
  readonly store: Store
  /** Port (default 7000; 0 picks a free one). */
  readonly port?: number
  /** Interface to listen on (default 127.0.0.1; use 0.0.0.0 to expose it). */
  readonly hostname?: string
}

/** A listening server: its URL and how to stop it. */
export interface RunningServer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/** Start the HTTP server; resolves once it listens. */
export async function serveApp(options: ServeOptions): Promise<RunningServer> {
  const app = createApp({ store: options.store })
  const hostname = options.hostname ?? '127.0.0.1'
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 7000, hostname }, (info: AddressInfo) => {
      const host = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname.includes(':') ? `[${hostname}]` : hostname
      resolvePromise({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
    server.once('error', reject)
  })
}
