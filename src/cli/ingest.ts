/** @module cli/ingest — `parallax ingest PATH…`: add articles to the store, idempotently. */
import { parseArgs } from 'node:util'
import { PipelineError } from '../pipeline/errors.js'
import { ingestPaths, type IngestSummary } from '../storage/ingest-paths.js'
import type { Store } from '../storage/store.js'
import type { CliIo } from './main.js'
import { dbOption, withStore } from './open-store.js'

const usage = `Usage: parallax ingest PATH... [--db URL] [--published DATE] [--quiet]

Reads the inputs (files, folders, globs, - for stdin), analyses them together and adds the
documents, their layers and their stories to the store. Documents already stored (same
normalised URL, or same text when there is no URL) are left unchanged.

Options:
      --db URL           store: a SQLite file or postgres://… (default: PARALLAX_DB,
                         DATABASE_URL, or ./.parallax/parallax.db)
      --published DATE   publication date for documents that have none (YYYY-MM-DD)
  -q, --quiet            no progress, no summary
  -h, --help             this help
`

/** The one-line summary printed after an ingest. */
export function formatSummary(s: IngestSummary, where: string): string {
  const d = s.documents
  const t = s.stories
  return `parallax: documents: ${d.added} added, ${d.updated} updated, ${d.unchanged} unchanged, ${d.failed} failed; stories: ${t.added} added, ${t.updated} updated, ${t.unchanged} unchanged${t.removed > 0 ? `, ${t.removed} removed` : ''} (store: ${where})\n`
}

/** A progress line `phase [#####-----] done/total` redrawn in place on a terminal. */
export function progressLine(phase: string, done: number, total: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0
  const filled = Math.round(ratio * width)
  return `\r${phase.padEnd(8)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`
}

/** Ingest `paths` into an open store, printing progress (on a terminal) and the summary. */
export async function ingestInto(store: Store, where: string, paths: readonly string[], io: CliIo, options: { quiet?: boolean; published?: string } = {}): Promise<IngestSummary> {
  const tty = !options.quiet && io.stderr.isTTY === true
  let drawn = false
  const summary = await ingestPaths(store, paths, {
    ...(options.published !== undefined ? { published: options.published } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(tty
      ? {
          onProgress: (phase: string, done: number, total: number) => {
            // Reading has no known total; show a count only.
            io.stderr.write(phase === 'read' ? `\rreading  ${done} file(s)` : progressLine(phase === 'analyse' ? 'analysing' : 'storing', done, total))
            drawn = true
          },
        }
      : {}),
  })
  if (drawn) io.stderr.write('\r\x1b[K')
  if (!options.quiet) {
    for (const m of summary.messages) io.stderr.write(`parallax: ${m.reason}\n`)
    io.stderr.write(formatSummary(summary, where))
  }
  return summary
}

/** Run `parallax ingest`. Exit 0 when at least one document is in the store afterwards, 2 when none could be read. */
export async function ingestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...dbOption, published: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    io.stdout.write(usage)
    return 0
  }
  if (positionals.length === 0) throw new PipelineError('invalid-option', 'parallax ingest: give at least one PATH (a file, a directory, a glob, or - for stdin).')
  return withStore(values.db, async (store, where) => {
    const summary = await ingestInto(store, where, positionals, io, { ...(values.quiet ? { quiet: true } : {}), ...(values.published !== undefined ? { published: values.published } : {}) })
    return summary.documentIds.length > 0 ? 0 : 2
  })
}
