/** @module api/params — read and check query parameters; bad values are misuse (400). */
import { PipelineError } from '../pipeline/errors.js'
import type { SearchQuery } from '../storage/store.js'

/** A non-negative integer parameter, or undefined when absent. Throws `PipelineError` (400) otherwise. */
export function intParam(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined || value === '') return undefined
  if (!/^\d{1,9}$/.test(value) || Number(value) > max) throw new PipelineError('invalid-option', `Query parameter \`${name}\` must be an integer from 0 to ${max}, not ${JSON.stringify(value.slice(0, 40))}.`)
  return Number(value)
}

const isoDate = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/** Paging parameters `limit` and `offset`. */
export function pageParams(get: (name: string) => string | undefined): { limit?: number; offset?: number } {
  const limit = intParam('limit', get('limit'), 1000)
  const offset = intParam('offset', get('offset'), 1_000_000)
  return { ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) }
}

/** A {@link SearchQuery} from `q`, `entity`, `source`, `from`, `to`, `limit`, `offset`. */
export function searchParams(get: (name: string) => string | undefined): SearchQuery {
  const query: Record<string, unknown> = {}
  const text = get('q')?.trim()
  if (text) query['text'] = text.slice(0, 500)
  for (const name of ['entity', 'source'] as const) {
    const value = get(name)?.trim()
    if (value) query[name] = value.slice(0, 200)
  }
  for (const name of ['from', 'to'] as const) {
    const value = get(name)?.trim()
    if (!value) continue
    if (!isoDate.test(value)) throw new PipelineError('invalid-option', `Query parameter \`${name}\` must be an ISO date (YYYY-MM-DD), not ${JSON.stringify(value.slice(0, 40))}.`)
    query[name] = value
  }
  const limit = intParam('limit', get('limit'), 200)
  if (limit !== undefined) query['limit'] = limit
  const offset = intParam('offset', get('offset'), 1_000_000)
  if (offset !== undefined) query['offset'] = offset
  return query
}
