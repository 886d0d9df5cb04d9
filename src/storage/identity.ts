/** @module storage/identity — how the store recognises a document it already has. */
import { createHash } from 'node:crypto'

/** Query parameters that only track the reader, dropped by {@link normalizeUrl}. */
const trackingParams = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|at_medium|at_campaign)$/i

/**
 * Canonical form of an article URL used as its identity: lower-case scheme and host, no
 * `www.`, no default port, no fragment, no tracking parameters (utm_*, fbclid …), sorted
 * query, no trailing slash. Returns null for a missing or unparsable URL.
 *
 * @example
 * normalizeUrl('HTTPS://www.Example.com/a/?utm_source=x&b=1#top') // 'https://example.com/a?b=1'
 */
export function normalizeUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === '') return null
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  parsed.hash = ''
  parsed.hostname = parsed.hostname.toLowerCase().replace(/^www\./, '')
  if (parsed.protocol === 'http:') parsed.protocol = 'https:'
  const params = [...parsed.searchParams.entries()].filter(([k]) => !trackingParams.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  parsed.search = new URLSearchParams(params).toString()
  if (parsed.pathname.length > 1) parsed.pathname = parsed.pathname.replace(/\/+$/, '')
  // The root path prints as "/" whatever we set; drop it so https://a.b/ equals https://a.b.
  return parsed.pathname === '/' ? parsed.toString().replace(/\/(?=\?|$)/, '') : parsed.toString()
}

/** SHA-256 (hex) of a document's text, after folding line endings and trimming: the content identity. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').trim()).digest('hex')
}
