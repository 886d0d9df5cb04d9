/** @module storage/ingest-paths — read, analyse and store inputs, idempotently. */
import { basename, dirname } from 'node:path'
import type { AnalysisStory } from '../analysis/analysis.js'
import { analyzeDocuments } from '../analysis/analyze.js'
import { createDocument, type Document } from '../document/document.js'
import { readInputs, type InputMessage } from '../extract/read-inputs.js'
import type { Store, WriteStatus } from './store.js'
import { storyAnalysis, storyId } from './story-analysis.js'

/** Options of {@link ingestPaths}. */
export interface IngestOptions {
  /** Publication date for documents that have none (YYYY-MM-DD). */
  readonly published?: string
  /** Stream read for the input `-`. */
  readonly stdin?: NodeJS.ReadableStream
  /** Progress: `phase` is read, analyse or store; `done` of `total` in that phase. */
  readonly onProgress?: (phase: 'read' | 'analyse' | 'store', done: number, total: number) => void
}

/** What {@link ingestPaths} did. */
export interface IngestSummary {
  readonly documents: Record<WriteStatus | 'failed', number>
  readonly stories: Record<WriteStatus | 'removed', number>
  /** Store ids of the documents read, in input order. */
  readonly documentIds: string[]
  /** Story ids written (added, updated or unchanged). */
  readonly storyIds: string[]
  /** Problems: unreadable inputs, documents that could not be analysed. */
  readonly messages: InputMessage[]
}

function humanise(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim()
  return words === '' ? name : words[0]!.toUpperCase() + words.slice(1)
}

/**
 * Stories for documents the analysis put in none: one per input folder (its name as title),
 * so `parallax ingest examples/` shows each sample folder as a story until clustering lands.
 */
function folderStories(docs: readonly Document[]): AnalysisStory[] {
  const groups = new Map<string, Document[]>()
  for (const doc of docs) {
    const key = doc.meta.path !== undefined ? dirname(doc.meta.path) : '(stdin)'
    groups.set(key, [...(groups.get(key) ?? []), doc])
  }
  return [...groups].map(([folder, members], i) => {
    const title = members.length === 1 && members[0]!.meta.title ? members[0]!.meta.title : humanise(basename(folder) === '.' ? 'documents' : basename(folder))
    const name = basename(folder) === '.' ? 'the current folder' : `the folder ${basename(folder)}`
    return { id: `F${i + 1}`, title, docs: members.map((d) => d.id), summary: `${members.length} ${members.length === 1 ? 'article' : 'articles'} from ${folder === '(stdin)' ? 'standard input' : name}.` }
  })
}

/**
 * Read `inputs` (files, folders, globs, `-`), analyse them together, then store each
 * document with its layers (one transaction each) and each story with its analysis.
 * Idempotent: documents are identified by normalised URL, else content hash; ingesting
 * the same inputs again reports every document and story `unchanged` and writes nothing.
 */
export async function ingestPaths(store: Store, inputs: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const read = await readInputs(inputs, { ...(options.stdin ? { stdin: options.stdin } : {}), onFile: (_path, done) => options.onProgress?.('read', done, done) })
  const messages: InputMessage[] = [...read.messages]
  const documents = { added: 0, updated: 0, unchanged: 0, failed: read.messages.filter((m) => m.severity === 'error').length }
  const stories = { added: 0, updated: 0, unchanged: 0, removed: 0 }
  // Give every document its store id first: the analysis refers to documents by id.
  const docs: Document[] = []
  for (const doc of read.documents) {
    const { id } = await store.resolveDocument(doc)
    docs.push(id === doc.id ? doc : createDocument({ id, text: doc.text, meta: doc.meta, messages: doc.messages }, doc.layers))
  }
  const analyse = (batch: readonly Document[]) =>
    analyzeDocuments(batch, { ...(options.published !== undefined ? { published: options.published } : {}), onDocument: (_d, done, total) => options.onProgress?.('analyse', done, total) }, [])
  let result: Awaited<ReturnType<typeof analyse>>
  try {
    result = await analyse(docs)
  } catch (error) {
    if ((error as { code?: string }).code === 'invalid-option') throw error
    // One bad document must not sink the batch: find the ones that fail alone, drop them.
    const good: Document[] = []
    for (const doc of docs) {
      try {
        await analyse([doc])
        good.push(doc)
      } catch (cause) {
        documents.failed++
        messages.push({ input: doc.meta.path ?? doc.id, reason: `${doc.meta.path ?? doc.id}: could not be analysed (${(cause as Error).message}).`, ruleId: 'ingest:analysis-failed', severity: 'error' })
      }
    }
    result = await analyse(good)
  }
  const documentIds: string[] = []
  for (const [i, doc] of result.documents.entries()) {
    const put = await store.putDocument(doc)
    documents[put.status]++
    documentIds.push(put.id)
    options.onProgress?.('store', i + 1, result.documents.length)
  }
  const analysed = result.analysis.stories.filter((s) => s.docs.length > 0)
  const covered = new Set(analysed.flatMap((s) => s.docs))
  const all = [...analysed, ...folderStories(result.documents.filter((d) => !covered.has(d.id)))]
  const storyIds: string[] = []
  for (const story of all) {
    const id = storyId(story.title, story.docs)
    const status = await store.putStory({ id, title: story.title, summary: story.summary, documentIds: story.docs, analysis: storyAnalysis(result.analysis, story) })
    stories[status]++
    storyIds.push(id)
  }
  // A story whose members were all in this batch but that the batch no longer produces is stale.
  const batch = new Set(documentIds)
  const kept = new Set(storyIds)
  const candidates = new Set((await Promise.all(documentIds.map((id) => store.storiesOfDocument(id)))).flat())
  for (const id of candidates) {
    if (kept.has(id)) continue
    const story = await store.getStory(id)
    if (story.documentIds.every((d) => batch.has(d)) && (await store.deleteStory(id))) stories.removed++
  }
  return { documents, stories, documentIds, storyIds, messages }
}
