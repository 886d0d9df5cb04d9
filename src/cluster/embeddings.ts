/** @module cluster/embeddings — compact stem vectors (int8) and the dense vector of an article. */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { backgroundMap, type BackgroundFrequencies } from '../terms/index.js'

/** Unit vectors of Porter stems, `dims` floats per stem in one flat array. */
export interface StemVectors {
  readonly dims: number
  readonly source: string
  /** Stem → row in `data`. */
  readonly rows: ReadonlyMap<string, number>
  /** `rows.size × dims` values; each row has unit length. */
  readonly data: Float32Array
  /**
   * Unit directions to remove from article vectors (the top principal components of news
   * article vectors: genre directions such as crime or sports), best first; may be empty.
   */
  readonly components: readonly Float32Array[]
}

const magic = 'PLXSV1'

/**
 * Serialise stem vectors (uncompressed; the caller gzips): magic, a uint32 header length, a JSON
 * header `{ dims, count, source, stems }`, then per stem a float32 scale and `dims` int8 values
 * (the unit vector divided by the scale, so the largest component is ±127).
 */
export function encodeStemVectors(stems: readonly string[], vectors: readonly ArrayLike<number>[], dims: number, source: string, components: readonly ArrayLike<number>[] = []): Buffer {
  const header = Buffer.from(JSON.stringify({ dims, count: stems.length, source, stems, components: components.map((c) => Array.from(c, (x) => Math.round(x * 1e6) / 1e6)) }), 'utf8')
  const scales = new Float32Array(stems.length)
  const values = new Int8Array(stems.length * dims)
  vectors.forEach((v, i) => {
    let norm = 0
    let max = 0
    for (let d = 0; d < dims; d++) {
      norm += (v[d] as number) ** 2
      max = Math.max(max, Math.abs(v[d] as number))
    }
    norm = Math.sqrt(norm) || 1
    const scale = max / norm / 127 || 1
    scales[i] = scale
    for (let d = 0; d < dims; d++) values[i * dims + d] = Math.round((v[d] as number) / norm / scale)
  })
  const length = Buffer.alloc(4)
  length.writeUInt32LE(header.length)
  return Buffer.concat([Buffer.from(magic), length, header, Buffer.from(scales.buffer), Buffer.from(values.buffer)])
}

/** Read what {@link encodeStemVectors} wrote (gunzipped). */
export function decodeStemVectors(bytes: Buffer): StemVectors {
  if (bytes.subarray(0, magic.length).toString() !== magic) throw new Error(`Not a stem-vector file (expected magic ${magic}); rebuild it with \`npm run train:embeddings\`.`)
  const length = bytes.readUInt32LE(magic.length)
  let at = magic.length + 4
  const header = JSON.parse(bytes.subarray(at, at + length).toString('utf8')) as { dims: number; count: number; source: string; stems: string[]; components?: number[][] }
  at += length
  const { dims, count } = header
  const scales = new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + count * 4))
  at += count * 4
  const values = new Int8Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + count * dims))
  const data = new Float32Array(count * dims)
  for (let i = 0; i < count; i++) {
    // Renormalise after quantisation so that every row is a unit vector again.
    let norm = 0
    for (let d = 0; d < dims; d++) norm += ((values[i * dims + d] as number) * (scales[i] as number)) ** 2
    norm = Math.sqrt(norm) || 1
    for (let d = 0; d < dims; d++) data[i * dims + d] = ((values[i * dims + d] as number) * (scales[i] as number)) / norm
  }
  return { dims, source: header.source, rows: new Map(header.stems.map((s, i) => [s, i])), data, components: (header.components ?? []).map((c) => Float32Array.from(c)) }
}

let bundled: StemVectors | null | undefined

/** The bundled `models/embeddings/en-stems-100d.bin.gz` (from `npm run train:embeddings`), or `null` if it is missing. Read once. */
export function loadStemVectors(): StemVectors | null {
  if (bundled === undefined) {
    try {
      bundled = decodeStemVectors(gunzipSync(readFileSync(new URL('../../models/embeddings/en-stems-100d.bin.gz', import.meta.url))))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      bundled = null
    }
  }
  return bundled
}

/**
 * The dense vector of weighted stems: the weighted mean of their unit vectors, minus `center`
 * (the mean vector of a typical article, which every article shares), normalised to unit
 * length. Stems without a vector are skipped; an article with none gets the zero vector.
 */
export function denseVector(vectors: StemVectors, weighted: Iterable<readonly [string, number]>, center?: Float32Array): Float32Array {
  const dims = vectors.dims
  const out = new Float32Array(dims)
  let total = 0
  for (const [stem, w] of weighted) {
    const row = vectors.rows.get(stem)
    if (row === undefined || !(w > 0)) continue
    total += w
    const base = row * dims
    for (let d = 0; d < dims; d++) out[d] = (out[d] as number) + w * (vectors.data[base + d] as number)
  }
  if (total === 0) return out
  let norm = 0
  for (let d = 0; d < dims; d++) {
    const v = (out[d] as number) / total - (center?.[d] ?? 0)
    out[d] = v
    norm += v * v
  }
  norm = Math.sqrt(norm)
  if (norm > 0) for (let d = 0; d < dims; d++) out[d] = (out[d] as number) / norm
  return out
}

/**
 * The mean stem vector of a typical article under a background: the stems' unit vectors
 * weighted by document frequency times IDF (how much each adds to an average article's
 * weighted mean). Not normalised: it is subtracted from articles' weighted means.
 */
export function backgroundCenter(vectors: StemVectors, background: BackgroundFrequencies): Float32Array {
  const dims = vectors.dims
  const sum = new Float64Array(dims)
  let total = 0
  for (const [stem, df] of backgroundMap(background)) {
    const row = vectors.rows.get(stem)
    if (row === undefined) continue
    const w = df * (Math.log((background.docs + 1) / (df + 1)) + 1)
    total += w
    for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + w * (vectors.data[row * dims + d] as number)
  }
  return Float32Array.from(sum, (v) => (total > 0 ? v / total : 0))
}

/**
 * Remove from a unit vector, in place, its projections on the first `k` unit `components`
 * (assumed orthogonal), and normalise it again. Returns the vector.
 */
export function removeComponents(vector: Float32Array, components: readonly Float32Array[], k = components.length): Float32Array {
  for (const c of components.slice(0, k)) {
    let dot = 0
    for (let d = 0; d < vector.length; d++) dot += (vector[d] as number) * (c[d] as number)
    for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] as number) - dot * (c[d] as number)
  }
  let norm = 0
  for (let d = 0; d < vector.length; d++) norm += (vector[d] as number) ** 2
  norm = Math.sqrt(norm)
  if (norm > 0) for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] as number) / norm
  return vector
}

/**
 * The top `k` principal components of unit vectors (power iteration with deflation on their
 * covariance), best first. Deterministic.
 */
export function principalComponents(vectors: readonly ArrayLike<number>[], dims: number, k: number, iterations = 300): Float32Array[] {
  const mean = new Float64Array(dims)
  for (const v of vectors) for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + (v[d] as number) / vectors.length
  const cov = new Float64Array(dims * dims)
  for (const v of vectors) {
    for (let i = 0; i < dims; i++) {
      const a = (v[i] as number) - (mean[i] as number)
      for (let j = 0; j < dims; j++) cov[i * dims + j] = (cov[i * dims + j] as number) + (a * ((v[j] as number) - (mean[j] as number))) / vectors.length
    }
  }
  const out: Float64Array[] = []
  for (let c = 0; c < k; c++) {
    let x = Float64Array.from({ length: dims }, (_, i) => Math.sin(i + c + 1))
    for (let it = 0; it < iterations; it++) {
      const y = new Float64Array(dims)
      for (let i = 0; i < dims; i++) {
        let s = 0
        for (let j = 0; j < dims; j++) s += (cov[i * dims + j] as number) * (x[j] as number)
        y[i] = s
      }
      for (const p of out) {
        let dot = 0
        for (let d = 0; d < dims; d++) dot += (y[d] as number) * (p[d] as number)
        for (let d = 0; d < dims; d++) y[d] = (y[d] as number) - dot * (p[d] as number)
      }
      let norm = 0
      for (let d = 0; d < dims; d++) norm += (y[d] as number) ** 2
      norm = Math.sqrt(norm) || 1
      x = y.map((v) => v / norm)
    }
    out.push(x)
  }
  return out.map((x) => Float32Array.from(x))
}
