/**
 * @module scripts/eval-cluster — B-cubed and pairwise F1 of story clustering on ECB+ (event =
 * folder) and MEANTIME (topic = folder); also, without a target, ECB+ topics (the folder's
 * number: `<n>ecb` and `<n>ecbplus`), which catches a topic level that joins whole genres.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createDocument, type Document } from '../src/document/index.js'
import { createStoryIndex, type StoryIndexOptions } from '../src/cluster/index.js'
import { standardPipeline } from '../src/standard.js'

const root = path.resolve(process.cwd(), '../shared/data/clustering')

interface Item {
  doc: Document
  gold: string
}

/** Read one set and annotate it with the standard pipeline (the clusterer reads `times`, and `entities` where the pipeline has it). */
/**
 * MEANTIME's `title` was cut at the first full stop of the headline ("U.", "Ford Motors posts
 * 2."); its `filename` keeps the whole headline ("279494_U.S._stocks_plummet_…xml"). Where the
 * title is such a prefix of the file name's headline, read the headline (8 of 120 articles;
 * 60 have no text, so the headline is all there is). Never the folder: that is the label.
 */
function fullTitle(title: string | undefined, filename: string | undefined): string | undefined {
  if (!title || !filename || filename === 'None') return title
  const headline = filename.replace(/^\d+_/, '').replace(/\.xml$/, '').replace(/_/g, ' ').trim()
  const stem = title.replace(/\.$/, '')
  return headline.length > stem.length && headline.startsWith(stem) && /[.\s]/.test(headline.charAt(stem.length)) ? headline : title
}

let repairedTitles = 0

async function readSet(name: string): Promise<Item[]> {
  const annotate = standardPipeline()
  const dir = path.join(root, name)
  const items: Item[] = []
  for (const folder of readdirSync(dir).sort()) {
    for (const file of readdirSync(path.join(dir, folder)).sort()) {
      if (!file.endsWith('.json')) continue
      const raw = JSON.parse(readFileSync(path.join(dir, folder, file), 'utf8')) as { title?: string; text?: string; filename?: string }
      const text = raw.text ?? ''
      const title = fullTitle(raw.title, raw.filename)
      if (title !== raw.title) repairedTitles++
      const meta = title ? { title } : {}
      items.push({ doc: await annotate.run(createDocument({ id: `${folder}/${file}`, text, meta })), gold: folder })
    }
  }
  return items
}

/** Deterministic shuffle (mulberry32), so the incremental order is not the gold order. */
function shuffle<T>(list: T[], seed: number): T[] {
  let a = seed >>> 0
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/** B-cubed precision/recall/F1 and pairwise precision/recall/F1. */
export function score(gold: readonly string[], predicted: readonly string[]): { b3: [number, number, number]; pairwise: [number, number, number] } {
  const n = gold.length
  const byGold = new Map<string, number[]>()
  const byPred = new Map<string, number[]>()
  gold.forEach((g, i) => byGold.set(g, [...(byGold.get(g) ?? []), i]))
  predicted.forEach((p, i) => byPred.set(p, [...(byPred.get(p) ?? []), i]))
  let p = 0
  let r = 0
  let tp = 0
  let predPairs = 0
  let goldPairs = 0
  for (let i = 0; i < n; i++) {
    const g = byGold.get(gold[i] as string) as number[]
    const c = byPred.get(predicted[i] as string) as number[]
    const both = c.filter((j) => gold[j] === gold[i]).length
    p += both / c.length
    r += both / g.length
  }
  for (const c of byPred.values()) predPairs += (c.length * (c.length - 1)) / 2
  for (const g of byGold.values()) goldPairs += (g.length * (g.length - 1)) / 2
  for (const c of byPred.values()) {
    const counts = new Map<string, number>()
    for (const j of c) counts.set(gold[j] as string, (counts.get(gold[j] as string) ?? 0) + 1)
    for (const k of counts.values()) tp += (k * (k - 1)) / 2
  }
  const f = (a: number, b: number): number => (a + b === 0 ? 0 : (2 * a * b) / (a + b))
  const b3p = p / n
  const b3r = r / n
  const pp = predPairs ? tp / predPairs : 0
  const pr = goldPairs ? tp / goldPairs : 0
  return { b3: [b3p, b3r, f(b3p, b3r)], pairwise: [pp, pr, f(pp, pr)] }
}

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
const seeds = [1, 2, 3, 4, 5]
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
