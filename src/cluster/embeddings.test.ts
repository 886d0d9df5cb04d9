import { gzipSync, gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { terms } from '../terms/index.js'
import { backgroundCenter, decodeStemVectors, denseVector, encodeStemVectors, loadStemVectors, principalComponents, removeComponents, type StemVectors } from './embeddings.js'

const cos = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number)
    na += (a[i] as number) ** 2
    nb += (b[i] as number) ** 2
  }
  return dot / Math.sqrt(na * nb)
}
const rowOf = (v: StemVectors, stem: string): Float32Array => {
  const row = v.rows.get(stem)
  if (row === undefined) throw new Error(`no vector for ${stem}`)
  return v.data.subarray(row * v.dims, (row + 1) * v.dims)
}
const stem = (word: string): string => terms(word)[0]?.stem ?? word

describe('stem vectors', () => {
  test('int8 encoding keeps direction and unit length', () => {
    const vectors = [
      [3, -1, 0.5, 2],
      [-0.001, 0.002, 0.0005, 0],
      [0, 0, 0, 7],
    ]
    const decoded = decodeStemVectors(gunzipSync(gzipSync(encodeStemVectors(['a', 'b', 'c'], vectors, 4, 'test'))))
    expect(decoded.dims).toBe(4)
    expect(decoded.source).toBe('test')
    vectors.forEach((v, i) => {
      const row = rowOf(decoded, 'abc'[i] as string)
      expect(cos(row, v)).toBeGreaterThan(0.9999)
      expect(cos(row, row)).toBeCloseTo(1, 5)
      expect(Math.hypot(...row)).toBeCloseTo(1, 5)
    })
  })

  test('a file that is not stem vectors says how to rebuild it', () => {
    expect(() => decodeStemVectors(Buffer.from('{"dims":3}'))).toThrow(/train:embeddings/)
  })

  test('denseVector is the weighted mean minus the center, normalised; unknown stems are skipped', () => {
    const v = decodeStemVectors(encodeStemVectors(['x', 'y'], [[1, 0], [0, 1]], 2, 'test'))
    expect([...denseVector(v, [['x', 3], ['y', 1], ['zzz', 100]])].map((n) => +n.toFixed(4))).toEqual([+(3 / Math.hypot(3, 1)).toFixed(4), +(1 / Math.hypot(3, 1)).toFixed(4)])
    // Removing a center along x leaves the y direction.
    expect([...denseVector(v, [['x', 1], ['y', 1]], Float32Array.from([0.5, 0]))].map((n) => +n.toFixed(4))).toEqual([0, 1])
    expect([...denseVector(v, [['zzz', 1]])]).toEqual([0, 0])
  })

  test('backgroundCenter weighs stems by document frequency times IDF', () => {
    const v = decodeStemVectors(encodeStemVectors(['x', 'y'], [[1, 0], [0, 1]], 2, 'test'))
    const center = backgroundCenter(v, { docs: 10, df: { x: 1, y: 9, unknown: 5 } })
    const wx = 1 * (Math.log(11 / 2) + 1)
    const wy = 9 * (Math.log(11 / 10) + 1)
    expect(center[0]).toBeCloseTo(wx / (wx + wy), 5)
    expect(center[1]).toBeCloseTo(wy / (wx + wy), 5)
  })

  test('components survive encoding; removeComponents projects them out and renormalises', () => {
    const decoded = decodeStemVectors(encodeStemVectors(['a'], [[1, 0, 0]], 3, 'test', [[0, 1, 0]]))
    expect(decoded.components.map((c) => [...c])).toEqual([[0, 1, 0]])
    const v = removeComponents(Float32Array.from([0.6, 0.8, 0]), decoded.components)
    expect([...v].map((n) => +n.toFixed(5))).toEqual([1, 0, 0])
    expect([...removeComponents(Float32Array.from([0.6, 0.8, 0]), decoded.components, 0)].map((n) => +n.toFixed(5))).toEqual([0.6, 0.8, 0])
  })

  test('principalComponents finds the direction of largest variance first', () => {
    // Points spread along (1, 1, 0) a lot and along (0, 0, 1) a little.
    const points = [-2, -1, 0, 1, 2].flatMap((t) => [-1, 1].map((u) => [t, t, 0.2 * u]))
    const [first, second] = principalComponents(points, 3, 2)
    expect(Math.abs(first![0]!)).toBeCloseTo(Math.SQRT1_2, 4)
    expect(Math.abs(first![1]!)).toBeCloseTo(Math.SQRT1_2, 4)
    expect(Math.abs(second![2]!)).toBeCloseTo(1, 4)
  })

  test('the bundled vectors put related news words closer than unrelated ones', () => {
    const v = loadStemVectors()
    expect(v).not.toBeNull()
    if (!v) return
    expect(v.rows.size).toBeGreaterThan(20_000)
    expect(v.components.length).toBeGreaterThan(0)
    const [automaker, carmaker, dealership, earthquake, stocks, shares] = ['automaker', 'carmaker', 'dealership', 'earthquake', 'stocks', 'shares'].map((w) => rowOf(v, stem(w)))
    expect(cos(automaker!, carmaker!)).toBeGreaterThan(cos(automaker!, earthquake!) + 0.3)
    expect(cos(automaker!, dealership!)).toBeGreaterThan(cos(automaker!, stocks!))
    expect(cos(stocks!, shares!)).toBeGreaterThan(cos(stocks!, earthquake!) + 0.3)
  })
})
