/** @module cli/export — `parallax export --format jsonl|csv|markdown`. */
import { createWriteStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { renderMarkdown } from '../analysis/markdown.js'
import { PipelineError } from '../pipeline/errors.js'
import type { Store } from '../storage/store.js'
import type { CliIo } from './main.js'
import { dbOption, withStore } from './open-store.js'

const usage = `Usage: parallax export --format jsonl|csv|markdown [--out FILE] [--layers] [--db URL]

  jsonl      one JSON object per document: id, title, source, url, published,
             publishedInferred ({date, reason}, when the date was inferred), text, meta,
             stories (ids), and with --layers every standoff layer
  csv        one row per document:
             id,title,source,published,published_inferred,url,stories,length,text
             (published: the date the outlet gave; published_inferred: an inferred date)
  markdown   every story's analysis as a Markdown report
`

/** Quote a CSV field (RFC 4180): wrap in quotes when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value)
  // A leading = + - @ would make spreadsheets run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

async function* documents(store: Store, withLayers: boolean, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield 'id,title,source,published,published_inferred,url,stories,length,text\r\n'
  for (let offset = 0; ; offset += 200) {
    const page = await store.listDocuments({ limit: 200, offset })
    for (const summary of page) {
      const doc = await store.getDocument(summary.id)
      const stories = await store.storiesOfDocument(summary.id)
      if (format === 'csv') {
        yield `${[summary.id, summary.title, summary.source, summary.published, summary.publishedInferred?.date, summary.url, stories.join(' '), summary.length, doc.text].map(csvField).join(',')}\r\n`
      } else {
        const record = { id: doc.id, title: summary.title, source: summary.source, url: summary.url, published: summary.published, ...(summary.publishedInferred ? { publishedInferred: summary.publishedInferred } : {}), text: doc.text, meta: doc.meta, stories, ...(withLayers ? { layers: doc.layers, messages: doc.messages } : {}) }
        yield `${JSON.stringify(record)}\n`
      }
    }
    if (page.length < 200) return
  }
}

async function* stories(store: Store): AsyncGenerator<string> {
  for (let offset = 0; ; offset += 100) {
    const page = await store.listStories({ limit: 100, offset })
    for (const s of page) {
      const story = await store.getStory(s.id)
      yield `<!-- story ${story.id} -->\n# ${story.title.replace(/[\r\n]+/g, ' ')}\n\n${renderMarkdown(story.analysis)}\n`
    }
    if (page.length < 100) return
  }
}

/** Run `parallax export`, streaming to stdout or `--out FILE`. */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...dbOption, format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, layers: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help) {
    io.stdout.write(usage)
    return 0
  }
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'csv' && format !== 'markdown') throw new PipelineError('invalid-option', `parallax export: --format must be jsonl, csv or markdown, not ${JSON.stringify(format)}.`)
  return withStore(values.db, async (store) => {
    const out: NodeJS.WritableStream = values.out !== undefined ? createWriteStream(values.out) : io.stdout
    const chunks = format === 'markdown' ? stories(store) : documents(store, values.layers === true, format)
    for await (const chunk of chunks) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
    }
    if (values.out !== undefined) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end().once('finish', resolve).once('error', reject))
    return 0
  })
}
