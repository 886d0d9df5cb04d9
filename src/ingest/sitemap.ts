/** @module ingest/sitemap — XML sitemaps, sitemap indexes and Google News sitemaps. */
import { normalizeDate } from '../extract/dates.js'
import { InputError } from './errors.js'
import { children, parseXml, textOf } from './xml.js'

/** One page listed in a sitemap. */
export interface SitemapUrl {
  readonly url: string
  /** ISO 8601 `lastmod`, when it reads. */
  readonly lastModified?: string
  /** From a Google News sitemap's `<news:news>`. */
  readonly news?: {
    readonly title?: string
    readonly publication?: string
    readonly language?: string
    readonly published?: string
  }
}

/** A parsed sitemap: pages (`urlset`) or further sitemaps (`sitemapindex`). */
export interface Sitemap {
  readonly format: 'urlset' | 'index'
  readonly urls: readonly SitemapUrl[]
  /** Child sitemaps of an index. */
  readonly sitemaps: readonly string[]
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const u = new URL(value)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Parse a sitemap or sitemap index (sitemaps.org 0.9) including Google News extensions
 * (`news:title`, `news:publication_date`, `news:publication/news:name`). Entries without an
 * absolute http(s) `loc` are skipped. Throws {@link InputError} (`not-a-sitemap`,
 * `xml-doctype`, `xml-malformed`, `too-large`) and nothing else.
 */
export function parseSitemap(content: string, options: { where?: string; maxBytes?: number } = {}): Sitemap {
  const where = options.where ?? 'sitemap'
  const root = parseXml(content, where, options.maxBytes)
  const urlset = root['urlset']
  if (urlset !== undefined) {
    const urls: SitemapUrl[] = []
    for (const entry of children(urlset, 'url')) {
      const url = httpUrl(textOf(children(entry, 'loc')[0]))
      if (!url) continue
      const lastmod = textOf(children(entry, 'lastmod')[0])
      const newsNode = children(entry, 'news:news')[0]
      const iso = lastmod ? normalizeDate(lastmod) : undefined
      let news: SitemapUrl['news'] | undefined
      if (newsNode !== undefined) {
        const publication = children(newsNode, 'news:publication')[0]
        const published = textOf(children(newsNode, 'news:publication_date')[0])
        const n: Record<string, string | undefined> = {
          title: textOf(children(newsNode, 'news:title')[0]),
          publication: textOf(children(publication, 'news:name')[0]),
          language: textOf(children(publication, 'news:language')[0]),
          published: published ? normalizeDate(published) : undefined,
        }
        for (const k of Object.keys(n)) if (n[k] === undefined) delete n[k]
        news = n
      }
      urls.push({ url, ...(iso ? { lastModified: iso } : {}), ...(news ? { news } : {}) })
    }
    return { format: 'urlset', urls, sitemaps: [] }
  }
  const index = root['sitemapindex']
  if (index !== undefined) {
    const sitemaps = children(index, 'sitemap').map((s) => httpUrl(textOf(children(s, 'loc')[0]))).filter((u): u is string => u !== undefined)
    return { format: 'index', urls: [], sitemaps }
  }
  throw new InputError('not-a-sitemap', `${where}: not a sitemap (expected <urlset> or <sitemapindex>).`)
}
