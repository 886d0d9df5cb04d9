import { describe, expect, test } from 'vitest'
import { createDocument } from '../document/index.js'
import { findCopies } from './copies.js'

const wire = 'The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing persistent inflation in services and a tight labour market, and signalled that further increases were possible later this year if price pressures did not ease.'

describe('findCopies', () => {
  test('flags a syndicated copy and a rewrite, not an unrelated article', () => {
    const docs = [
      createDocument({ id: 'wire', text: wire, meta: { published: '2024-01-01' } }),
      createDocument({ id: 'copy', text: `${wire} (Reporting by staff.)`, meta: { published: '2024-01-02' } }),
      createDocument({ id: 'other', text: 'A storm closed schools across the northern counties on Friday as snow and strong winds cut power to thousands of homes and stranded drivers on the motorway.' }),
    ]
    const copies = findCopies(docs)
    expect(copies).toEqual([expect.objectContaining({ doc: 'copy', of: 'wire', kind: 'copy' })])
    expect(copies[0]?.similarity).toBeGreaterThan(0.6)
  })

  test('the later document is the copy, whatever the input order', () => {
    const docs = [createDocument({ id: 'late', text: wire, meta: { published: '2024-02-01' } }), createDocument({ id: 'early', text: wire, meta: { published: '2024-01-01' } })]
    expect(findCopies(docs)).toEqual([expect.objectContaining({ doc: 'late', of: 'early' })])
  })

  test('bad thresholds are misuse', () => {
    expect(() => findCopies([], { copyThreshold: 0.2, rewriteThreshold: 0.5 })).toThrow(/rewriteThreshold/)
  })
})
