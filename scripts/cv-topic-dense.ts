/**
 * @module scripts/cv-topic-dense — leave-topics-out cross-validation of the topic level's
 * length-weighted dense similarity (`topicDenseHalfTerms`, `topicDenseThreshold`). Four folds:
 * fold i holds out MEANTIME topic i and every fourth ECB+ topic. On the other topics alone a
 * grid setting is chosen (rule B, the issue's: the best MEANTIME topic B³ F1 among settings
 * that keep ECB+ topic B³ F1 within 0.005 of the lexical topic level; rules A and C are
 * printed for comparison); each held-out article is then scored (its B³ precision and recall,
 * clustering all articles, 3 shuffled orders) under the setting chosen without its topic.
 * Slow (≈ 7 minutes on a loaded 2-core machine).
 */
import { createStoryIndex, type StoryIndexOptions } from '../src/cluster/index.js'
import { readSet, shuffle, type Item } from './cluster-sets.js'

type Scores = Map<string, [number, number]>
const seeds = [1, 2, 3]

/** Per-article B³ precision and recall at the topic level, averaged over the insertion orders. */
function perArticle(items: Item[], options: StoryIndexOptions): Scores {
  const out: Scores = new Map()
  for (const seed of seeds) {
    const order = shuffle(items, seed)
    const index = createStoryIndex(options)
    for (const it of order) index.add(it.doc)
    const byTopic = new Map<string, Item[]>()
    const goldSize = new Map<string, number>()
    for (const it of items) {
      const t = index.topicOf(it.doc.id) ?? ''
      byTopic.set(t, [...(byTopic.get(t) ?? []), it])
      goldSize.set(it.gold, (goldSize.get(it.gold) ?? 0) + 1)
    }
    for (const it of items) {
      const members = byTopic.get(index.topicOf(it.doc.id) ?? '') as Item[]
      const both = members.filter((m) => m.gold === it.gold).length
      const [p, r] = out.get(it.doc.id) ?? [0, 0]
      out.set(it.doc.id, [p + both / members.length / seeds.length, r + both / (goldSize.get(it.gold) as number) / seeds.length])
    }
  }
  return out
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))
function b3(scores: Scores): [number, number, number] {
  let p = 0
  let r = 0
  for (const [sp, sr] of scores.values()) {
    p += sp
    r += sr
  }
  p /= scores.size
  r /= scores.size
  return [p, r, f1(p, r)]
}

const meantime = await readSet('meantime')
// ECB+ topics: `11ecb` and `11ecbplus` are one topic.
const ecb = (await readSet('ecbplus')).map((it) => ({ ...it, gold: it.gold.replace(/\D+$/, '') }))
const grid: StoryIndexOptions[] = [{ topicDenseWeight: 0 }]
for (const k of [2, 3, 4, 5, 6, 8, 10])
  for (const t of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65]) grid.push({ topicDenseHalfTerms: k, topicDenseThreshold: t })
const meantimeTopics = [...new Set(meantime.map((it) => it.gold))].sort()
const ecbTopics = [...new Set(ecb.map((it) => it.gold))].sort((a, b) => Number(a) - Number(b))
const full = grid.map((o) => ({ meantime: perArticle(meantime, o), ecb: perArticle(ecb, o) }))

type Train = { meantime: number; ecb: number }[]
const rules: Record<string, (train: Train) => number> = {
  'B (used): best MEANTIME with ECB+ >= lexical - 0.005': (train) => {
    let best = 0
    train.forEach((t, i) => {
      if (t.ecb >= (train[0] as Train[0]).ecb - 0.005 && t.meantime > (train[best] as Train[0]).meantime + 1e-9) best = i
    })
    return best
  },
  'A: best mean of the two F1': (train) => {
    let best = 0
    train.forEach((t, i) => {
      if (t.meantime + t.ecb > (train[best] as Train[0]).meantime + (train[best] as Train[0]).ecb + 1e-9) best = i
    })
    return best
  },
  'C: best ECB+ with MEANTIME >= 0.95': (train) => {
    let best = -1
    train.forEach((t, i) => {
      if (t.meantime >= 0.95 && (best < 0 || t.ecb > (train[best] as Train[0]).ecb + 1e-9)) best = i
    })
    return Math.max(best, 0)
  },
}
const trains: Train[] = []
for (let fold = 0; fold < 4; fold++) {
  const out = (it: Item): boolean => it.gold === meantimeTopics[fold] || ecbTopics.indexOf(it.gold) % 4 === fold
  const trainMeantime = meantime.filter((it) => !out(it))
  const trainEcb = ecb.filter((it) => !out(it))
  trains.push(grid.map((o) => ({ meantime: b3(perArticle(trainMeantime, o))[2], ecb: b3(perArticle(trainEcb, o))[2] })))
}
const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(3)).join(' / ')
for (const [name, rule] of Object.entries(rules)) {
  const heldMeantime: Scores = new Map()
  const heldEcb: Scores = new Map()
  const chosen: string[] = []
  trains.forEach((train, fold) => {
    const c = rule(train)
    chosen.push(JSON.stringify(grid[c]))
    const setting = full[c] as (typeof full)[0]
    for (const it of meantime)
      if (it.gold === meantimeTopics[fold]) heldMeantime.set(it.doc.id, setting.meantime.get(it.doc.id) as [number, number])
    for (const it of ecb)
      if (ecbTopics.indexOf(it.gold) % 4 === fold) heldEcb.set(it.doc.id, setting.ecb.get(it.doc.id) as [number, number])
  })
  console.log(`rule ${name}: chosen per fold ${chosen.join(' ')}`)
  console.log(`  held-out topics, B3 P/R/F1: MEANTIME topic ${fmt(b3(heldMeantime))} · ECB+ topic ${fmt(b3(heldEcb))}`)
}
const named = (o: StoryIndexOptions): string =>
  `${JSON.stringify(o)}: MEANTIME topic ${fmt(b3(full[grid.indexOf(o)]?.meantime ?? perArticle(meantime, o)))} · ECB+ topic ${fmt(b3(full[grid.indexOf(o)]?.ecb ?? perArticle(ecb, o)))}`
console.log(`all topics, same scoring: ${named(grid[0] as StoryIndexOptions)}`)
console.log(`all topics, same scoring: ${named({})} (defaults)`)
