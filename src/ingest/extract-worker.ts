/** @module ingest/extract-worker — worker thread body: runs `extractArticle` for the time-budgeted extractor. */
import { parentPort } from 'node:worker_threads'
import { extractGuarded, type GuardedExtractOptions } from './extractor.js'

parentPort?.on('message', (job: { seq: number; html: string; options: GuardedExtractOptions }) => {
  try {
    const doc = extractGuarded(job.html, job.options)
    parentPort?.postMessage({ seq: job.seq, doc: { id: doc.id, text: doc.text, meta: doc.meta, layers: doc.layers, messages: doc.messages } })
  } catch (error) {
    parentPort?.postMessage({ seq: job.seq, error: (error as Error).message })
  }
})

// Imports are loaded: the extractor starts the budget clock only from here.
parentPort?.postMessage({ ready: true })
