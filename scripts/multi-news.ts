/** @module scripts/multi-news — read Multi-News `sample_validation.csv` (documents as a Python list literal). */
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** One Multi-News cluster. */
export interface MultiNewsCluster {
  readonly documents: string[]
  readonly summary: string
}

/** Parse RFC 4180 CSV into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }

/** Parse a Python list literal of strings: `['a', "b's"]`. */
export function parsePythonList(text: string): string[] {
  const out: string[] = []
  let i = text.indexOf('[') + 1
  while (i < text.length) {
    const c = text[i]
    if (c === "'" || c === '"') {
      let s = ''
      i++
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          const e = text[i + 1] ?? ''
          if (e === 'x') {
            s += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16))
            i += 4
            continue
          }
          if (e === 'u') {
            s += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
            i += 6
            continue
          }
          s += escapes[e] ?? `\\${e}`
          i += 2
          continue
        }
        s += text[i]
        i++
      }
      out.push(s)
      i++
    } else if (c === ']') break
    else i++
  }
  return out
}

/** Read the Multi-News sample from `../shared/data`. */
export function readMultiNews(root = path.resolve(process.cwd(), '../shared/data')): MultiNewsCluster[] {
  const rows = parseCsv(readFileSync(path.join(root, 'summarization/multi-news/sample_validation.csv'), 'utf8'))
  const header = rows[0] ?? []
  const di = header.indexOf('documents')
  const si = header.indexOf('summary')
  return rows
    .slice(1)
    .filter((r) => r.length > Math.max(di, si))
    .map((r) => ({ documents: parsePythonList(r[di] ?? '').map((d) => d.trim()).filter((d) => d.length > 0), summary: (r[si] ?? '').trim() }))
}
