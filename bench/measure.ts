/** @module bench/measure — timing and memory helpers shared by the benchmark parts. */

/** Seconds per repeat of one measured step, with the work it covered. */
export interface Measurement {
  /** Stage or step name. */
  readonly name: string
  /** What the step belongs to: `parallax`, `js-chain`. */
  readonly system: string
  /** Which input it ran on: `text` (the bench corpus) or `html` (the extraction pages). */
  readonly input: 'text' | 'html'
  /** Articles processed per repeat. */
  readonly articles: number
  /** Input bytes (UTF-8) per repeat. */
  readonly bytes: number
  /** Wall seconds of each repeat, in run order. */
  readonly seconds: readonly number[]
  /** Largest `heapUsed` seen during the step, MB. */
  readonly peakHeapMB: number
}

/** Throughput of a measurement from its best and its median repeat. */
export interface Throughput {
  readonly bestArticlesPerSecond: number
  readonly medianArticlesPerSecond: number
  readonly bestMBPerSecond: number
  readonly medianMBPerSecond: number
  /** Milliseconds per article, from the best repeat. */
  readonly msPerArticle: number
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Articles/s and MB/s of a measurement, best (fastest repeat) and median. */
export function throughput(m: Measurement): Throughput {
  const best = Math.min(...m.seconds)
  const med = median(m.seconds)
  const mb = m.bytes / 1e6
  return {
    bestArticlesPerSecond: m.articles / best,
    medianArticlesPerSecond: m.articles / med,
    bestMBPerSecond: mb / best,
    medianMBPerSecond: mb / med,
    msPerArticle: (best * 1000) / m.articles,
  }
}

/** Tracks the peak `heapUsed` between `reset()` calls; sample it inside loops. */
export class HeapPeak {
  #peak = 0
  /** Take a sample now. */
  sample(): void {
    const used = process.memoryUsage().heapUsed
    if (used > this.#peak) this.#peak = used
  }
  /** Peak since the last reset, MB. */
  get mb(): number {
    return this.#peak / 1e6
  }
  /** Start a new window (after a collection where `--expose-gc` allows one). */
  reset(): void {
    collectGarbage()
    this.#peak = 0
    this.sample()
  }
}

/** Run a full collection when node runs with `--expose-gc`, so repeats start alike. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
}

/** Peak resident set size of this process so far, MB. */
export function peakRssMB(): number {
  return (process.resourceUsage().maxRSS * 1024) / 1e6
}

/** UTF-8 byte length of a string. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * Time `repeats` runs of `step` over `items` (one call per item, awaited when it returns a
 * promise), sampling the heap every 16 items. Returns the measurement.
 */
export async function timeEach<T>(
  spec: { name: string; system: string; input: 'text' | 'html'; bytes: number; repeats: number },
  items: readonly T[],
  step: (item: T, index: number) => unknown,
): Promise<Measurement> {
  const seconds: number[] = []
  const heap = new HeapPeak()
  let peak = 0
  for (let r = 0; r < spec.repeats; r++) {
    heap.reset()
    const t0 = performance.now()
    for (let i = 0; i < items.length; i++) {
      const out = step(items[i] as T, i)
      if (out instanceof Promise) await out
      if ((i & 15) === 15) heap.sample()
    }
    seconds.push((performance.now() - t0) / 1000)
    heap.sample()
    peak = Math.max(peak, heap.mb)
  }
  return { name: spec.name, system: spec.system, input: spec.input, articles: items.length, bytes: spec.bytes, seconds, peakHeapMB: peak }
}
