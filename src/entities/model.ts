/** @module entities/model — the compact NER artifact: (de)serialisation and the quantised scorer. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { PipelineError } from '../pipeline/errors.js'
import { lexiconFromJson, type Lexicon, type LexiconJson } from './lexicon.js'
import { labelCount, type FeatureSpace, type RowScorer, type Scorer } from './tagger.js'

/** A loaded model: feature space, scorer and lexicon. */
export interface NerModel {
  readonly space: FeatureSpace
  readonly scorer: Scorer
  readonly lexicon: Lexicon
}

interface Header {
  /**
   * 4: each row holds labels 1..16 as differences to label 0 (O), as the run-time scorer reads
   * them; 3 (older artifacts): all 17 labels.
   */
  readonly version: 3 | 4
  readonly bits: number
  readonly labels: number
  readonly rows: number
  /** Stored int16 × scale = weight (v4: weight minus the weight of O). */
  readonly scale: number
}

/**
 * Scorer over the kept rows, laid out for memory access (at run time the scorer is bound by
 * cache misses, not arithmetic):
 *
 * - which buckets have a row is one bit each (`2^bits` bits: 256 KB at 21 bits, which stays in
 *   the L2 cache), interleaved with the number of rows before each 32-bit word, so a bucket's
 *   row index is a rank (popcount) and a bucket without a row costs no further memory access;
 * - each row stores its label weights minus the weight of O (which leaves every argmax
 *   unchanged), 16 int16 values: 32 bytes, at most one cache line.
 *
 * Scores come out in units of one linear scale (again argmax-neutral) and with O at 0.
 */
class RankScorer implements RowScorer {
  constructor(
    /** Per 32-bucket word: [presence bits, rows before the word]. */
    private readonly index: Uint32Array,
    /** Row r: weights of labels 1..16 minus that of label 0, at `r * 16`. */
    readonly rows: Int16Array,
  ) {}

  rowOf(bucket: number): number {
    const at = (bucket >>> 5) << 1
    const word = this.index[at]!
    const bit = 1 << (bucket & 31)
    if ((word & bit) === 0) return -1
    return (this.index[at + 1]! + popcount(word & (bit - 1))) << 4
  }

  score(features: Int32Array, count: number, out: Float64Array): void {
    const { index, rows } = this
    for (let k = 0; k < count; k++) {
      const bucket = features[k]!
      const at = (bucket >>> 5) << 1
      const word = index[at]!
      const bit = 1 << (bucket & 31)
      if ((word & bit) === 0) continue
      const base = (index[at + 1]! + popcount(word & (bit - 1))) << 4
      for (let l = 0; l < 16; l++) out[l + 1]! += rows[base + l]!
    }
  }
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

/** Build a {@link RankScorer} from sorted buckets and their rows (16 O-relative int16 values each). */
function rankScorer(bits: number, buckets: Uint32Array, rows: Int16Array): RankScorer {
  const index = new Uint32Array(Math.max(1, (1 << bits) >>> 5) * 2)
  for (let r = 0; r < buckets.length; r++) index[(buckets[r]! >>> 5) << 1]! |= 1 << (buckets[r]! & 31)
  let before = 0
  for (let w = 0; w < index.length; w += 2) {
    index[w + 1] = before
    before += popcount(index[w]!)
  }
  return new RankScorer(index, rows)
}

/** Rows of a version-3 artifact (17 labels) as O-relative rows (16), scaled down where they would overflow int16. */
function oRelative(stored: Int16Array, count: number): Int16Array {
  let max = 0
  for (let r = 0; r < count; r++) {
    const o = stored[r * labelCount]!
    for (let l = 1; l < labelCount; l++) max = Math.max(max, Math.abs(stored[r * labelCount + l]! - o))
  }
  const factor = max > 32767 ? 32767 / max : 1
  const rows = new Int16Array(count * 16)
  for (let r = 0; r < count; r++) {
    const o = stored[r * labelCount]!
    for (let l = 1; l < labelCount; l++) rows[r * 16 + l - 1] = Math.round((stored[r * labelCount + l]! - o) * factor)
  }
  return rows
}

/**
 * Serialise dense float weights (`2^bits × labelCount`) and the lexicon: rows whose largest
 * absolute weight is below `threshold` are dropped, the rest stored as int16 on one linear scale.
 */
export function encodeModel(bits: number, weights: Float32Array, lexicon: LexiconJson, threshold: number): { model: Buffer; lexicon: Buffer; rows: number } {
  const buckets: number[] = []
  const size = 1 << bits
  let max = 0
  for (let b = 0; b < size; b++) {
    let keep = false
    const base = b * labelCount
    for (let l = 0; l < labelCount; l++) if (Math.abs(weights[base + l]!) >= threshold) keep = true
    if (!keep) continue
    buckets.push(b)
    for (let l = 1; l < labelCount; l++) max = Math.max(max, Math.abs(weights[base + l]! - weights[base]!))
  }
  // Rows store each label's weight minus that of O (the argmax is unchanged), on one linear scale.
  const scale = max / 32767 || 1
  const rows = new Int16Array(buckets.length * 16)
  buckets.forEach((b, r) => {
    const base = b * labelCount
    for (let l = 1; l < labelCount; l++) rows[r * 16 + l - 1] = Math.round((weights[base + l]! - weights[base]!) / scale)
  })
  return { model: encodeRows(bits, Uint32Array.from(buckets), rows, scale), lexicon: gzipSync(JSON.stringify(lexicon), { level: 9 }), rows: buckets.length }
}

/** A version-4 artifact from sorted buckets and their O-relative int16 rows. */
export function encodeRows(bits: number, buckets: Uint32Array, rows: Int16Array, scale: number): Buffer {
  const header: Header = { version: 4, bits, labels: labelCount, rows: buckets.length, scale }
  const headerBytes = Buffer.from(JSON.stringify(header))
  // Buckets are delta-coded (sorted) so gzip finds the small gaps.
  const deltas = new Uint32Array(buckets.length)
  let last = 0
  buckets.forEach((b, i) => {
    deltas[i] = b - last
    last = b
  })
  const len = Buffer.alloc(4)
  len.writeUInt32LE(headerBytes.length)
  return gzipSync(Buffer.concat([len, headerBytes, Buffer.from(deltas.buffer), Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)]), { level: 9 })
}

/** Parse a serialised model and lexicon. */
export function decodeModel(model: Buffer, lexicon: Buffer): NerModel {
  const body = gunzipSync(model)
  const headerLength = body.readUInt32LE(0)
  const header = JSON.parse(body.subarray(4, 4 + headerLength).toString('utf8')) as Header
  if ((header.version !== 3 && header.version !== 4) || header.labels !== labelCount) {
    throw new PipelineError('invalid-model', `NER model format ${header.version}/${header.labels} is not supported; run \`npm run train:ner\`.`)
  }
  let offset = 4 + headerLength
  const deltas = new Uint32Array(body.buffer.slice(body.byteOffset + offset, body.byteOffset + offset + header.rows * 4))
  offset += header.rows * 4
  const width = header.version === 4 ? 16 : labelCount
  const stored = new Int16Array(body.buffer.slice(body.byteOffset + offset, body.byteOffset + offset + header.rows * width * 2))
  const rows = header.version === 4 ? stored : oRelative(stored, header.rows)
  const buckets = new Uint32Array(header.rows)
  let bucket = 0
  for (let r = 0; r < header.rows; r++) {
    bucket += deltas[r]!
    buckets[r] = bucket
  }
  const lex = lexiconFromJson(JSON.parse(gunzipSync(lexicon).toString('utf8')) as LexiconJson)
  return { space: { bits: header.bits }, scorer: rankScorer(header.bits, buckets, rows), lexicon: lex }
}

/** Where the committed artifact lives (works from `src/` and from `dist/`). */
export const modelDir = fileURLToPath(new URL('../../models/ner/', import.meta.url))

let cached: NerModel | undefined

/** Load the committed model once per process. */
export function loadModel(): NerModel {
  if (cached) return cached
  let model: Buffer
  let lexicon: Buffer
  try {
    model = readFileSync(new URL('ner.bin.gz', `file://${modelDir}`))
    lexicon = readFileSync(new URL('lexicon.json.gz', `file://${modelDir}`))
  } catch (cause) {
    throw new PipelineError('invalid-model', `The NER model is missing from ${modelDir}; run \`npm run train:ner\` to rebuild it.`, { cause })
  }
  cached = decodeModel(model, lexicon)
  return cached
}
