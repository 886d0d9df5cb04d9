/** @module bench/parts — the measured work: Parallax's stages and the JS chain a user would assemble. */
import { Readability } from '@mozilla/readability'
import * as chrono from 'chrono-node'
import nlp from 'compromise'
import { parseHTML } from 'linkedom'
import { analyzeDocuments } from '../src/analysis/analyze.js'
import type { Document, LayerName } from '../src/document/document.js'
import { extractArticle } from '../src/extract/html.js'
import { textToDocument } from '../src/extract/text.js'
import { pipeline } from '../src/pipeline/pipeline.js'
import { standardPipeline } from '../src/standard.js'
import type { BenchArticle, BenchPage } from './corpus.js'
import { collectGarbage, peakRssMB, timeEach, utf8Bytes, type Measurement } from './measure.js'

/** What one part (one system, in its own process) reports. */
export interface PartResult {
  readonly system: 'parallax' | 'js-chain'
  readonly measurements: Measurement[]
  /** Peak RSS of the process after loading the inputs, before any measured work, MB. */
  readonly baselineRssMB: number
  /** Peak RSS of the process at the end, MB. */
  readonly peakRssMB: number
}

/** Options of a part. */
export interface PartOptions {
  /** Timed repeats of each step (best and median are reported). */
  readonly repeats: number
}

/** The reference date for chrono-node: the article's date, else a fixed day (reproducible). */
function referenceDate(article: BenchArticle): Date {
  return new Date(`${article.published ?? '2016-06-01'}T12:00:00Z`)
}

/** Bytes of the texts of a corpus. */
function textBytes(articles: readonly BenchArticle[]): number {
  return articles.reduce((n, a) => n + utf8Bytes(a.text), 0)
}

/** Bytes of the HTML of the pages. */
function htmlBytes(pages: readonly BenchPage[]): number {
  return pages.reduce((n, p) => n + utf8Bytes(p.html), 0)
}

/** Read a bench article the way `parallax analyze` reads a `.txt` file. */
export function articleToDocument(article: BenchArticle): Document {
  const meta = {
    ...(article.title !== undefined ? { title: article.title } : {}),
    ...(article.published !== undefined ? { published: article.published } : {}),
    ...(article.source !== undefined ? { source: article.source } : {}),
  }
  return textToDocument(article.text, { id: article.id, meta })
}

/**
 * Parallax: reading, each annotator of `standardPipeline()` alone (in order, each on the
 * previous one's output), the whole pipeline, `analyzeDocuments` (pipeline + corpus stages),
 * `extractArticle` on the HTML pages and extraction + pipeline end to end.
 */
export async function runParallax(articles: readonly BenchArticle[], pages: readonly BenchPage[], options: PartOptions): Promise<PartResult> {
  const baselineRssMB = peakRssMB()
  const repeats = options.repeats
  const text = { system: 'parallax', input: 'text' as const, bytes: textBytes(articles), repeats }
  const html = { system: 'parallax', input: 'html' as const, bytes: htmlBytes(pages), repeats }
  const measurements: Measurement[] = []

  const docs: Document[] = []
  measurements.push(await timeEach({ ...text, name: 'read (textToDocument)' }, articles, (a, i) => (docs[i] = articleToDocument(a))))

  const standard = standardPipeline()
  let inputs: Document[] = docs
  const provided = new Set<LayerName>(Object.keys(docs[0]?.layers ?? {}) as LayerName[])
  for (const annotator of standard.annotators) {
    const single = pipeline([annotator], { provided: [...provided] })
    const outputs: Document[] = []
    collectGarbage()
    measurements.push(
      await timeEach({ ...text, name: `stage ${annotator.name}` }, inputs, async (doc, i) => {
        outputs[i] = await single.run(doc)
      }),
    )
    provided.add(annotator.produces)
    inputs = outputs
  }
  // eslint-disable-next-line no-useless-assignment -- drops the stage outputs so the GC can free them before the pipeline is timed
  inputs = []
  collectGarbage()

  measurements.push(await timeEach({ ...text, name: 'pipeline (standardPipeline)' }, docs, (doc) => standard.run(doc)))
  collectGarbage()

  // analyzeDocuments holds every annotated document for the corpus stages: time it as one batch.
  measurements.push({ ...(await timeEach({ ...text, name: 'analyzeDocuments (pipeline + corpus stages)' }, [docs], (all) => analyzeDocuments(all))), articles: docs.length })
  collectGarbage()

  if (pages.length > 0) {
    measurements.push(await timeEach({ ...html, name: 'extractArticle' }, pages, (page) => extractArticle(page.html, { id: page.id })))
    collectGarbage()
    measurements.push(
      await timeEach({ ...html, name: 'extractArticle + pipeline' }, pages, (page) => standard.run(extractArticle(page.html, { id: page.id }))),
    )
  }
  return { system: 'parallax', measurements, baselineRssMB, peakRssMB: peakRssMB() }
}

/** compromise's people, places, organizations and quotations of a text (what a JS user would call). */
export function compromiseEntities(text: string): { people: string[]; places: string[]; organizations: string[]; quotations: string[] } {
  const doc = nlp(text)
  return {
    people: doc.people().out('array') as string[],
    places: doc.places().out('array') as string[],
    organizations: doc.organizations().out('array') as string[],
    quotations: doc.quotations().out('array') as string[],
  }
}

/** The body text of an HTML page by Readability over linkedom, as a JS user would do it. */
export function readabilityText(html: string): string {
  const { document } = parseHTML(html)
  const article = new Readability(document as never).parse()
  return article?.textContent ?? ''
}

/**
 * The JS chain: compromise (people/places/organizations/quotations) and chrono-node
 * (`parse`) on the texts; Readability over linkedom on the HTML pages; and all three end to end.
 * The text chain's time per repeat is compromise's plus chrono-node's (each timed alone).
 */
export async function runJsChain(articles: readonly BenchArticle[], pages: readonly BenchPage[], options: PartOptions): Promise<PartResult> {
  const baselineRssMB = peakRssMB()
  const repeats = options.repeats
  const text = { system: 'js-chain', input: 'text' as const, bytes: textBytes(articles), repeats }
  const html = { system: 'js-chain', input: 'html' as const, bytes: htmlBytes(pages), repeats }
  const measurements: Measurement[] = []
  const people = await timeEach({ ...text, name: 'compromise people/places/organizations/quotations' }, articles, (a) => compromiseEntities(a.text))
  collectGarbage()
  const dates = await timeEach({ ...text, name: 'chrono-node parse' }, articles, (a) => chrono.parse(a.text, referenceDate(a)))
  collectGarbage()
  measurements.push(people, dates, {
    ...people,
    name: 'chain (compromise + chrono-node)',
    seconds: people.seconds.map((s, i) => s + (dates.seconds[i] ?? 0)),
    peakHeapMB: Math.max(people.peakHeapMB, dates.peakHeapMB),
  })
  if (pages.length > 0) {
    measurements.push(await timeEach({ ...html, name: 'Readability over linkedom' }, pages, (page) => readabilityText(page.html)))
    collectGarbage()
    measurements.push(
      await timeEach({ ...html, name: 'Readability + compromise + chrono-node' }, pages, (page) => {
        const body = readabilityText(page.html)
        compromiseEntities(body)
        chrono.parse(body, new Date('2020-01-01T12:00:00Z'))
      }),
    )
  }
  return { system: 'js-chain', measurements, baselineRssMB, peakRssMB: peakRssMB() }
}
