/**
 * @module scripts/bench-store — storage figures: insert rate (documents/s, each in its own
 * transaction with `putDocument`, and `--batch` at a time with `putDocuments` into a second
 * fresh store) and ranked full-text query latency (median ms) per backend, on a synthetic
 * corpus generated here (deterministic, no data downloaded).
 *
 * Usage: tsx scripts/bench-store.ts [--docs 5000] [--size 5000] [--queries 60] [--stores sqlite,postgres] [--layers] [--keep] [--batch 500]
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createDocument, type Document } from '../src/document/document.js'
import { createStore } from '../src/storage/create-store.js'
import { rng } from '../bench/rng.js'
import { standardPipeline } from '../src/standard.js'
import { textBlocks } from '../src/extract/blocks.js'
import type { Store } from '../src/storage/store.js'

const { values } = parseArgs({
  options: { docs: { type: 'string', default: '5000' }, size: { type: 'string', default: '5000' }, queries: { type: 'string', default: '60' }, keep: { type: 'boolean', default: false }, stores: { type: 'string', default: 'sqlite,postgres' }, layers: { type: 'boolean', default: false }, batch: { type: 'string', default: '500' } },
})
const docCount = Number(values.docs)
const size = Number(values.size)
const queryCount = Number(values.queries)
const batchSize = Math.max(1, Number(values.batch))
const postgresUrl = process.env['PARALLAX_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test'


const common = 'the a of to and in that for on with said was is by at as from it has his have be are were which after but an not their who will this they had its been would more about than also over into two new there when could before first year one last some government president officials minister country people talks week told state war peace'.split(' ')
const topical = 'ceasefire negotiations kremlin ukraine russia washington sanctions memorandum delegation istanbul vatican europe summit troops frontline drone missile energy grain election parliament court inflation tariffs budget refugees border treaty embassy envoy pipeline harbour ministry coalition protest strike verdict investigation satellite reactor vaccine hospital wildfire flood earthquake'.split(' ')
const names = 'Trump Putin Zelensky Macron Scholz Erdogan Meloni Starmer Peskov Medinsky Rubio Witkoff Lavrov Sybiha Leo'.split(' ')
const outlets = ['Reuters', 'AP', 'BBC', 'TASS', 'Kyiv Independent', 'Le Monde', 'Der Spiegel', 'Al Jazeera']

/** A synthetic article of about `size` characters: Zipf-ish common words, a few topical words and names. */
function article(i: number, random: () => number): { title: string; text: string; source: string; published: string } {
  const topic = [0, 1, 2].map(() => topical[Math.floor(random() * topical.length)]!)
  const word = (): string => {
    const r = random()
    if (r < 0.07) return topic[Math.floor(random() * topic.length)]!
    if (r < 0.1) return names[Math.floor(random() * names.length)]!
    if (r < 0.13) return topical[Math.floor(random() * topical.length)]!
    return common[Math.floor(Math.pow(random(), 2) * common.length)]!
  }
  const paragraphs: string[] = []
  let length = 0
  while (length < size) {
    const sentences: string[] = []
    for (let s = 0; s < 3 + Math.floor(random() * 3); s++) {
      const words = Array.from({ length: 8 + Math.floor(random() * 18) }, word)
      const sentence = words.join(' ')
      sentences.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`)
    }
    const p = sentences.join(' ')
    paragraphs.push(p)
    length += p.length + 2
  }
  const day = 1 + (i % 28)
  return { title: `${topic[0]} ${topic[1]} report ${i}`, text: paragraphs.join('\n\n').slice(0, size), source: outlets[i % outlets.length]!, published: `2025-0${1 + (i % 9)}-${String(day).padStart(2, '0')}` }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

function dirSize(path: string): number {
  return readdirSync(path).reduce((sum, f) => sum + statSync(join(path, f)).size, 0)
}

/** Insert rate with `putDocuments`, `batchSize` documents per call, into a fresh store. */
async function batchedRate(open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>, docs: Document[]): Promise<number> {
  const { store, cleanup } = await open()
  try {
    const t = performance.now()
    for (let i = 0; i < docs.length; i += batchSize) await store.putDocuments(docs.slice(i, i + batchSize))
    return Math.round(docs.length / ((performance.now() - t) / 1000))
  } finally {
    await store.close()
    await cleanup()
  }
}

async function run(name: string, open: () => Promise<{ store: Store; bytes: () => Promise<number>; cleanup: () => Promise<void> }>, docs: Document[], queries: string[]): Promise<Record<string, string | number>> {
  const { store, bytes, cleanup } = await open()
  try {
    const t0 = performance.now()
    for (const doc of docs) await store.putDocument(doc)
    const insertSeconds = (performance.now() - t0) / 1000
    const t1 = performance.now()
    for (const doc of docs.slice(0, 500)) await store.putDocument(doc)
    const unchangedRate = 500 / ((performance.now() - t1) / 1000)
    for (const q of queries.slice(0, 5)) await store.search({ text: q })
    const times: number[] = []
    let hits = 0
    for (const q of queries) {
      const t = performance.now()
      hits += (await store.search({ text: q, limit: 20 })).length
      times.push(performance.now() - t)
    }
    const filtered: number[] = []
    for (const q of queries.slice(0, 20)) {
      const t = performance.now()
      await store.search({ text: q, source: 'reuters', from: '2025-03-01', to: '2025-06-30', limit: 20 })
      filtered.push(performance.now() - t)
    }
    return {
      backend: name,
      documents: docs.length,
      'insert docs/s': Math.round(docs.length / insertSeconds),
      're-put (unchanged) docs/s': Math.round(unchangedRate),
      'FTS median ms': Number(median(times).toFixed(2)),
      'FTS p90 ms': Number([...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)]!.toFixed(2)),
      'FTS+filters median ms': Number(median(filtered).toFixed(2)),
      'mean hits': Number((hits / queries.length).toFixed(1)),
      'disk MB': Number(((await bytes()) / 1e6).toFixed(1)),
    }
  } finally {
    await store.close()
    await cleanup()
  }
}

const random = rng(42)
let docs: Document[] = Array.from({ length: docCount }, (_, i) => {
  const a = article(i, random)
  return createDocument({ id: `bench-${i}`, text: a.text, meta: { title: a.title, source: a.source, published: a.published, url: `https://news.example/${i}` } }, { blocks: textBlocks(a.text) })
})
if (values.layers) {
  const run = standardPipeline()
  docs = await Promise.all(docs.map((d) => run.run(d)))
}
const queries = Array.from({ length: queryCount }, (_, i) => {
  const r = rng(1000 + i)
  const pick = (list: string[]): string => list[Math.floor(r() * list.length)]!
  return i % 3 === 0 ? pick(topical) : i % 3 === 1 ? `${pick(topical)} ${pick(names).toLowerCase()}` : `${pick(topical)} ${pick(topical)}`
})
const rows: Record<string, string | number>[] = []
for (const name of String(values.stores).split(',')) {
  if (name === 'sqlite') {
    rows.push(
      await run('sqlite', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-'))
        const store = await createStore(join(dir, 'bench.db'))
        return { store, bytes: async () => dirSize(dir), cleanup: async () => (values.keep ? console.log(`kept ${join(dir, 'bench.db')}`) : rmSync(dir, { recursive: true, force: true })) }
      }, docs, queries),
    )
  } else if (name === 'postgres') {
    rows.push(
      await run('postgres', async () => {
        const schema = `bench_${randomBytes(4).toString('hex')}`
        const store = await createStore(postgresUrl, { schema, dropSchemaOnClose: true })
        const bytes = async (): Promise<number> => {
          const { default: pg } = await import('pg')
          const client = new pg.Client({ connectionString: postgresUrl })
          await client.connect()
          const r = await client.query(`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'm')`, [schema])
          await client.end()
          return Number(r.rows[0].n)
        }
        return { store, bytes, cleanup: async () => undefined }
      }, docs, queries),
    )
  }
}
for (const row of rows) {
  const name = String(row['backend'])
  const open = name === 'sqlite'
    ? async () => {
        const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-'))
        return { store: await createStore(join(dir, 'bench.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
      }
    : async () => ({ store: await createStore(postgresUrl, { schema: `bench_${randomBytes(4).toString('hex')}`, dropSchemaOnClose: true }), cleanup: async () => undefined })
  row[`batched (${batchSize}) docs/s`] = await batchedRate(open, docs)
}
console.log(`corpus: ${docCount} synthetic articles of ${size} characters${values.layers ? ' with blocks, tokens and sentences layers' : ' with a blocks layer'}; ${queryCount} ranked queries (limit 20)`)
console.table(rows)
