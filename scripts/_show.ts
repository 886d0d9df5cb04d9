import { readFileSync } from 'node:fs'
import { createDocument } from '../src/document/document.js'
import { standardPipeline } from '../src/standard.js'
const file = process.argv[2] as string
const doc = standardPipeline().runSync(createDocument({ text: readFileSync(file, 'utf8') }))
const t = doc.text
for (const q of doc.layers.quotes ?? []) console.log(`[${q.kind}] ${q.source ? t.slice(q.source.start, q.source.end) : '-'} | ${q.cue ? t.slice(q.cue.start, q.cue.end) : '-'} | ${t.slice(q.start, q.end).replace(/\n/g, '⏎').slice(0, 150)}`)
