/** @module ingest/fetch.test — the safe fetcher against local fixtures: SSRF guard, caps, retries, conditional GET, robots. */
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkAddress } from './address-policy.js'
import { FetchError } from './errors.js'
import { createFetcher, parseRetryAfter, type Resolver } from './fetch.js'
import { startFixtureServer, type FixtureServer } from './fixture-server.js'
import { createHostLimiter } from './rate-limit.js'
import { createRobotsPolicy } from './robots.js'

let server: FixtureServer
let hits: Record<string, number> = {}
const count = (k: string): number => (hits[k] = (hits[k] ?? 0) + 1)
const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024))
const brBomb = zlib.brotliCompressSync(Buffer.alloc(64 * 1024 * 1024))

beforeAll(async () => {
  server = await startFixtureServer({
    '/ok': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>'),
    '/to-loopback': (_q, r) => r.writeHead(302, { location: `http://127.0.0.1:${server.port}/ok` }).end(),
    '/to-private': (_q, r) => r.writeHead(301, { location: 'http://10.0.0.1/admin' }).end(),
    '/to-metadata': (_q, r) => r.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-mapped': (_q, r) => r.writeHead(302, { location: 'http://[::ffff:127.0.0.1]/' }).end(),
    '/to-evil-name': (_q, r) => r.writeHead(302, { location: `http://evil.test:${server.port}/ok` }).end(),
    '/to-same': (_q, r) => r.writeHead(302, { location: '/ok' }).end(),
    '/to-file': (_q, r) => r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/loop': (_q, r) => r.writeHead(302, { location: '/loop' }).end(),
    '/slow': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' })
      r.write('<p>')
      setTimeout(() => r.end('late</p>'), 3000).unref()
    },
    '/huge': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' })
      const chunk = Buffer.alloc(64 * 1024, 0x61)
      let sent = 0
      const pump = (): void => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length
          if (!r.write(chunk)) return void r.once('drain', pump)
        }
        r.end()
      }
      pump()
    },
    '/huge-declared': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) }).end(),
    '/gzip-bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb),
    '/br-bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(brBomb),
    '/gzip-ok': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync('<p>zipped</p>')),
    '/429': (_q, r) => (count('429') === 1 ? r.writeHead(429, { 'retry-after': '1' }).end() : r.writeHead(200).end('after 429')),
    '/503': (_q, r) => (count('503') < 3 ? r.writeHead(503).end() : r.writeHead(200).end('after 503')),
    '/429-long': (_q, r) => r.writeHead(429, { 'retry-after': '3600' }).end(),
    '/404': (_q, r) => r.writeHead(404).end(),
    '/etag': (q, r) => (q.headers['if-none-match'] === '"v1"' ? r.writeHead(304).end() : r.writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 19 May 2025 10:00:00 GMT' }).end('<p>v1</p>')),
    '/robots.txt': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n\nUser-agent: ParallaxBot\nDisallow: /no-bots\nCrawl-delay: 1\n'),
  })
})
afterAll(() => server.close())

/** Test resolver: "public" names map to the fixture's loopback address; evil.test to a private one. */
const resolver = (calls: string[] = []): Resolver => async (name) => {
  calls.push(name)
  if (name === 'evil.test') return [{ address: '10.0.0.7', family: 4 }]
  if (name.endsWith('.test') || name.endsWith('.invalid')) return [{ address: '127.0.0.1', family: 4 }]
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
}
const quick = { minIntervalMs: 0, retries: 0, backoffMs: 1 }
const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: unknown) => (e instanceof FetchError ? e.code : `crash: ${String(e)}`))

describe('address policy', () => {
  test.each([
    ['127.0.0.1', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'], ['100.64.0.1', 'carrierGradeNat'], ['0.0.0.0', 'unspecified'], ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'], ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'linkLocal'], ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:a9fe:a9fe', 'linkLocal'], ['64:ff9b::a00:1', 'private'], ['2002:7f00:1::', 'loopback'],
    ['not-an-ip', 'invalid'],
  ])('%s is refused as %s', (address, range) => {
    expect(checkAddress(address)).toEqual({ allowed: false, range })
  })
  test.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('%s is public', (address) => {
    expect(checkAddress(address)).toEqual({ allowed: true })
  })
})

describe('SSRF guard', () => {
  test('allowPrivate fetches the loopback fixture', async () => {
    const res = await createFetcher({ ...quick, allowPrivate: true }).fetch(server.url('/ok'))
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('<p>hello</p>')
  })

  test('without allowPrivate, loopback literals and names resolving to private addresses are refused', async () => {
    const fetcher = createFetcher({ ...quick, resolve: resolver() })
    expect(await codeOf(fetcher.fetch(server.url('/ok')))).toBe('blocked-address')
    expect(await codeOf(fetcher.fetch(`http://news.test:${server.port}/ok`))).toBe('blocked-address')
    expect(await codeOf(fetcher.fetch('http://169.254.169.254/latest/meta-data/'))).toBe('blocked-address')
    expect(await codeOf(fetcher.fetch('http://[::ffff:127.0.0.1]/'))).toBe('blocked-address')
    expect(await codeOf(fetcher.fetch('http://[::1]/'))).toBe('blocked-address')
    await expect(fetcher.fetch('http://100.100.100.200/')).rejects.toThrow(/--allow-private/)
  })

  test.each([
    ['/to-loopback', 'blocked-address'],
    ['/to-private', 'blocked-address'],
    ['/to-metadata', 'blocked-address'],
    ['/to-mapped', 'blocked-address'],
    ['/to-evil-name', 'blocked-address'],
    ['/to-file', 'bad-url'],
    ['/loop', 'too-many-redirects'],
    ['/to-same', 'ok'],
  ])('a redirect hop %s from an allowed host → %s', async (path, code) => {
    // Only news.test may be private (an intranet host); every hop is checked again.
    const fetcher = createFetcher({ ...quick, allowPrivate: ['news.test'], resolve: resolver(), maxRedirects: 3 })
    expect(await codeOf(fetcher.fetch(`http://news.test:${server.port}${path}`))).toBe(code)
  })

  test('the connection is pinned to the checked address (one resolution per hop, no second DNS lookup)', async () => {
    const calls: string[] = []
    // `.invalid` never resolves in real DNS: success proves the request used the checked address.
    const res = await createFetcher({ ...quick, allowPrivate: true, resolve: resolver(calls) }).fetch(`http://pinned.invalid:${server.port}/to-same`)
    expect(res.body.toString()).toBe('<p>hello</p>')
    expect(res.redirects).toEqual([`http://pinned.invalid:${server.port}/ok`])
    expect(calls).toEqual(['pinned.invalid', 'pinned.invalid'])
  })
})

describe('limits', () => {
  test.each([
    ['/huge', 'too-large'],
    ['/huge-declared', 'too-large'],
    ['/gzip-bomb', 'too-large'],
    ['/br-bomb', 'too-large'],
  ])('%s → %s, quickly', async (path, code) => {
    const started = Date.now()
    expect(await codeOf(createFetcher({ ...quick, allowPrivate: true, maxBytes: 1024 * 1024 }).fetch(server.url(path)))).toBe(code)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  test('gzip bodies are decompressed', async () => {
    expect((await createFetcher({ ...quick, allowPrivate: true }).fetch(server.url('/gzip-ok'))).body.toString()).toBe('<p>zipped</p>')
  })

  test('a slow response times out', async () => {
    const started = Date.now()
    expect(await codeOf(createFetcher({ ...quick, allowPrivate: true, timeoutMs: 300 }).fetch(server.url('/slow')))).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('politeness', () => {
  test('429 with Retry-After waits as asked, then succeeds', async () => {
    hits = {}
    const waits: number[] = []
    const fetcher = createFetcher({ ...quick, retries: 2, allowPrivate: true, sleep: async (ms) => void waits.push(ms) })
    expect((await fetcher.fetch(server.url('/429'))).body.toString()).toBe('after 429')
    expect(waits).toEqual([1000])
  })

  test('503 is retried with growing backoff', async () => {
    hits = {}
    const waits: number[] = []
    const fetcher = createFetcher({ ...quick, retries: 3, backoffMs: 100, allowPrivate: true, sleep: async (ms) => void waits.push(ms) })
    expect((await fetcher.fetch(server.url('/503'))).body.toString()).toBe('after 503')
    expect(waits).toHaveLength(2)
    expect(waits[1]! > waits[0]!).toBe(true)
  })

  test('a Retry-After longer than allowed fails with a clear message; 404 is not retried', async () => {
    const fetcher = createFetcher({ ...quick, retries: 2, allowPrivate: true, sleep: async () => undefined })
    await expect(fetcher.fetch(server.url('/429-long'))).rejects.toThrow(/retry after 3600 s/)
    expect(await codeOf(fetcher.fetch(server.url('/404')))).toBe('http-status')
  })

  test.each([
    ['120', 120_000],
    ['Mon, 19 May 2025 10:01:00 GMT', 60_000],
    ['soon', undefined],
  ])('Retry-After %s → %s ms', (value, ms) => {
    expect(parseRetryAfter(value, Date.parse('Mon, 19 May 2025 10:00:00 GMT'))).toBe(ms)
  })

  test('conditional GET: the second fetch sends the ETag and gets 304', async () => {
    const store = new Map<string, { etag?: string; lastModified?: string }>()
    const fetcher = createFetcher({ ...quick, allowPrivate: true, validators: { get: (u) => store.get(u), set: (u, v) => void store.set(u, v) } })
    const first = await fetcher.fetch(server.url('/etag'))
    expect(first.notModified).toBe(false)
    expect(store.get(server.url('/etag'))).toEqual({ etag: '"v1"', lastModified: 'Mon, 19 May 2025 10:00:00 GMT' })
    const second = await fetcher.fetch(server.url('/etag'))
    expect(second.notModified).toBe(true)
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"')
  })

  test('robots.txt: disallowed paths are refused, others allowed, Crawl-delay raises the spacing', async () => {
    const limiter = createHostLimiter(0)
    const fetcher = createFetcher({ ...quick, allowPrivate: true, limiter })
    const robots = createRobotsPolicy(fetcher, { limiter })
    await expect(robots.check(server.url('/ok'))).resolves.toBeUndefined()
    expect(await codeOf(robots.check(server.url('/no-bots/a')))).toBe('robots-disallowed')
    expect(await codeOf(robots.check(server.url('/private/x')))).toBe('ok')
    const started = Date.now()
    await limiter.wait(`127.0.0.1:${server.port}`)
    await limiter.wait(`127.0.0.1:${server.port}`)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  test('per-host spacing: two requests to one host are minIntervalMs apart, other hosts do not wait', async () => {
    const limiter = createHostLimiter(300)
    const started = Date.now()
    await Promise.all([limiter.wait('a.test'), limiter.wait('b.test')])
    expect(Date.now() - started).toBeLessThan(200)
    await limiter.wait('a.test')
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })
})
