/**
 * @module bench/run — `npm run bench`: Parallax per stage and whole, beside the JS chain, on the fixed corpus.
 *
 * Each system runs in its own child process (so peak memory is its own), one after the
 * other, pinned to one CPU with `taskset` where available. Options:
 * `--quick` (200 articles, 10 pages, 1 repeat), `--size N`, `--pages N`, `--repeats N`
 * (Parallax, default 5), `--js-repeats N` (JS chain, default 2), `--only parallax|js-chain`,
 * `--cpu N` (default: the last CPU), `--no-pin`, `--json PATH` (write all results).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { intOption, parseOptions } from './args.js'
import { corpusDigest, defaultCacheDir, loadBenchCorpus, loadExtractionPages } from './corpus.js'
import { throughput, utf8Bytes, type Measurement } from './measure.js'
import { runJsChain, runParallax, type PartResult } from './parts.js'


/**
 * V8 flags of both measured processes: the young generation the `parallax` CLI runs with
 * (bin/parallax). With V8's default (16 MB semi-spaces) the pipeline spends ~9 % of its time in
 * scavenges; 32 MB made it 8–15 % faster here. The JS chain gets the same flags.
 */
export const nodeFlags = ['--max-semi-space-size=32']
/** Parsed command-line options. */
export interface BenchArgs {
  size: number
  pages: number
  repeats: number
  jsRepeats: number
  only: ('parallax' | 'js-chain')[]
  cpu: number | undefined
  pin: boolean
  json: string | undefined
  part: 'parallax' | 'js-chain' | undefined
  out: string | undefined
}

/** Parse `process.argv.slice(2)` (node:util parseArgs, strict: an unknown option is an error). */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const values = parseOptions(
    argv,
    {
      quick: { type: 'boolean' },
      size: { type: 'string' },
      pages: { type: 'string' },
      repeats: { type: 'string' },
      'js-repeats': { type: 'string' },
      only: { type: 'string' },
      cpu: { type: 'string' },
      'no-pin': { type: 'boolean' },
      json: { type: 'string' },
      part: { type: 'string' },
      out: { type: 'string' },
    },
    'bench/run.ts',
  )
  const system = (name: string, v: string | undefined): 'parallax' | 'js-chain' | undefined => {
    if (v === undefined || v === 'parallax' || v === 'js-chain') return v
    throw new Error(`--${name} ${JSON.stringify(v)}: give parallax or js-chain`)
  }
  const quick = values.quick === true
  const only = system('only', values.only)
  return {
    size: intOption('size', values.size) ?? (quick ? 200 : 2000),
    pages: intOption('pages', values.pages, 0) ?? (quick ? 10 : 61),
    repeats: intOption('repeats', values.repeats) ?? (quick ? 1 : 5),
    jsRepeats: intOption('js-repeats', values['js-repeats']) ?? (quick ? 1 : 2),
    only: only ? [only] : ['parallax', 'js-chain'],
    cpu: intOption('cpu', values.cpu, 0),
    pin: values['no-pin'] !== true,
    json: values.json,
    part: system('part', values.part),
    out: values.out,
  }
}

const fmt = (n: number, digits = 1): string => (n >= 100 ? n.toFixed(0) : n.toFixed(digits))

/** Render the results as a fixed-width table plus the ratios. */
export function formatReport(results: readonly PartResult[], header: string): string {
  const lines = [header, '']
  lines.push(`${'system'.padEnd(9)}${'input'.padEnd(6)}${'step'.padEnd(52)}${'articles/s best (median)'.padStart(26)}${'MB/s best'.padStart(11)}${'ms/article'.padStart(12)}${'heap MB'.padStart(9)}`)
  for (const part of results) {
    for (const m of part.measurements) {
      const t = throughput(m)
      lines.push(
        `${m.system.padEnd(9)}${m.input.padEnd(6)}${m.name.padEnd(52)}${`${fmt(t.bestArticlesPerSecond)} (${fmt(t.medianArticlesPerSecond)})`.padStart(26)}${fmt(t.bestMBPerSecond, 2).padStart(11)}${t.msPerArticle.toFixed(2).padStart(12)}${fmt(m.peakHeapMB).padStart(9)}`,
      )
    }
  }
  lines.push('')
  for (const part of results) lines.push(`peak RSS ${part.system}: ${fmt(part.peakRssMB)} MB (${fmt(part.baselineRssMB)} MB after loading the inputs)`)
  const find = (system: string, name: string): Measurement | undefined =>
    results.flatMap((r) => r.measurements).find((m) => m.system === system && m.name === name)
  const ratio = (label: string, a: Measurement | undefined, b: Measurement | undefined): void => {
    if (!a || !b) return
    const ta = throughput(a)
    const tb = throughput(b)
    lines.push(`ratio ${label}: ${(ta.bestArticlesPerSecond / tb.bestArticlesPerSecond).toFixed(1)}× best (${(ta.medianArticlesPerSecond / tb.medianArticlesPerSecond).toFixed(1)}× median)`)
  }
  ratio('Parallax pipeline / JS chain (compromise + chrono-node), text', find('parallax', 'pipeline (standardPipeline)'), find('js-chain', 'chain (compromise + chrono-node)'))
  ratio('Parallax analyzeDocuments / JS chain, text', find('parallax', 'analyzeDocuments (pipeline + corpus stages)'), find('js-chain', 'chain (compromise + chrono-node)'))
  ratio('Parallax extractArticle / Readability over linkedom, html', find('parallax', 'extractArticle'), find('js-chain', 'Readability over linkedom'))
  ratio('Parallax extract + pipeline / Readability + compromise + chrono-node, html', find('parallax', 'extractArticle + pipeline'), find('js-chain', 'Readability + compromise + chrono-node'))
  return lines.join('\n')
}

async function runPart(args: BenchArgs): Promise<void> {
  const articles = loadBenchCorpus({ size: args.size })
  const pages = (await loadExtractionPages()).slice(0, args.pages)
  const result =
    args.part === 'parallax'
      ? await runParallax(articles, pages, { repeats: args.repeats })
      : await runJsChain(articles, pages, { repeats: args.jsRepeats })
  if (!args.out) throw new Error('--part needs --out')
  writeFileSync(args.out, JSON.stringify(result))
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.part) return runPart(args)
  const articles = loadBenchCorpus({ size: args.size })
  const pages = (await loadExtractionPages()).slice(0, args.pages)
  const cpu = args.cpu ?? availableParallelism() - 1
  let pin = args.pin
  if (pin) {
    try {
      execFileSync('taskset', ['-c', String(cpu), 'true'], { stdio: 'ignore' })
    } catch {
      pin = false
    }
  }
  // Results travel through files under .bench-cache (not the shared /tmp, where others clean up).
  mkdirSync(defaultCacheDir(), { recursive: true })
  const dir = mkdtempSync(join(defaultCacheDir(), 'run-'))
  const results: PartResult[] = []
  const script = fileURLToPath(import.meta.url)
  try {
    for (const part of args.only) {
      const out = join(dir, `${part}.json`)
      const childArgs = [...process.execArgv, ...nodeFlags, '--expose-gc', script, ...process.argv.slice(2), '--part', part, '--out', out]
      process.stderr.write(`bench: running ${part}${pin ? ` on CPU ${cpu}` : ''}…\n`)
      const child = pin
        ? spawnSync('taskset', ['-c', String(cpu), process.execPath, ...childArgs], { stdio: 'inherit' })
        : spawnSync(process.execPath, childArgs, { stdio: 'inherit' })
      if (child.status !== 0) throw new Error(`bench part ${part} failed (exit ${child.status ?? child.signal})`)
      results.push(JSON.parse(readFileSync(out, 'utf8')) as PartResult)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const mb = articles.reduce((n, a) => n + utf8Bytes(a.text), 0) / 1e6
  const htmlMb = pages.reduce((n, p) => n + utf8Bytes(p.html), 0) / 1e6
  const header = [
    `Parallax bench, ${new Date().toISOString()}`,
    `corpus: ${articles.length} articles, ${mb.toFixed(2)} MB of text, digest ${corpusDigest(articles)}; ${pages.length} HTML pages, ${htmlMb.toFixed(2)} MB`,
    `node ${process.version} ${nodeFlags.join(' ')} (both systems), ${cpus()[0]?.model ?? 'cpu'}; ${pin ? `each system in its own process pinned to CPU ${cpu} (taskset)` : 'not pinned'}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    `repeats: Parallax ${args.repeats}, JS chain ${args.jsRepeats}; articles/s from the best repeat (median in brackets)`,
  ].join('\n')
  const report = formatReport(results, header)
  process.stdout.write(report + '\n')
  if (args.json) writeFileSync(args.json, JSON.stringify({ header, args, results }, null, 2))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  })
}
