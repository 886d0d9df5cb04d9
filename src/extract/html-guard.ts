/** @module extract/html-guard — cheap pre-checks that keep pathological HTML away from the extractor. */

// Elements that never hold children, plus those whose end tag is implied by the next sibling
// (an unclosed <p> or <li> does not nest in a browser's tree, so it must not count as depth).
const flat = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rt', 'rp',
])

/**
 * Approximate element nesting depth of an HTML string, from a single scan of its tags (no DOM):
 * start tags of non-void elements add one, end tags take one. Comments and the content of
 * script/style are skipped. Readability's cost grows faster than linearly with depth, so a page
 * nested thousands deep is refused before extraction.
 */
export function htmlDepth(html: string): number {
  const tag = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>/g
  let depth = 0
  let max = 0
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = m[3]?.toLowerCase()
    if (name === undefined || flat.has(name) || m[4] === '/') continue
    if (m[2] === '/') depth = Math.max(0, depth - 1)
    else if (++depth > max) max = depth
  }
  return max
}
