/**
 * @module scripts/cluster-sets — the clustering development sets (ECB+, MEANTIME) read and
 * annotated as `eval:cluster` reads them, the shuffled insertion orders, and B-cubed scoring;
 * shared by `eval:cluster` and `cv:topic-dense`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createDocument, type Document } from '../src/document/index.js'
import { standardPipeline } from '../src/standard.js'

const root = path.resolve(process.cwd(), '../shared/data/clustering')

export interface Item {
  doc: Document
  gold: string
}

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

/** Titles read whole from the file name so far (see `fullTitle`). */
export let repairedTitles = 0

/** Read one set and annotate it with the standard pipeline (the clusterer reads `times`, and `entities` where the pipeline has it). */
export async function readSet(name: string): Promise<Item[]> {
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
export function shuffle<T>(list: T[], seed: number): T[] {
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
