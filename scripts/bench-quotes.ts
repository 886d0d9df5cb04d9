/**
 * @module scripts/bench-quotes — CPU time of the `quotes` stage alone: `tsx scripts/bench-quotes.ts [N] [REPEATS]`.
 *
 * Runs the stages before `quotes` once over the first N bench articles (default 200), then the
 * `quotes` stage REPEATS times (default 5) and prints its CPU time per article (`process.cpuUsage()`,
 * user + system, so other processes on a shared machine do not inflate it): best and median run.
 */
import type { Document, LayerName } from '../src/document/document.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { standardPipeline } from '../src/standard.js'
import { loadBenchCorpus } from '../bench/corpus.js'
import { articleToDocument } from '../bench/parts.js'

const n = Number(process.argv[2] ?? 200)
const repeats = Number(process.argv[3] ?? 5)
let inputs: Document[] = loadBenchCorpus().slice(0, n).map(articleToDocument)
const provided = new Set<LayerName>(Object.keys(inputs[0]?.layers ?? {}) as LayerName[])
for (const annotator of standardPipeline().annotators) {
  const single = pipeline([annotator], { provided: [...provided] })
  if (annotator.name !== 'quotes') {
    inputs = inputs.map((doc) => single.runSync(doc))
    provided.add(annotator.produces)
    continue
  }
  const runs: number[] = []
  let quotes = 0
  for (let r = 0; r < repeats; r++) {
    const before = process.cpuUsage()
    quotes = 0
    for (const doc of inputs) quotes += single.runSync(doc).layers.quotes?.length ?? 0
    const used = process.cpuUsage(before)
    runs.push((used.user + used.system) / 1000 / inputs.length)
  }
  runs.sort((a, b) => a - b)
  console.log(`quotes: ${inputs.length} articles, ${quotes} quotes; CPU ms/article best ${runs[0]?.toFixed(2)}, median ${runs[Math.floor(runs.length / 2)]?.toFixed(2)}`)
  break
}
