import { createDocument } from '../src/document/document.js'
import { standardPipeline } from '../src/standard.js'
const text = process.argv[2] as string
const doc = standardPipeline().runSync(createDocument({ text }))
console.log(doc.layers.sentences?.map(s=>text.slice(s.start,s.end)))
for (const q of doc.layers.quotes ?? []) console.log(q, text.slice(q.start,q.end))
