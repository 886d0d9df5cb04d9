/** @module ingest/queue — a PostgreSQL job queue (`FOR UPDATE SKIP LOCKED`) shared by ingest workers on many machines. */
import { hostname } from 'node:os'
import { resolveStoreUrl } from '../storage/create-store.js'
import { PipelineError } from '../pipeline/errors.js'
import type { FeedItem } from './feeds.js'
import { inputKind, type Ingester } from './ingest.js'

/** What a job does: expand a feed/sitemap URL (`source`), fetch one article, read a WARC or local file. */
export type JobKind = 'source' | 'article' | 'warc' | 'file'

/** A job to enqueue. `target` is a URL or a path; `item` what a feed said about an article. */
export interface JobInput {
  readonly kind: JobKind
  readonly target: string
  /** The input the job came from (for messages). */
  readonly input?: string
  readonly item?: FeedItem
}

/** A claimed job. */
export interface Job extends JobInput {
  readonly id: number
  readonly attempts: number
}

/** Counts of jobs per state. */
export interface QueueStats {
  readonly queued: number
  readonly running: number
  readonly done: number
  readonly failed: number
}

/**
 * The job queue: one table `ingest_jobs` in the store's PostgreSQL database. Jobs are unique by
 * kind and target (enqueueing the same inputs twice adds nothing; a `source` job that is done
 * is queued again, since feeds change). A worker claims one job with `FOR UPDATE SKIP LOCKED`
 * under a lease; a worker that dies loses its lease and the job is claimed again; a failed job
 * is retried with backoff up to `maxAttempts`, then marked failed with its error.
 */
export interface JobQueue {
  enqueue(jobs: readonly JobInput[]): Promise<number>
  claim(worker: string): Promise<Job | undefined>
  /** Mark a job done, or failed with `error`: retried later when `retry` and attempts remain. */
  complete(job: Job, worker: string, error?: string, retry?: boolean): Promise<void>
  stats(): Promise<QueueStats>
  close(): Promise<void>
}

/** Options of {@link openJobQueue}. */
export interface QueueOptions {
  /** PostgreSQL schema (as given to `createStore`). */
  readonly schema?: string
  /** Lease of a claimed job in seconds (default 300). */
  readonly leaseSeconds?: number
  /** Attempts before a job is marked failed (default 3). */
  readonly maxAttempts?: number
}

/** Open the queue in the PostgreSQL database `url` names, creating its table when missing. */
export async function openJobQueue(url: string | undefined, options: QueueOptions = {}): Promise<JobQueue> {
  const { backend, target } = resolveStoreUrl(url)
  if (backend !== 'postgres') {
    throw new PipelineError('invalid-option', 'The ingest queue needs PostgreSQL: pass --db postgres://user@host:5432/db (SQLite serves one process; run `parallax ingest` without --queue there).')
  }
  const schema = options.schema ?? 'public'
  const lease = options.leaseSeconds ?? 300
  const maxAttempts = options.maxAttempts ?? 3
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: target, max: 2, ...(schema !== 'public' ? { options: `-c search_path=${schema}` } : {}) })
  await pool
    .query(
      `create table if not exists ingest_jobs (
        id bigserial primary key,
        kind text not null,
        target text not null,
        input text,
        item jsonb,
        state text not null default 'queued',
        attempts integer not null default 0,
        run_after timestamptz not null default now(),
        locked_until timestamptz,
        worker text,
        error text,
        created_at timestamptz not null default now(),
        finished_at timestamptz,
        unique (kind, target)
      )`,
    )
    .catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P07') throw error
    })
  await pool.query(`create index if not exists ingest_jobs_ready_idx on ingest_jobs (run_after, id) where state in ('queued', 'running')`).catch((error: { code?: string }) => {
    if (error.code !== '23505' && error.code !== '42P07') throw error
  })
  return {
    async enqueue(jobs) {
      let added = 0
      for (let i = 0; i < jobs.length; i += 500) {
        const batch = jobs.slice(i, i + 500)
        const values: unknown[] = []
        const rows = batch.map((j, k) => {
          values.push(j.kind, j.target, j.input ?? null, j.item ? JSON.stringify(j.item) : null)
          return `($${k * 4 + 1}, $${k * 4 + 2}, $${k * 4 + 3}, $${k * 4 + 4}::jsonb)`
        })
        const res = await pool.query(
          `insert into ingest_jobs (kind, target, input, item) values ${rows.join(', ')}
           on conflict (kind, target) do update set state = 'queued', attempts = 0, run_after = now(), error = null
             where ingest_jobs.kind = 'source' and ingest_jobs.state in ('done', 'failed')`,
          values,
        )
        added += res.rowCount ?? 0
      }
      return added
    },
    async claim(worker) {
      const { rows } = await pool.query(
        `update ingest_jobs set state = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => $2), worker = $1
         where id = (
           select id from ingest_jobs
           where (state = 'queued' and run_after <= now()) or (state = 'running' and locked_until < now())
           order by id for update skip locked limit 1)
         returning id, kind, target, input, item, attempts`,
        [worker, lease],
      )
      const row = rows[0] as { id: string; kind: JobKind; target: string; input: string | null; item: FeedItem | null; attempts: number } | undefined
      if (!row) return undefined
      return { id: Number(row.id), kind: row.kind, target: row.target, attempts: row.attempts, ...(row.input ? { input: row.input } : {}), ...(row.item ? { item: row.item } : {}) }
    },
    async complete(job, worker, error, retry = true) {
      if (error === undefined) {
        await pool.query(`update ingest_jobs set state = 'done', finished_at = now(), locked_until = null, error = null where id = $1 and worker = $2`, [job.id, worker])
      } else if (!retry || job.attempts >= maxAttempts) {
        await pool.query(`update ingest_jobs set state = 'failed', finished_at = now(), locked_until = null, error = $3 where id = $1 and worker = $2`, [job.id, worker, error])
      } else {
        await pool.query(`update ingest_jobs set state = 'queued', locked_until = null, error = $3, run_after = now() + make_interval(secs => $4) where id = $1 and worker = $2`, [job.id, worker, error, 5 * 2 ** job.attempts])
      }
    },
    async stats() {
      const { rows } = await pool.query(`select state, count(*)::int as n from ingest_jobs group by state`)
      const out = { queued: 0, running: 0, done: 0, failed: 0 }
      for (const r of rows as { state: keyof QueueStats; n: number }[]) out[r.state] = r.n
      return out
    },
    close: () => pool.end(),
  }
}

/** The jobs for a list of inputs: URLs become `source` jobs, WARC files `warc` jobs, other paths `file` jobs. */
export function jobsForInputs(inputs: readonly string[]): JobInput[] {
  return inputs.map((input) => {
    const kind = inputKind(input)
    return { kind: kind === 'url' ? 'source' : kind === 'warc' ? 'warc' : 'file', target: input, input }
  })
}

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** This worker's name in the queue (default host:pid). */
  readonly worker?: string
  /** Return when no job is queued or running (default false: poll for ever). */
  readonly exitWhenIdle?: boolean
  /** Poll interval when idle, ms (default 500). */
  readonly pollMs?: number
  /** Stop after the current job when aborted. */
  readonly signal?: AbortSignal
  /** Called after each job. */
  readonly onJob?: (job: Job, error?: string) => void
}

/**
 * Run a worker: claim jobs one at a time and run them through `ingester` (which commits each
 * document in its own transaction, exactly once). A `source` job expands a feed or sitemap
 * into `article` jobs for all workers to share. Resolves with the number of jobs run.
 */
export async function runWorker(queue: JobQueue, ingester: Ingester, options: WorkerOptions = {}): Promise<number> {
  const worker = options.worker ?? `${hostname()}:${process.pid}`
  let done = 0
  while (!options.signal?.aborted) {
    const job = await queue.claim(worker)
    if (!job) {
      if (options.exitWhenIdle) {
        const s = await queue.stats()
        if (s.queued === 0 && s.running === 0) break
      }
      await new Promise((r) => setTimeout(r, options.pollMs ?? 500))
      continue
    }
    let error: string | undefined
    // The fetcher already retried transient failures: an article it gave up on is final.
    let retry = true
    try {
      const before = ingester.summary().failed
      const input = job.input ?? job.target
      switch (job.kind) {
        case 'source': {
          const found = await ingester.list(job.target)
          if (found.kind === 'article') await ingester.article(input, job.target)
          else {
            await queue.enqueue(found.articles.map((a) => ({ kind: 'article', target: a.url, input, ...(a.item ? { item: a.item } : {}) })))
            await ingester.inline(input, found.inline)
          }
          break
        }
        case 'article':
          await ingester.article(input, job.target, job.item)
          break
        case 'warc':
          await ingester.warc(job.target)
          break
        case 'file':
          await ingester.files([job.target])
          break
      }
      const summary = ingester.summary()
      if (summary.failed > before) {
        error = summary.messages.at(-1)?.reason ?? 'failed'
        retry = false
      }
    } catch (e) {
      error = (e as Error).message
    }
    await queue.complete(job, worker, error, retry)
    options.onJob?.(job, error)
    done++
  }
  return done
}
