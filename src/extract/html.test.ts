import { describe, expect, test } from 'vitest'
import { checkDocument } from '../document/index.js'
import { extractArticle, htmlToText } from './html.js'
import { parseHTML } from 'linkedom'

const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of the story, in which Russia and Ukraine agreed to talk again after a long call between their leaders, officials said.</p>`).join('\n')

const page = (head: string, body = `<article><h1>Call ends</h1>${paragraphs(5)}</article>`): string =>
  `<!doctype html><html lang="en"><head><title>Fallback title</title>${head}</head><body><nav><a href="/">Home</a><a href="/w">World</a></nav>${body}<footer>© 2025 Outlet</footer></body></html>`

describe('extractArticle', () => {
  test('takes the body and meta tags', () => {
    const doc = extractArticle(
      page(`<meta property="og:title" content="Trump and Putin talk"><meta name="author" content="Jane Doe"><meta property="og:site_name" content="Outlet"><meta property="article:published_time" content="2025-05-20T10:00:00Z"><link rel="canonical" href="https://outlet.example/a">`),
      { id: 'a' },
    )
    expect(doc.meta).toMatchObject({ title: 'Trump and Putin talk', author: 'Jane Doe', source: 'Outlet', published: '2025-05-20T10:00:00.000Z', url: 'https://outlet.example/a', language: 'en' })
    expect(doc.text).toContain('Paragraph 1 of the story')
    expect(doc.text).not.toContain('Home')
    expect(doc.text).not.toContain('© 2025')
    expect(doc.messages).toEqual([])
    checkDocument(doc)
    for (const b of doc.layers.blocks ?? []) expect(doc.text.slice(b.start, b.end).trim()).toBe(doc.text.slice(b.start, b.end))
  })
  test('reads JSON-LD when meta tags are absent', () => {
    const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"LD headline","datePublished":"2025-05-19","author":[{"@type":"Person","name":"A. Writer"}],"publisher":{"@type":"Organization","name":"LD News"}}]}</script>`
    const doc = extractArticle(page(ld), { id: 'b' })
    expect(doc.meta).toMatchObject({ title: 'LD headline', published: '2025-05-19', author: 'A. Writer', source: 'LD News' })
  })
  test('reads <time datetime> as a last resort', () => {
    const doc = extractArticle(page('', `<article><time datetime="2025-05-18">Sunday</time>${paragraphs(5)}</article>`), { id: 'c' })
    expect(doc.meta.published).toBe('2025-05-18')
  })
  test('given meta wins over the page', () => {
    const doc = extractArticle(page('<meta property="og:title" content="Page">'), { id: 'd', meta: { title: 'Feed title', path: 'd.html' } })
    expect(doc.meta.title).toBe('Feed title')
    expect(doc.meta.path).toBe('d.html')
  })
  test('scripts and event handlers never become text or run', () => {
    const doc = extractArticle(page('', `<article>${paragraphs(4)}<p>Evil <script>globalThis.pwned = 1</script><img src=x onerror="globalThis.pwned = 2"> done.</p></article>`), { id: 'e' })
    expect(doc.text).not.toContain('pwned')
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined()
  })
  test('a page with no article gives empty text and a message naming the input', () => {
    const doc = extractArticle('<html><body><nav>Login</nav></body></html>', { id: 'f', where: 'login.html' })
    expect(doc.text).toBe('')
    expect(doc.messages[0]).toMatchObject({ ruleId: 'extract:no-article', severity: 'error' })
    expect(doc.messages[0]?.reason).toContain('login.html')
  })
  test('pages nested too deep are refused before parsing', () => {
    const doc = extractArticle(`<html><body>${'<div>'.repeat(300)}deep${'</div>'.repeat(300)}</body></html>`, { id: 'deep', where: 'deep.html' })
    expect(doc.text).toBe('')
    expect(doc.messages[0]).toMatchObject({ ruleId: 'extract:too-deep', severity: 'error' })
    expect(doc.messages[0]?.reason).toMatch(/^deep\.html: the page nests elements 302 deep, more than the limit of 256/)
    expect(extractArticle(`<html><body><article>${'<div>'.repeat(300)}${paragraphs(4)}${'</div>'.repeat(300)}</article></body></html>`, { id: 'ok', maxDepth: 400 }).text).toContain('Paragraph 1')
  })
  test('markup that makes Readability throw becomes a message, not a crash', () => {
    const doc = extractArticle('<!doctype html><html langcle.', { id: 'broken', where: 'broken.html' })
    expect(doc.text).toBe('')
    expect(doc.messages[0]?.ruleId).toMatch(/^extract:(unreadable-html|no-article)$/)
    expect(doc.messages[0]?.reason).toContain('broken.html')
  })
  test('DOM bombs are refused', () => {
    const doc = extractArticle(`<html><body>${'<span>x</span>'.repeat(2000)}</body></html>`, { id: 'g', maxElements: 1000 })
    expect(doc.messages[0]?.ruleId).toBe('extract:too-large')
  })
})

describe('htmlToText', () => {
  test('one block per paragraph-level element, whitespace collapsed', () => {
    const { document } = parseHTML('<html><body><h2>Head  line</h2><p>First\n  para <b>bold</b>.</p><ul><li>One</li><li>Two</li></ul><blockquote>Said it.</blockquote></body></html>')
    const { text, blocks } = htmlToText(document.body as never)
    expect(text).toBe('Head line\n\nFirst para bold.\n\nOne\n\nTwo\n\nSaid it.')
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list-item', 'list-item', 'quote'])
  })
})
