/**
 * @module bench/profile-stages — `npm run bench:profile -- [N] [STAGE]`: each standard annotator
 * alone over the first N bench articles (default 300), in order, printing ms/article; with STAGE,
 * writes a V8 CPU profile of that stage to `.bench-cache/STAGE.cpuprofile` (open it in Chrome
 * DevTools, or aggregate self time by function).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Session } from 'node:inspector/promises'
import type { Document, LayerName } from '../src/document/document.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { standardPipeline } from '../src/standard.js'
import { defaultCacheDir, loadBenchCorpus } from './corpus.js'
import { articleToDocument } from './parts.js'

const n = Number(process.argv[2] ?? 300)
const which = process.argv[3]
let inputs: Document[] = loadBenchCorpus().slice(0, n).map(articleToDocument)
const provided = new Set<LayerName>(Object.keys(inputs[0]?.layers ?? {}) as LayerName[])
for (const annotator of standardPipeline().annotators) {
  const single = pipeline([annotator], { provided: [...provided] })
  const session = annotator.name === which ? new Session() : undefined
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const start = performance.now()
  const outputs: Document[] = []
  for (const doc of inputs) outputs.push(await single.run(doc))
  console.log(`${annotator.name}\t${((performance.now() - start) / inputs.length).toFixed(2)} ms/article`)
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    const file = join(defaultCacheDir(), `${annotator.name}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    console.log(`profile: ${file}`)
  }
  provided.add(annotator.produces)
  inputs = outputs
}
