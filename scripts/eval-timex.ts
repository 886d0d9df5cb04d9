/**
 * @module scripts/eval-timex — TempEval-3 measures of the `times` annotator on TimeML gold
 * (default `../shared/data/timex/tbaq`): strict and relaxed span P/R/F1, value and type
 * accuracy over relaxed matches, value F1 = relaxed F1 × value accuracy (as the TempEval-3
 * scorer). Each document's CREATION_TIME is the publication date; the DCT itself is not scored.
 *
 * Usage: tsx scripts/eval-timex.ts [DIR] [--errors N] [--json] [--baseline chrono]
 * (`--baseline chrono` scores chrono-node alone, its results mapped naively to TIMEX3 DATE/TIME values.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import * as chrono from 'chrono-node'
import type { TimeMention } from '../src/document/layers.js'
import { join, resolve } from 'node:path'
import { createDocument } from '../src/document/document.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { sentences } from '../src/sentences/index.js'
import { times } from '../src/times/index.js'
import { tokens } from '../src/tokens/index.js'
import { parseTimeml, type GoldTimex } from './timeml.js'

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const dir = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? resolve(process.cwd(), '../shared/data/timex/tbaq')
const showErrors = Number(flag('--errors') ?? 0)
const baseline = flag('--baseline')

/** chrono-node alone: its parses as DATE (or TIME when the hour is given) at the precision it is certain of. */
function chronoTimes(text: string, dct: string | undefined): TimeMention[] {
  const ref = dct ? new Date(`${dct.slice(0, 10)}T12:00:00Z`) : new Date()
  return chrono.parse(text, ref).map((r) => {
    const c = r.start
    const iso = c.date().toISOString()
    const value = c.isCertain('hour') ? iso.slice(0, 16) : c.isCertain('day') || c.isCertain('weekday') ? iso.slice(0, 10) : c.isCertain('month') ? iso.slice(0, 7) : iso.slice(0, 4)
    return { start: r.index, end: r.index + r.text.length, type: c.isCertain('hour') ? 'TIME' : 'DATE', value }
  })
}

function files(root: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name)
    if (statSync(path).isDirectory()) out.push(...files(path))
    else if (name.endsWith('.tml') || name.endsWith('.xml')) out.push(path)
  }
  return out
}

const run = pipeline([tokens(), sentences(), times()])
let gold = 0, system = 0, strict = 0, relaxedGold = 0, relaxedSystem = 0, valueOk = 0, typeOk = 0
const errors: string[] = []
const started = performance.now()
let chars = 0
const paths = files(dir)
for (const path of paths) {
  const parsed = parseTimeml(readFileSync(path, 'utf8'), path)
  chars += parsed.text.length
  const predicted = baseline === 'chrono'
    ? chronoTimes(parsed.text, parsed.dct)
    : (run.runSync(createDocument({ id: path, text: parsed.text, meta: { published: parsed.dct ?? null } })).layers.times ?? [])
  gold += parsed.timexes.length
  system += predicted.length
  const used = new Set<number>()
  const matchedSystem = new Set<number>()
  for (const g of parsed.timexes) {
    // One-to-one: the first unused prediction overlapping the gold span.
    const k = predicted.findIndex((p, i) => !used.has(i) && p.start < g.end && g.start < p.end)
    if (k < 0) {
      if (errors.length < showErrors * 3) errors.push(`MISS  ${show(g)}  | ${context(parsed.text, g)}`)
      continue
    }
    used.add(k)
    matchedSystem.add(k)
    const p = predicted[k] as (typeof predicted)[number]
    relaxedGold++
    relaxedSystem++
    if (p.start === g.start && p.end === g.end) strict++
    else if (errors.length < showErrors * 3) errors.push(`SPAN  ${show(g)} → ${JSON.stringify(parsed.text.slice(p.start, p.end))}`)
    if (p.value === g.value) valueOk++
    else if (errors.length < showErrors * 3) errors.push(`VALUE ${show(g)} → ${JSON.stringify(parsed.text.slice(p.start, p.end))} ${p.type} ${p.value} | ${context(parsed.text, g)} | ${path.split('/').pop()} DCT ${parsed.dct ?? '-'}`)
    if (p.type === g.type) typeOk++
  }
  predicted.forEach((p, i) => {
    if (!matchedSystem.has(i) && errors.length < showErrors * 3) errors.push(`FALSE ${JSON.stringify(parsed.text.slice(p.start, p.end))} ${p.type} ${p.value} | ${context(parsed.text, p)}`)
  })
}
function show(g: GoldTimex): string {
  return `${JSON.stringify(g.text)} ${g.type} ${g.value}`
}
function context(text: string, s: { start: number; end: number }): string {
  return `${text.slice(Math.max(0, s.start - 50), s.start)}[${text.slice(s.start, s.end)}]${text.slice(s.end, s.end + 40)}`.replace(/\s+/g, ' ')
}
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))
const strictP = strict / system, strictR = strict / gold
const relaxedP = relaxedSystem / system, relaxedR = relaxedGold / gold
const relaxedF1 = f1(relaxedP, relaxedR)
const valueAccuracy = valueOk / relaxedGold
const typeAccuracy = typeOk / relaxedGold
const seconds = (performance.now() - started) / 1000
const result = {
  documents: paths.length,
  gold,
  system,
  strict: { precision: strictP, recall: strictR, f1: f1(strictP, strictR) },
  relaxed: { precision: relaxedP, recall: relaxedR, f1: relaxedF1 },
  value: { accuracy: valueAccuracy, f1: relaxedF1 * valueAccuracy },
  type: { accuracy: typeAccuracy, f1: relaxedF1 * typeAccuracy },
  charsPerSecond: Math.round(chars / seconds),
}
if (args.includes('--json')) console.log(JSON.stringify(result, null, 2))
else {
  const pct = (x: number): string => (100 * x).toFixed(1)
  console.log(`TIMEX3${baseline ? ` (baseline: ${baseline})` : ''} on ${dir}: ${paths.length} documents, ${gold} gold, ${system} predicted (${result.charsPerSecond} chars/s)`)
  console.log(`strict span   P ${pct(strictP)}  R ${pct(strictR)}  F1 ${pct(result.strict.f1)}`)
  console.log(`relaxed span  P ${pct(relaxedP)}  R ${pct(relaxedR)}  F1 ${pct(relaxedF1)}`)
  console.log(`value         accuracy ${pct(valueAccuracy)}  F1 ${pct(result.value.f1)}`)
  console.log(`type          accuracy ${pct(typeAccuracy)}  F1 ${pct(result.type.f1)}`)
}
for (const e of errors) console.log(e)
