/** @module ingest/warc — a streaming WARC 1.0/1.1 reader (plain or gzip per record, as CC-NEWS). */
import { createReadStream } from 'node:fs'
import zlib from 'node:zlib'
import { InputError } from './errors.js'

/** One WARC record. `block` is the record's content block (for `response`: the HTTP message). */
export interface WarcRecord {
  /** `WARC-Type`: warcinfo, request, response, resource, metadata, revisit … */
  readonly type: string
  /** All WARC headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>
  readonly targetUri?: string
  readonly date?: string
  /** Byte offset of the record in the (decompressed) stream. */
  readonly offset: number
  readonly block: Buffer
  /** True when the block was over `maxRecordBytes` and was skipped (then `block` is empty). */
  readonly truncated: boolean
}

/** Options of the WARC reader. */
export interface WarcOptions {
  /** Largest content block kept, in bytes (default 10 MB); larger blocks are skipped. */
  readonly maxRecordBytes?: number
  /** Largest header section of a record, in bytes (default 64 KB). */
  readonly maxHeaderBytes?: number
}

const crlfcrlf = Buffer.from('\r\n\r\n')

/**
 * Incremental WARC parser: `push` chunks of the (decompressed) stream in order and take the
 * records each push completes; `end` checks that nothing is left half-read. A stream that does
 * not start with `WARC/` throws {@link InputError} `bad-warc`; a corrupt record later on is
 * skipped by resynchronising on the next `WARC/1.` line, and counted in `skipped`.
 */
export class WarcParser {
  private buffer: Buffer = Buffer.alloc(0)
  private consumed = 0
  private pending: { type: string; headers: Record<string, string>; offset: number; length: number; keep: boolean } | undefined
  private readonly maxRecord: number
  private readonly maxHeader: number
  private sawRecord = false
  /** Corrupt stretches skipped so far. */
  skipped = 0

  constructor(private readonly where: string, options: WarcOptions = {}) {
    this.maxRecord = options.maxRecordBytes ?? 10 * 1024 * 1024
    this.maxHeader = options.maxHeaderBytes ?? 64 * 1024
  }

  /** Feed the next chunk; returns the records completed by it. */
  push(chunk: Buffer): WarcRecord[] {
    const out: WarcRecord[] = []
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    for (;;) {
      if (this.pending) {
        const p = this.pending
        if (!p.keep) {
          const n = Math.min(p.length, this.buffer.length)
          p.length -= n
          this.take(n)
          if (p.length > 0) return out
          out.push({ type: p.type, headers: p.headers, ...meta(p.headers), offset: p.offset, block: Buffer.alloc(0), truncated: true })
          this.pending = undefined
          continue
        }
        if (this.buffer.length < p.length) return out
        const block = Buffer.from(this.buffer.subarray(0, p.length))
        this.take(p.length)
        out.push({ type: p.type, headers: p.headers, ...meta(p.headers), offset: p.offset, block, truncated: false })
        this.pending = undefined
        continue
      }
      // Between records: skip the CRLF CRLF trailer and any blank lines.
      let start = 0
      while (start < this.buffer.length && (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a)) start++
      if (start > 0) this.take(start)
      if (this.buffer.length === 0) return out
      const end = this.buffer.indexOf(crlfcrlf)
      if (end < 0) {
        if (this.buffer.length > this.maxHeader) this.resync()
        else return out
        continue
      }
      const head = this.buffer.subarray(0, end).toString('latin1')
      const lines = head.split('\r\n')
      if (!/^WARC\/1\.[01]$/.test((lines[0] ?? '').trim())) {
        if (!this.sawRecord) throw new InputError('bad-warc', `${this.where}: not a WARC file (it should start with "WARC/1.0" or "WARC/1.1"; found ${JSON.stringify((lines[0] ?? '').slice(0, 40))}).`)
        this.resync()
        continue
      }
      const headers: Record<string, string> = {}
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':')
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      const length = Number(headers['content-length'])
      if (!/^\d+$/.test(headers['content-length'] ?? '') || !Number.isSafeInteger(length)) {
        if (!this.sawRecord) throw new InputError('bad-warc', `${this.where}: the first WARC record has no valid Content-Length.`)
        this.resync()
        continue
      }
      this.sawRecord = true
      const offset = this.consumed
      this.take(end + 4)
      this.pending = { type: (headers['warc-type'] ?? '').toLowerCase(), headers, offset, length, keep: length <= this.maxRecord }
    }
  }

  /** Signal the end of the stream; throws `bad-warc` when a record was cut short. */
  end(): void {
    if (this.pending && this.pending.length > 0) {
      throw new InputError('bad-warc', `${this.where}: the WARC file ends inside a record (offset ${this.pending.offset}); the file is truncated.`)
    }
    if (!this.sawRecord && this.buffer.toString('latin1').trim() !== '') {
      throw new InputError('bad-warc', `${this.where}: not a WARC file (no complete record).`)
    }
  }

  private take(n: number): void {
    this.buffer = this.buffer.subarray(n)
    this.consumed += n
  }

  private resync(): void {
    this.skipped++
    const next = this.buffer.indexOf('\nWARC/1.', 1)
    if (next < 0) {
      // Keep a short tail (the marker may straddle the next chunk) but always drop at least one byte.
      this.take(Math.max(1, this.buffer.length - 8))
    } else this.take(next + 1)
  }
}

function meta(headers: Record<string, string>): { targetUri?: string; date?: string } {
  const uri = headers['warc-target-uri']?.replace(/^<|>$/g, '')
  return { ...(uri ? { targetUri: uri } : {}), ...(headers['warc-date'] ? { date: headers['warc-date'] } : {}) }
}

/** Parse a whole WARC held in memory (already decompressed); see {@link WarcParser}. */
export function parseWarc(bytes: Buffer, where = 'warc', options: WarcOptions = {}): WarcRecord[] {
  const parser = new WarcParser(where, options)
  const records = parser.push(bytes)
  parser.end()
  return records
}

/**
 * Stream the records of a WARC file from disk: `.warc` or `.warc.gz` (gzip per record or whole
 * file; detected from the magic bytes). Memory stays bounded by `maxRecordBytes`.
 */
export async function* readWarcFile(path: string, options: WarcOptions = {}): AsyncGenerator<WarcRecord> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 })
    const parts: Buffer[] = []
    s.on('data', (c) => parts.push(c as Buffer))
    s.on('end', () => resolve(Buffer.concat(parts)))
    s.on('error', reject)
  })
  const gz = head[0] === 0x1f && head[1] === 0x8b
  const file = createReadStream(path)
  const stream: AsyncIterable<Buffer> = gz ? file.pipe(zlib.createGunzip()) : file
  const parser = new WarcParser(path, options)
  try {
    for await (const chunk of stream) for (const record of parser.push(chunk)) yield record
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError('bad-warc', `${path}: cannot read the WARC file (${(error as Error).message}).`, { cause: error })
  } finally {
    file.destroy()
  }
  parser.end()
}

/** The HTTP response inside a WARC `response` record. */
export interface HttpPayload {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The body, de-chunked and decompressed. */
  readonly body: Buffer
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let i = 0
  while (i < body.length) {
    const eol = body.indexOf('\r\n', i)
    if (eol < 0) break
    const size = parseInt(body.subarray(i, eol).toString('latin1').split(';')[0] as string, 16)
    if (!Number.isFinite(size) || size <= 0) break
    parts.push(body.subarray(eol + 2, eol + 2 + size))
    i = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

/**
 * Read the HTTP response in a `response` record's block: status, headers (lower-cased) and
 * body, with chunked transfer coding removed and gzip/deflate/br content decoded (at most
 * `maxBytes` after decompression). Returns undefined when the block is not an HTTP response
 * or cannot be decoded.
 */
export function parseHttpPayload(block: Buffer, maxBytes = 10 * 1024 * 1024): HttpPayload | undefined {
  let end = block.indexOf(crlfcrlf)
  let sep = 4
  if (end < 0) {
    end = block.indexOf('\n\n')
    sep = 2
    if (end < 0) return undefined
  }
  const lines = block.subarray(0, end).toString('latin1').split(/\r?\n/)
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? '')
  if (!status) return undefined
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body: Buffer = block.subarray(end + sep)
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body)
  const encoding = (headers['content-encoding'] ?? '').toLowerCase().trim()
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') body = zlib.gunzipSync(body, { maxOutputLength: maxBytes })
    else if (encoding === 'deflate') body = zlib.inflateSync(body, { maxOutputLength: maxBytes })
    else if (encoding === 'br') body = zlib.brotliDecompressSync(body, { maxOutputLength: maxBytes })
  } catch {
    return undefined
  }
  if (body.length > maxBytes) return undefined
  return { status: Number(status[1]), headers, body }
}
