/** @module times/calendar — proleptic Gregorian date arithmetic and TIMEX3 formatting. */

/** A calendar day (month 1–12, day 1–31). */
export interface Day {
  readonly y: number
  readonly m: number
  readonly d: number
}

/** Zero-pad a number to `width` digits. */
export function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0')
}

function toUtc(day: Day): Date {
  const date = new Date(Date.UTC(2000, day.m - 1, day.d))
  date.setUTCFullYear(day.y)
  return date
}

function fromUtc(date: Date): Day {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() }
}

/** Add `n` days (negative to go back). */
export function addDays(day: Day, n: number): Day {
  const date = toUtc(day)
  date.setUTCDate(date.getUTCDate() + n)
  return fromUtc(date)
}

/** Add `n` months, clamping the day to the target month's length. */
export function addMonths(day: Day, n: number): Day {
  const index = day.y * 12 + (day.m - 1) + n
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return { y, m, d: Math.min(day.d, daysInMonth(y, m)) }
}

/** Number of days in a month. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** True when the date exists (e.g. not February 30). */
export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(day: Day): number {
  const w = toUtc(day).getUTCDay()
  return w === 0 ? 7 : w
}

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeek(day: Day): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekday(day))
  const jan1 = { y: thursday.y, m: 1, d: 1 }
  const ordinal = Math.round((toUtc(thursday).getTime() - toUtc(jan1).getTime()) / 86_400_000)
  return { year: thursday.y, week: Math.floor(ordinal / 7) + 1 }
}

/** Compare two days: negative when `a` is earlier. */
export function compareDays(a: Day, b: Day): number {
  return a.y - b.y || a.m - b.m || a.d - b.d
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000)
}

/** Format as TIMEX3 `YYYY-MM-DD`. */
export function formatDay(day: Day): string {
  return `${formatYear(day.y)}-${pad(day.m)}-${pad(day.d)}`
}

/** Format a year as four digits. */
export function formatYear(y: number): string {
  return pad(y, 4)
}

/** Format the ISO week of a day as TIMEX3 `YYYY-Www`. */
export function formatWeek(day: Day): string {
  const { year, week } = isoWeek(day)
  return `${formatYear(year)}-W${pad(week)}`
}

/** Parse a TIMEX3/ISO date prefix (`YYYY-MM-DD…`) into a day, or undefined. */
export function parseDay(value: string | null | undefined): Day | undefined {
  if (!value) return undefined
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!match) return undefined
  const day = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) }
  return isValidDay(day.y, day.m, day.d) ? day : undefined
}

/** The Monday of an ISO week. */
export function mondayOfWeek(year: number, week: number): Day {
  const jan4 = { y: year, m: 1, d: 4 }
  return addDays(jan4, (week - 1) * 7 - (weekday(jan4) - 1))
}

/** Quarter (1–4) of a month. */
export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1
}

/** The n-th (1-based) given ISO weekday of a month, e.g. the fourth Thursday of November. */
export function nthWeekday(y: number, m: number, wd: number, n: number): Day {
  const first = { y, m, d: 1 }
  const offset = (wd - weekday(first) + 7) % 7
  return { y, m, d: 1 + offset + (n - 1) * 7 }
}
