import { describe, expect, test } from 'vitest'
import { createDocument, withLayer, type DocumentMeta } from '../document/index.js'
import { PipelineError } from '../pipeline/errors.js'
import { calendarKeys } from './features.js'
import { clusterStories, createStoryIndex } from './story-index.js'

const doc = (id: string, text: string, meta: DocumentMeta = {}) => createDocument({ id, text, meta })

const quakeA1 = doc('a1', 'A magnitude 6.1 earthquake struck near the town of Aquila in central Italy on Monday, killing dozens. Rescuers in Aquila searched the rubble as the Italian government sent troops.')
const quakeA2 = doc('a2', 'Rescue teams in Aquila, Italy, pulled survivors from collapsed buildings after Monday’s 6.1-magnitude earthquake killed dozens in the Abruzzo region.')
const quakeB1 = doc('b1', 'A strong earthquake of magnitude 7.0 hit Haiti near Port-au-Prince on Tuesday, flattening the presidential palace and leaving thousands dead in the Haitian capital.')
const quakeB2 = doc('b2', 'Thousands are feared dead in Port-au-Prince after the 7.0 Haiti earthquake; aid agencies rushed to the Haitian capital where the palace collapsed.')
const launch = doc('c1', 'Apple unveiled a new iPhone with a faster chip and a better camera at its Cupertino event, with sales starting next week.')

describe('createStoryIndex', () => {
  test('joins coverage of one event and separates two events of the same kind', () => {
    const stories = clusterStories([quakeA1, quakeB1, quakeA2, quakeB2, launch])
    const groups = stories.map((s) => [...s.docs].sort())
    expect(groups).toContainEqual(['a1', 'a2'])
    expect(groups).toContainEqual(['b1', 'b2'])
    expect(groups).toContainEqual(['c1'])
  })

  test('add returns the story id and storyOf/topicOf find it again', () => {
    const index = createStoryIndex()
    const s1 = index.add(quakeA1)
    const s2 = index.add(quakeA2)
    expect(s2).toBe(s1)
    expect(index.storyOf('a2')).toBe(s1)
    expect(index.topicOf('a1')).toMatch(/^T\d+$/)
    expect(index.stories()[0]?.terms.length).toBeGreaterThan(0)
    expect(index.topics()[0]?.stories).toContain(s1)
  })

  test('articles far apart in time open different stories', () => {
    const index = createStoryIndex({ windowDays: 3 })
    const first = index.add(doc('x1', quakeA1.text, { published: '2009-04-06' }))
    const later = index.add(doc('x2', quakeA2.text, { published: '2009-06-30' }))
    expect(later).not.toBe(first)
  })

  test('a repeated document id is misuse', () => {
    const index = createStoryIndex()
    index.add(quakeA1)
    expect(() => index.add(quakeA1)).toThrow(PipelineError)
  })

  test('the topic level joins stories that share meaning rather than words (dense vectors), and only with them', () => {
    const chrysler = doc('d1', 'Chrysler will close 789 of its dealerships across the country as the bankrupt automaker restructures, leaving dealers with unsold vehicles.')
    const gm = doc('d2', 'General Motors said sales of its cars and trucks fell 30 percent last month; the automaker plans to shut more plants and cut jobs.')
    const topicsOf = (options: Parameters<typeof createStoryIndex>[0]) => {
      const index = createStoryIndex(options)
      for (const d of [chrysler, quakeB1, gm]) index.add(d)
      expect(index.storyOf('d1')).not.toBe(index.storyOf('d2'))
      return [index.topicOf('d1'), index.topicOf('d2'), index.topicOf('b1')]
    }
    // They share one word ("automaker"), which retrieves the topic as a candidate; the lexical cosine is low.
    const [dense1, dense2, denseQuake] = topicsOf({ topicDenseWeight: 0.5 })
    expect(dense1).toBe(dense2)
    expect(denseQuake).not.toBe(dense1)
    const [lexical1, lexical2] = topicsOf({ topicDenseWeight: 0 })
    expect(lexical1).not.toBe(lexical2)
    const [none1, none2] = topicsOf({ topicDenseWeight: 0.5, embeddings: null })
    expect(none1).not.toBe(none2)
    // By default the dense weight follows length: these two-sentence articles (about 20 stems) weigh it about 0.2, enough here.
    const [default1, default2, defaultQuake] = topicsOf({})
    expect(default1).toBe(default2)
    expect(defaultQuake).not.toBe(default1)
  })

  describe('established stories accept an article below the threshold when it is clearly closest', () => {
    const etna = [
      'Lava from Mount Etna reached villages near Catania after the volcano erupted on Sunday night.',
      'Etna erupted again, sending lava toward Catania; villagers near the volcano left their homes.',
      'The eruption of Etna closed Catania airport as ash from the volcano covered the villages.',
      'Civil protection officers in Catania said the Etna eruption forced villagers to leave as lava advanced.',
      'Ash and lava from the Etna volcano: Catania airport shut, villages evacuated after the eruption.',
    ].map((text, i) => doc(`m${i}`, text))
    // A follow-up that shares little with the eruption reports (average cosine ≈ 0.25).
    const farmers = doc('late', 'Farmers on the slopes of Etna counted the damage to vineyards and orchards, and insurers said claims would take months.')
    const joins = (members: number, options: Parameters<typeof createStoryIndex>[0] = {}, before: ReturnType<typeof doc>[] = []): boolean => {
      const index = createStoryIndex(options)
      const story = etna.slice(0, members).map((d) => index.add(d))
      expect(new Set(story).size).toBe(1)
      for (const d of before) index.add(d)
      return index.add(farmers) === story[0]
    }

    test('five articles: the follow-up joins; with the rule off it opens its own story', () => {
      expect(joins(5)).toBe(true)
      expect(joins(5, { establishedThreshold: 0.3 })).toBe(false)
      expect(joins(5, { establishedSize: 6 })).toBe(false)
    })

    test('a story of four is not established', () => {
      expect(joins(4)).toBe(false)
    })

    test('another story almost as close (hail on vineyards) leaves the follow-up on its own', () => {
      expect(joins(5, {}, [doc('hail', 'Hail hit vineyards and orchards in Tuscany.')])).toBe(false)
    })
  })

  test('by default headlines join a topic on meaning: a short article weighs the dense cosine more', () => {
    const headline = (id: string, title: string) => createDocument({ id, text: '', meta: { title } })
    const dow = headline('h1', 'Dow falls 340 points amid unemployment news')
    const quake = headline('q1', 'Strong earthquake shakes Haiti capital')
    const markets = headline('h2', 'Stock markets worldwide fall dramatically')
    const topicsOf = (options: Parameters<typeof createStoryIndex>[0]) => {
      const index = createStoryIndex(options)
      for (const d of [dow, quake, markets]) index.add(d)
      // One shared word ("fall") makes the topic a candidate; the lexical cosine alone is below the threshold.
      expect(index.storyOf('h1')).not.toBe(index.storyOf('h2'))
      return [index.topicOf('h1'), index.topicOf('h2'), index.topicOf('q1')]
    }
    const [dow1, markets1, quake1] = topicsOf({})
    expect(dow1).toBe(markets1)
    expect(quake1).not.toBe(dow1)
    const [dow2, markets2] = topicsOf({ topicDenseHalfTerms: 0 })
    expect(dow2).not.toBe(markets2)
    // A strict dense threshold keeps them apart again: each cosine counts by its margin over its own threshold.
    const [dow3, markets3] = topicsOf({ topicDenseThreshold: 0.95 })
    expect(dow3).not.toBe(markets3)
  })

  describe('local repair: two events of one kind mixed at their first meeting are split again', () => {
    // Two title defences by the same two fighters: every article shares the actors, so the first
    // report from Bern joins the Hamburg story (cosine 0.42 > 0.27) before any sibling exists.
    const shared = 'Klitschko defended his heavyweight title against Thompson'
    const hamburg = [
      `${shared} in Hamburg, winning by knockout in the eleventh round before a crowd of Germans.`,
      'In Hamburg, Klitschko knocked out Thompson in the eleventh round; the Germans in the crowd cheered the heavyweight.',
      'Thompson was knocked out by Klitschko in the eleventh round in Hamburg, where the Germans cheered.',
    ].map((text, i) => doc(`h${i}`, text))
    const bern = [
      `${shared} in Bern, stopping him in the sixth round after a cut above his eye, Swiss fans watching.`,
      'Swiss fans in Bern saw Klitschko stop Thompson in the sixth round after a cut above the eye.',
      'A cut above his eye ended the fight in the sixth round in Bern; Klitschko beat Thompson before Swiss fans.',
    ].map((text, i) => doc(`b${i}`, text))
    const interleaved = [0, 1, 2].flatMap((i) => [hamburg[i] as ReturnType<typeof doc>, bern[i] as ReturnType<typeof doc>])
    const run = (options: Parameters<typeof createStoryIndex>[0]) => {
      const index = createStoryIndex({ background: null, ...options })
      const returned = interleaved.map((d) => index.add(d))
      return { index, returned, groups: index.stories().map((s) => s.docs.join(',')).sort() }
    }

    test('without the repair one story holds both events; with it, one story each', () => {
      expect(run({ repairSize: 0 }).groups).toEqual(['h0,b0,h1,b1,h2,b2'])
      const { index, returned, groups } = run({})
      expect(groups).toEqual(['b0,b1,b2', 'h0,h1,h2'])
      // The part with the newest article keeps the story's id; storyOf follows the moved articles.
      expect(index.storyOf('b2')).toBe(returned[5])
      for (const s of index.stories()) for (const d of s.docs) expect(index.storyOf(d)).toBe(s.id)
      expect(new Set(interleaved.map((d) => index.topicOf(d.id)))).toEqual(new Set([index.topicOf('h0')]))
    })

    test('the split needs two parts of repairPart articles, much less alike across than within', () => {
      expect(run({ repairPart: 4 }).groups).toHaveLength(1)
      expect(run({ repairRatio: 0.3 }).groups).toHaveLength(1)
    })

    // The same articles with an entities layer: persons and places named as given.
    const named = (places: boolean, persons = true) =>
      interleaved.map((d) => {
        const people: [string, 'person' | 'location'][] = persons ? [['Klitschko', 'person'], ['Thompson', 'person']] : []
        const names = places ? [...people, ['Hamburg', 'location'] as const, ['Bern', 'location'] as const] : people
        const found = names.flatMap(([name, label]) => [...d.text.matchAll(new RegExp(name, 'g'))].map((m) => ({ start: m.index, end: m.index + name.length, label, normal: name, kind: 'name' as const })))
        return withLayer(d, 'entities', found.sort((a, b) => a.start - b.start))
      })
    const groupsOf = (docs: readonly ReturnType<typeof doc>[], options: Parameters<typeof createStoryIndex>[0]) => {
      const index = createStoryIndex({ background: null, ...options })
      for (const d of docs) index.add(d)
      return index.stories().map((s) => s.docs.join(',')).sort()
    }

    test('the split also needs the parts apart on the persons and places they name', () => {
      // Hamburg and Bern: the two parts name other places and no one in common, so they are two events.
      expect(groupsOf(named(true, false), {})).toEqual(['b0,b1,b2', 'h0,h1,h2'])
      // Other places but the same two fighters: too much in common for the strict default (0.3), split at 0.85 (before the ninth pass).
      expect(groupsOf(named(true), {})).toHaveLength(1)
      expect(groupsOf(named(true), { repairNameRatio: 0.85 })).toEqual(['b0,b1,b2', 'h0,h1,h2'])
      // Every article names the same two fighters and no place: one event told twice, kept whole.
      expect(groupsOf(named(false), {})).toHaveLength(1)
      // Without the name test, words alone split it.
      expect(groupsOf(named(false), { repairNameRatio: 0 })).toEqual(['b0,b1,b2', 'h0,h1,h2'])
    })

    // `repairSize` 2 leaves stories of three or more articles to the large split (once per multiple of 4 crossed).
    const large = { repairSize: 2, repairPart: 2 }
    test('a story beyond repairSize is cut on the persons and places its members name', () => {
      expect(groupsOf(named(true), { ...large, repairLargeSize: 0 })).toEqual(['h0,b0,h1,b1,h2,b2'])
      expect(groupsOf(named(true), large)).toEqual(['b0,b1,b2', 'h0,h1,h2'])
      // The same names on both sides, or no names at all: no evidence, kept whole.
      expect(groupsOf(named(false), large)).toHaveLength(1)
      expect(groupsOf(interleaved, large)).toHaveLength(1)
      // The words must still be less alike across than within.
      expect(groupsOf(named(true), { ...large, repairLargeRatio: 0.3 })).toHaveLength(1)
    })
  })

  test.each([{ establishedSize: 0 }, { establishedThreshold: 2 }, { establishedMargin: 0.5 }, { repairSize: -1 }, { repairRatio: 1.5 }, { repairPart: 0 }, { repairNameRatio: 1.5 }, { repairLargeNameRatio: 2 }, { repairLargeSize: 300 }, { repairLargeRatio: -0.1 }, { threshold: 2 }, { windowDays: -1 }, { topicThreshold: Number.NaN }, { topicDenseWeight: 1.5 }, { storyDenseWeight: -0.1 }, { topicDenseHalfTerms: -1 }, { topicDenseThreshold: 2 }])('rejects bad option %j', (options) => {
    expect(() => createStoryIndex(options)).toThrow(/createStoryIndex/)
  })

  test('candidate lists stay bounded as the corpus grows', () => {
    const index = createStoryIndex({ maxPostings: 4, maxCandidates: 3 })
    for (let i = 0; i < 50; i++) index.add(doc(`n${i}`, `Team ${i} won match number ${i} against rival club ${i + 1} in the league cup final.`))
    expect(index.stories().length).toBeGreaterThan(0)
    expect(index.stories().reduce((a, s) => a + s.docs.length, 0)).toBe(50)
  })
})

/** `n` dated articles on `events` recurring events (words drawn from each event's vocabulary), two a day, in a shuffled order with backfills. */
function stream(n: number, events: number): ReturnType<typeof doc>[] {
  let a = 7
  const random = (): number => {
    a = (a * 16807) % 2147483647
    return a / 2147483647
  }
  const vocabulary = (e: number) => Array.from({ length: 12 }, (_, k) => `w${e}x${k}`)
  const out = Array.from({ length: n }, (_, i) => {
    const e = Math.floor(random() * events)
    const words = vocabulary(e).filter(() => random() < 0.6)
    const published = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10)
    return doc(`d${i}`, `${words.join(' ')} common report ${i % 5 === 0 ? 'weekly' : 'daily'} update.`, { published })
  })
  // Every tenth article arrives weeks late (a backfill).
  for (let i = 10; i < n; i += 10) [out[i - 9], out[i]] = [out[i] as ReturnType<typeof doc>, out[i - 9] as ReturnType<typeof doc>]
  return out
}

describe('candidate retrieval at scale', () => {
  test('packing dormant story vectors does not change the stories', () => {
    const docs = stream(900, 40)
    const packed = clusterStories(docs, { background: null, packAfter: 0 })
    const unpacked = clusterStories(docs, { background: null, packAfter: 1e9 })
    expect(packed.length).toBeGreaterThan(40)
    expect(packed).toEqual(unpacked)
  })

  test('a backfilled article finds its old story after hundreds of newer stories on the same words', () => {
    const index = createStoryIndex({ background: null, maxPostings: 8 })
    const old = index.add(doc('old1', 'Volcano Etna erupted near Catania, lava reached the villages of Sicily.', { published: '2020-01-05' }))
    // Months of later stories sharing the old story's words fill every recent posting list.
    for (let i = 0; i < 300; i++) {
      const published = new Date(Date.UTC(2020, 2, 1) + i * 3_600_000 * 6).toISOString().slice(0, 10)
      index.add(doc(`n${i}`, `Volcano Etna erupted near Catania, lava reached the villages of Sicily, report ${i} on day ${i}, item k${i} z${i} q${i}.`, { published }))
    }
    const late = index.add(doc('old2', 'Lava from Etna reached villages near Catania in Sicily after the volcano erupted.', { published: '2020-01-06' }))
    expect(late).toBe(old)
  })
})

describe('calendar features', () => {
  test.each([
    ['2001-09-11T08:46', ['2001-09-11', '09-11']],
    ['XXXX-11-30', ['11-30']],
    ['2005-03', ['2005-03']],
    ['2008', ['2008']],
    ['XXXX-WXX-2', []],
    ['PAST_REF', []],
  ])('calendarKeys(%s)', (value, keys) => {
    expect(calendarKeys(value)).toEqual(keys)
  })

  test('the date-conflict penalty lowers the similarity of articles whose latest written years differ', () => {
    const withTimes = (id: string, text: string, values: string[]) =>
      withLayer(doc(id, text), 'times', values.map((value, i) => ({ start: i, end: i + 1, type: 'DATE' as const, value })))
    const a = withTimes('y1', 'Klitschko beat Thompson in Hamburg to keep his heavyweight titles.', ['2008'])
    const b = withTimes('y2', 'Klitschko beat Thompson in Bern to keep his heavyweight titles.', ['2012'])
    const c = withTimes('y3', 'Klitschko beat Thompson in Bern to keep his heavyweight titles.', ['2008', '2012'])
    const plain = createStoryIndex({ background: null })
    const vetoed = createStoryIndex({ background: null, yearPenalty: 0.5 })
    expect(vetoed.similarity(a, b)).toBeCloseTo(plain.similarity(a, b) * 0.5, 5)
    // b's latest year (2012) is written by c: no conflict.
    expect(vetoed.similarity(b, c)).toBeCloseTo(plain.similarity(b, c), 5)
    expect(plain.similarity(a, a)).toBeCloseTo(1, 5)
  })
})
