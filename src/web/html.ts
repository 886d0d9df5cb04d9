/** @module web/html — HTML built from tagged templates where every interpolation is escaped. */

/** A string of HTML known to be safe: produced by {@link html} or {@link raw} (trusted constants only). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

/** Escape text for HTML text nodes and quoted attribute values (& < > " '). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
}

/** What `html` interpolates: escaped text, numbers, kept `SafeHtml`, joined arrays; null/undefined/booleans vanish. */
export type HtmlValue = string | number | boolean | null | undefined | SafeHtml | readonly HtmlValue[]

function append(value: HtmlValue, out: string[]): void {
  if (value === null || value === undefined || value === false || value === true) return
  if (value instanceof SafeHtml) out.push(value.value)
  // Array.isArray narrows a readonly array to any[]: restore its element type.
  else if (Array.isArray(value)) for (const v of value as readonly HtmlValue[]) append(v, out)
  else out.push(escapeHtml(String(value)))
}

/**
 * Tagged template for HTML: interpolated strings and numbers are escaped, `SafeHtml` is kept,
 * arrays are joined, null/undefined/booleans vanish. Interpolate into quoted attributes only.
 *
 * @example
 * html`<p title="${title}">${text}</p>` // article text can never become markup
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const out: string[] = [strings[0] ?? '']
  values.forEach((value, i) => {
    append(value, out)
    out.push(strings[i + 1] ?? '')
  })
  return new SafeHtml(out.join(''))
}

/** Mark a trusted constant (never user or article content) as HTML. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted)
}

/** `href` of a document page, optionally highlighting the span `start`–`end`. */
export function documentHref(id: string, span?: { start: number; end: number }): string {
  const base = `/documents/${encodeURIComponent(id)}`
  return span ? `${base}?hl=${span.start}-${span.end}#hl` : base
}

/** `href` of a story page. */
export function storyHref(id: string): string {
  return `/stories/${encodeURIComponent(id)}`
}
