/** @module ingest/decode — bytes → text, reconciling the HTTP header, the BOM, the meta charset and the bytes. */
import chardet from 'chardet'
import iconv from 'iconv-lite'

/** Where the chosen encoding came from. */
export type EncodingSource = 'bom' | 'header' | 'meta' | 'bytes' | 'default'

/** Decoded text and how its encoding was chosen. */
export interface Decoded {
  readonly text: string
  /** The encoding used, lower-case WHATWG-style name (`utf-8`, `windows-1252`, `shift_jis`). */
  readonly encoding: string
  readonly source: EncodingSource
  /** Set when the declarations disagreed with each other or with the bytes: what was overruled and why. */
  readonly conflict?: string
}

/** Charset parameter of a Content-Type header, lower-cased; undefined when absent. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')
  return m ? (m[1] as string).toLowerCase() : undefined
}

/** The charset declared in the first 4 KB of an HTML page (`<meta charset>` or http-equiv) or an XML declaration. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)
  if (xml) return (xml[1] as string).toLowerCase()
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)
  return meta ? (meta[1] as string).toLowerCase() : undefined
}

// WHATWG Encoding: latin-1 and ASCII labels decode as windows-1252.
const aliases: Record<string, string> = {
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', latin1: 'windows-1252', 'latin-1': 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  'x-sjis': 'shift_jis', sjis: 'shift_jis', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-gbk': 'gbk', gb2312: 'gbk',
}

function normalizeLabel(label: string | undefined): string | undefined {
  if (label === undefined) return undefined
  const l = label.trim().toLowerCase()
  const name = aliases[l] ?? l
  // UTF-16 declared inside the bytes is always wrong for an ASCII-compatible document (WHATWG).
  if (name === 'utf-16' || name === 'utf-16le' || name === 'utf-16be') return 'utf-8'
  return iconv.encodingExists(name) ? name : undefined
}

function validUtf8(bytes: Uint8Array): { valid: boolean; multibyte: boolean } {
  let multibyte = false
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number
    if (b < 0x80) continue
    let n: number
    if (b >= 0xc2 && b <= 0xdf) n = 1
    else if (b >= 0xe0 && b <= 0xef) n = 2
    else if (b >= 0xf0 && b <= 0xf4) n = 3
    else return { valid: false, multibyte }
    if (i + n >= bytes.length) return { valid: false, multibyte }
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return { valid: false, multibyte }
    multibyte = true
    i += n
  }
  return { valid: true, multibyte }
}

function sniff(bytes: Uint8Array): string | undefined {
  const guess = chardet.detect(bytes.subarray(0, 65536))
  return normalizeLabel(guess ?? undefined)
}

/**
 * Decode a response body. Order: a BOM wins; otherwise the HTTP header charset, then the
 * page's meta charset / XML declaration, then detection from the bytes (chardet), then UTF-8.
 * Each declaration is checked against the bytes: a declared single-byte charset on bytes that
 * are valid multi-byte UTF-8, or a declared UTF-8 on bytes that are not UTF-8, is overruled
 * (the usual mislabelled page), and `conflict` says so.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', source: 'bom' }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', source: 'bom' }
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', source: 'bom' }
  const utf8 = validUtf8(buf)
  const fromHeader = normalizeLabel(headerCharset(contentType))
  const fromMeta = normalizeLabel(declaredCharset(buf))
  const candidates: { encoding: string; source: EncodingSource }[] = []
  if (fromHeader) candidates.push({ encoding: fromHeader, source: 'header' })
  if (fromMeta) candidates.push({ encoding: fromMeta, source: 'meta' })
  const overruled: string[] = []
  for (const c of candidates) {
    if (c.encoding === 'utf-8' && !utf8.valid) {
      overruled.push(`${c.source} says utf-8 but the bytes are not UTF-8`)
      continue
    }
    if (c.encoding !== 'utf-8' && utf8.valid && utf8.multibyte && isSingleByte(c.encoding)) {
      overruled.push(`${c.source} says ${c.encoding} but the bytes are valid UTF-8`)
      return finish(buf, 'utf-8', 'bytes', overruled)
    }
    return finish(buf, c.encoding, c.source, overruled)
  }
  if (utf8.valid) return finish(buf, 'utf-8', candidates.length ? 'bytes' : 'default', overruled)
  return finish(buf, sniff(buf) ?? 'windows-1252', 'bytes', overruled)
}

function isSingleByte(encoding: string): boolean {
  return /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|ibm\d+|cp\d+)$/.test(encoding)
}

function finish(buf: Buffer, encoding: string, source: EncodingSource, overruled: string[]): Decoded {
  const text = encoding === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, encoding)
  return overruled.length ? { text, encoding, source, conflict: `${overruled.join('; ')}; decoded as ${encoding}` } : { text, encoding, source }
}
