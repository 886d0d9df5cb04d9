/** @module quotes/cues — the attribution cue lexicon: speech and reporting verbs, "according to". */
import { learnedCues } from './cue-lexicon.js'

/** Speech verbs every English newsroom uses; always cues, whatever the learned rates say. */
const coreVerbs =
  'say says said saying tell tells told telling stated stating warn warns warned warning ' +
  'claimed claiming describe describes described describing add adds added adding noted noting ' +
  'insist insists insisted insisting argue argues argued arguing announce announces announced announcing ' +
  'declare declares declared declaring explain explains explained explaining write writes wrote writing written ' +
  'tweeted tweeting posted confirm confirms confirmed confirming deny denies denied denying ' +
  'reported acknowledge acknowledged admit admitted assert asserted asserts contend contended contends ' +
  'stress stressed stresses emphasize emphasized emphasizes suggest suggested suggests reply replied replies ' +
  'respond responded recall recalled reiterate reiterated remark remarked predict predicted promise promised pledged vowed ' +
  'urge urged urges ask asked asks accuse accused accuses criticize criticized praise praised concede conceded complain complained ' +
  'maintain maintained maintains allege alleged alleges disclose disclosed reveal revealed reveals boasted joked quipped ' +
  'cautioned conclude concluded concludes indicate indicated indicates mention mentioned observed estimated believe believes believed ' +
  'think thinks thought hope hopes hoped fear fears feared'

/** Words that look like cues in the learned list but are never the cue's head (adverbs, adjectives, nouns). */
const notHeads = new Set(
  ('also aware quick length footage passion evenly eager glad confident outspoken reluctant inclined inclination desire ' +
    'informed concern criticism complaints admission assertion assumption description reference critique cry known impassioned renewed').split(' '),
)

/** Verbs after which the next noun phrase is the addressee, not the content: "told reporters that …". */
export const addresseeVerbs: ReadonlySet<string> = new Set(
  ('tell tells told telling warn warns warned warning remind reminded reminding assure assured assuring inform informed ' +
    'informing ask asked asks asking urge urged urges urging promise promised promising advise advised notify notified').split(' '),
)

/** Options that shape the lexicon. */
export interface CueLexiconOptions {
  /** Extra cue words (lower case, any inflection). */
  readonly verbs?: readonly string[]
  /** Minimum learned cue rate (0–1) for a PolNeAR-derived word to count as a cue. */
  readonly minRate?: number
  /** Learned cue rates (word → rate); default: the stored lexicon's (`cue-lexicon.ts`). */
  readonly rates?: Readonly<Record<string, number>>
}

/** Build the set of single-word cues: the core verbs, the learned words above `minRate`, and extras. */
export function cueLexicon(options: CueLexiconOptions = {}): Set<string> {
  const minRate = options.minRate ?? 0.45
  const words = new Set(coreVerbs.split(' '))
  for (const [word, rate] of Object.entries(options.rates ?? learnedCues)) {
    if (rate >= minRate && !notHeads.has(word) && !word.endsWith('ly') && word !== 'according') words.add(word)
  }
  for (const word of options.verbs ?? []) words.add(word.toLowerCase())
  return words
}
