/** @module extract/dates — normalise publication dates found in metadata. */
import * as chrono from 'chrono-node'

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const isoDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/

/**
 * Normalise a metadata date ("2025-05-20", "2025-05-20T10:00:00Z", "May 20, 2025",
 * "Tue, 20 May 2025 10:00:00 GMT") to ISO 8601: `YYYY-MM-DD` when no time is given,
 * a full UTC timestamp otherwise. Returns undefined when it cannot be read as a date.
 */
export function normalizeDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const raw = String(value).trim()
  if (raw === '') return undefined
  const d = isoDate.exec(raw)
  if (d) {
    const [, y, m, day] = d
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(day)))
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(day) ? raw : undefined
  }
  if (isoDateTime.test(raw)) {
    const t = Date.parse(raw.replace(' ', 'T'))
    return Number.isNaN(t) ? undefined : new Date(t).toISOString()
  }
  // Metadata dates must name their year: "yesterday" or "Monday" say nothing without a reference.
  if (!/\b\d{4}\b/.test(raw)) return undefined
  const results = chrono.parse(raw, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false })
  const first = results[0]
  if (!first || first.text.length < raw.length * 0.5) return undefined
  const start = first.start
  if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return undefined
  if (start.isCertain('hour')) return start.date().toISOString()
  const y = String(start.get('year')).padStart(4, '0')
  const m = String(start.get('month')).padStart(2, '0')
  const day = String(start.get('day')).padStart(2, '0')
  return `${y}-${m}-${day}`
}
