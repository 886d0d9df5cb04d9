import { resolve } from 'node:path'
import { expect, test } from 'vitest'
import { analyzePaths } from '../analysis/analyze.js'
import { checkDocument } from '../document/check-document.js'

const root = resolve(import.meta.dirname, '../..')

// Golden fixture: the `times` layer of the sample pair (000 dated by inference). Regenerate with `vitest -u`.
test('times of the trump-putin-call sample match fixtures/times/trump-putin-call.json', async () => {
  const { documents, analysis } = await analyzePaths([resolve(root, 'examples/trump-putin-call')])
  for (const doc of documents) checkDocument(doc)
  const golden = {
    documents: documents.map((doc) => ({
      id: doc.id,
      published: doc.meta.published ?? null,
      publishedInferred: doc.meta.publishedInferred ?? null,
      times: (doc.layers.times ?? []).map((t) => ({ text: doc.text.slice(t.start, t.end), ...t })),
    })),
    events: analysis.events,
  }
  await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(resolve(root, 'fixtures/times/trump-putin-call.json'))
})
