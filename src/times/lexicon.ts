/** @module times/lexicon — words of English time expressions and their values. */

/** Month name or abbreviation (lower case, no dot) → month number. */
export const months: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
}

/** Weekday name or abbreviation → ISO weekday (1 = Monday). */
export const weekdays: Readonly<Record<string, number>> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
}

/** Season word → TIMEX3 season code. */
export const seasons: Readonly<Record<string, string>> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' }

/** Part-of-day word → TIMEX3 code. */
export const partsOfDay: Readonly<Record<string, string>> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI', 'mid-afternoon': 'AF', 'mid afternoon': 'AF', midday: 'MI', daytime: 'DT',
}

const units: Readonly<Record<string, number>> = {
  zero: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  single: 1, couple: 2, dozen: 12, half: 0.5,
}
const tens: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }

/** Regex source of a cardinal written in digits or words ("24", "twenty-four", "a", "a few"). */
export const numberSource =
  '(?:\\d+(?:[.,]\\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundreds of|a dozen|dozens of|a couple of|a couple|couple of|a few|few|several|many|a|an)'

/** Value of a cardinal matched by {@link numberSource}: a number, or 'X' when vague ("several"). */
export function parseNumber(raw: string): number | 'X' {
  const s = raw.toLowerCase().trim()
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s)
  if (/^\d+,\d{3}$/.test(s)) return Number(s.replace(',', ''))
  if (/^\d+,\d+$/.test(s)) return Number(s.replace(',', '.'))
  if (s === 'a hundred' || s === 'one hundred') return 100
  if (s === 'a dozen') return 12
  if (s === 'a couple' || s === 'a couple of' || s === 'couple of') return 2
  if (/^(?:a few|few|several|many|hundreds of|dozens of)$/.test(s)) return 'X'
  const parts = s.split(/[- ]/)
  let total = 0
  for (const part of parts) {
    const v = tens[part] ?? units[part]
    if (v === undefined) return 'X'
    total += v
  }
  return total
}

/** Ordinal word → number. */
export const ordinals: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4,
}

/** A time unit and how TIMEX3 writes it: `P3Y`, `PT2H`. */
export interface UnitInfo {
  readonly code: string
  readonly time: boolean
  readonly factor: number
}

/** Unit word (singular, lower case) → TIMEX3 duration code. */
export const unitCodes: Readonly<Record<string, UnitInfo>> = {
  second: { code: 'S', time: true, factor: 1 },
  minute: { code: 'M', time: true, factor: 1 },
  hour: { code: 'H', time: true, factor: 1 },
  day: { code: 'D', time: false, factor: 1 },
  night: { code: 'D', time: false, factor: 1 },
  week: { code: 'W', time: false, factor: 1 },
  weekend: { code: 'WE', time: false, factor: 1 },
  fortnight: { code: 'W', time: false, factor: 2 },
  month: { code: 'M', time: false, factor: 1 },
  quarter: { code: 'Q', time: false, factor: 1 },
  year: { code: 'Y', time: false, factor: 1 },
  decade: { code: 'Y', time: false, factor: 10 },
  century: { code: 'Y', time: false, factor: 100 },
}

/** Singular form of a unit word ("centuries" → "century", "Years" → "year"). */
export function unitOf(raw: string): string {
  const s = raw.toLowerCase()
  if (s === 'centuries') return 'century'
  return s.endsWith('s') ? s.slice(0, -1) : s
}

/** Regex source of unit words, singular or plural. */
export const unitSource = '(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|century|centuries)'

/** Regex source of month names: full names, and abbreviations (with or without a dot). */
export const monthSource = '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?\\.?|July?\\.?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)'

/** Regex source of weekday names (capitalised). */
export const weekdaySource = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\\.|Tues?\\.|Wed\\.|Thur?s?\\.|Fri\\.|Sat\\.|Sun\\.)'

/** Month number of a matched month name. */
export function monthOf(raw: string): number {
  return months[raw.toLowerCase().replace(/\.$/, '').slice(0, 3) === 'sep' ? 'sep' : raw.toLowerCase().replace(/\.$/, '')] ?? months[raw.toLowerCase().slice(0, 3)] ?? 0
}

/** ISO weekday of a matched weekday name. */
export function weekdayOf(raw: string): number {
  const s = raw.toLowerCase().replace(/\.$/, '')
  return weekdays[s] ?? weekdays[s.slice(0, 3)] ?? 0
}
