/** @module cli/search — `parallax search QUERY [--entity --source --from --to]`. */
import { parseArgs } from 'node:util'
import { publicationLabel } from '../analysis/publication-date.js'
import { searchParams } from '../api/params.js'
import type { CliIo } from './main.js'
import { dbOption, withStore } from './open-store.js'

const usage = `Usage: parallax search [QUERY] [--entity NAME] [--source OUTLET] [--from DATE] [--to DATE] [--limit N] [--json] [--db URL]

Ranked full-text search over the stored articles (all words must occur; stemmed), with filters:
  --entity NAME     articles naming an actor whose name contains NAME
  --source OUTLET   articles from an outlet whose name contains OUTLET
  --from DATE       published on or after DATE (YYYY-MM-DD)
  --to DATE         published on or before DATE (inclusive)
`

/** Run `parallax search`: one line per hit (id, date, outlet, title, stories). Exit 1 when nothing matches. */
export async function searchCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...dbOption, entity: { type: 'string' }, source: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    io.stdout.write(usage)
    return 0
  }
  const raw: Record<string, string | undefined> = { q: positionals.join(' '), entity: values.entity, source: values.source, from: values.from, to: values.to, limit: values.limit }
  const query = searchParams((name) => raw[name])
  return withStore(values.db, async (store) => {
    const hits = await store.search(query)
    if (values.json) io.stdout.write(`${JSON.stringify(hits, null, 2)}\n`)
    else {
      for (const h of hits) {
        const d = h.document
        io.stdout.write(`${d.id}  ${publicationLabel(d, true) ?? '—'.padEnd(10)}  ${d.source ?? '—'}  ${d.title ?? ''}${h.storyIds.length > 0 ? `  (story ${h.storyIds.join(', ')})` : ''}\n`)
      }
      if (hits.length === 0) io.stderr.write('parallax: no article matches.\n')
    }
    return hits.length > 0 ? 0 : 1
  })
}
