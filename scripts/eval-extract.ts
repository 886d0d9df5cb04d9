/**
 * @module scripts/eval-extract — `npm run eval:extract`: body-extraction F1 on the article-extraction benchmark.
 *
 * Scores Parallax's `extractArticle` and raw Readability over linkedom (its `textContent`)
 * on `../shared/data/extraction/article-extraction-benchmark` (61 pages) exactly as the
 * benchmark's evaluate.py does. `--per-page` lists the pages where the two differ most.
 */
import { loadExtractionPages } from '../bench/corpus.js'
import { extractionScores, shingleMatch } from '../bench/extraction-score.js'
import { readabilityText } from '../bench/parts.js'
import { extractArticle } from '../src/extract/html.js'

const pages = await loadExtractionPages()
const systems: Record<string, (html: string, id: string) => string> = {
  'parallax extractArticle': (html, id) => extractArticle(html, { id }).text,
  'readability (linkedom, textContent)': (html) => readabilityText(html),
}
const preds: Record<string, string[]> = {}
process.stdout.write(`article-extraction-benchmark: ${pages.length} pages (dev sample of the 181); metric as evaluate.py\n`)
for (const [name, extract] of Object.entries(systems)) {
  preds[name] = pages.map((p) => extract(p.html, p.id))
  const s = extractionScores(pages.map((p, i) => ({ truth: p.body, pred: (preds[name] as string[])[i] as string })))
  process.stdout.write(`${name.padEnd(38)} precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)}\n`)
}
process.stdout.write('anchors (all 181 pages): rs_trafilatura 0.970, trafilatura 0.958, newspaper4k 0.949, Readability.js 0.947, readability-lxml 0.922, goose3 0.896, boilerpipe 0.860\n')
if (process.argv.includes('--per-page')) {
  const [a, b] = Object.keys(systems) as [string, string]
  const rows = pages.map((p, i) => {
    const f = (pred: string): number => {
      const [tp, fp, fn] = shingleMatch(p.body, pred)
      return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn)
    }
    return { id: p.id.slice(0, 12), url: p.url ?? '', parallax: f((preds[a] as string[])[i] as string), readability: f((preds[b] as string[])[i] as string) }
  })
  rows.sort((x, y) => x.parallax - x.readability - (y.parallax - y.readability))
  for (const r of rows.slice(0, 15)) process.stdout.write(`${r.id} parallax F1 ${r.parallax.toFixed(3)} readability ${r.readability.toFixed(3)} ${r.url}\n`)
}
