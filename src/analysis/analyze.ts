/** @module analysis/analyze — read inputs, run the standard pipeline, build the analysis. */
import type { Document } from '../document/document.js'
import { readInputs, type InputMessage, type ReadOptions } from '../extract/read-inputs.js'
import { normalizeDate } from '../extract/dates.js'
import { PipelineError } from '../pipeline/errors.js'
import { createDocument, withMeta } from '../document/document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { events, inferPublished } from '../timeline/index.js'
import { times } from '../times/index.js'
import { standardPipeline } from '../standard.js'
import { linkEntities } from '../link/index.js'
import type { Analysis } from './analysis.js'
import { buildAnalysis, type CorpusStages } from './build-analysis.js'
import { storyStages } from './story-stages.js'

/** Options of {@link analyzeDocuments} and {@link analyzePaths}. */
export interface AnalyzeOptions {
  /** Publication date for documents that have none (ISO 8601 or a readable date). */
  readonly published?: string
  /** Corpus stages to use instead of the defaults. */
  readonly stages?: CorpusStages
  /** Called after each document is annotated. */
  readonly onDocument?: (doc: Document, done: number, total: number) => void
}

/** The default corpus stages of the standard analysis. */
export function defaultStages(): CorpusStages {
  return { linkEntities, events, ...storyStages() }
}

/** Infer missing publication dates from the other documents and the text, then re-resolve their `times`. */
function datePublished(docs: Document[]): Document[] {
  if (!docs.some((d) => !d.meta.published && d.layers.times)) return docs
  const retime = pipeline([times()], { provided: ['tokens', 'sentences'] })
  return inferPublished(docs).map((doc, i) => {
    if (doc === docs[i]) return doc
    // Drop the first run's "no publication date" note: the date is now known (and marked inferred).
    const fresh = createDocument({ id: doc.id, text: doc.text, meta: doc.meta, messages: doc.messages.filter((m) => m.source !== 'times') }, doc.layers)
    return retime.runSync(fresh)
  })
}

/** Annotate documents with the standard pipeline and build their analysis. */
export async function analyzeDocuments(docs: readonly Document[], options: AnalyzeOptions = {}, inputMessages: readonly InputMessage[] = []): Promise<{ analysis: Analysis; documents: Document[] }> {
  let fallback: string | undefined
  if (options.published !== undefined) {
    fallback = normalizeDate(options.published)
    if (fallback === undefined) throw new PipelineError('invalid-option', `--published ${JSON.stringify(options.published)} is not a date; write it as YYYY-MM-DD.`)
  }
  const run = standardPipeline()
  const annotated: Document[] = []
  for (const doc of docs) {
    const input = fallback !== undefined && !doc.meta.published ? withMeta(doc, { published: fallback }) : doc
    const out = await run.run(input)
    annotated.push(out)
    options.onDocument?.(out, annotated.length, docs.length)
  }
  const dated = datePublished(annotated)
  const analysis = buildAnalysis(dated, inputMessages, options.stages ?? defaultStages())
  return { analysis, documents: dated }
}

/** Read the inputs (paths, directories, globs, `-`) and analyse them together. */
export async function analyzePaths(inputs: readonly string[], options: AnalyzeOptions & ReadOptions = {}): Promise<{ analysis: Analysis; documents: Document[] }> {
  const read = await readInputs(inputs, options)
  return analyzeDocuments(read.documents, options, read.messages)
}
