/** @module scripts/timeml — read TimeML files (TimeBank, AQUAINT, TempEval-3) into text plus gold TIMEX3 spans. */

/** A gold TIMEX3 with offsets into the tag-stripped text. */
export interface GoldTimex {
  readonly start: number
  readonly end: number
  readonly type: string
  readonly value: string
  readonly text: string
}

/** One TimeML document: its text (the `<TEXT>` element, tags stripped), creation time and gold timexes. */
export interface TimemlDocument {
  readonly id: string
  readonly text: string
  readonly dct: string | undefined
  readonly timexes: GoldTimex[]
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of tag.matchAll(/(\w+)="([^"]*)"/g)) out[m[1] as string] = m[2] as string
  return out
}

/** Parse a TimeML file: strip tags inside `<TEXT>`, decode entities, and record TIMEX3 offsets. */
export function parseTimeml(xml: string, id: string): TimemlDocument {
  const dctTag = /<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>/.exec(xml)
  const dct = dctTag ? attributes(dctTag[0])['value'] : undefined
  const open = xml.indexOf('<TEXT>')
  const close = xml.lastIndexOf('</TEXT>')
  const body = open >= 0 && close > open ? xml.slice(open + 6, close) : xml
  let text = ''
  const timexes: GoldTimex[] = []
  const stack: { start: number; attrs: Record<string, string> }[] = []
  const token = /<(\/?)([A-Za-z0-9]+)([^>]*?)(\/?)>|&(\w+);|[^<&]+|[<&]/g
  for (const m of body.matchAll(token)) {
    if (m[2] !== undefined) {
      if (m[2] !== 'TIMEX3') continue
      if (m[1] === '/') {
        const top = stack.pop()
        if (top && top.attrs['functionInDocument'] !== 'CREATION_TIME') {
          timexes.push({ start: top.start, end: text.length, type: top.attrs['type'] ?? '', value: top.attrs['value'] ?? '', text: text.slice(top.start) })
        }
      } else if (m[4] !== '/') stack.push({ start: text.length, attrs: attributes(m[3] ?? '') })
    } else if (m[5] !== undefined) text += entities[m[5]] ?? m[0]
    else text += m[0]
  }
  timexes.sort((a, b) => a.start - b.start)
  return { id, text, dct, timexes }
}
