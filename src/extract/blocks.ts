/** @module extract/blocks — paragraph blocks of plain text. */
import type { Block } from '../document/layers.js'

/**
 * Paragraph blocks of plain text: separated by blank lines; where the text has no blank
 * line at all, each non-empty line is a paragraph (one-paragraph-per-line files).
 */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const separator = /\n[ \t]*\n/.test(text) ? /\n[ \t]*\n\s*/g : /\n\s*/g
  let start = 0
  const push = (from: number, to: number): void => {
    let s = from
    let e = to
    while (s < e && /\s/.test(text[s] as string)) s++
    while (e > s && /\s/.test(text[e - 1] as string)) e--
    if (e > s) blocks.push({ start: s, end: e, kind: 'paragraph' })
  }
  for (let m = separator.exec(text); m !== null; m = separator.exec(text)) {
    push(start, m.index)
    start = m.index + m[0].length
  }
  push(start, text.length)
  return blocks
}
