/**
 * @module bench/ner — throughput of the `entities` annotator alone (`npm run bench:ner`).
 *
 * Tokens and sentences are computed once up front; the timed loop runs only `entities()` over
 * the sample articles in `examples/` (repeated to about 200 k tokens), on one core. Prints
 * tokens per second of CPU time (one core's throughput, also on a shared machine) and wall clock.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createDocument, withLayer } from '../src/document/document.js'
import { entities } from '../src/entities/index.js'
import { splitSentences } from '../src/sentences/sentences.js'
import { tokenize } from '../src/tokens/tokens.js'

const dir = path.resolve(process.cwd(), 'examples/trump-putin-call')
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(dir, f), 'utf8'))
const docs = texts.map((text) => {
  const tokens = tokenize(text)
  return withLayer(withLayer(createDocument({ text }), 'tokens', tokens), 'sentences', splitSentences(text, tokens))
})
const tokensPerRound = docs.reduce((n, d) => n + (d.layers.tokens?.length ?? 0), 0)
const t0 = performance.now()
const annotator = entities()
const loadMs = performance.now() - t0
const report = (): void => undefined
const run = (mentions: boolean, label: string): void => {
  const a = mentions ? annotator : entities({ mentions: false })
  for (let i = 0; i < 20; i++) for (const d of docs) a.annotate(d, { report }) // warm-up
  const rounds = Math.ceil(200_000 / tokensPerRound)
  const start = performance.now()
  const cpu = process.cpuUsage()
  for (let i = 0; i < rounds; i++) for (const d of docs) a.annotate(d, { report })
  const seconds = (performance.now() - start) / 1000
  const used = process.cpuUsage(cpu)
  // CPU time of this (single-threaded) process: the throughput of one core even when the
  // machine is shared; wall-clock throughput is printed beside it.
  const cpuSeconds = (used.user + used.system) / 1e6
  const n = rounds * tokensPerRound
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
  console.log(`${label}: ${fmt(n / cpuSeconds)} tokens/s of CPU time, ${fmt(n / seconds)} tokens/s wall clock (${n} tokens, ${cpuSeconds.toFixed(2)} s CPU, ${seconds.toFixed(2)} s wall)`)
}
console.log(`model load: ${loadMs.toFixed(0)} ms`)
run(false, 'entities (names only)')
run(true, 'entities (names + pronoun/role mentions)')
