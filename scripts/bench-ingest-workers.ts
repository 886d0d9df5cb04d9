/**
 * @module scripts/bench-ingest-workers — articles/s of `parallax worker` with 1 and 2 processes.
 *
 * Serves N article pages and a sitemap from 127.0.0.1 (nothing else is contacted), enqueues the
 * sitemap with `parallax ingest --queue` into a fresh PostgreSQL database, runs K workers with
 * `--exit-when-idle` and reports wall time and articles/s. Usage:
 *   tsx scripts/bench-ingest-workers.ts [N=600] [K...=1 2]
 * LATENCY_MS delays every article response (default 0), to model network-bound crawling.
 * PARALLAX_TEST_POSTGRES names the server (default postgres://postgres@127.0.0.1:5432/test).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'

const n = Number(process.argv[2] ?? 600)
const counts = process.argv.slice(3).map(Number)
const workerCounts = counts.length > 0 ? counts : [1, 2]
const admin = process.env['PARALLAX_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test'
const latency = Number(process.env['LATENCY_MS'] ?? 0)

function page(i: number): string {
  const paragraphs = Array.from({ length: 8 }, (_, k) => `<p>Story ${i}, paragraph ${k + 1}: officials in the capital said on Monday that the talks would resume next week, according to two people familiar with the matter who spoke on condition of anonymity.</p>`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story ${i}</title><meta property="og:title" content="Story ${i}"><meta property="article:published_time" content="2025-05-19T10:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Story ${i}</h1>${paragraphs}</article><footer>© News</footer></body></html>`
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/'
  if (url === '/sitemap.xml') {
    const port = (server.address() as AddressInfo).port
    res.writeHead(200, { 'content-type': 'application/xml' })
    res.end(`<?xml version="1.0"?><urlset>${Array.from({ length: n }, (_, i) => `<url><loc>http://127.0.0.1:${port}/story/${i}</loc></url>`).join('')}</urlset>`)
    return
  }
  const m = /^\/story\/(\d+)$/.exec(url)
  if (m) return void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[1]))), latency)
  res.writeHead(404).end()
})
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const port = (server.address() as AddressInfo).port

function cli(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/parallax.ts', ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('exit', (code) => resolve(code ?? -1))
  })
}

const fetchFlags = ['--allow-private', '--no-robots', '--rate', '0', '--annotate', '-q']
const results: { workers: number; seconds: number; perSecond: number; stored: number }[] = []
for (const k of workerCounts) {
  const name = `bench_ingest_${randomBytes(4).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`create database ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  try {
    // Create the store's tables once, so workers do not race on migrations.
    await cli(['ingest', '--db', url.href, '--queue', `http://127.0.0.1:${port}/sitemap.xml`, '-q'])
    const started = process.hrtime.bigint()
    const codes = await Promise.all(Array.from({ length: k }, () => cli(['worker', '--db', url.href, '--exit-when-idle', ...fetchFlags])))
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const check = new pg.Client({ connectionString: url.href })
    await check.connect()
    const stored = Number((await check.query('select count(*) as n from documents')).rows[0].n)
    await check.end()
    if (codes.some((c) => c !== 0)) throw new Error(`a worker exited with ${codes.join(', ')}`)
    results.push({ workers: k, seconds: Number(seconds.toFixed(1)), perSecond: Number((stored / seconds).toFixed(1)), stored })
    console.log(`${k} worker(s): ${stored}/${n} articles in ${seconds.toFixed(1)} s → ${(stored / seconds).toFixed(1)} articles/s`)
  } finally {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.end()
  }
}
server.close()
console.log(JSON.stringify({ articles: n, latencyMs: latency, results }))
