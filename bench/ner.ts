/**
 * @module bench/ner — throughput of the `entities` annotator alone (`npm run bench:ner`).
 *
 * Tokens and sentences are computed once up front; the timed loops run only `entities()`:
 *
 * - over the sample articles in `examples/` (repeated to about 200 k tokens): a hot word cache;
 * - over the first N articles of the bench corpus (`--corpus N`, default 300; 0 skips it), in
 *   order, once cold (their words not yet in the word cache, which holds only the sample
 *   articles' words by then) and once more warm: ms of CPU time per article, the figure
 *   `bench:profile` reports as wall clock.
 *
 * One process, one thread: CPU time (`process.cpuUsage()`) is one core's throughput even on a
 * shared machine; wall clock is printed beside it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createDocument, withLayer, type Document } from '../src/document/document.js'
import { entities } from '../src/entities/index.js'
import { splitSentences } from '../src/sentences/sentences.js'
import { tokenize } from '../src/tokens/tokens.js'
import { loadBenchCorpus } from './corpus.js'

const args = process.argv.slice(2)
const corpusIndex = args.indexOf('--corpus')
const corpusSize = corpusIndex >= 0 ? Number(args[corpusIndex + 1]) : 300

const prepare = (text: string): Document => {
  const tokens = tokenize(text)
  return withLayer(withLayer(createDocument({ text }), 'tokens', tokens), 'sentences', splitSentences(text, tokens))
}
const dir = path.resolve(process.cwd(), 'examples/trump-putin-call')
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => prepare(readFileSync(path.join(dir, f), 'utf8')))
const tokenCount = (list: readonly Document[]): number => list.reduce((n, d) => n + (d.layers.tokens?.length ?? 0), 0)
const tokensPerRound = tokenCount(docs)
const cpu0 = process.cpuUsage()
const t0 = performance.now()
const annotator = entities()
const loadCpu = process.cpuUsage(cpu0)
const loadMs = performance.now() - t0
const report = (): void => undefined
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')

/** Run `body`, returning CPU and wall seconds. */
function timed(body: () => void): { cpu: number; wall: number } {
  const start = performance.now()
  const cpu = process.cpuUsage()
  body()
  const used = process.cpuUsage(cpu)
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - start) / 1000 }
}

const run = (mentions: boolean, label: string): void => {
  const a = mentions ? annotator : entities({ mentions: false })
  for (let i = 0; i < 20; i++) for (const d of docs) void a.annotate(d, { report }) // warm-up
  const rounds = Math.ceil(200_000 / tokensPerRound)
  const t = timed(() => {
    for (let i = 0; i < rounds; i++) for (const d of docs) void a.annotate(d, { report })
  })
  const n = rounds * tokensPerRound
  console.log(`${label}: ${fmt(n / t.cpu)} tokens/s of CPU time, ${fmt(n / t.wall)} tokens/s wall clock (${n} tokens, ${t.cpu.toFixed(2)} s CPU, ${t.wall.toFixed(2)} s wall)`)
}
console.log(`model load: ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU, ${loadMs.toFixed(0)} ms wall`)
run(false, 'entities (names only)')
run(true, 'entities (names + pronoun/role mentions)')

if (corpusSize > 0) {
  const corpus = loadBenchCorpus()
    .slice(0, corpusSize)
    .map((a) => prepare(a.text))
  const n = tokenCount(corpus)
  for (const pass of ['cold', 'warm']) {
    // The second pass over the same articles finds their words cached (the cache is per process).
    const t = timed(() => {
      for (const d of corpus) void annotator.annotate(d, { report })
    })
    console.log(`bench corpus, ${corpus.length} articles (${fmt(n / corpus.length)} tokens each), ${pass} cache: ${((t.cpu * 1000) / corpus.length).toFixed(2)} ms CPU/article, ${fmt(n / t.cpu)} tokens/s CPU (${((t.wall * 1000) / corpus.length).toFixed(2)} ms wall/article)`)
  }
}
