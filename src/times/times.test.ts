import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/document.js'
import { checkDocument } from '../document/check-document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { sentences } from '../sentences/index.js'
import { tokens } from '../tokens/index.js'
import { tagTimes, times } from './index.js'

/** The first mention of `expression` in `text` tagged with DCT `published`. */
function tag(text: string, expression: string, published: string | null = '2025-05-20') {
  const found = tagTimes(text, { published })
  const start = text.indexOf(expression)
  return found.find((t) => t.start <= start && start < t.end)
}

// DCT Tuesday 2025-05-20 (ISO week 21), as in the sample pair.
describe('times: expressions resolved against a fixed DCT (2025-05-20, a Tuesday)', () => {
  test.each([
    ['Trump and Putin spoke on May 19.', 'May 19', 'DATE', '2025-05-19'],
    ["Regarding Monday's talk with Putin, Trump said it went well.", 'Monday', 'DATE', '2025-05-19'],
    ['Putin made this clear on Sunday night when he launched drones.', 'Sunday night', 'DATE', '2025-05-18'],
    ['The talks last week in Istanbul failed.', 'last week', 'DATE', '2025-W20'],
    ['They last spoke in February.', 'February', 'DATE', '2025-02'],
    ['The first talks for more than three years ended.', 'more than three years', 'DURATION', 'P3Y'],
    ['After a two-hour call, Trump posted.', 'two-hour', 'DURATION', 'PT2H'],
    ['He said he could end the war in 24 hours.', '24 hours', 'DURATION', 'PT24H'],
    ['The president is now in Rome.', 'now', 'DATE', 'PRESENT_REF'],
    ['Currently, 61 percent disagree.', 'Currently', 'DATE', 'PRESENT_REF'],
    ['The envoy recently met Putin.', 'recently', 'DATE', 'PAST_REF'],
    ['They meet every week.', 'every week', 'SET', 'P1W'],
    ['Oil is checked daily.', 'daily', 'SET', 'P1D'],
    ['The ceasefire began yesterday.', 'yesterday', 'DATE', '2025-05-19'],
    ['The vote is tomorrow.', 'tomorrow', 'DATE', '2025-05-21'],
    ['The summit will be held on Friday.', 'Friday', 'DATE', '2025-05-23'],
    ['Talks resumed on Friday.', 'Friday', 'DATE', '2025-05-16'],
    ['Talks resume next week.', 'next week', 'DATE', '2025-W22'],
    ['Sales rose this year.', 'this year', 'DATE', '2025'],
    ['Sales fell last year.', 'last year', 'DATE', '2024'],
    ['The deal was signed on March 3, 2022.', 'March 3, 2022', 'DATE', '2022-03-03'],
    ['The treaty dates from 1997.', '1997', 'DATE', '1997'],
    ['It was founded in the 1990s.', '1990s', 'DATE', '199'],
    ['Profit rose in the third quarter.', 'the third quarter', 'DATE', '2025-Q3'],
    ['The plant closed three years ago.', 'three years ago', 'DATE', '2022'],
    ['The office opens at 3 p.m.', '3 p.m.', 'TIME', '2025-05-20T15:00'],
    ['The strike began this morning.', 'this morning', 'TIME', '2025-05-20TMO'],
    ['He arrived on Christmas Day.', 'Christmas Day', 'DATE', '2024-12-25'],
    ['She served for two and a half years.', 'two and a half years', 'DURATION', 'P2Y6M'],
    ['The talks lasted a minute and a half.', 'a minute and a half', 'DURATION', 'PT1M30S'],
    ['She spent 5 1/2 hours in Nairobi.', '5 1/2 hours', 'DURATION', 'PT5H30M'],
    ['The company will soon begin selling boxes.', 'soon', 'DATE', 'FUTURE_REF'],
    ['Earnings will be lower for the last half of 2025.', 'the last half of 2025', 'DATE', '2025-H2'],
    ['The dividend would be paid on a still unspecified date in January.', 'January', 'DATE', '2026-01'],
    ['Islam will one day be the largest religion there.', 'one day', 'DATE', 'FUTURE_REF'],
    ['Then, a week or so ago, the general picked a date.', 'a week or so ago', 'DATE', '2025-05-13'],
    ['Eight trading days after the crash, the index recovered.', 'Eight trading days', 'DURATION', 'P8D'],
    ['The blast occurred at 10:35 a.m. (0735 GMT) Sunday.', '10:35 a.m.', 'TIME', '2025-05-18T10:35'],
    ['Profit fell in the second quarter of 2024. Results for that quarter included a charge.', 'that quarter', 'DATE', '2024-Q2'],
    ['They will look for ways around Monday\'s ruling.', 'Monday', 'DATE', '2025-05-19'],
    ['He will leave at 4 in the morning.', '4 in the morning', 'TIME', '2025-05-20T04:00'],
    ['He will leave at 4 in the morning (4 a.m. EDT Thursday).', '4 in the morning', 'TIME', '2025-05-22T04:00'],
    ['The plane will land at 9:15 p.m. (1315 GMT Friday).', '9:15 p.m.', 'TIME', '2025-05-23T21:15'],
    ['Hopes were dashed Friday. Dealers placed buy orders in the morning.', 'the morning', 'TIME', '2025-05-16TMO'],
    ['Demonstrators gather daily outside the home.', 'daily', 'SET', 'P1D'],
    ['Pretax profit for the first half rose 38%.', 'the first half', 'DATE', '2025-H1'],
    ['Donald Trump Is Now Being Held Up As a Model', 'Now', 'DATE', 'PRESENT_REF'],
    ['It was a close race on Election Day. Now they have a future.', 'Now', 'DATE', 'PRESENT_REF'],
    ['A hearing is set for the week of June 2.', 'the week of June 2', 'DATE', '2025-W23'],
    ['The day before last Tuesday\'s hearing, he flew in.', 'The day before', 'DATE', '2025-05-12'],
    ['One person is killed. January nineteen ninety-seven. Atlanta again.', 'January nineteen ninety-seven', 'DATE', '1997-01'],
    ['The carrier has been on patrol since March and was scheduled to return.', 'March', 'DATE', '2025-03'],
    ['Over the past year, sales fell.', 'the past year', 'DATE', '2024'],
    ['Prices were checked earlier this month.', 'earlier this month', 'DATE', '2025-05'],
    ['The report was filed 2025-05-02T10:30.', '2025-05-02T10:30', 'TIME', '2025-05-02T10:30'],
    // A month name two months ahead with no tense cue is the coming one; three ahead, last year's.
    ['They can take part in planning for the summit in July.', 'July', 'DATE', '2025-07'],
    ['They can take part in planning for the summit in August.', 'August', 'DATE', '2024-08'],
    ['Insurance has been a tough business in recent quarters.', 'recent quarters', 'DURATION', 'PXQ'],
    // Fifth round: a recurring month or season; the first two quarters of a year; a year-earlier stretch of months.
    ['Orangemen march each July from their church.', 'each July', 'SET', 'XXXX-07'],
    ['The river floods every spring.', 'every spring', 'SET', 'XXXX-SP'],
    ['The slump lasts through the first two quarters of 2026.', 'the first two quarters of 2026', 'DATE', '2026-H1'],
    ['Net for the year-earlier nine months included a gain.', 'the year-earlier nine months', 'DURATION', 'P9M'],
    ['The offer had been due to expire Friday evening.', 'Friday evening', 'TIME', '2025-05-16TEV'],
    ['Crowds prayed as Easter week began.', 'Easter week', 'DATE', '2025-W16'],
    ['It will be a theme from now to Election Day.', 'Election Day', 'DATE', '2026-11-03'],
    ['The senator spoke on Capitol Hill Wednesday evening June 18, 2014.', 'Wednesday evening June 18, 2014', 'TIME', '2014-06-18TEV'],
    ["It's the second day of an offensive by the security forces.", 'the second day', 'DATE', '2025-05-20'],
    ["Netflix uploaded its April Fools' Day prank a day early.", "April Fools' Day", 'DATE', '2025-04-01'],
    ['The leaders met on April 24 and 25.', '25', 'DATE', '2025-04-25'],
  ])('%s → %s', (text, expression, type, value) => {
    const found = tag(text, expression)
    expect(found, `no mention for ${expression}`).toBeDefined()
    expect(text.slice(found?.start, found?.end)).toContain(expression.split(' ')[0])
    expect(found?.type).toBe(type)
    expect(found?.value).toBe(value)
  })

  test.each([
    ['A 44-year-old protester was arrested.', '44-year'],
    ['Growth may slow.', 'may'],
    ['They march through the city.', 'march'],
    ['He paid $2000 for it.', '2000'],
    ['He was soon released.', 'soon'],
    ['The quarter-to-quarter comparison was enhanced.', 'quarter'],
    ['It happened as soon as he left.', 'soon'],
    ['On the second day of the talks, they met.', 'second day'],
    ['A witness told the Daily News that the youth ran.', 'Daily'],
    ['She told Us Weekly about it.', 'Weekly'],
    ['A reporter for USA Today spotted her.', 'Today'],
    ['Trump told NBC’s Today show he would win.', 'Today'],
    ['It plays like a remix of Apocalypse Now (1979).', 'Now'],
    ['She was parodied on Saturday Night Live last year.', 'Saturday'],
    ['He scored twice in the second half to win the game.', 'second half'],
    ['Births in the first half of July increased.', 'first half'],
    ['He hoped for a second-place finish.', 'a second'],
    ['If he passes a second FBI check, he can drive.', 'a second'],
    ['He ran for a 2-yard touchdown in the second quarter.', 'second quarter'],
  ])('%s has no time expression at %s', (text, expression) => {
    expect(tag(text, expression)).toBeUndefined()
  })

  test('"the" stays outside "the third-quarter results"', () => {
    const text = 'Analysts studied the third-quarter results.'
    const found = tag(text, 'third-quarter')
    expect(text.slice(found?.start, found?.end)).toBe('third-quarter')
    expect(found?.value).toBe('2025-Q3')
  })

  test('"only" stays outside the span of "only five hours"', () => {
    const text = 'The visit lasted only five hours.'
    const found = tag(text, 'five hours')
    expect(text.slice(found?.start, found?.end)).toBe('five hours')
  })
})

describe('times: anchoring', () => {
  test('"the day before" an event dated elsewhere in the text resolves to the day before that date', () => {
    const text = 'The call took place on May 19. Russia attacked the day before the call.'
    const doc = pipeline([tokens(), sentences(), times()]).runSync(createDocument({ text, meta: { published: '2025-05-20' } }))
    const before = doc.layers.times?.find((t) => text.slice(t.start, t.end) === 'the day before')
    expect(before).toMatchObject({ type: 'DATE', value: '2025-05-18', anchor: 'mention' })
  })

  test('"the next day" resolves against the date mentioned before it', () => {
    const text = 'Talks opened on March 3, 2022. They collapsed the next day.'
    const next = tag(text, 'the next day')
    expect(next).toMatchObject({ value: '2022-03-04', anchor: 'mention' })
  })

  test.each([
    ['Trump and Putin spoke on May 19.', 'May 19', 'XXXX-05-19'],
    ['They met on Monday.', 'Monday', 'XXXX-WXX-1'],
    ['Talks failed last week.', 'last week', 'XXXX-WXX'],
    ['They spoke in February.', 'February', 'XXXX-02'],
    ["Sinbad celebrated April Fools' Day with a myth.", "April Fools' Day", 'XXXX-04-01'],
    ['They met at Thanksgiving.', 'Thanksgiving', 'XXXX-XX-XX'],
  ])('without a publication date, %s keeps X placeholders', (text, expression, value) => {
    expect(tag(text, expression, null)).toMatchObject({ value, anchor: 'none' })
  })

  test('the documented example holds, and a full timestamp works as the publication date', () => {
    expect(tagTimes('Talks resumed on Monday.', { published: '2025-05-20' })).toEqual([{ start: 17, end: 23, type: 'DATE', value: '2025-05-19', anchor: 'published' }])
    expect(tag('Talks resumed on Monday.', 'Monday', '2025-05-20T10:00:00.000Z')?.value).toBe('2025-05-19')
  })

  test('absolute dates resolve without a publication date', () => {
    expect(tag('Signed on March 3, 2022.', 'March 3, 2022', null)).toMatchObject({ value: '2022-03-03', anchor: 'absolute' })
  })
})

describe('times annotator', () => {
  test('produces a valid, sorted layer and notes a missing publication date', () => {
    const doc = pipeline([tokens(), sentences(), times()]).runSync(createDocument({ text: 'Talks failed on Monday. They resume next week and last for two days.' }))
    checkDocument(doc)
    expect(doc.layers.times?.map((t) => t.value)).toEqual(['XXXX-WXX-1', 'XXXX-WXX', 'P2D'])
    expect(doc.messages.map((m) => m.ruleId)).toEqual(['times:no-published'])
  })

  test('requires tokens and sentences', () => {
    expect(() => pipeline([times()])).toThrow(/tokens/)
  })
})

describe('times: robustness', () => {
  test('random word salads give valid, non-overlapping layers', () => {
    const words = "the a an day days week last next this May March Monday's Monday night morning ago later before after call talks 2025 1999 three more than about 24 hours two-hour 1/2 of in on at by until 3 p.m. noon Christmas quarter third fiscal year-end the year that year earlier , . ' ’s Trump-Putin's".split(' ')
    let seed = 7
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 5 + Math.floor(random() * 40) }, () => words[Math.floor(random() * words.length)]).join(' ')
      const items = tagTimes(text, { published: random() < 0.5 ? '2025-05-20' : null })
      expect(() => checkDocument(createDocument({ text }, { times: items }))).not.toThrow()
    }
  })

  test('empty text and an unreadable publication date', () => {
    expect(tagTimes('')).toEqual([])
    expect(tag('They met on Monday.', 'Monday', 'not a date')).toMatchObject({ value: 'XXXX-WXX-1', anchor: 'none' })
  })
})


describe('times: what the span covers (as the TBAQ gold writes it)', () => {
  test.each([
    ['The flight took about five hours.', 'five hours', 'PT5H'],
    ['The war lasted almost two decades.', 'two decades', 'P20Y'],
    ['Reno agreed to a meeting earlier this week.', 'this week', '2025-W21'],
    ['Prices were checked earlier this month.', 'earlier this month', '2025-05'],
    ['The plant closed about two years ago.', 'about two years ago', '2023'],
  ])('%s → [%s]', (text, span, value) => {
    const found = tag(text, span)
    expect(found && text.slice(found.start, found.end)).toBe(span)
    expect(found?.value).toBe(value)
  })

  test('"quarters" alone is a place, not a time', () => {
    expect(tagTimes('Officers searched the living quarters.', { published: '2025-05-20' })).toEqual([])
  })
})
