/** @module entities/model — the compact NER artifact: (de)serialisation and the quantised scorer. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { PipelineError } from '../pipeline/errors.js'
import { lexiconFromJson, type Lexicon, type LexiconJson } from './lexicon.js'
import { labelCount, type FeatureSpace, type Scorer } from './tagger.js'

/** A loaded model: feature space, scorer and lexicon. */
export interface NerModel {
  readonly space: FeatureSpace
  readonly scorer: Scorer
  readonly lexicon: Lexicon
}

interface Header {
  readonly version: 3
  readonly bits: number
  readonly labels: number
  readonly rows: number
  /** Stored int16 × scale = weight. */
  readonly scale: number
}

/**
 * Scorer over the kept rows: an open-addressing table (bucket → row, interleaved so one probe
 * touches one cache line) and int16 weights on one linear scale (scores come out in units of
 * that scale, which leaves the argmax unchanged). Kept compact because at run time the scorer
 * is bound by memory access, not arithmetic.
 */
class SparseScorer implements Scorer {
  private readonly shift: number
  constructor(
    private readonly slots: Int32Array,
    private readonly rows: Int16Array,
  ) {
    this.shift = 32 - Math.log2(slots.length / 2)
  }

  score(features: Int32Array, count: number, out: Float64Array): void {
    const { slots, rows, shift } = this
    const mask = (slots.length >> 1) - 1
    for (let k = 0; k < count; k++) {
      const bucket = features[k]!
      let s = Math.imul(bucket, 0x9e3779b1) >>> shift
      let r = -1
      for (;;) {
        const key = slots[s << 1]!
        if (key === bucket) {
          r = slots[(s << 1) + 1]!
          break
        }
        if (key === -1) break
        s = (s + 1) & mask
      }
      if (r < 0) continue
      const base = r * labelCount
      for (let l = 0; l < labelCount; l++) out[l]! += rows[base + l]!
    }
  }
}

/** Build the open-addressing table of {@link SparseScorer} (load factor ≤ 0.5). */
function slotTable(buckets: Uint32Array): Int32Array {
  let bits = 4
  while (1 << bits < buckets.length * 2) bits++
  const size = 1 << bits
  const slots = new Int32Array(size * 2).fill(-1)
  const shift = 32 - bits
  buckets.forEach((bucket, row) => {
    let s = Math.imul(bucket, 0x9e3779b1) >>> shift
    while (slots[s << 1] !== -1) s = (s + 1) & (size - 1)
    slots[s << 1] = bucket
    slots[(s << 1) + 1] = row
  })
  return slots
}

/**
 * Serialise dense float weights (`2^bits × labelCount`) and the lexicon: rows whose largest
 * absolute weight is below `threshold` are dropped, the rest stored as int16 on one linear scale.
 */
export function encodeModel(bits: number, weights: Float32Array, lexicon: LexiconJson, threshold: number): { model: Buffer; lexicon: Buffer; rows: number } {
  let max = 0
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!))
  const scale = max / 32767
  const buckets: number[] = []
  const rowValues: number[] = []
  const size = 1 << bits
  for (let b = 0; b < size; b++) {
    let keep = false
    const base = b * labelCount
    for (let l = 0; l < labelCount; l++) if (Math.abs(weights[base + l]!) >= threshold) keep = true
    if (!keep) continue
    buckets.push(b)
    for (let l = 0; l < labelCount; l++) rowValues.push(Math.round(weights[base + l]! / scale))
  }
  const header: Header = { version: 3, bits, labels: labelCount, rows: buckets.length, scale }
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
  const body = Buffer.concat([len, headerBytes, Buffer.from(deltas.buffer), Buffer.from(Int16Array.from(rowValues).buffer)])
  return { model: gzipSync(body, { level: 9 }), lexicon: gzipSync(JSON.stringify(lexicon), { level: 9 }), rows: buckets.length }
}

/** Parse a serialised model and lexicon. */
export function decodeModel(model: Buffer, lexicon: Buffer): NerModel {
  const body = gunzipSync(model)
  const headerLength = body.readUInt32LE(0)
  const header = JSON.parse(body.subarray(4, 4 + headerLength).toString('utf8')) as Header
  if (header.version !== 3 || header.labels !== labelCount) {
    throw new PipelineError('invalid-model', `NER model format ${header.version}/${header.labels} is not supported; run \`npm run train:ner\`.`)
  }
  let offset = 4 + headerLength
  const deltas = new Uint32Array(body.buffer.slice(body.byteOffset + offset, body.byteOffset + offset + header.rows * 4))
  offset += header.rows * 4
  const rows = new Int16Array(body.buffer.slice(body.byteOffset + offset, body.byteOffset + offset + header.rows * labelCount * 2))
  const buckets = new Uint32Array(header.rows)
  let bucket = 0
  for (let r = 0; r < header.rows; r++) {
    bucket += deltas[r]!
    buckets[r] = bucket
  }
  const lex = lexiconFromJson(JSON.parse(gunzipSync(lexicon).toString('utf8')) as LexiconJson)
  return { space: { bits: header.bits }, scorer: new SparseScorer(slotTable(buckets), rows), lexicon: lex }
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
