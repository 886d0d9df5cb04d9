import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkDocument } from '../document/check-document.js'
import { createDocument } from '../document/document.js'
import { pipeline } from '../pipeline/pipeline.js'
import { sentences } from '../sentences/index.js'
import { tokens } from '../tokens/index.js'
import { entities } from './index.js'

// Golden fixtures: the entities layer of each sample article, with each mention's text for review.
// Regenerate with `npx vitest run src/entities/golden.test.ts -u` and review the diff like code.
const dir = 'examples/trump-putin-call'
const run = pipeline([tokens(), sentences(), entities()])

describe('entities golden fixtures', () => {
  test.each(readdirSync(dir).filter((f) => f.endsWith('.txt')))('%s', async (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8')
    const doc = await run.run(createDocument({ id: file, text }))
    checkDocument(doc)
    const layer = (doc.layers.entities ?? []).map((e) => ({ ...e, text: text.slice(e.start, e.end) }))
    await expect(`${JSON.stringify(layer, null, 1)}\n`).toMatchFileSnapshot(path.resolve('fixtures/entities', file.replace(/\.txt$/, '.json')))
  })
})
