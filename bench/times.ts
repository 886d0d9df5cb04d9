/**
 * @module bench/times — `node --import tsx bench/times.ts [N] [--dump FILE] [--repeats R]`: CPU time
 * (`process.cpuUsage`, user + system) of `tagTimes` alone over the first N bench articles (default
 * 2000), after `tokens` and `sentences`: the first round (cold: regex compilation and JIT warm-up
 * included, as `bench:profile` measures) and the best of R rounds (warm). `--dump FILE` writes every article's
 * mentions as JSON Lines, to check that a faster tagger gives identical output.
 */
import { writeFileSync } from 'node:fs'
import { pipeline } from '../src/pipeline/pipeline.js'
import { sentences } from '../src/sentences/index.js'
import { tagTimes } from '../src/times/index.js'
import { tokens } from '../src/tokens/index.js'
import { loadBenchCorpus } from './corpus.js'
import { articleToDocument } from './parts.js'

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const n = Number(args.find((a, i) => /^\d+$/.test(a) && !(args[i - 1] ?? '').startsWith('--')) ?? 2000)
const repeats = Number(flag('--repeats') ?? 5)
const dump = flag('--dump')
const prepare = pipeline([tokens(), sentences()])
const docs = loadBenchCorpus().slice(0, n).map((a) => prepare.runSync(articleToDocument(a)))
const inputs = docs.map((d) => ({ text: d.text, options: { published: d.meta.published ?? null, sentences: d.layers.sentences ?? [] } }))
const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
let best = Infinity
let first = 0
let mentions = 0
for (let r = 0; r < repeats; r++) {
  const start = cpuMs()
  mentions = 0
  for (const { text, options } of inputs) mentions += tagTimes(text, options).length
  const spent = cpuMs() - start
  if (r === 0) first = spent
  best = Math.min(best, spent)
}
const perArticle = (ms: number): string => (ms / inputs.length).toFixed(3)
console.log(`times (tagTimes) over ${inputs.length} articles, ${mentions} mentions: cold (first round) ${perArticle(first)} ms/article CPU, warm (best of ${repeats}) ${perArticle(best)} ms/article CPU`)
if (dump) {
  writeFileSync(dump, inputs.map(({ text, options }) => JSON.stringify(tagTimes(text, options))).join('\n') + '\n')
  console.log(`dump: ${dump}`)
}
