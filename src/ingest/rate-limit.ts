/** @module ingest/rate-limit — space requests to the same host. */

/** Spaces requests per host; `wait` resolves when the host may be contacted again. */
export interface HostLimiter {
  /** Wait for the host's turn and claim it. */
  wait(host: string): Promise<void>
  /** Raise the spacing for one host (e.g. to its robots.txt Crawl-delay), in ms. */
  setInterval(host: string, ms: number): void
}

/**
 * Create a per-host limiter: two requests to one host start at least `minIntervalMs` apart
 * (or the host's own interval when {@link HostLimiter.setInterval} raised it). Different hosts
 * do not wait for each other. Turns are claimed in call order.
 */
export function createHostLimiter(minIntervalMs: number, now: () => number = Date.now): HostLimiter {
  const next = new Map<string, number>()
  const intervals = new Map<string, number>()
  return {
    async wait(host) {
      const key = host.toLowerCase()
      const t = now()
      const at = Math.max(t, next.get(key) ?? 0)
      next.set(key, at + Math.max(minIntervalMs, intervals.get(key) ?? 0))
      if (at > t) await new Promise((r) => setTimeout(r, at - t))
    },
    setInterval(host, ms) {
      intervals.set(host.toLowerCase(), ms)
    },
  }
}
