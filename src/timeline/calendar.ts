/** @module timeline/calendar — the little day arithmetic the corpus stages need. */

/** Days since 1970-01-01 of an ISO day `YYYY-MM-DD`, or undefined when it is not one. */
export function dayNumber(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!match) return undefined
  const t = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(t) ? undefined : Math.round(t / 86_400_000)
}

/** ISO day `YYYY-MM-DD` of a day number. */
export function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
export function weekdayOf(n: number): number {
  const w = new Date(n * 86_400_000).getUTCDay()
  return w === 0 ? 7 : w
}

/** English weekday names, index 1 = Monday. */
export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** The first and last day numbers a TIMEX3 calendar value covers (a day, an ISO week, a month, a year), or undefined. */
export function valueRange(value: string): { first: number; last: number } | undefined {
  const day = dayNumber(value)
  if (day !== undefined) return { first: day, last: day }
  const week = /^(\d{4})-W(\d{2})$/.exec(value)
  if (week) {
    const jan4 = Date.UTC(Number(week[1]), 0, 4) / 86_400_000
    const monday = jan4 - (weekdayOf(jan4) - 1) + (Number(week[2]) - 1) * 7
    return { first: monday, last: monday + 6 }
  }
  const month = /^(\d{4})-(\d{2})$/.exec(value)
  if (month) {
    const first = Date.UTC(Number(month[1]), Number(month[2]) - 1, 1) / 86_400_000
    const last = Date.UTC(Number(month[1]), Number(month[2]), 1) / 86_400_000 - 1
    return { first, last }
  }
  return undefined
}
