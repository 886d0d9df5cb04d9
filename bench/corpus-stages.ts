/**
 * @module bench/corpus-stages — `npm run bench:corpus-stages -- [N] [REPEATS] [DUMP]`: CPU time
 * (`process.cpuUsage`, not wall clock) of the corpus stages of the analysis (entity linking,
 * events, stories, copies, claims, omissions, framing, briefs, and `buildAnalysis` with all of
 * them) per article, over the first N bench articles (default 200) annotated once by the
 * standard pipeline. The first repeat of each stage runs on fresh documents after a warm-up on
 * the next N articles; `first` is that repeat, `best` the fastest of REPEATS (default 5), each
 * on fresh copies of the documents (so per-document caches start empty). With DUMP, writes the
 * analysis JSON of the N articles there, to compare two versions' output byte for byte.
 */
import { writeFileSync } from 'node:fs'
import { buildAnalysis } from '../src/analysis/build-analysis.js'
import { defaultStages } from '../src/analysis/analyze.js'
import { extractiveSummarizer } from '../src/brief/index.js'
import { createStoryIndex, findCopies } from '../src/cluster/index.js'
import { alignClaims, frameArticles, omissionMatrices } from '../src/compare/index.js'
import { createDocument, type Document } from '../src/document/document.js'
import { linkEntities } from '../src/link/index.js'
import { standardPipeline } from '../src/standard.js'
import { withDocumentTerms } from '../src/terms/index.js'
import { events } from '../src/timeline/index.js'
import { loadBenchCorpus } from './corpus.js'
import { articleToDocument } from './parts.js'

const n = Number(process.argv[2] ?? 200)
const repeats = Number(process.argv[3] ?? 5)
const dump = process.argv[4]

const run = standardPipeline()
const annotated: Document[] = []
for (const article of loadBenchCorpus().slice(0, 2 * n)) annotated.push(await run.run(articleToDocument(article)))
/** Fresh document objects with the same content: caches keyed by document start empty. */
const fresh = (docs: readonly Document[]): Document[] => docs.map((d) => createDocument({ id: d.id, text: d.text, meta: d.meta, messages: d.messages }, d.layers))
const measured = annotated.slice(0, n)
const warm = annotated.slice(n)

/** CPU milliseconds of `f`. */
function cpu<T>(f: () => T): [number, T] {
  const start = process.cpuUsage()
  const out = f()
  const used = process.cpuUsage(start)
  return [(used.user + used.system) / 1000, out]
}

/** Every stage once over `docs`, in the analysis order, sharing one tokenisation per document as the analysis does; CPU ms per stage. */
function stages(docs: readonly Document[]): Map<string, number> {
  return withDocumentTerms(() => timeStages(docs))
}

function timeStages(docs: readonly Document[]): Map<string, number> {
  const out = new Map<string, number>()
  const [link, links] = cpu(() => linkEntities(docs))
  out.set('link', link)
  out.set('events', cpu(() => events(docs, links))[0])
  const [storyMs, stories] = cpu(() => {
    const index = createStoryIndex()
    for (const doc of docs) index.add(doc)
    return index.stories()
  })
  out.set('stories', storyMs)
  const [copyMs, copies] = cpu(() => findCopies(docs))
  out.set('copies', copyMs)
  const [claimMs, claims] = cpu(() => alignClaims(docs, stories, copies))
  out.set('claims', claimMs)
  out.set('omissions', cpu(() => omissionMatrices(stories, claims))[0])
  out.set('framing', cpu(() => frameArticles(docs, stories))[0])
  const byId = new Map(docs.map((d) => [d.id, d]))
  const summarizer = extractiveSummarizer()
  out.set('briefs', cpu(() => stories.map((s) => summarizer.summarize({ story: s.id, docs: s.docs.map((id) => byId.get(id)).filter((d): d is Document => d !== undefined) })))[0])
  return out
}

stages(fresh(warm))
buildAnalysis(fresh(warm), [], defaultStages())
const perStage = new Map<string, number[]>()
const whole: number[] = []
let analysis: unknown
for (let r = 0; r < repeats; r++) {
  for (const [name, ms] of stages(fresh(measured))) perStage.set(name, [...(perStage.get(name) ?? []), ms])
  const [ms, out] = cpu(() => buildAnalysis(fresh(measured), [], defaultStages()))
  whole.push(ms)
  analysis = out
}
const row = (name: string, ms: readonly number[]): string => `${name.padEnd(14)} first ${((ms[0] as number) / n).toFixed(2).padStart(6)}  best ${(Math.min(...ms) / n).toFixed(2).padStart(6)} ms/article`
console.log(`corpus stages, ${n} bench articles, ${repeats} repeats, CPU time`)
for (const [name, ms] of perStage) console.log(row(name, ms))
console.log(row('buildAnalysis', whole))
if (dump) writeFileSync(dump, `${JSON.stringify(analysis, null, 1)}\n`)
