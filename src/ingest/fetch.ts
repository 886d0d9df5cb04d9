/** @module ingest/fetch — a polite, SSRF-safe HTTP(S) fetcher with byte caps, retries and conditional GET. */
import { lookup as dnsLookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import zlib from 'node:zlib'
import { checkAddress, isIpLiteral } from './address-policy.js'
import { FetchError } from './errors.js'
import { createHostLimiter, type HostLimiter } from './rate-limit.js'

/** One resolved address of a host name. */
export interface ResolvedAddress {
  readonly address: string
  readonly family: 4 | 6
}

/** Resolves a host name to its addresses (default: the system resolver, all addresses). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>

/** ETag / Last-Modified remembered for a URL, for conditional GET. */
export interface Validators {
  readonly etag?: string
  readonly lastModified?: string
}

/** Where validators are remembered between runs (the ingest store implements it). */
export interface ValidatorCache {
  get(url: string): Promise<Validators | undefined> | Validators | undefined
  set(url: string, validators: Validators): Promise<void> | void
}

/** Options of {@link createFetcher}; every limit has a sane default. */
export interface FetchOptions {
  /** Allow private, loopback, link-local and CGNAT addresses: `true` for all hosts, or a list of host names (intranets). Default false. */
  readonly allowPrivate?: boolean | readonly string[]
  /** Host name resolver; tests inject one so names map to local fixtures. */
  readonly resolve?: Resolver
  /** Most redirects followed per request (default 5). */
  readonly maxRedirects?: number
  /** Most bytes of body kept, counted after decompression (default 20 MB). */
  readonly maxBytes?: number
  /** Whole-request deadline in ms, from connect to last byte (default 30 000). */
  readonly timeoutMs?: number
  /** Retries on 429, 5xx and network errors (default 3). */
  readonly retries?: number
  /** First backoff delay in ms, doubled each retry, with jitter (default 1000). */
  readonly backoffMs?: number
  /** Longest wait honoured from a Retry-After header, in ms (default 60 000); longer waits fail. */
  readonly maxRetryAfterMs?: number
  /** Least time between two requests to the same host, in ms (default 1000). */
  readonly minIntervalMs?: number
  /** Shared per-host limiter (to share it with robots.txt fetches or between fetchers). */
  readonly limiter?: HostLimiter
  /** Conditional GET: validators remembered per URL. */
  readonly validators?: ValidatorCache
  /** User-Agent header (also the robots.txt agent). */
  readonly userAgent?: string
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>
  /** Injected sleep for tests; default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>
}

/** A fetched response. `body` is decompressed and at most `maxBytes` long. */
export interface FetchResult {
  /** The URL asked for. */
  readonly requestedUrl: string
  /** The final URL after redirects. */
  readonly url: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
  /** True on 304 Not Modified: the copy from the last run is still current; `body` is empty. */
  readonly notModified: boolean
  /** Each redirect hop followed, in order. */
  readonly redirects: readonly string[]
}

/** A configured fetcher; `fetch` throws {@link FetchError} with a stable code. */
export interface Fetcher {
  fetch(url: string, init?: { readonly accept?: string; readonly conditional?: boolean }): Promise<FetchResult>
  readonly options: Readonly<Required<Pick<FetchOptions, 'maxRedirects' | 'maxBytes' | 'timeoutMs' | 'retries' | 'userAgent'>>>
}

/** Default User-Agent; names the project so site owners can find who is crawling. */
export const defaultUserAgent = 'ParallaxBot/0.1 (+https://github.com/parallax-news/parallax)'

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true })
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
}

const retryStatuses = new Set([429, 500, 502, 503, 504])

/** Parse Retry-After (seconds or an HTTP date) into ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function hostAllowedPrivate(allow: FetchOptions['allowPrivate'], hostname: string): boolean {
  if (allow === true) return true
  if (!allow) return false
  const host = hostname.toLowerCase()
  return allow.some((h) => h.toLowerCase() === host)
}

/**
 * Resolve `url`'s host and check every address against the SSRF policy. Returns the address
 * to connect to; the connection is pinned to it so a second DNS answer (rebinding) cannot
 * change where the request goes.
 */
async function resolveChecked(url: URL, options: FetchOptions, resolve: Resolver): Promise<ResolvedAddress> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: readonly ResolvedAddress[]
  if (isIpLiteral(hostname)) addresses = [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }]
  else {
    try {
      addresses = await resolve(hostname)
    } catch (error) {
      throw new FetchError('dns', `${url.href}: cannot resolve ${hostname} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the host name.`, { cause: error })
    }
  }
  if (addresses.length === 0) throw new FetchError('dns', `${url.href}: ${hostname} has no address. Check the host name.`)
  if (!hostAllowedPrivate(options.allowPrivate, hostname)) {
    for (const a of addresses) {
      const verdict = checkAddress(a.address)
      if (!verdict.allowed) {
        throw new FetchError(
          'blocked-address',
          `${url.href}: refused to connect to ${a.address} (${verdict.range} address of ${hostname}). Only public addresses are fetched; pass --allow-private (allowPrivate) to fetch from an intranet.`,
        )
      }
    }
  }
  return addresses[0] as ResolvedAddress
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip()
    case 'deflate':
      // Servers send both zlib-wrapped and raw deflate; createUnzip handles the wrapped form and gzip.
      return zlib.createInflate()
    case 'br':
      return zlib.createBrotliDecompress()
    default:
      return undefined
  }
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** One HTTP exchange on a pinned address, body streamed through the decoder and counted. */
function exchange(url: URL, pinned: ResolvedAddress, headers: Record<string, string>, options: Required<Pick<FetchOptions, 'maxBytes' | 'timeoutMs'>>): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const lookup: LookupFunction = (_host, opts, callback) => {
      if ((opts as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: pinned.address, family: pinned.family }])
      else callback(null, pinned.address, pinned.family)
    }
    const transport = url.protocol === 'https:' ? https : http
    let settled = false
    const fail = (error: FetchError): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      reject(error)
    }
    const req = transport.request(
      url,
      { method: 'GET', headers, lookup, agent: false, ...(url.protocol === 'https:' ? { servername: url.hostname.replace(/^\[|\]$/g, '') } : {}) },
      (res) => {
        const resHeaders: Record<string, string> = {}
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) resHeaders[k] = Array.isArray(v) ? v.join(', ') : v
        const status = res.statusCode ?? 0
        const declared = Number(resHeaders['content-length'])
        if (!decoderFor(resHeaders['content-encoding']) && Number.isFinite(declared) && declared > options.maxBytes) {
          return fail(new FetchError('too-large', `${url.href}: the response declares ${declared} bytes, over the ${options.maxBytes}-byte limit. Raise maxBytes (--max-bytes) if the page is genuine.`))
        }
        const decoder = decoderFor(resHeaders['content-encoding'])
        const stream: NodeJS.ReadableStream = decoder ? res.pipe(decoder) : res
        const chunks: Buffer[] = []
        let total = 0
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length
          if (total > options.maxBytes) {
            ;(decoder as unknown as { destroy?: () => void } | undefined)?.destroy?.()
            return fail(new FetchError('too-large', `${url.href}: the body exceeds ${options.maxBytes} bytes after decompression; stopped reading. Raise maxBytes (--max-bytes) if the page is genuine.`))
          }
          chunks.push(chunk)
        })
        stream.on('error', (error: Error) => fail(new FetchError('bad-encoding', `${url.href}: the body could not be decompressed (${error.message}).`, { cause: error })))
        res.on('error', (error: Error) => fail(new FetchError('network', `${url.href}: the connection failed while reading (${error.message}).`, { cause: error, retryable: true })))
        stream.on('end', () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          resolvePromise({ status, headers: resHeaders, body: Buffer.concat(chunks) })
        })
      },
    )
    const timer = setTimeout(() => fail(new FetchError('timeout', `${url.href}: no complete response within ${options.timeoutMs} ms. Raise timeoutMs (--timeout) for slow sites.`, { retryable: true })), options.timeoutMs)
    req.on('error', (error: NodeJS.ErrnoException) => fail(new FetchError('network', `${url.href}: ${error.code ?? error.message}.`, { cause: error, retryable: true })))
    req.end()
  })
}

/**
 * Create a fetcher. Every hop (the first request and each redirect) resolves the host,
 * refuses non-public addresses unless `allowPrivate`, and connects only to the checked
 * address. Bodies are decompressed as they stream and cut at `maxBytes`; 429/5xx and network
 * errors are retried with exponential backoff, honouring Retry-After; requests to one host
 * are spaced by `minIntervalMs`; with `validators`, GETs are conditional and 304 is reported.
 *
 * @example
 * const fetcher = createFetcher({ minIntervalMs: 2000 })
 * const page = await fetcher.fetch('https://example.com/news/1')
 */
export function createFetcher(options: FetchOptions = {}): Fetcher {
  const resolve = options.resolve ?? systemResolver
  const limiter = options.limiter ?? createHostLimiter(options.minIntervalMs ?? 1000)
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const settings = {
    maxRedirects: options.maxRedirects ?? 5,
    maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    userAgent: options.userAgent ?? defaultUserAgent,
  }
  const backoffMs = options.backoffMs ?? 1000
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000

  async function once(start: string, accept: string, conditional: boolean): Promise<FetchResult> {
    let url: URL
    try {
      url = new URL(start)
    } catch {
      throw new FetchError('bad-url', `${JSON.stringify(start)} is not a URL; give an absolute http(s) URL.`)
    }
    const redirects: string[] = []
    const remembered = conditional && options.validators ? await options.validators.get(url.href) : undefined
    for (;;) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new FetchError('bad-url', `${url.href}: only http and https URLs are fetched${redirects.length ? ' (reached by a redirect)' : ''}.`)
      }
      if (url.username || url.password) throw new FetchError('bad-url', `${url.href}: URLs with credentials are not fetched.`)
      const pinned = await resolveChecked(url, options, resolve)
      const headers: Record<string, string> = {
        'user-agent': settings.userAgent,
        accept,
        'accept-encoding': 'gzip, deflate, br',
        ...options.headers,
      }
      if (redirects.length === 0 && remembered?.etag) headers['if-none-match'] = remembered.etag
      if (redirects.length === 0 && remembered?.lastModified) headers['if-modified-since'] = remembered.lastModified
      await limiter.wait(url.host)
      const probe = await exchange(url, pinned, headers, settings)
      if (probe.status >= 300 && probe.status < 400 && probe.status !== 304 && probe.headers['location']) {
        if (redirects.length >= settings.maxRedirects) {
          throw new FetchError('too-many-redirects', `${start}: more than ${settings.maxRedirects} redirects; stopped at ${url.href}.`)
        }
        let next: URL
        try {
          next = new URL(probe.headers['location'], url)
        } catch {
          throw new FetchError('bad-url', `${url.href}: redirect to an unreadable location ${JSON.stringify(probe.headers['location'])}.`)
        }
        redirects.push(next.href)
        url = next
        continue
      }
      return { requestedUrl: start, url: url.href, status: probe.status, headers: probe.headers, body: probe.body, notModified: probe.status === 304, redirects }
    }
  }

  return {
    options: settings,
    async fetch(start, init = {}) {
      const accept = init.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
      const conditional = init.conditional ?? true
      for (let attempt = 0; ; attempt++) {
        let result: FetchResult | undefined
        let error: FetchError | undefined
        try {
          result = await once(start, accept, conditional)
        } catch (e) {
          if (!(e instanceof FetchError)) throw e
          error = e
        }
        const retryable = error ? error.retryable : retryStatuses.has((result as FetchResult).status)
        if (!retryable || attempt >= settings.retries) {
          if (error) throw error
          const r = result as FetchResult
          if (r.status >= 400) {
            throw new FetchError('http-status', `${r.url}: HTTP ${r.status}${attempt > 0 ? ` after ${attempt + 1} attempts` : ''}.`, { status: r.status })
          }
          if (r.status === 200 && options.validators && (r.headers['etag'] || r.headers['last-modified'])) {
            await options.validators.set(start, {
              ...(r.headers['etag'] ? { etag: r.headers['etag'] } : {}),
              ...(r.headers['last-modified'] ? { lastModified: r.headers['last-modified'] } : {}),
            })
          }
          return r
        }
        let delay = backoffMs * 2 ** attempt * (0.75 + Math.random() * 0.5)
        const retryAfter = result ? parseRetryAfter(result.headers['retry-after']) : undefined
        if (retryAfter !== undefined) {
          if (retryAfter > maxRetryAfterMs) {
            throw new FetchError('http-status', `${start}: HTTP ${(result as FetchResult).status} asking to retry after ${Math.round(retryAfter / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s allowed (maxRetryAfterMs).`, { status: (result as FetchResult).status })
          }
          delay = retryAfter
        }
        await sleep(delay)
      }
    },
  }
}
