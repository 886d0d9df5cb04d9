import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/document.js'
import { documentMarks, renderDocumentText } from './highlight.js'
import { escapeHtml, html, raw } from './html.js'

describe('html', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['a & b', 'a &amp; b'],
  ])('escapes %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
    expect(html`<p title="${input}">${input}</p>`.value).toBe(`<p title="${expected}">${expected}</p>`)
  })

  test('keeps SafeHtml, joins arrays, drops null/undefined/booleans', () => {
    expect(html`${[html`<b>${'<i>'}</b>`, '<u>', null, undefined, false, 3]}${raw('<hr>')}`.value).toBe('<b>&lt;i&gt;</b>&lt;u&gt;3<hr>')
  })
})

describe('renderDocumentText', () => {
  const text = 'Putin said "<b>no</b>" on Monday.\n\nSecond <img src=x> paragraph.'
  const doc = createDocument(
    { text },
    {
      blocks: [{ start: 0, end: 33, kind: 'paragraph' }, { start: 35, end: text.length, kind: 'paragraph' }],
      entities: [{ start: 0, end: 5, label: 'person', normal: 'putin', kind: 'name' }],
      quotes: [{ start: 12, end: 21, kind: 'direct', speaker: 0 }],
      times: [{ start: 26, end: 32, type: 'DATE', value: '2025-05-19' }],
    },
  )

  test('wraps entities, quotes and dates in spans by offset; the text stays text', () => {
    const out = renderDocumentText(doc, documentMarks(doc)).value
    expect(out).toBe(
      '<p><span class="ent ent-person" title="person: putin">Putin</span> said &quot;<span class="quote" title="direct quote — Putin">&lt;b&gt;no&lt;/b&gt;</span>&quot; on <span class="time" title="DATE 2025-05-19">Monday</span>.</p><p>Second &lt;img src=x&gt; paragraph.</p>',
    )
  })

  test('overlapping marks split into pieces carrying every class; the anchor goes on the first piece', () => {
    const out = renderDocumentText(doc, documentMarks(doc, [{ start: 3, end: 14, classes: ['hl'], anchor: 'hl' }])).value
    expect(out).toContain('<p><span class="ent ent-person" title="person: putin">Put</span><span class="ent ent-person hl" title="person: putin" id="hl">in</span><span class="hl"> said &quot;</span><span class="quote hl" title="direct quote — Putin">&lt;b</span><span class="quote" title="direct quote — Putin">&gt;no&lt;/b&gt;</span>')
    expect(out.match(/id="hl"/g)).toHaveLength(1)
    expect(out).toContain('<span class="hl"> said &quot;</span>')
  })

  test('marks out of bounds are dropped', () => {
    expect(documentMarks(doc, [{ start: 5, end: 999, classes: ['hl'] }, { start: 4, end: 4, classes: ['hl'] }])).toHaveLength(3)
  })
})
