/**
 * @module bench/digest — `node --import tsx bench/digest.ts [N]`: SHA-256 of every layer and
 * message the standard pipeline gives the first N bench articles (default 2 000), per layer and
 * in all, so a speed change can show that its output is byte-identical.
 */
import { createHash, type Hash } from 'node:crypto'
import type { LayerName } from '../src/document/document.js'
import { standardPipeline } from '../src/standard.js'
import { loadBenchCorpus } from './corpus.js'
import { articleToDocument } from './parts.js'

const n = Number(process.argv[2] ?? 2000)
const standard = standardPipeline()
const all = createHash('sha256')
const byLayer = new Map<string, Hash>()
for (const article of loadBenchCorpus().slice(0, n)) {
  const doc = await standard.run(articleToDocument(article))
  for (const name of [...standard.produces, 'messages'] as (LayerName | 'messages')[]) {
    const json = `${doc.id}\t${name}\t${JSON.stringify(name === 'messages' ? doc.messages : doc.layers[name])}\n`
    all.update(json)
    let h = byLayer.get(name)
    if (h === undefined) byLayer.set(name, (h = createHash('sha256')))
    h.update(json)
  }
}
for (const [name, h] of byLayer) console.log(`${name.padEnd(10)} ${h.digest('hex').slice(0, 16)}`)
console.log(`all        ${all.digest('hex').slice(0, 16)}  (${n} articles)`)
