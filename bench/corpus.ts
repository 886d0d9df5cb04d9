/** @module bench/corpus — the fixed benchmark corpus, built reproducibly from `../shared/data`. */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** One article of the benchmark corpus: plain text plus what the source data knows about it. */
export interface BenchArticle {
  /** Stable id: `<set>:<name>`. */
  readonly id: string
  /** Which data set it comes from. */
  readonly set: 'polnear' | 'ecbplus' | 'multi-news'
  readonly text: string
  readonly title?: string
  /** Publication date `YYYY-MM-DD`, where the data set records one. */
  readonly published?: string
  readonly source?: string
}

/** Options of {@link buildBenchCorpus}. */
export interface CorpusOptions {
  /** The shared data folder; default `../shared/data` from the working directory. */
  readonly dataDir?: string
  /** Number of articles (default 2 000). */
  readonly size?: number
}

/** The default data folder, `../shared/data` relative to the project root (the working directory). */
export function defaultDataDir(): string {
  return resolve(process.cwd(), '../shared/data')
}

/** The default cache folder for built corpora (git-ignored). */
export function defaultCacheDir(): string {
  return resolve(process.cwd(), '.bench-cache')
}

const sorted = (names: string[]): string[] => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/**
 * Parse a Python list literal of strings (`['a', "b\n"]`), as in multi-news `documents`.
 * Handles single/double quotes and the escapes `\n \t \r \\ \' \" \xNN \uNNNN`.
 */
export function parsePythonStringList(literal: string): string[] {
  const out: string[] = []
  let i = literal.indexOf('[')
  if (i < 0) throw new Error('not a Python list literal')
  i++
  while (i < literal.length) {
    const c = literal[i] as string
    if (c === ']') return out
    if (c === ' ' || c === ',' || c === '\n' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if (c !== "'" && c !== '"') throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`)
    const quote = c
    let value = ''
    i++
    for (;;) {
      const d = literal[i]
      if (d === undefined) throw new Error('unterminated string')
      if (d === quote) {
        i++
        break
      }
      if (d === '\\') {
        const e = literal[i + 1] as string
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' }
        if (e === 'x') {
          value += String.fromCharCode(parseInt(literal.slice(i + 2, i + 4), 16))
          i += 4
        } else if (e === 'u') {
          value += String.fromCharCode(parseInt(literal.slice(i + 2, i + 6), 16))
          i += 6
        } else if (e === 'U') {
          value += String.fromCodePoint(parseInt(literal.slice(i + 2, i + 10), 16))
          i += 10
        } else if (e in simple) {
          value += simple[e]
          i += 2
        } else {
          value += '\\' + e
          i += 2
        }
        continue
      }
      value += d
      i++
    }
    out.push(value)
  }
  throw new Error('unterminated list')
}

/** Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  const field = /(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r?\n|$)/y
  let row: string[] = []
  field.lastIndex = 0
  while (field.lastIndex < text.length) {
    const m = field.exec(text)
    if (m === null) throw new Error(`bad CSV at ${field.lastIndex}`)
    row.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''))
    if (m[3] !== ',') {
      rows.push(row)
      row = []
      if (m[3] === '') break
    }
  }
  if (row.length > 0) rows.push(row)
  return rows
}

function* polnear(dataDir: string): Generator<BenchArticle> {
  const root = join(dataDir, 'quotes/polnear')
  const meta = new Map<string, { title?: string; published?: string; source?: string }>()
  const tsv = readFileSync(join(root, 'metadata.tsv'), 'utf8').split('\n')
  const header = (tsv[0] ?? '').split('\t')
  const col = (name: string): number => header.indexOf(name)
  for (const line of tsv.slice(1)) {
    const f = line.split('\t')
    const name = f[col('filename')]
    if (!name) continue
    const date = f[col('publication_date')]
    meta.set(name, {
      ...(f[col('title')] ? { title: f[col('title')] as string } : {}),
      ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { published: date } : {}),
      ...(f[col('publisher')] ? { source: f[col('publisher')] as string } : {}),
    })
  }
  for (const split of ['dev', 'train']) {
    const dir = join(root, split, 'text')
    for (const file of sorted(readdirSync(dir).filter((f) => f.endsWith('.txt')))) {
      const name = file.slice(0, -4)
      yield { id: `polnear:${name}`, set: 'polnear', text: readFileSync(join(dir, file), 'utf8'), ...meta.get(name) }
    }
  }
}

function* ecbplus(dataDir: string): Generator<BenchArticle> {
  const root = join(dataDir, 'clustering/ecbplus')
  for (const folder of sorted(readdirSync(root))) {
    const dir = join(root, folder)
    if (!/ecb(plus)?$/.test(folder)) continue
    for (const file of sorted(readdirSync(dir).filter((f) => f.endsWith('.json')))) {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { text?: string; title?: string }
      const text = record.text ?? ''
      if (text.trim() === '') continue
      yield { id: `ecbplus:${file.slice(0, -5)}`, set: 'ecbplus', text, ...(record.title ? { title: record.title } : {}) }
    }
  }
}

function* multiNews(dataDir: string): Generator<BenchArticle> {
  const rows = parseCsv(readFileSync(join(dataDir, 'summarization/multi-news/sample_validation.csv'), 'utf8'))
  const header = rows[0] ?? []
  const col = header.indexOf('documents')
  for (const [r, row] of rows.slice(1).entries()) {
    const literal = row[col]
    if (!literal) continue
    for (const [d, raw] of parsePythonStringList(literal).entries()) {
      // multi-news joins paragraphs with " \n \n "; restore plain paragraphs.
      const text = raw.replace(/[ \t]*\n[ \t]*/g, '\n').trim()
      if (text.length >= 300) yield { id: `multi-news:${r}-${d}`, set: 'multi-news', text }
    }
  }
}

/**
 * Build the benchmark corpus: every source list sorted by name, then taken round-robin
 * (polnear, ecbplus, multi-news) until `size` articles, so any prefix mixes all three.
 * Deterministic: the same data always gives the same articles in the same order.
 */
export function buildBenchCorpus(options: CorpusOptions = {}): BenchArticle[] {
  const dataDir = options.dataDir ?? defaultDataDir()
  const size = options.size ?? 2000
  const sources = [polnear(dataDir), ecbplus(dataDir), multiNews(dataDir)]
  const out: BenchArticle[] = []
  while (out.length < size) {
    let took = false
    for (const source of sources) {
      if (out.length >= size) break
      const next = source.next()
      if (next.done) continue
      out.push(next.value)
      took = true
    }
    if (!took) break
  }
  return out
}

/** Serialise a corpus as JSON Lines (the cache format). */
export function corpusToJsonl(articles: readonly BenchArticle[]): string {
  return articles.map((a) => JSON.stringify(a)).join('\n') + '\n'
}

/** SHA-256 (hex, first 16 chars) of the corpus' JSON Lines form: its identity in reports. */
export function corpusDigest(articles: readonly BenchArticle[]): string {
  return createHash('sha256').update(corpusToJsonl(articles)).digest('hex').slice(0, 16)
}

/**
 * Load the corpus of `size` articles from `.bench-cache/corpus-<size>.jsonl`, building and
 * writing it first when absent.
 */
export function loadBenchCorpus(options: CorpusOptions & { cacheDir?: string } = {}): BenchArticle[] {
  const size = options.size ?? 2000
  const path = join(options.cacheDir ?? defaultCacheDir(), `corpus-${size}.jsonl`)
  if (existsSync(path)) {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as BenchArticle)
  }
  const articles = buildBenchCorpus(options)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, corpusToJsonl(articles))
  return articles
}

/** The extraction benchmark's pages: id, raw HTML (gunzipped) and the ground-truth body. */
export interface BenchPage {
  readonly id: string
  readonly html: string
  readonly url?: string
  readonly body: string
}

/** Read `extraction/article-extraction-benchmark` (61 pages), sorted by id. */
export async function loadExtractionPages(dataDir = defaultDataDir()): Promise<BenchPage[]> {
  const { gunzipSync } = await import('node:zlib')
  const root = join(dataDir, 'extraction/article-extraction-benchmark')
  const truth = JSON.parse(readFileSync(join(root, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>
  const pages: BenchPage[] = []
  for (const file of sorted(readdirSync(join(root, 'html')).filter((f) => f.endsWith('.html.gz')))) {
    const id = file.slice(0, -'.html.gz'.length)
    const html = gunzipSync(readFileSync(join(root, 'html', file))).toString('utf8')
    const t = truth[id]
    pages.push({ id, html, body: t?.articleBody ?? '', ...(t?.url ? { url: t.url } : {}) })
  }
  return pages
}
