/**
 * @module scripts/eval-ner — conlleval exact-span F1 of the committed NER model on CoNLL-2003
 * `eng.testa` (`npm run eval:ner`). Pass another CoNLL file path to score that instead.
 */
import path from 'node:path'
import { loadModel } from '../src/entities/model.js'
import { WordCache } from '../src/entities/tagger.js'
import { dataDir, evaluateTagger, formatScore, readConll } from './ner-conll.js'

const file = process.argv[2] ?? path.join(dataDir, 'ner/conll2003/eng.testa')
const t0 = performance.now()
const model = loadModel()
const loadMs = performance.now() - t0
const docs = readConll(file)
const t1 = performance.now()
const score = evaluateTagger(docs, new WordCache(model.lexicon), model.lexicon, model.space, model.scorer)
const seconds = (performance.now() - t1) / 1000
console.log(`${path.basename(file)}: ${docs.length} documents (model loaded in ${loadMs.toFixed(0)} ms, tagged ${Math.round(score.tokens / seconds)} tokens/s)`)
console.log(formatScore(score))
