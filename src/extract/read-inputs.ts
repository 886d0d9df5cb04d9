/** @module extract/read-inputs — files, directories, globs and stdin → documents. */
import { readFile, readdir, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'
import { createDocument, type Document } from '../document/document.js'
import type { Message } from '../document/message.js'
import { extractArticle } from './html.js'
import { readJson, readJsonLines } from './records.js'
import { textToDocument } from './text.js'

/** File extensions Parallax reads, by reader. */
export const readableExtensions: Readonly<Record<string, 'text' | 'html' | 'jsonl' | 'json'>> = {
  '.txt': 'text', '.text': 'text', '.md': 'text', '.markdown': 'text',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json',
}

/** A problem with one input, not tied to a document. */
export interface InputMessage extends Message {
  /** The input as the user gave it (path, glob, `-`). */
  readonly input: string
}

/** Documents read from the inputs and the problems met on the way. */
export interface ReadResult {
  readonly documents: Document[]
  readonly messages: InputMessage[]
}

/** Options of {@link readInputs}. */
export interface ReadOptions {
  /** Stream to read when an input is `-` (defaults to process.stdin). */
  readonly stdin?: NodeJS.ReadableStream
  /** Called after each file is read, for progress reporting. */
  readonly onFile?: (path: string, done: number) => void
  /** Largest file read, in bytes (default 50 MB). */
  readonly maxBytes?: number
}

/** True when the bytes look binary: NUL bytes or many invalid UTF-8 sequences. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192)
  if (head.includes(0)) return true
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head)
  let bad = 0
  for (const ch of text) if (ch === '\uFFFD') bad++
  return bad > Math.max(4, text.length * 0.02)
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk))
  return Buffer.concat(chunks)
}

function sniff(content: string): 'text' | 'html' | 'jsonl' | 'json' {
  const head = content.trimStart().slice(0, 200).toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|article|div|p)\b/.test(head)) return 'html'
  if (head.startsWith('[')) return 'json'
  if (head.startsWith('{')) {
    const lines = content.trim().split('\n')
    return lines.length > 1 && lines.every((l) => l.trim() === '' || l.trim().startsWith('{')) ? 'jsonl' : 'json'
  }
  return 'text'
}

/** Decode, check and parse the content of one input into documents. */
export function parseContent(bytes: Uint8Array, input: { where: string; path?: string; stem: string; kind?: 'text' | 'html' | 'jsonl' | 'json' }): { documents: Document[]; messages: Message[] } {
  const { where, stem } = input
  if (bytes.length === 0 || new TextDecoder().decode(bytes.subarray(0, 4096)).trim() === '' && bytes.length <= 4096) {
    return { documents: [], messages: [{ reason: `${where}: the file is empty; give it the article's text, or remove it from the inputs.`, ruleId: 'extract:empty', severity: 'error' }] }
  }
  if (looksBinary(bytes)) {
    return { documents: [], messages: [{ reason: `${where}: this looks like a binary file, not text, HTML or JSON; convert it to text first (e.g. \`pdftotext\`) or remove it from the inputs.`, ruleId: 'extract:binary', severity: 'error' }] }
  }
  const content = new TextDecoder('utf-8').decode(bytes)
  const kind = input.kind ?? sniff(content)
  const pathMeta = input.path !== undefined ? { path: input.path } : {}
  switch (kind) {
    case 'jsonl':
      return readJsonLines(content, where, stem, input.path)
    case 'json':
      return readJson(content, where, stem, input.path)
    case 'html': {
      const doc = extractArticle(content, { id: stem, meta: pathMeta, where })
      return doc.text === '' ? { documents: [], messages: [...doc.messages] } : { documents: [doc], messages: [] }
    }
    default: {
      const doc = textToDocument(content, { id: stem, meta: pathMeta, where })
      if (doc.text === '') return { documents: [], messages: [{ reason: `${where}: the file has header lines but no article text after them.`, ruleId: 'extract:empty', severity: 'error' }] }
      return { documents: [doc], messages: [] }
    }
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out)
    else if (entry.isFile() && extname(entry.name).toLowerCase() in readableExtensions) out.push(path)
  }
}

/**
 * Read every input — files, directories (recursively, readable extensions only), globs,
 * and `-` for stdin — into documents. Problems (a missing path, an empty or binary file,
 * a bad JSON line, HTML with no article) become messages naming the input and the fix;
 * the other inputs are still read. Document ids are file stems, made unique with `~2`, `~3`.
 */
export async function readInputs(inputs: readonly string[], options: ReadOptions = {}): Promise<ReadResult> {
  const documents: Document[] = []
  const messages: InputMessage[] = []
  const files: { path: string; input: string }[] = []
  for (const input of inputs) {
    if (input === '-') {
      files.push({ path: '-', input })
      continue
    }
    const info = await stat(input).catch(() => undefined)
    if (info?.isDirectory()) {
      const found: string[] = []
      await walk(input, found)
      if (found.length === 0) messages.push({ input, reason: `${input}: the directory has no readable files (${Object.keys(readableExtensions).join(' ')}).`, ruleId: 'extract:empty-directory', severity: 'error' })
      for (const path of found) files.push({ path, input })
    } else if (info?.isFile()) {
      files.push({ path: input, input })
    } else if (isDynamicPattern(input)) {
      const found = (await glob(input, { onlyFiles: true, dot: false })).sort()
      if (found.length === 0) messages.push({ input, reason: `${input}: the pattern matches no file. Check the pattern and quote it so the shell does not expand it.`, ruleId: 'extract:no-match', severity: 'error' })
      for (const path of found) files.push({ path, input })
    } else {
      messages.push({ input, reason: `${input}: no such file or directory. Check the path (it is relative to ${process.cwd()}).`, ruleId: 'extract:missing', severity: 'error' })
    }
  }
  const used = new Map<string, number>()
  const unique = (id: string): string => {
    const n = (used.get(id) ?? 0) + 1
    used.set(id, n)
    return n === 1 ? id : `${id}~${n}`
  }
  let done = 0
  for (const { path, input } of files) {
    let bytes: Uint8Array
    try {
      if (path === '-') bytes = await readStream(options.stdin ?? process.stdin)
      else {
        const size = (await stat(path)).size
        const max = options.maxBytes ?? 50 * 1024 * 1024
        if (size > max) {
          messages.push({ input, reason: `${path}: the file is ${(size / 1e6).toFixed(1)} MB, over the ${(max / 1e6).toFixed(0)} MB limit; split it into smaller files.`, ruleId: 'extract:too-large', severity: 'error' })
          continue
        }
        bytes = await readFile(path)
      }
    } catch (error) {
      messages.push({ input, reason: `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check its permissions.`, ruleId: 'extract:unreadable', severity: 'error' })
      continue
    }
    const ext = extname(path).toLowerCase()
    const stem = path === '-' ? 'stdin' : basename(path, extname(path))
    const result = parseContent(bytes, { where: path === '-' ? 'stdin' : path, stem, ...(path === '-' ? {} : { path }), ...(readableExtensions[ext] ? { kind: readableExtensions[ext] } : {}) })
    for (const doc of result.documents) {
      const id = unique(doc.id)
      documents.push(id === doc.id ? doc : createDocument({ id, text: doc.text, meta: doc.meta, messages: doc.messages }, doc.layers))
    }
    for (const m of result.messages) messages.push({ ...m, input })
    options.onFile?.(path, ++done)
  }
  return { documents, messages }
}
