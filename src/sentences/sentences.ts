/** @module sentences/sentences — rule-based sentence boundaries over tokens. */
import type { Sentence, Token } from '../document/layers.js'

const terminal = new Set(['.', '!', '?', '...', '…', '?!', '!?', '!!', '??'])
const closers = new Set(['"', "'", ')', ']', '»'])
const softLineEnd = /[,;:(\-–—“"‘']$/

function isTerminal(token: Token): boolean {
  return token.kind === 'punct' && (terminal.has(token.normal) || /^[!?]+$/.test(token.normal))
}

/** True when the text between two tokens contains a blank line (a paragraph break). */
function gapKind(text: string, from: number, to: number): 'none' | 'line' | 'paragraph' {
  let newlines = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) newlines++
  }
  return newlines >= 2 ? 'paragraph' : newlines === 1 ? 'line' : 'none'
}

/**
 * Split tokens into sentences. Boundaries: terminal punctuation (with trailing closing
 * quotes/brackets) before a token that can open a sentence; blank lines; and single line
 * breaks unless the line ends mid-sentence (a comma, colon, opening quote, hyphen).
 */
export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = []
  let first = 0
  const close = (last: number): void => {
    if (last < first) return
    const a = tokens[first]
    const b = tokens[last]
    if (a && b) sentences.push({ start: a.start, end: b.end, tokens: { start: first, end: last + 1 } })
    first = last + 1
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token
    const next = tokens[i + 1]
    if (!next) break
    const gap = gapKind(text, token.end, next.start)
    if (gap === 'paragraph') {
      close(i)
      continue
    }
    if (isTerminal(token)) {
      // absorb closing quotes/brackets glued to the terminal mark
      let last = i
      while (tokens[last + 1] && closers.has((tokens[last + 1] as Token).normal) && (tokens[last + 1] as Token).start === (tokens[last] as Token).end) last++
      const after = tokens[last + 1]
      if (!after) break
      const afterText = text.slice(after.start, after.end)
      const opens = /^[\p{Lu}\p{N}"“‘'([«¿¡—–-]/u.test(afterText) || gapKind(text, (tokens[last] as Token).end, after.start) !== 'none'
      if (opens && after.start > (tokens[last] as Token).end) {
        close(last)
        i = last
        continue
      }
      i = last
      continue
    }
    if (gap === 'line') {
      const lineEnd = text.slice(token.start, token.end)
      if (!softLineEnd.test(lineEnd) && !/^\p{Ll}/u.test(text.slice(next.start, next.end)) && token.kind !== 'punct') close(i)
      else if (token.kind === 'punct' && !softLineEnd.test(lineEnd) && !closers.has(token.normal)) close(i)
    }
  }
  close(tokens.length - 1)
  return sentences
}
