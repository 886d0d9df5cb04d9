/**
 * @module scripts/bench-search — ranked search latency and CPU at a given corpus size, on a
 * kept store (built once, then measured as often as wanted).
 *
 * Fills the store (if it has fewer documents) with the synthetic articles of `bench/scale.ts`
 * (bench-corpus texts, own ids, URLs and dates; no annotation layers), 500 per `putDocuments`,
 * then runs its 200 search queries (limit 20) and prints wall-clock and CPU p50/p95 per query.
 * CPU = this process plus, on PostgreSQL on the same machine, the server backend serving the
 * store's connection (`/proc/PID/schedstat`), so the figures hold under a loaded machine where
 * wall-clock does not.
 *
 * Usage: tsx scripts/bench-search.ts --store PATH|postgres://… [--schema bench_search_100000]
 *        [--size 100000] [--candidates 1000] [--filtered] [--queries 200]
 */
import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadBenchCorpus } from '../bench/corpus.js'
import { articleToDocument } from '../bench/parts.js'
import { quantile, searchQueries, syntheticDocument } from '../bench/scale.js'
import { createStore } from '../src/storage/create-store.js'
import type { KyselyStore } from '../src/storage/kysely-store.js'

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: '/tmp/parallax-bench-search.db' },
    schema: { type: 'string' },
    size: { type: 'string', default: '100000' },
    candidates: { type: 'string' },
    filtered: { type: 'boolean', default: false },
    queries: { type: 'string', default: '200' },
  },
})
const size = Number(values.size)
const postgres = /^postgres(ql)?:\/\//.test(values.store)
const options = {
  ...(values.candidates !== undefined ? { searchCandidates: Number(values.candidates) } : {}),
  ...(postgres ? { schema: values.schema ?? `bench_search_${size}` } : {}),
}
const store = (await createStore(values.store, options)) as KyselyStore
try {
  const base = loadBenchCorpus({ size: 2000 }).map(articleToDocument)
  const have = (await store.counts()).documents
  if (have < size) {
    const t = performance.now()
    for (let i = have; i < size; i += 500) await store.putDocuments(Array.from({ length: Math.min(500, size - i) }, (_, k) => syntheticDocument(base, i + k, 150, () => true)))
    process.stderr.write(`bench-search: stored ${size - have} documents in ${((performance.now() - t) / 1000).toFixed(0)} s\n`)
    if (postgres) await sql`analyze`.execute(store.db)
  }
  let pid: number | undefined
  if (postgres) {
    const found = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0]?.pid)
    // Sequential queries reuse one pooled connection; its backend's CPU is counted when visible.
    if (existsSync(`/proc/${found}/schedstat`)) pid = found
  }
  const serverMs = (): number => (pid === undefined ? 0 : Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6)
  const filters = values.filtered ? { source: 'a', from: '2016-06-01' } : {}
  const queries = searchQueries(base, Number(values.queries))
  for (const q of queries.slice(0, 10)) await store.search({ text: q, limit: 20, ...filters })
  const wall: number[] = []
  const cpu: number[] = []
  for (const q of queries) {
    const s0 = serverMs()
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await store.search({ text: q, limit: 20, ...filters })
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000 + serverMs() - s0)
  }
  const f = (x: number): string => x.toFixed(1)
  console.log(
    `${store.backend} ${size} documents, ${queries.length} searches${values.filtered ? ' with filters' : ''}, candidates ${values.candidates ?? 'default'}: ` +
      `wall p50 ${f(quantile(wall, 0.5))} p95 ${f(quantile(wall, 0.95))} ms; CPU (client${pid !== undefined ? ' + server' : ''}) p50 ${f(quantile(cpu, 0.5))} p95 ${f(quantile(cpu, 0.95))} ms`,
  )
} finally {
  await store.close()
}
