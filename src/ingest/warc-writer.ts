/** @module ingest/warc-writer — write WARC response records (test fixtures, benchmark corpora). */
import { randomUUID } from 'node:crypto'
import zlib from 'node:zlib'

/** One page to write as a WARC `response` record. */
export interface WarcPage {
  readonly url: string
  readonly html: string
  /** HTTP status (default 200). */
  readonly status?: number
  /** Content-Type of the HTTP response (default `text/html; charset=utf-8`). */
  readonly contentType?: string
  /** WARC-Date (default now). */
  readonly date?: string
}

/** Serialise one WARC record (WARC/1.0, CRLF line ends, CRLF CRLF after the block). */
export function warcRecord(type: string, headers: Record<string, string>, block: Buffer): Buffer {
  const head = [`WARC/1.0`, `WARC-Type: ${type}`, `WARC-Record-ID: <urn:uuid:${randomUUID()}>`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${block.length}`].join('\r\n')
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), block, Buffer.from('\r\n\r\n')])
}

/** A `response` record holding an HTTP response with `page.html`. */
export function warcResponse(page: WarcPage): Buffer {
  const body = Buffer.from(page.html, 'utf8')
  const http = Buffer.concat([Buffer.from(`HTTP/1.1 ${page.status ?? 200} OK\r\nContent-Type: ${page.contentType ?? 'text/html; charset=utf-8'}\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1'), body])
  return warcRecord('response', { 'WARC-Target-URI': page.url, 'WARC-Date': page.date ?? new Date().toISOString(), 'Content-Type': 'application/http; msgtype=response' }, http)
}

/** A whole WARC file: a `warcinfo` record then one `response` per page; gzip per record (as CC-NEWS) unless `gzip: false`. */
export function buildWarc(pages: readonly WarcPage[], options: { gzip?: boolean } = {}): Buffer {
  const records = [warcRecord('warcinfo', { 'Content-Type': 'application/warc-fields' }, Buffer.from('software: parallax-test\r\n')), ...pages.map(warcResponse)]
  return Buffer.concat(options.gzip === false ? records : records.map((r) => zlib.gzipSync(r)))
}
