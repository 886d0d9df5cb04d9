/** @module ingest/robots — robots.txt rules per origin, fetched once and cached. */
import robotsModule from 'robots-parser'
import { FetchError } from './errors.js'
import type { Fetcher } from './fetch.js'
import type { HostLimiter } from './rate-limit.js'

/** Answers whether a URL may be fetched, per its origin's robots.txt. */
export interface RobotsPolicy {
  /** Resolve when `url` is allowed; throw {@link FetchError} `robots-disallowed` when not. */
  check(url: string): Promise<void>
  /** The sitemaps the origin's robots.txt lists. */
  sitemaps(origin: string): Promise<readonly string[]>
}

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined
  getCrawlDelay(ua?: string): number | undefined
  getSitemaps(): string[]
}
// robots-parser is CommonJS (`module.exports = fn`) but its types declare a default export.
const robotsParser = robotsModule as unknown as (url: string, contents: string) => Robot

/**
 * Create a robots.txt policy for `userAgent`. robots.txt is fetched once per origin with the
 * same safe fetcher. As RFC 9309 says: 4xx means everything is allowed; 5xx or an unreachable
 * server means everything is disallowed for this run. A Crawl-delay raises that host's spacing
 * in `limiter`.
 */
export function createRobotsPolicy(fetcher: Fetcher, options: { userAgent?: string; limiter?: HostLimiter } = {}): RobotsPolicy {
  const agent = (options.userAgent ?? fetcher.options.userAgent).split('/')[0] as string
  const cache = new Map<string, Promise<Robot | 'disallow-all'>>()
  const load = (origin: string): Promise<Robot | 'disallow-all'> => {
    let entry = cache.get(origin)
    if (!entry) {
      entry = (async () => {
        const robotsUrl = `${origin}/robots.txt`
        try {
          const res = await fetcher.fetch(robotsUrl, { accept: 'text/plain', conditional: false })
          return robotsParser(robotsUrl, res.body.toString('utf8').slice(0, 500_000))
        } catch (error) {
          if (error instanceof FetchError && error.code === 'http-status' && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500) return robotsParser(robotsUrl, '')
          if (error instanceof FetchError && error.code === 'blocked-address') throw error
          return 'disallow-all'
        }
      })()
      cache.set(origin, entry)
    }
    return entry
  }
  return {
    async check(url) {
      const parsed = new URL(url)
      const robot = await load(parsed.origin)
      if (robot === 'disallow-all') {
        throw new FetchError('robots-disallowed', `${url}: robots.txt of ${parsed.origin} could not be read (server error or unreachable), so nothing there is fetched this run.`)
      }
      if (robot.isAllowed(url, agent) === false) {
        throw new FetchError('robots-disallowed', `${url}: disallowed by ${parsed.origin}/robots.txt for ${agent}.`)
      }
      const delay = robot.getCrawlDelay(agent)
      if (delay !== undefined && delay > 0 && options.limiter) options.limiter.setInterval(parsed.host, Math.min(delay, 60) * 1000)
    },
    async sitemaps(origin) {
      const robot = await load(origin)
      return robot === 'disallow-all' ? [] : robot.getSitemaps()
    },
  }
}
