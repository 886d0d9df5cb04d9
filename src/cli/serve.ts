/** @module cli/serve — `parallax serve` and `parallax start` (ingest the examples, then serve). */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serveApp } from '../api/serve.js'
import { PipelineError } from '../pipeline/errors.js'
import { ingestInto } from './ingest.js'
import type { CliIo } from './main.js'
import { dbOption, openStore } from './open-store.js'

const usage = `Usage: parallax serve [--port 7000] [--host 127.0.0.1] [--db URL]

Serves the web UI and the JSON API (described at /openapi.json) over the store.
Stop with Ctrl-C.
`

/** Resolves when the process is asked to stop (SIGINT, SIGTERM) or `signal` aborts. */
function stopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      resolve()
    }
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** Options only tests pass: stop the server when this aborts. */
export interface ServeRun {
  readonly signal?: AbortSignal
  /** Called with the URL once the server listens. */
  readonly onListening?: (url: string) => void
}

async function serveStore(args: string[], io: CliIo, run: ServeRun, examples: boolean): Promise<number> {
  const { values } = parseArgs({ args, options: { ...dbOption, port: { type: 'string', short: 'p' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help) {
    io.stdout.write(examples ? 'Usage: parallax start [--port 7000] [--db URL]\n\nAdds the bundled examples/ to the store (once: it is idempotent) and serves the UI.\n' : usage)
    return 0
  }
  const port = values.port === undefined ? 7000 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PipelineError('invalid-option', `--port must be a port number (0–65535), not ${JSON.stringify(values.port)}.`)
  const { store, where } = await openStore(values.db)
  try {
    if (examples) await ingestInto(store, where, [fileURLToPath(new URL('../../examples/', import.meta.url))], io)
    let server
    try {
      server = await serveApp({ store, port, hostname: values.host ?? '127.0.0.1' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PipelineError('invalid-option', `Port ${port} is in use; pick another with --port.`, { cause: error })
      throw error
    }
    const url = server.url.replace('//127.0.0.1:', '//localhost:')
    io.stdout.write(`Parallax is serving ${where} at ${url}\n`)
    run.onListening?.(server.url)
    await stopped(run.signal)
    await server.close()
    return 0
  } finally {
    await store.close()
  }
}

/** Run `parallax serve`. */
export function serveCommand(args: string[], io: CliIo, run: ServeRun = {}): Promise<number> {
  return serveStore(args, io, run, false)
}

/** Run `parallax start`: ingest `examples/` into the store, then serve it at http://localhost:7000. */
export function startCommand(args: string[], io: CliIo, run: ServeRun = {}): Promise<number> {
  return serveStore(args, io, run, true)
}
