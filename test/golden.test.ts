/**
 * Golden fixtures: `fixtures/<stage>/<case>.{txt,html}` → `<case>.json` holding only what the
 * stage under test produces. Each document is validated with `checkDocument` first, then
 * compared. Regenerate with `npx vitest run test/golden.test.ts -u` and review the diff like code.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkDocument, createDocument, extractArticle, pipeline, sentences, textToDocument, tokens, type Document } from '../src/index.js'

const root = new URL('../fixtures/', import.meta.url).pathname

/** How to read a fixture input into a document. */
function read(path: string): Document {
  const raw = readFileSync(path, 'utf8')
  const id = basename(path, extname(path))
  return extname(path) === '.html' ? extractArticle(raw, { id }) : textToDocument(raw, { id })
}

/** What each stage's golden file holds: the layer under test, in readable form. */
const stages: Record<string, (doc: Document) => unknown> = {
  extract: (doc) => ({
    meta: doc.meta,
    messages: doc.messages,
    blocks: (doc.layers.blocks ?? []).map((b) => ({ ...b, text: doc.text.slice(b.start, b.end) })),
  }),
  sentences: (doc) => {
    const out = pipeline([tokens(), sentences()]).runSync(createDocument({ id: doc.id, text: doc.text, meta: doc.meta }, doc.layers))
    checkDocument(out)
    return (out.layers.sentences ?? []).map((s) => ({ start: s.start, end: s.end, text: out.text.slice(s.start, s.end) }))
  },
}

for (const stage of readdirSync(root)) {
  const run = stages[stage]
  if (!run) continue
  describe(`golden: ${stage}`, () => {
    for (const file of readdirSync(join(root, stage)).filter((f) => /\.(txt|html)$/.test(f))) {
      test(file, async () => {
        const doc = read(join(root, stage, file))
        checkDocument(doc)
        const golden = join(root, stage, `${basename(file, extname(file))}.json`)
        await expect(`${JSON.stringify(run(doc), null, 2)}\n`).toMatchFileSnapshot(golden)
      })
    }
  })
}
