/**
 * @module scripts/eval-cluster — B-cubed and pairwise F1 of story clustering on ECB+ (event =
 * folder) and MEANTIME (topic = folder); also, without a target, ECB+ topics (the folder's
 * number: `<n>ecb` and `<n>ecbplus`), which catches a topic level that joins whole genres.
 */
import { createStoryIndex, type StoryIndexOptions } from '../src/cluster/index.js'
import { readSet, repairedTitles, score, shuffle, type Item } from './cluster-sets.js'

function run(level: 'story' | 'topic', items: Item[], options: StoryIndexOptions, seeds: number[]): { b3: number[]; pw: number[]; ms: number; firstQuarter: number; lastQuarter: number } {
  const b3 = [0, 0, 0]
  const pw = [0, 0, 0]
  let ms = 0
  let firstQuarter = 0
  let lastQuarter = 0
  for (const seed of seeds) {
    const order = seed === 0 ? items : shuffle(items, seed)
    const t0 = performance.now()
    const index = createStoryIndex(options)
    const times: number[] = []
    for (const it of order) {
      const t = performance.now()
      index.add(it.doc)
      times.push(performance.now() - t)
    }
    const quarter = Math.max(1, Math.floor(times.length / 4))
    firstQuarter += times.slice(0, quarter).reduce((a, b) => a + b, 0) / quarter / seeds.length
    lastQuarter += times.slice(-quarter).reduce((a, b) => a + b, 0) / quarter / seeds.length
    // Read the assignment after the last article: merges may have joined earlier stories.
    const predicted = order.map((it) => (level === 'story' ? index.storyOf(it.doc.id) : index.topicOf(it.doc.id)) ?? '')
    ms += performance.now() - t0
    const s = score(order.map((it) => it.gold), predicted)
    s.b3.forEach((v, i) => (b3[i] = (b3[i] as number) + v / seeds.length))
    s.pairwise.forEach((v, i) => (pw[i] = (pw[i] as number) + v / seeds.length))
  }
  return { b3, pw, ms: ms / seeds.length, firstQuarter, lastQuarter }
}

const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(3)).join(' / ')
// CLUSTER_SEEDS: other insertion orders (e.g. `6-15`) to check that a choice made on the default five holds.
const seedRange = process.env['CLUSTER_SEEDS']?.match(/^(\d+)-(\d+)$/)
const seeds = seedRange ? Array.from({ length: Number(seedRange[2]) - Number(seedRange[1]) + 1 }, (_, i) => Number(seedRange[1]) + i) : [1, 2, 3, 4, 5]
// ECB+ folders are events, scored against stories; MEANTIME folders are broad topics, scored against topics.
const sets: [string, 'story' | 'topic', string, number | undefined][] = [
  ['ecbplus', 'story', 'event (folder)', 0.93],
  ['meantime', 'topic', 'topic (folder)', 0.95],
  ['ecbplus', 'topic', 'topic (folder number)', undefined],
]
// CLUSTER_OPTIONS: one options object, or an array of them (a sweep: each is scored in turn).
const parsed: unknown = process.env['CLUSTER_OPTIONS'] ? JSON.parse(process.env['CLUSTER_OPTIONS']) : {}
const variants = (Array.isArray(parsed) ? parsed : [parsed]) as StoryIndexOptions[]
let failed = false
const only = process.env['CLUSTER_SETS']?.split(',')
const read = new Map<string, Item[]>()
for (const [name, unit, level, target] of sets) {
  if (only && !only.includes(name)) continue
  const before = repairedTitles
  const items = read.get(name) ?? (await readSet(name))
  if (repairedTitles > before) console.log(`${name}: ${repairedTitles - before} titles cut at a full stop read whole from the file name`)
  read.set(name, items)
  // ECB+ topics: `11ecb` and `11ecbplus` are one topic.
  const scored = target === undefined ? items.map((it) => ({ ...it, gold: it.gold.replace(/\D+$/, '') })) : items
  for (const override of variants) {
  const r = run(unit, scored, override, seeds)
  const ok = target === undefined || (r.b3[2] as number) >= target
  if (!ok) failed = true
  if (variants.length > 1) console.log(JSON.stringify(override))
  console.log(`${name} (${items.length} articles, gold = ${level} vs predicted ${unit}, ${seeds.length} shuffled orders): B3 P/R/F1 ${fmt(r.b3)} · pairwise P/R/F1 ${fmt(r.pw)} · ${target === undefined ? 'no target' : `target B3 F1 >= ${target} ${ok ? 'met' : 'NOT met'}`} · ${(r.ms / items.length).toFixed(2)} ms/article (first quarter ${r.firstQuarter.toFixed(2)}, last quarter ${r.lastQuarter.toFixed(2)})`)
  }
}
if (process.env['EVAL_STRICT'] && failed) process.exitCode = 1
