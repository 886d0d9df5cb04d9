import { describe, expect, test } from 'vitest'
import { rng } from '../../bench/rng.js'
import { buildPrefixIndex, leadingStrings } from './prefix-index.js'
import { rules } from './rules.js'
import { scanRules } from './tag-times.js'

describe('times: prefix index of the rule patterns', () => {
  test('enumerates the first characters of a pattern, lower-cased, digits as 0', () => {
    expect(leadingStrings('(?<!x)(?:Ab|c)d?')).toEqual(new Set(['ab', 'abd', 'c', 'cd']))
    expect(leadingStrings('(\\d{1,2})[/-]x')).toEqual(new Set(['0/x', '0-x', '00/', '00-']))
    expect(leadingStrings('(?:the )?year')).toEqual(new Set(['the', 'yea']))
    expect(leadingStrings('[a-c]+')).toEqual(new Set(['a', 'b', 'c', 'aa', 'ab', 'ac', 'ba', 'bb', 'bc', 'ca', 'cb', 'cc', 'aaa', 'aab', 'aac', 'aba', 'abb', 'abc', 'aca', 'acb', 'acc', 'baa', 'bab', 'bac', 'bba', 'bbb', 'bbc', 'bca', 'bcb', 'bcc', 'caa', 'cab', 'cac', 'cba', 'cbb', 'cbc', 'cca', 'ccb', 'ccc']))
  })

  test('gives up (whole-text scan) on what it cannot enumerate', () => {
    expect(leadingStrings('\\p{L}+day')).toBeUndefined()
    expect(leadingStrings('[^a]x')).toBeUndefined()
    expect(leadingStrings('(?:x)?')).toBeUndefined() // may match the empty string
    expect(leadingStrings('(a)\\1')).toBeUndefined()
  })

  test('every built-in rule is indexed and starts at a word boundary (else tagging is slow again)', () => {
    const index = buildPrefixIndex(rules.map((r) => r.pattern.source))
    expect(index.unindexed.map((i) => rules[i]?.name)).toEqual([])
    expect(index.boundary).toBe(true)
    // A rule that can match fewer than three characters (a lone day number) turns the scan's ASCII fast path off.
    expect(index.lengths).toEqual([3])
  })

  // The indexed scan must find exactly what a global scan of each pattern finds.
  const words = [
    'the', 'The', 'last', 'next', 'this', 'that', 'year', 'years', 'week', 'weekend', 'month', 'day', 'days', 'a', 'an', 'per', 'every',
    'Monday', 'monday', 'Tues.', 'Sunday', 'night', 'morning', 'May', 'may', 'March', 'Oct.', 'Sept.', 'Jan', 'spring', 'fall', 'quarter',
    'third', 'fourth-quarter', 'first', 'half', 'fiscal', '1998', '2025', '1990s', "'90s", '20th', 'century', '12', '3', '5:30', 'p.m.',
    'a.m.', 'EST', 'noon', 'midnight', 'today', 'yesterday', 'tonight', 'ago', 'earlier', 'later', 'before', 'after', 'Christmas',
    'ago', 'more', 'than', 'about', 'two', 'twenty-one', 'nineteen', 'ninety', 'couple', 'of', 'few', 'several', 'now', 'currently',
    'recently', 'soon', 'at', 'present', 'daily', 'weekly', 'overnight', 'year-end', 'end', 'early', 'late', 'mid', 'Ünal', 'naïve',
    'ſummer', '２０', '1/2', '½', '12/25/1998', '2025-05-20', "o'clock", 'in', 'said', 'will', 'ſ', 'K',
    'café', '_', 'ͅ', 'Marches', 'Maybe', 'Augusta', 'Sundays', 'secondly', 'weekdays', 'yearlong', 'todays', 'nowhere', 'quartered', '𝐀', 'dayſ',
  ]
  const glue = [' ', ' ', ' ', ' ', '-', ', ', '. ', '\n', "'s ", '(', ') ', '/', '’s ', '']
  test('finds the same matches as a global scan of each rule, on random texts', () => {
    const random = rng(20261122)
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
    for (let t = 0; t < 300; t++) {
      let text = ''
      for (let w = 0; w < 60; w++) text += pick(words) + pick(glue)
      const indexed: string[] = []
      scanRules(text, rules, (rule, _order, match) => indexed.push(`${rule.name}@${match.index}:${match[0]}`))
      const global: string[] = []
      for (const rule of rules) {
        const pattern = new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('g', '')}g`)
        for (const match of text.matchAll(pattern)) if (match[0] !== '') global.push(`${rule.name}@${match.index}:${match[0]}`)
      }
      expect(indexed.sort()).toEqual(global.sort())
    }
  })
})
