/** @module quotes/extract-quotes — rule-based attribution: direct, indirect and mixed quotes with cue and source. */
import type { Entity, Quote, Sentence, Token } from '../document/layers.js'
import type { Span } from '../document/span.js'
import { addresseeVerbs } from './cues.js'
import { stem } from './cue-model.js'
import { findMarkedPassages, passageOfTokens, type MarkedPassage } from './quote-marks.js'

/** What {@link extractQuotes} reads. */
export interface QuoteInput {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly sentences: readonly Sentence[]
  readonly entities: readonly Entity[]
  /** The quoted passages of `text` and the token → passage map, when the caller has them already. */
  readonly passages?: readonly MarkedPassage[]
  readonly inPassage?: Int32Array
}

/** Tuning knobs of {@link extractQuotes}. */
export interface ExtractOptions {
  /** Single-word cues (lower case). */
  readonly cues: ReadonlySet<string>
  /** A passage with fewer words and no cue of its own is a scare quote or a title, not speech. */
  readonly minDirectWords: number
  /** An indirect quote needs at least this many words of content. */
  readonly minIndirectWords: number
  /** Token indices the trained cue tagger marks as (part of) a cue; they count as cues too. May be lazy (asked only for words outside quotes). */
  readonly modelCues?: { has(token: number): boolean; probability?(token: number): number }
  /** Where reported content starting at token `start` ends, at most at `stop` (the trained content-end chooser); default `stop`. */
  readonly contentEnd?: (start: number, stop: number, cue: number) => number
  /**
   * The trained candidate scorer: after the rules, every word the rules left that could be a cue
   * (a lexicon word, or tagged with {@link ExtractOptions.candidateFloor} probability) yields
   * candidate quotes (content after the cue, or before a postposed one); this gives each its
   * probability (0–1) from its features. Per cue word the best candidate is kept when it reaches
   * {@link ExtractOptions.candidateThreshold}. Needs `modelCues.probability`.
   */
  readonly candidateScore?: (features: readonly string[], quote: FoundQuote) => number
  /**
   * An upper bound on {@link ExtractOptions.candidateScore} given some features (`known`) while the
   * feature groups in `open` are not known yet; candidates whose bound stays under the threshold are
   * dropped before their content is built. Optional (a speed-up only).
   */
  readonly candidateCeiling?: (known: readonly string[], open: readonly string[]) => number
  /** Probability from which a candidate quote is kept; default 0.5. */
  readonly candidateThreshold?: number
  /** Probability from which a candidate quote with no source is kept; default {@link ExtractOptions.candidateThreshold}. */
  readonly candidateSourcelessThreshold?: number
  /** Tagger probability from which a word outside the lexicon yields candidates; default 0.15. */
  readonly candidateFloor?: number
  /**
   * The keep/drop stage for the rules' quotes (see `rule-filter.ts`): gets them all and the candidate
   * pass's quotes, returns the rules' quotes to keep. It runs after the candidate pass, before transcript turns.
   */
  readonly ruleFilter?: (rules: readonly FoundQuote[], candidates: readonly FoundQuote[]) => readonly FoundQuote[]
}

/** A quote found, before speaker linking. `speakers` lists every entity mention in the source. */
export interface FoundQuote extends Quote {
  readonly speakers?: readonly number[]
}

const subjectPronouns = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who'])
const determiners = new Set(
  'the a an this these those his her their its our my your some many several other another both most all few any no each every one two three four five'.split(' '),
)
// Words that may sit between a subject and its cue: auxiliaries, negation, frequent adverbs.
const betweenWords = new Set(
  'also cannot has have had would will did does do not never later then previously again once repeatedly reportedly already even still just is was were are been be could might may should must can n\'t first recently often always now further yet too'.split(' '),
)
// Determiners that can stand alone as a subject: "most said", "some saw", "many mention".
const quantifiers = new Set('some many most all few several both each one two three four five any'.split(' '))
// Sentence adverbs and prepositions that open a fronted adjunct ("Indeed, …", "Beyond the footage, …").
const frontAdverbs = new Set('indeed overall even still thus therefore moreover besides instead beyond unlike like upon amid among outside inside meanwhile nevertheless nonetheless furthermore however ultimately finally first second third yet'.split(' '))
// Light verbs: tagged as cues in PolNeAR only with their object ("made clear", "took issue with").
const lightVerbs = new Set('make makes made making take takes took taken taking get gets got getting give gives gave given giving go goes went gone come came put set keep kept'.split(' '))
// Function words that never belong to a source noun phrase.
const breakers = new Set(
  ('that which who whom whose what when where while if because since as but and or nor so than though although after before until ' +
    'in on at by for with from into onto about over under against between through during without within among to of ' +
    'is was were are be been being has have had do does did will would can could may might should must not ' +
    'him them me us it there here this these those such very more less how why whether ' +
    'said says say told tells tell').split(' '),
)
// Time words follow cues ("said Friday") but never speak.
const timeWords = new Set(
  'monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow week weekend month year night morning afternoon evening january february april june july august september october november december'.split(' '),
)
// Words that open an adjunct between a cue and its that-clause: "stated on Truth Social that", "said Thursday that".
const adjunctOpeners = new Set('in on at during after before over via through with from for last this earlier later again once also repeatedly previously privately publicly recently'.split(' '))
// Words inside an adjunct after which its noun phrase goes on: prepositions, possessive 's, "last week".
const adjunctHeads = new Set("in on at during over via through with from for by to of into about under against between without within among aboard behind near outside inside across 's ’s last this next earlier later".split(' '))
// Determiners that open a new noun phrase (a clause's subject) right after an adjunct's noun.
// Connectives opening a unit before a speaker's name ("But Asa Khalif, an organizer …, said").
const unitConnectives = new Set('but and so yet or still also meanwhile'.split(' '))
// Words that may follow an inverted speaker ("…, said Leavitt on Monday", "…, said the official, who …").
const invertedFollowers = new Set('in on at during after before via through with from for last this earlier later who which whose according of'.split(' '))
// Words that open a subordinate clause or coordination inside what follows a cue: no adjunct goes past them.
const subordinators = new Set('as because while when whether if since though although after before until and or but who which what where how why'.split(' '))
/** Words opening a relative or subordinate clause after an adjunct's comma ("…, where Mrs. Clinton also spoke"). */
const circumstanceAfterComma = new Set('where when while as after before which who whom whose'.split(' '))
// Adjunct openers after a speech verb with no "that" ("said on Saturday …", "told reporters in July …"); not "for" or "with" ("called for", "met with").
const clauseAdjunctOpeners = new Set('in on at during via through from last this earlier later'.split(' '))
const auxiliaries = new Set("is was were are be been being has have had do does did will would can could may might should must 's ’s".split(' '))
const clauseDeterminers = new Set('the a an his her their its our this these those'.split(' '))
// Further words that open a fronted adjunct: "Through a spokesman, he declined to comment".
const frontOpeners = new Set('during through despite amid following back even under without unlike since'.split(' '))
// Cues that put their speaker after them: "…,” said Leavitt", "…, added the spokesman".
const invertingVerbs = new Set(
  ('say says said tell tells told add adds added ask asks asked write writes wrote explain explains explained continue continues continued ' +
    'recall recalls recalled note notes noted argue argues argued insist insists insisted reply replies replied respond responds responded ' +
    'conclude concludes concluded warn warns warned declare declares declared state states stated acknowledge acknowledges acknowledged ' +
    'admit admits admitted concede concedes conceded caution cautions cautioned suggest suggests suggested quip quips quipped joke jokes joked ' +
    'observe observes observed answer answers answered counter counters countered remark remarks remarked lament laments lamented ' +
    'complain complains complained boast boasts boasted tweet tweets tweeted post posts posted announce announces announced report reports reported ' +
    'claim claims claimed predict predicts predicted promise promises promised reads read wonder wonders wondered recount recounts recounted ' +
    'point points pointed emphasize emphasizes emphasized stress stresses stressed maintain maintains maintained add assert asserts asserted').split(' '),
)
// The feature groups of a candidate quote that depend on its content, beyond its direction (see `addCandidates`).
const contentGroups = ['len', 'quoted', 'ov', 'ov|dir', 'first']
// Words that never open a run of tagged cue words (so the tagger is not asked about them there).
const runBreakers = new Set('of and or but in on at for with from by as if than because while when where which who whom whose , . ; :'.split(' '))
const numberWords = new Set('one two three four five six seven eight nine ten'.split(' '))
// Connectives set off by commas between a subject and its verb ("The two lawmakers, however, argue").
const commaConnectives = new Set('however though too meanwhile instead moreover therefore nevertheless nonetheless also still in turn'.split(' '))
// Labels that open a line with a colon but are not speakers.
const notSpeakers = new Set('note update watch photos photo video related editor read more correction sources source exclusive breaking live'.split(' '))

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind !== 'punct' && t.kind !== 'symbol'
}
function isQuoteMark(t: Token | undefined): boolean {
  return t !== undefined && (t.normal === '"' || t.normal === "'" || t.normal === "''" || t.normal === '``' || t.normal === '«' || t.normal === '»')
}
/** /^\p{Ll}/ on the token's text. */
function startsLower(text: string, t: Token): boolean {
  if (t.start >= t.end) return false
  const c = text.charCodeAt(t.start)
  if (c < 128) return c >= 97 && c <= 122
  return /^\p{Ll}/u.test(text.slice(t.start, Math.min(t.end, t.start + 2)))
}
function isCapitalised(text: string, t: Token): boolean {
  if (t.start >= t.end) return false
  const c = text.charCodeAt(t.start)
  if (c < 128) return c >= 65 && c <= 90
  return /^\p{Lu}/u.test(text.slice(t.start, Math.min(t.end, t.start + 2)))
}

interface Unit {
  /** Token range [first, last] inclusive. */
  readonly first: number
  readonly last: number
}

interface Cue {
  readonly first: number
  readonly last: number
  readonly kind: 'verb' | 'according'
  source?: { first: number; last: number } | undefined
  sourceSide?: 'before' | 'after'
  /** Found by the trained tagger only (not in the lexicon). */
  tagged?: boolean
}

/**
 * Find quotes in a tokenised, sentence-split text. Offsets are UTF-16, end-exclusive; the result
 * is sorted by start, then end descending. Quotes with no source come back without `source`.
 */
export function extractQuotes(input: QuoteInput, options: ExtractOptions): FoundQuote[] {
  const { text, tokens, sentences } = input
  const passages = input.passages ?? findMarkedPassages(text)
  // Token → passage index (marks included), -1 outside any passage.
  const inPassage = input.inPassage ?? passageOfTokens(tokens, passages)
  const firstTokenOf: number[] = passages.map(() => -1)
  const lastTokenOf: number[] = passages.map(() => -1)
  for (let t = 0; t < inPassage.length; t++) {
    const p = inPassage[t] as number
    if (p < 0) continue
    if (firstTokenOf[p] === -1) firstTokenOf[p] = t
    lastTokenOf[p] = t
  }
  // Units: sentences merged where a passage runs over a sentence boundary.
  const units: Unit[] = []
  for (const s of sentences) {
    if (s.tokens.end <= s.tokens.start) continue
    const unit = { first: s.tokens.start, last: s.tokens.end - 1 }
    const previous = units[units.length - 1]
    const p = inPassage[unit.first] ?? -1
    if (previous && p >= 0 && inPassage[previous.last] === p) units[units.length - 1] = { first: previous.first, last: unit.last }
    else units.push(unit)
  }

  const wordCount = (a: number, b: number): number => {
    let n = 0
    for (let t = a; t <= b; t++) if (isWord(tokens[t])) n++
    return n
  }
  const norm = (t: number): string => tokens[t]?.normal ?? ''
  // "US" and "IT" are names, not the pronouns "us" and "it".
  const isBreaker = (t: number): boolean => {
    const tok = tokens[t]
    if (!tok || !breakers.has(tok.normal)) return false
    const raw = text.slice(tok.start, tok.end)
    return !(raw.length > 1 && raw === raw.toUpperCase())
  }

  /** Noun phrase ending at `end` (inclusive), scanning left; null when none. */
  const nounPhraseBefore = (end: number, floor: number): { first: number; last: number } | null => {
    const head = tokens[end]
    if (!head || (head.normal !== '%' && !isWord(head)) || inPassage[end] !== -1) return null
    if (subjectPronouns.has(head.normal)) return { first: end, last: end }
    // A counted group is: "about three in 10 said", "at least 21,000 said", "most of them said".
    if (head.kind === 'number' && end - 1 >= floor && ['least', 'than', 'in'].includes(norm(end - 1))) {
      let first = end - 1
      if (norm(first) === 'in' && first - 1 >= floor && (tokens[first - 1]?.kind === 'number' || numberWords.has(norm(first - 1)))) first--
      else if (norm(first) === 'least' && norm(first - 1) === 'at' && first - 1 >= floor) first--
      else if (norm(first) === 'than' && ['more', 'fewer', 'less'].includes(norm(first - 1)) && first - 1 >= floor) first--
      else return null
      if (first - 1 >= floor && ['about', 'nearly', 'almost', 'roughly', 'some', 'only', 'just'].includes(norm(first - 1))) first--
      return { first, last: end }
    }
    if (['them', 'us', 'those'].includes(head.normal) && end - 2 >= floor && norm(end - 1) === 'of' && quantifiers.has(norm(end - 2))) return { first: end - 2, last: end }
    // "on May 19 indicate": a bare number is no speaker (a percentage is: "42% say"); nor is a clitic ("'ve").
    if (head.kind === 'number' || timeWords.has(head.normal) || head.normal.startsWith("'")) return null
    if (isBreaker(end) || (options.cues.has(head.normal) && !isCapitalised(text, head))) return null
    let first = end
    for (let t = end - 1; t >= floor && end - t < 12; t--) {
      const tok = tokens[t] as Token
      if (inPassage[t] !== -1) break
      const n = tok.normal
      if (n === "'s" || n === "'" || n === '-' || n === '&' || n === '.') {
        first = t
        continue
      }
      if (!isWord(tok)) break
      if ((n === 'of' || n === 'and') && t > floor && isWord(tokens[t - 1]) && isCapitalised(text, tokens[t - 1] as Token) && isCapitalised(text, tokens[t + 1] as Token)) {
        first = t
        continue
      }
      if (determiners.has(n)) {
        first = t
        break
      }
      if (isBreaker(t) || subjectPronouns.has(n) || (options.cues.has(n) && !isCapitalised(text, tok))) break
      // A capitalised word is part of a name or title; a lower-case one a modifier or title noun.
      first = t
    }
    // Trim leading connective punctuation.
    while (first < end && !isWord(tokens[first])) first++
    return { first, last: end }
  }

  /** Noun phrase starting at `start`, scanning right up to a comma or clause break. */
  const nounPhraseAfter = (start: number, ceiling: number): { first: number; last: number } | null => {
    const head = tokens[start]
    if (!isWord(head) || inPassage[start] !== -1) return null
    if (subjectPronouns.has(head.normal)) return { first: start, last: start }
    if (isBreaker(start) && !determiners.has(head.normal)) return null
    let last = start
    if (timeWords.has(head.normal)) return null
    for (let t = start + 1; t <= ceiling && t - start < 14; t++) {
      const tok = tokens[t] as Token
      if (inPassage[t] !== -1) break
      const n = tok.normal
      if (n === "'s" || n === '-' || n === '&') {
        last = t
        continue
      }
      if (!isWord(tok)) break
      if ((n === 'of' || n === 'and' || n === 'for') && isWord(tokens[t + 1]) && (isCapitalised(text, tokens[t + 1] as Token) || determiners.has(norm(t + 1)))) {
        last = t
        continue
      }
      if (isBreaker(t) || (options.cues.has(n) && !isCapitalised(text, tok))) break
      last = t
    }
    return { first: start, last }
  }

  /** True when tokens [first, last] open with a name ("Lance Beebe", "The Associated Press"), not a tag ("R-Ky.", "Ala."). */
  const opensName = (first: number, last: number): boolean => {
    let t = first
    if (determiners.has(norm(t)) && t < last) t++
    const tok = tokens[t]
    if (!isWord(tok) || !isCapitalised(text, tok) || isBreaker(t)) return false
    const raw = text.slice(tok.start, tok.end)
    if (first === last && (/\.$/.test(raw) || /^[A-Z]{2}$/.test(raw))) return false
    return !/^[RDI]-/.test(raw)
  }

  /** A tagged word can head a cue: not a function word, auxiliary, adverb, light verb ("made this clear when …") or number. */
  const canHead = (t: number): boolean => {
    const tok = tokens[t]
    if (!tok || tok.kind !== 'word' || isBreaker(t) || determiners.has(tok.normal) || betweenWords.has(tok.normal) || lightVerbs.has(tok.normal)) return false
    return !tok.normal.endsWith('ly') && startsLower(text, tok)
  }

  // An inverted subject ends the clause or is followed by punctuation or an adjunct ("…, said
  // Leavitt.", "…, said Rita Katz, the director …", "…, said Leavitt in a statement"); in "…, said the
  // demonstrators wanted to …" the words after the cue are its content.
  const invertedSubject = (cue: Cue, unit: Unit): { first: number; last: number } | null => {
    const np = nounPhraseAfter(cue.last + 1, unit.last)
    if (!np) return null
    const after = np.last + 1
    return after > unit.last || !isWord(tokens[after]) || inPassage[after] !== -1 || invertedFollowers.has(norm(after)) || timeWords.has(norm(after)) ? np : null
  }

  /** Where the source of a cue at [first,last] is, if anywhere. */
  const findSource = (cue: Cue, unit: Unit): void => {
    // "Putin is weak, said several officials.": after the unit's only comma a speech verb with a name or
    // noun phrase closing the clause is inverted (in "Karoline Leavitt, the press secretary, said the
    // talks failed." the commas set off an apposition).
    if (cue.kind === 'verb' && invertingVerbs.has(norm(cue.first)) && !addresseeVerbs.has(norm(cue.first)) && cue.first > unit.first && (norm(cue.first - 1) === ',' || isQuoteMark(tokens[cue.first - 1]) || inPassage[cue.first - 1] !== -1)) {
      const np = invertedSubject(cue, unit)
      let commas = 0
      for (let k = unit.first; k < cue.first - 1; k++) if (norm(k) === ',' && inPassage[k] === -1) commas++
      if (np && commas === 0 && !subjectPronouns.has(norm(np.first)) && (isCapitalised(text, tokens[np.first] as Token) || determiners.has(norm(np.first)) || quantifiers.has(norm(np.first)))) {
        cue.source = np
        cue.sourceSide = 'after'
        return
      }
    }
    if (cue.kind === 'according') {
      const np = nounPhraseAfter(cue.last + 1, unit.last)
      if (np) {
        cue.source = np
        cue.sourceSide = 'after'
      }
      return
    }
    let t = cue.first - 1
    let skipped = 0
    const clitic = (k: number): boolean => ["'ve", "'re", "'ll", "'d", "'m"].includes(norm(k)) || (norm(k) === "'s" && subjectPronouns.has(norm(k - 1)))
    // "The party today agrees", "Her campaign workers here said": a time or place adverb after the subject.
    const placeOrTime = (k: number): boolean => k > unit.first && ['today', 'yesterday', 'tonight', 'here'].includes(norm(k)) && !isCapitalised(text, tokens[k] as Token) && isWord(tokens[k - 1])
    while (t >= unit.first && (clitic(t) || placeOrTime(t) || (isWord(tokens[t]) && (betweenWords.has(norm(t)) || (/ly$/.test(norm(t)) && norm(t) !== 'only' && !isCapitalised(text, tokens[t] as Token)))))) {
      t--
      skipped++
    }
    // "the Kentucky Republican on Tuesday dismissed": a time adverbial between subject and cue.
    if (t - 1 > unit.first && timeWords.has(norm(t)) && norm(t - 1) === 'on') t -= 2
    // A parenthesis between name and cue: "Sen. Bernie Sanders (I-Vt.) said".
    if (norm(t) === ')') {
      let k = t - 1
      while (k > unit.first && norm(k) !== '(' && t - k < 8) k--
      if (norm(k) === '(' && k > unit.first) {
        const np = nounPhraseBefore(k - 1, unit.first)
        if (np) {
          cue.source = { first: np.first, last: t }
          cue.sourceSide = 'before'
          return
        }
      }
    }
    // Passive ("were highlighted", "is expected"): the subject is not the source.
    // With a by-agent the agent is: "O'Malley's move was first reported by MSNBC."
    let participle = -1
    for (let k = cue.first; k <= cue.last; k++) if (/ed$/.test(norm(k))) participle = k
    for (let b = t + 1; b < participle; b++) {
      if (['was', 'were', 'is', 'are', 'been', 'be', 'being'].includes(norm(b))) {
        if (norm(cue.last + 1) === 'by' && cue.last + 2 <= unit.last) {
          const np = nounPhraseAfter(cue.last + 2, unit.last)
          if (np) {
            cue.source = np
            cue.sourceSide = 'after'
          }
        }
        return
      }
    }
    // "vice-president JD Vance, explicitly told": a comma before an adverb.
    if (skipped > 0 && norm(t) === ',' && t > unit.first) t--
    // "The two lawmakers, however, argue": a connective between commas is no apposition.
    if (norm(t) === ',' && t - 3 >= unit.first && norm(t - 2) === ',' && commaConnectives.has(norm(t - 1))) t -= 3
    if (t >= unit.first && norm(t) === ',' && t > unit.first) {
      // Apposition: "Karoline Leavitt, the White House press secretary, said", "Lance Beebe, 49,
      // a Navy veteran who …, said": the closest comma segment that opens with a name starts it.
      // A segment opening with a determiner ("the White House press secretary") is a role: keep
      // looking for a bare name before it.
      let segmentEnd = t - 1
      let role = -1
      for (let k = t - 1; k >= Math.max(unit.first, t - 45); k--) {
        const wall = inPassage[k] !== -1 || isQuoteMark(tokens[k])
        if (!wall && options.cues.has(norm(k)) && !isCapitalised(text, tokens[k] as Token)) break
        if (!wall && norm(k) !== ',' && k !== unit.first) continue
        // A quote ends the search, but the segment right after it still counts ("“…,” Jeb Bush, the former governor, said").
        let first = norm(k) === ',' || wall ? k + 1 : k
        while (wall && first <= segmentEnd && (norm(first) === ',' || isQuoteMark(tokens[first]))) first++
        // "But Asa Khalif, an organizer …, said": a connective opening the unit is not part of the name.
        while (k === unit.first && first < segmentEnd && unitConnectives.has(norm(first))) first++
        if (first <= segmentEnd && opensName(first, segmentEnd)) {
          if (!determiners.has(norm(first))) {
            role = first
            break
          }
          if (role < 0) role = first
        }
        if (wall) break
        segmentEnd = k - 1
      }
      if (role >= 0) {
        cue.source = { first: role, last: t - 1 }
        cue.sourceSide = 'before'
        return
      }
      // "A White House official, who requested anonymity …, said", "One former employee, speaking on
      // condition of anonymity, said": a noun phrase opening the unit, then a relative or participle
      // clause between commas (the search above stops at its cue word).
      let first = unit.first
      while (first < t && unitConnectives.has(norm(first))) first++
      let comma = first
      while (comma < t && norm(comma) !== ',' && inPassage[comma] === -1) comma++
      const opener = norm(comma + 1)
      if (comma < t && norm(comma) === ',' && (opener === 'who' || opener === 'which' || (opener.endsWith('ing') && startsLower(text, tokens[comma + 1] as Token)))) {
        const np = nounPhraseBefore(comma - 1, first)
        if (np && np.first === first && !subjectPronouns.has(norm(first))) {
          cue.source = np
          cue.sourceSide = 'before'
          return
        }
      }
    } else if (t >= unit.first) {
      const np = nounPhraseBefore(t, unit.first)
      // "Mr. Ekovich, who …, said": the relative pronoun stands for the name before it.
      if (np && norm(np.first) === 'who' && norm(np.first - 1) === ',' && np.first - 1 > unit.first) {
        const antecedent = nounPhraseBefore(np.first - 2, unit.first)
        if (antecedent) {
          cue.source = antecedent
          cue.sourceSide = 'before'
          return
        }
      }
      if (np) {
        cue.source = np
        cue.sourceSide = 'before'
        return
      }
    }
    // Inverted: "…,” said Leavitt." / "…, says the report."
    // Only speech verbs invert: in "The museum, Mr. Bush said, celebrated several of his heroes" the
    // object of "celebrated" is no speaker.
    const before = cue.first - 1
    if ((invertingVerbs.has(norm(cue.first)) || (cue.kind === 'verb' && !cue.tagged && !options.cues.has(norm(cue.first)))) && (before < unit.first || norm(before) === ',' || isQuoteMark(tokens[before]) || norm(before) === ':' || inPassage[before] !== -1)) {
      const np = invertedSubject(cue, unit)
      if (np) {
        cue.source = np
        cue.sourceSide = 'after'
      }
    }
  }

  const found: FoundQuote[] = []
  const claimed = new Set<number>() // passages already used
  // The last quote that carried quoted words, for follow-up passages ("“A,” he said. “B.”").
  let lastDirect: { unit: number; source?: Span | undefined; index: number } | null = null
  /**
   * Emit passage `p` as a direct quote, or add it as a further part of the previous direct quote
   * when it shares its cue (“A,” he said, “B.”) or continues it (`merge`): one attribution with
   * discontinuous content, as PolNeAR and GenderGapTracker count it.
   */
  const emitDirect = (p: number, u: number, cue: Span | undefined, source: Span | undefined, merge: boolean): void => {
    const span = passageSpan(p)
    claimed.add(p)
    const previous = lastDirect ? found[lastDirect.index] : undefined
    const sameCue = previous && cue && previous.cue && previous.cue.start === cue.start
    if (previous && previous.kind === 'direct' && (sameCue || merge)) {
      const parts = [...(previous.parts ?? [{ start: previous.start, end: previous.end }]), span].sort((a, b) => a.start - b.start)
      found[lastDirect!.index] = { ...previous, start: Math.min(previous.start, span.start), end: Math.max(previous.end, span.end), parts }
      lastDirect = { ...lastDirect!, unit: u }
      return
    }
    found.push({ ...span, kind: 'direct', ...(cue ? { cue } : {}), ...(source ? { source } : {}) })
    lastDirect = { unit: u, source, index: found.length - 1 }
  }

  /**
   * A byline closing the line after passage `p`: "“…” ― Sonya Herridge", "“…”— Carla Sanchez." (lists
   * of readers' or officials' words): the dash is the cue, the capitalised words after it, running to
   * the line end, the source. Null otherwise.
   */
  const dashByline = (p: number): { cue: number; first: number; last: number } | null => {
    let k = (lastTokenOf[p] as number) + 1
    while (k < tokens.length && (inPassage[k] === p || (isQuoteMark(tokens[k]) && inPassage[k] === -1))) k++
    const dash = tokens[k]
    if (!dash || !['—', '―', '–', '--'].includes(text.slice(dash.start, dash.end))) return null
    // Nothing but spaces between the passage's closing mark and the dash, and no line break.
    const close = (passages[p] as MarkedPassage).close
    if (close > dash.start || /\S|\n/.test(text.slice(close, dash.start))) return null
    const first = k + 1
    let last = k
    while (last + 1 < tokens.length && last - k < 6 && inPassage[last + 1] === -1 && isWord(tokens[last + 1]) && isCapitalised(text, tokens[last + 1] as Token)) {
      last++
      if (/\n/.test(text.slice((tokens[last] as Token).end, (tokens[last + 1])?.start ?? text.length))) break
    }
    if (last < first) return null
    // The name runs to the line end (a full stop may close it).
    const nameEnd = (tokens[last] as Token).end
    const lineEnd = text.indexOf('\n', nameEnd)
    const rest = text.slice(nameEnd, lineEnd >= 0 ? lineEnd : text.length)
    if (!/^[\s.\u00a0]*$/.test(rest)) return null
    return { cue: k, first, last }
  }

  /**
   * The first token of passage B in "“A,” X said on Wednesday, “B.”": the cue is postposed right after
   * passage A and its content after it is an adjunct, a comma and passage B. -1 otherwise.
   */
  const splitQuote = (forward: [number, number], postposed: boolean, leftEdge: number): number => {
    if (!postposed || forward[1] < forward[0] || !(inPassage[leftEdge - 1] !== -1 || isQuoteMark(tokens[leftEdge - 1]))) return -1
    const first = norm(forward[0])
    if (!(adjunctOpeners.has(first) || timeWords.has(first))) return -1
    for (let t = forward[0]; t <= forward[1] && t - forward[0] < 12; t++) {
      if (inPassage[t] !== -1) return norm(t - 1) === ',' || (isQuoteMark(tokens[t]) && norm(t - 1) === ',') ? t : -1
      if (norm(t) === 'that' || subjectPronouns.has(norm(t))) return -1
    }
    return -1
  }

  const spanOf = (a: number, b: number): Span => ({ start: (tokens[a] as Token).start, end: (tokens[b] as Token).end })
  // Where a clause opens after an adjunct that follows a cue ("on Saturday | Facebook created …", "in a
  // statement | the group said …"): a subject pronoun or a determiner after the adjunct's noun (not
  // after its preposition or determiner), or a capitalised word after a time word. -1 when none opens within a few words.
  const clauseAfterAdjunct = (start: number, stop: number): number => {
    for (let t = start + 1; t <= Math.min(stop - 2, start + 8); t++) {
      if (inPassage[t] !== -1 || !isWord(tokens[t]) || subordinators.has(norm(t))) return -1
      const prev = norm(t - 1)
      // A verb inside the adjunct makes what follows its object: "after braving | the cold", "in introducing | Mr. Cruz".
      if (prev === 'to' || auxiliaries.has(prev) || (prev.endsWith('ing') && startsLower(text, tokens[t - 1] as Token))) return -1
      if (adjunctHeads.has(prev) || determiners.has(prev) || timeWords.has(norm(t))) continue
      const w = norm(t)
      const opens =
        (subjectPronouns.has(w) && w !== 'who' && w !== 'you') ||
        (clauseDeterminers.has(w) && !timeWords.has(norm(t + 1))) ||
        (isCapitalised(text, tokens[t] as Token) && timeWords.has(prev))
      if (opens) return wordCount(t, stop) >= 3 ? t : -1
    }
    return -1
  }
  const trimRange = (a: number, b: number): [number, number] => {
    while (a <= b && !isWord(tokens[a]) && !isQuoteMark(tokens[a])) a++
    while (b >= a && ((!isWord(tokens[b]) && !isQuoteMark(tokens[b])) || (inPassage[b] === -1 && ['but', 'and', 'or', 'while', 'as'].includes(norm(b))))) b--
    return [a, b]
  }
  const passageSpan = (p: number): Span => {
    const passage = passages[p] as MarkedPassage
    return { start: passage.start, end: passage.end }
  }

  /** A word that reads as a finite or participle verb form ("found", "focuses", "show" after a plural is not caught). */
  const verbForm = (w: string): boolean => /(ed|es)$/.test(w) || invertingVerbs.has(w) || /^(found|felt|knew|saw|thought|told|wrote|said|says|show|shows)$/.test(w)

  /**
   * A loose noun phrase ending at `end`: a pronoun, a name, or up to four words back to a determiner
   * ("The government watchdog group", "many", "lawmakers"), cue words allowed ("The report").
   */
  const looseNounPhraseBefore = (end: number, floor: number): { first: number; last: number } | null => {
    const head = tokens[end]
    if (!isWord(head) || inPassage[end] !== -1 || head.kind === 'number' || timeWords.has(head.normal) || head.normal.startsWith("'")) return null
    if (subjectPronouns.has(head.normal)) return head.normal === 'it' || head.normal === 'who' ? null : { first: end, last: end }
    if (isBreaker(end) || betweenWords.has(head.normal) || (/(ed|ing)$/.test(head.normal) && !isCapitalised(text, head))) return null
    let first = end
    for (let t = end - 1; t >= floor && end - t <= 4; t--) {
      const n = norm(t)
      if (inPassage[t] !== -1) break
      if (n === "'s" || n === '-' || n === '.' || n === '&') {
        first = t
        continue
      }
      if (!isWord(tokens[t])) break
      if (determiners.has(n)) {
        first = t
        break
      }
      if (isBreaker(t) || subjectPronouns.has(n) || betweenWords.has(n) || (!isCapitalised(text, tokens[t] as Token) && (/(ed|ing)$/.test(n) || options.cues.has(n)))) break
      first = t
    }
    while (first < end && !isWord(tokens[first])) first++
    return { first, last: end }
  }

  /**
   * Where the subject of a clause opening at `s` starts: past a dateline ("WASHINGTON —") and a
   * fronted adjunct up to its comma ("Indeed,", "Speaking Sunday on ABC,", "Beyond the footage,");
   * `limit` (exclusive) when the adjunct runs into it.
   */
  const pastFronted = (s: number, limit: number): number => {
    const tok = tokens[s]
    if (tok && s + 1 < limit && norm(s + 1) === '-' && /^[A-Z][A-Z.' ]+$/.test(text.slice(tok.start, tok.end))) s += 2
    const opener = norm(s)
    if (adjunctOpeners.has(opener) || frontOpeners.has(opener) || timeWords.has(opener) || (/(ing|ly|ed)$/.test(opener) && opener.length > 4 && !(isWord(tokens[s + 1]) && isCapitalised(text, tokens[s + 1] as Token) && !timeWords.has(norm(s + 1)))) || (isBreaker(s) && !subjectPronouns.has(opener)) || frontAdverbs.has(opener)) {
      let e = s
      while (e < limit && norm(e) !== ',') e++
      return e >= limit ? limit : e + 1
    }
    return s
  }

  /**
   * The subject of the clause whose verb is the cue at `t`, where `findSource` found none: past a
   * relative clause or apposition ("Sanders, who hadn't endorsed …, decided"), the antecedent of a
   * relative pronoun ("polls that show", "the Bank of Japan, which did not announce"), the subject
   * of the first verb of a coordination ("The judge rubbed his chin, and then said"), or a loose noun
   * phrase ("The lawsuit … focuses", "many fear", "lawmakers this week passed").
   */
  const clauseSubject = (t: number, unit: Unit): { np: { first: number; last: number }; kind: string } | 'passive' | null => {
    let k = t - 1
    let passive = false
    const skippable = (i: number): boolean => {
      const n = norm(i)
      return betweenWords.has(n) || n === "n't" || n === 'then' || (n.endsWith('ly') && n !== 'only' && isWord(tokens[i]) && !isCapitalised(text, tokens[i]))
    }
    for (;;) {
      if (k < unit.first || inPassage[k] !== -1) return null
      if (skippable(k)) {
        if (['was', 'were', 'is', 'are', 'been', 'be', 'being'].includes(norm(k))) passive = true
        k--
      }
      // "this week", "last year", "on Friday"
      else if (timeWords.has(norm(k)) && k - 1 >= unit.first && ['this', 'last', 'next', 'on', 'that', 'each', 'every'].includes(norm(k - 1))) k -= 2
      else break
    }
    if (k < unit.first) return null
    const n = norm(k)
    // A coordination ("The judge rubbed his chin, and then said") or an infinitive ("Rubio again tried
    // to rebuke"): the subject opening the clause (after a fronted adjunct up to its comma).
    const coordination = n === 'and' || n === 'or' || (n === ',' && norm(k - 1) !== ',' && (norm(k + 1) === 'and' || norm(k + 1) === 'then'))
    if (coordination || (n === 'to' && k === t - 1)) {
      const kind = coordination ? 'coord' : 'to'
      let c = k - 1
      while (c > unit.first && ![';', ':'].includes(norm(c)) && inPassage[c] === -1) c--
      let s = c > unit.first || [';', ':'].includes(norm(c)) ? c + 1 : c
      while (s < k && (['but', 'and', 'so', 'yet', 'still', 'however', 'meanwhile', 'now', 'instead'].includes(norm(s)) || !isWord(tokens[s]))) s++
      s = pastFronted(s, k)
      if (s >= k) return null
      if (subjectPronouns.has(norm(s))) return norm(s) === 'it' || norm(s) === 'who' ? null : { np: { first: s, last: s }, kind }
      let e = s
      if (determiners.has(norm(e)) && e + 1 < k) e++
      if (!isWord(tokens[e]) || isBreaker(e)) return null
      if (isCapitalised(text, tokens[e] as Token)) {
        while (e + 1 < k && isWord(tokens[e + 1]) && (isCapitalised(text, tokens[e + 1] as Token) || norm(e + 1) === "'s") && !isBreaker(e + 1)) e++
      } else {
        while (e + 1 < k && e - s < 3 && isWord(tokens[e + 1]) && !isBreaker(e + 1) && !betweenWords.has(norm(e + 1)) && !/(ed|es)$/.test(norm(e + 1)) && !options.cues.has(norm(e + 1))) e++
      }
      return { np: { first: s, last: e }, kind }
    }
    if (n === ',') {
      // ", who …," / ", which …,": the noun phrase before the relative clause.
      let c = k - 1
      while (c > unit.first && norm(c) !== ',' && inPassage[c] === -1 && k - c < 30) c--
      if (norm(c) !== ',' || !['who', 'which', 'whose', 'whom', 'where'].includes(norm(c + 1))) return null
      const np = looseNounPhraseBefore(c - 1, unit.first)
      return np ? { np, kind: 'relative' } : null
    }
    // PolNeAR marks the relative pronoun itself as the source ("Monsanto, which opposed"); the antecedent comes along for the speaker.
    if (n === 'who' || n === 'which' || n === 'that') {
      if (passive) return 'passive'
      const j = norm(k - 1) === ',' ? k - 2 : k - 1
      const np = j >= unit.first ? looseNounPhraseBefore(j, unit.first) : null
      return { np: { first: np ? np.first : k, last: k }, kind: 'relative' }
    }
    // A passive's subject is not its source ("Clinton has been attacked"); "a thunderous chant": modifiers of a nominal cue.
    if (passive) return 'passive'
    const np = looseNounPhraseBefore(k, unit.first)
    if (np && k === t - 1 && !verbForm(norm(t)) && ['a', 'an', 'the'].includes(norm(np.first))) return null
    return np ? { np, kind: 'loose' } : null
  }

  /**
   * A quoted passage that ends in a comma, question or exclamation mark inside its marks runs on into
   * its attribution, whatever the verb: "“…,” the judge exclaimed", "“…?” he asked", "“…,” Toomey fumed",
   * inverted "“…,” opined Cleveland's Plain Dealer", "“…,” read the email". The speaker's noun phrase and
   * the verb's token; null when the words after the passage are not that.
   */
  const runOnAttribution = (p: number, unit: Unit): { source: { first: number; last: number }; cue: number } | null => {
    let k = lastTokenOf[p] as number
    while (k > (firstTokenOf[p] as number) && isQuoteMark(tokens[k])) k--
    if (![',', '?', '!'].includes(norm(k))) return null
    const s = (lastTokenOf[p] as number) + 1
    if (s + 1 > unit.last || inPassage[s] !== -1 || !isWord(tokens[s])) return null
    const tok = tokens[s]
    if (startsLower(text, tok) && !subjectPronouns.has(tok.normal) && !determiners.has(tok.normal)) {
      // Inverted: a verb, then its subject.
      if (isBreaker(s) || betweenWords.has(tok.normal) || tok.normal.endsWith('ing') || tok.normal.endsWith('ly')) return null
      const np = nounPhraseAfter(s + 1, unit.last)
      if (!np || !(subjectPronouns.has(norm(np.first)) ? norm(np.first) !== 'it' || np.first === np.last : opensName(np.first, np.last) || determiners.has(norm(np.first)))) return null
      return { source: np, cue: s }
    }
    // Subject first: a pronoun, or a noun phrase up to the first verb-like word ("the judge exclaimed", "a reporter can be heard").
    let e = s
    if (subjectPronouns.has(tok.normal)) {
      if (tok.normal === 'who') return null
    } else {
      if (!(isCapitalised(text, tok) || determiners.has(tok.normal)) || isBreaker(s)) return null
      for (let t = s + 1; t <= unit.last && t - s < 12; t++) {
        const n = norm(t)
        if (inPassage[t] !== -1 || !(isWord(tokens[t]) || ["'s", '.', '-', '&'].includes(n))) break
        if (isWord(tokens[t]) && startsLower(text, tokens[t] as Token) && (isBreaker(t) || betweenWords.has(n) || options.cues.has(n) || invertingVerbs.has(n) || /(ed|[^s]s)$/.test(n))) break
        e = t
      }
    }
    const v = e + 1
    if (v > unit.last || inPassage[v] !== -1 || !isWord(tokens[v]) || !startsLower(text, tokens[v]) || ['and', 'or', 'but', 'that', 'which', 'who', 'of'].includes(norm(v))) return null
    return { source: { first: s, last: e }, cue: v }
  }

  /**
   * The speaker of a passage at token `before` that no cue claimed, from the clause it ends: the name or
   * pronoun opening the unit (past connectives, a dateline and a fronted adjunct), when at least one word
   * lies between it and the passage. Null when the unit opens otherwise.
   */
  /**
   * The name or pronoun opening `unit` before token `before`, past a connective and a fronted
   * adjunct ("But Trump on Friday urged …"); a name is taken alone ("Trump met Putin before …").
   */
  const openingSubject = (unit: Unit, before: number): { first: number; last: number } | null => {
    let k = unit.first
    while (k < before && (['but', 'and', 'so', 'yet', 'still', 'however', 'meanwhile', 'now', 'instead'].includes(norm(k)) || !isWord(tokens[k]))) k++
    k = pastFronted(k, before)
    if (k >= before) return null
    if (subjectPronouns.has(norm(k)) && norm(k) !== 'it' && norm(k) !== 'who') return { first: k, last: k }
    if (!opensName(k, before - 1)) return null
    let last = determiners.has(norm(k)) ? k + 1 : k
    while (last + 1 < before && isWord(tokens[last + 1]) && isCapitalised(text, tokens[last + 1] as Token) && !isBreaker(last + 1)) last++
    return { first: k, last }
  }
  /** {@link openingSubject}, outside quotes and with a word left between it and `before`. */
  const unitSubject = (unit: Unit, before: number): { first: number; last: number } | null => {
    const s = openingSubject(unit, before)
    if (!s || s.first >= before - 1 || inPassage[s.first] !== -1 || norm(s.first) === 'it' || norm(s.first) === 'who') return null
    return s.last < before - 1 ? s : null
  }

  /**
   * The candidate pass (issue 4): attributions the rules above did not make — subjectless cues
   * ("…, citing the figure"), nominal cues ("his call for", "support for"), beliefs and findings
   * ("seems", "found", "wants"), the inner quote of "X said [Y felt [Z]]" — are built for every
   * word the rules left that could be a cue and kept when the trained scorer says so.
   */
  const addCandidates = (score: (features: readonly string[], quote: FoundQuote) => number, probability: (t: number) => number): void => {
    const sourcedThreshold = options.candidateThreshold ?? 0.5
    const sourcelessThreshold = options.candidateSourcelessThreshold ?? sourcedThreshold
    const floor = options.candidateFloor ?? 0.15
    const taken = new Uint8Array(tokens.length) // tokens inside a cue already used
    const covered = new Uint8Array(tokens.length) // tokens inside content already emitted
    const coveredUnit = new Uint8Array(units.length)
    const unitOf = new Int32Array(tokens.length).fill(-1)
    units.forEach((unit, u) => unitOf.fill(u, unit.first, unit.last + 1))
    const tokenAt = (offset: number): number => tokenAtOffset(tokens, offset)
    const mark = (into: Uint8Array, span: Span): void => {
      for (let t = tokenAt(span.start); t < tokens.length && (tokens[t] as Token).start < span.end; t++) into[t] = 1
    }
    for (const q of found) {
      if (q.cue) mark(taken, q.cue)
      for (const part of q.parts ?? [q]) mark(covered, part)
      const u = unitOf[tokenAt(q.start)] ?? -1
      if (u >= 0) coveredUnit[u] = 1
    }
    const { entities } = input
    const bucketOf = (n: number): string => (n <= 2 ? String(n) : n <= 5 ? '3-5' : n <= 10 ? '6-10' : n <= 20 ? '11-20' : '21+')
    const extra: FoundQuote[] = []
    units.forEach((unit, u) => {
      for (let t = unit.first; t <= unit.last; t++) {
        const tok = tokens[t] as Token
        if (inPassage[t] !== -1 || taken[t] || tok.kind !== 'word' || (t !== unit.first && !startsLower(text, tok))) continue
        const w = tok.normal
        // As for tagged cues (`canHead`): no function word, auxiliary, light verb or -ly adverb heads a cue.
        if (determiners.has(w) || betweenWords.has(w) || lightVerbs.has(w) || runBreakers.has(w) || w.endsWith('ly') || (isBreaker(t) && !options.cues.has(w)) || subjectPronouns.has(w)) continue
        const lexical = options.cues.has(w)
        const p = probability(t)
        if (p < floor && !lexical) continue
        let last = t
        while (last < unit.last && last - t < 3 && inPassage[last + 1] === -1 && isWord(tokens[last + 1]) && norm(last + 1) !== 'that' && probability(last + 1) >= 0.5) last++
        const prev = norm(t - 1)
        // "most said", "some saw", "all but two said": a quantifier opening the clause is the subject, not a determiner.
        const quantifier = quantifiers.has(prev) && (verbForm(w) || t - 1 === unit.first || [',', 'but', 'and', ';', ':', 'however'].includes(norm(t - 2)))
        const nominal = t > unit.first && !quantifier && (determiners.has(prev) || prev === "'s")
        const cue: Cue = { first: t, last, kind: 'verb', tagged: true }
        let sourceKind = 'none'
        if (nominal) {
          if (prev === "'s" && t - 2 >= unit.first) {
            // The possessor: a name ("Sanders’s call") or a short noun phrase ("the senator's call").
            let first = t - 2
            if (isCapitalised(text, tokens[first] as Token)) {
              while (first - 1 >= unit.first && isWord(tokens[first - 1]) && isCapitalised(text, tokens[first - 1] as Token) && !isBreaker(first - 1)) first--
              if (first - 1 >= unit.first && ['the', 'a', 'an'].includes(norm(first - 1))) first--
            } else {
              while (first - 1 >= unit.first && t - first < 5 && isWord(tokens[first - 1]) && !isBreaker(first - 1) && !determiners.has(norm(first))) first--
              if (!determiners.has(norm(first)) && first < t - 2) first = t - 2
            }
            cue.source = { first, last: t - 1 }
          } else if (['his', 'her', 'their', 'its', 'our', 'my', 'your'].includes(prev)) cue.source = { first: t - 1, last: t - 1 }
          if (cue.source) sourceKind = 'poss'
        } else {
          findSource(cue, unit)
          // "an existential question of …": the words before are the cue's own noun phrase, not its source.
          // But "The report found", "The judge … said": after a verb form the words before are its subject (the model weighs the kind).
          let det = false
          if (cue.source && cue.sourceSide === 'before' && cue.source.last === t - 1 && ['a', 'an', 'the'].includes(norm(cue.source.first)) && startsLower(text, tokens[t - 1] as Token)) {
            // "The companies expect": a plural noun before a word with no -s is its subject.
            if (verbForm(w) || (/[^s]s$/.test(norm(t - 1)) && !w.endsWith('s'))) det = true
            else cue.source = undefined
          }
          if (cue.source) sourceKind = det ? 'det' : (cue.sourceSide ?? 'before')
          // "his hard-line stance", "cautious optimism": words right before a noun cue are its modifiers; a possessive among them is the source.
          if (cue.source && sourceKind === 'before' && cue.source.last === t - 1 && startsLower(text, tokens[t - 1] as Token) && !verbForm(w) && !subjectPronouns.has(norm(t - 1)) && !quantifier) {
            sourceKind = 'mod'
            for (let k = cue.source.first; k < t; k++) {
              if (['his', 'her', 'their', 'its', 'our', 'my', 'your'].includes(norm(k)) || norm(k + 1) === "'s") {
                cue.source = { first: cue.source.first, last: k }
                sourceKind = 'poss'
                break
              }
            }
          }
          if (!cue.source) {
            const subject = clauseSubject(t, unit)
            if (subject === 'passive') sourceKind = 'passive'
            else if (subject) {
              cue.source = subject.np
              cue.sourceSide = 'before'
              sourceKind = subject.kind
            }
          }
        }
        // "it seems", "it appears": an expletive, not a source.
        if (cue.source && cue.source.first === cue.source.last && norm(cue.source.first) === 'it' && /^(seem|appear)/.test(w)) {
          cue.source = undefined
          sourceKind = 'none'
        }
        if (!cue.source && w.endsWith('ing')) {
          // "…, citing the figure": a participle takes the subject of the unit's quote before it (not
          // a finite verb: in "The museum, Mr. Bush said, celebrated …" the museum celebrates).
          for (let k = found.length - 1; k >= 0; k--) {
            const q = found[k] as FoundQuote
            if (q.source && q.cue && q.cue.start < tok.start && unitOf[tokenAt(q.cue.start)] === u) {
              const a = tokenAt(q.source.start)
              const b = tokenAt(q.source.end - 1)
              cue.source = { first: a, last: b }
              sourceKind = 'inherited'
              break
            }
          }
        }
        if (!cue.source && sourceKind !== 'passive') {
          // The unit's subject: a name or pronoun opening it, before the cue.
          const subject = openingSubject(unit, t)
          if (subject) {
            cue.source = subject
            sourceKind = 'subject'
          }
        }
        const srcFirst = cue.source ? norm(cue.source.first) : ''
        const srcShape = !cue.source ? 'none' : subjectPronouns.has(srcFirst) ? 'pron' : isCapitalised(text, tokens[cue.source.first] as Token) ? 'cap' : 'low'
        // What the entity layer says of the source (a person or organisation mention is likelier a speaker) and how far it is from the cue.
        const srcEntity = cue.source ? entityLabelIn(entities, (tokens[cue.source.first] as Token).start, (tokens[cue.source.last] as Token).end) : 'none'
        const srcGap = !cue.source ? 'none' : cue.sourceSide === 'after' ? 'after' : t - cue.source.last <= 1 ? '1' : t - cue.source.last <= 3 ? '2-3' : t - cue.source.last <= 8 ? '4-8' : '9+'
        const pb = String(Math.min(9, Math.floor(p * 10)))
        // The features known before the content is built; the bound on the rest ends hopeless candidates early.
        const known = [
          'b',
          `w=${w}`,
          `st=${stem(w)}`,
          `s3=${w.slice(-3)}`,
          `pb=${pb}`,
          `lex=${lexical ? 1 : 0}`,
          `p1=${prev}`,
          `n1=${norm(last + 1)}`,
          `w|n1=${w}|${norm(last + 1)}`,
          `src=${sourceKind}`,
          `src=${sourceKind}|${srcShape}`,
          `src=${sourceKind}|ent=${srcEntity}`,
          `src=${sourceKind}|gap=${srcGap}`,
          `unitq=${coveredUnit[u] ? 1 : 0}`,
          `nominal=${nominal ? 1 : 0}`,
          `pb|src=${pb}|${sourceKind}`,
          `cuelen=${last - t + 1}`,
          `w|src=${w}|${sourceKind}`,
          `p2|p1=${norm(t - 2)}|${prev}`,
          `n1|n2=${norm(last + 1)}|${norm(last + 2)}`,
        ]
        if (u === 0) known.push('headline')
        if (t === unit.first) known.push('opens')
        // A candidate with no source counts as a wrong source wherever one is due: it needs more.
        const threshold = cue.source ? sourcedThreshold : sourcelessThreshold
        const ceiling = options.candidateCeiling
        const possible = (dir: string): boolean => !ceiling || ceiling([...known, `w|dir=${w}|${dir}`, `src|dir=${sourceKind}|${dir}`, `dir=${dir}`], contentGroups) >= threshold
        const after = possible('after')
        const before = possible('before')
        if (!after && !before) continue
        // Forward content, as the rules build it: past an addressee and a "that"; its end from the chooser.
        let start = cue.sourceSide === 'after' && cue.source ? cue.source.last + 1 : last + 1
        if (addresseeVerbs.has(w) && cue.sourceSide !== 'after') {
          const obj = nounPhraseAfter(start, unit.last)
          if (obj && !subjectPronouns.has(norm(obj.first))) start = obj.last + 1
          else if (['him', 'her', 'them', 'me', 'us'].includes(norm(start))) start++
          // "informing Zelensky allies and Kyiv that …": the content is the that-clause after the addressees.
          for (let k = start; k <= Math.min(unit.last, start + 8); k++) {
            if (inPassage[k] !== -1 || !isWord(tokens[k])) break
            if (norm(k) === 'that') {
              start = k
              break
            }
          }
        }
        const variants: { region: [number, number]; dir: string }[] = []
        if (after && start <= unit.last) {
          let end = unit.last
          if (options.contentEnd && end > start) {
            let lastQuoted = -1
            for (let k = start; k <= end; k++) if (inPassage[k] !== -1) lastQuoted = k
            const e = options.contentEnd(start, end, t)
            if (e >= lastQuoted) end = e
          }
          const region = trimRange(start, end)
          if (region[1] >= region[0] && wordCount(region[0], region[1]) >= options.minIndirectWords) variants.push({ region, dir: 'after' })
        }
        const leftEdge = cue.sourceSide === 'before' && cue.source && sourceKind !== 'inherited' ? cue.source.first : t
        if (before && leftEdge > unit.first + 1 && (norm(leftEdge - 1) === ',' || isQuoteMark(tokens[leftEdge - 1]) || inPassage[leftEdge - 1] !== -1)) {
          let end = leftEdge - 1
          while (end >= unit.first && (norm(end) === ',' || (isQuoteMark(tokens[end]) && inPassage[end] === -1))) end--
          const region = trimRange(unit.first, end)
          if (region[1] >= region[0] && wordCount(region[0], region[1]) >= options.minIndirectWords) variants.push({ region, dir: 'before' })
        }
        if (variants.length === 0) continue
        let best: FoundQuote | undefined
        let bestScore = -1
        for (const { region, dir } of variants) {
          const [a, b] = region
          const words = wordCount(a, b)
          let inside = 0
          let quoted = 0
          for (let k = a; k <= b; k++) {
            if (!isWord(tokens[k])) continue
            if (covered[k]) inside++
            if (inPassage[k] !== -1) quoted++
          }
          const overlap = inside === 0 ? '0' : inside === words ? 'all' : inside * 2 >= words ? 'most' : 'some'
          // The content's features: the groups of `contentGroups`.
          const features = [
            ...known,
            `w|dir=${w}|${dir}`,
            `src|dir=${sourceKind}|${dir}`,
            `dir=${dir}`,
            `len=${bucketOf(words)}`,
            `quoted=${quoted === 0 ? 0 : quoted === words ? 'all' : 'some'}`,
            `ov=${overlap}`,
            `ov|dir=${overlap}|${dir}`,
            `first=${norm(a)}`,
          ]
          const source = cue.source ? spanOf(cue.source.first, cue.source.last) : undefined
          const quote: FoundQuote = { ...spanOf(a, b), kind: quoted > 0 ? (quoted === words ? 'direct' : 'mixed') : 'indirect', cue: spanOf(t, last), ...(source ? { source } : {}) }
          const s = score(features, quote)
          if (s > bestScore) {
            bestScore = s
            best = quote
          }
        }
        if (best && bestScore >= threshold) {
          extra.push(best)
          taken.fill(1, t, last + 1)
          t = last
        }
      }
    })
    found.push(...extra)
  }

  units.forEach((unit, u) => {
    // 1. Cues outside passages.
    const cues: Cue[] = []
    // A title-case headline opening the text: "Bernie Sanders Says He’s Already Started Writing His Inaugural Address";
    // its first cue word only ("Writing" there is content).
    let titleCase = false
    if (u === 0) {
      let words = 0
      let capitals = 0
      for (let t = unit.first; t <= unit.last; t++) {
        if (!isWord(tokens[t]) || inPassage[t] !== -1) continue
        words++
        if (isCapitalised(text, tokens[t] as Token)) capitals++
      }
      titleCase = words >= 4 && capitals >= 0.75 * words
    }
    for (let t = unit.first; t <= unit.last; t++) {
      if (inPassage[t] !== -1) continue
      const tok = tokens[t] as Token
      if (!isWord(tok)) continue
      if (tok.normal === 'according' && norm(t + 1) === 'to') {
        cues.push({ first: t, last: t + 1, kind: 'according' })
        t++
        continue
      }
      // A run of tagged words with a possible head is one cue: "goes on to say", "is expected to
      // endorse", "has taken to urging" (the head check below applies to single words).
      if (norm(t) !== 'that' && !determiners.has(norm(t)) && !runBreakers.has(norm(t)) && (t === unit.first || !isCapitalised(text, tok)) && !(t > unit.first && (determiners.has(norm(t - 1)) || norm(t - 1) === "'s")) && options.modelCues?.has(t)) {
        let r = t
        while (r < unit.last && options.modelCues.has(r + 1) && isWord(tokens[r + 1]) && norm(r + 1) !== 'that' && inPassage[r + 1] === -1) r++
        let head = false
        for (let k = t; k <= r; k++) if (canHead(k) || (k > t && options.cues.has(norm(k)))) head = true
        // Auxiliaries and adverbs before the head stay outside the cue ("also stated", "is seeking").
        let f = t
        while (f < r && (betweenWords.has(norm(f)) || /ly$/.test(norm(f)) || norm(f).startsWith("'"))) f++
        if (r > t && head && !(f > t && (isCapitalised(text, tokens[f] as Token) || !canHead(f) && !options.cues.has(norm(f))))) {
          cues.push({ first: f, last: r, kind: 'verb', tagged: true })
          t = r
          continue
        }
      }
      // Any verb with a that-clause reports a claim or belief ("the report found that", "Obama
      // acknowledged that"), the broad attribution PolNeAR and PARC annotate.
      const thatVerb = norm(t + 1) === 'that' && /^\p{Ll}+$/u.test(tok.normal) && /(ed|^knew|^felt|^found|^saw|^heard|^meant|^understood|^told|^wrote|^thought)$/.test(tok.normal) && !breakers.has(tok.normal)
      // A tagged word opens a cue only when it can head one: not a function word, auxiliary,
      // adverb, light verb ("made this clear when …") or number.
      const modelCue = canHead(t) && options.modelCues?.has(t) === true
      if (!options.cues.has(tok.normal) && !thatVerb && !modelCue) continue
      const titleCue = titleCase && cues.length === 0 && t > unit.first && isCapitalised(text, tokens[t - 1] as Token) && options.cues.has(tok.normal)
      if (isCapitalised(text, tok) && t !== unit.first && !titleCue) continue
      const prev = norm(t - 1)
      // "the claims", "his statement": a determiner before makes it a noun.
      if (t > unit.first && (determiners.has(prev) || prev === "'s")) continue
      // "to declare that …": only when a that-clause follows; the subject is the unit's (below).
      if (prev === 'to' && norm(t + 1) !== 'that') continue
      let last = t
      // Particles of phrasal cues: "pointed out", "called for", "said in a statement" stays "said".
      if (['out', 'for', 'on', 'up'].includes(norm(t + 1)) && /^(point|call|lash|lay|laid|rule|spell|speak|spoke|weigh|chime|sign)/.test(tok.normal)) last = t + 1
      // Multi-word cues the tagger marks ("would like", "took issue with", "is expected").
      while (last < unit.last && options.modelCues?.has(last + 1) && isWord(tokens[last + 1]) && norm(last + 1) !== 'that' && inPassage[last + 1] === -1) last++
      cues.push({ first: t, last, kind: 'verb', ...(modelCue && !options.cues.has(tok.normal) ? { tagged: true } : {}) })
    }
    // "Roger Stone: Don’t Trust the Voting Machines" — a name and a colon open the unit (headlines).
    for (let t = unit.first + 1; t <= Math.min(unit.last - 3, unit.first + 6); t++) {
      if (norm(t) !== ':') continue
      const np = nounPhraseBefore(t - 1, unit.first)
      if (np && np.first === unit.first && isCapitalised(text, tokens[np.last] as Token) && !notSpeakers.has(norm(np.last))) {
        cues.push({ first: t, last: t, kind: 'verb', source: np, sourceSide: 'before' })
      }
      break
    }
    for (const cue of cues) if (!cue.source) findSource(cue, unit)
    // "Trump went to social networks to declare that …", "Trump doubled down … and said the judge …":
    // the capitalised (or pronoun) subject of the clause.
    for (const cue of cues) {
      if (cue.source || !['to', 'and'].includes(norm(cue.first - 1))) continue
      let k = cue.first - 2
      while (k > unit.first && norm(k) !== ',' && inPassage[k] === -1) k--
      let first = norm(k) === ',' ? k + 1 : k
      if (determiners.has(norm(first))) first++
      if (subjectPronouns.has(norm(first)) && norm(first) !== 'who' && norm(first) !== 'it') {
        cue.source = { first, last: first }
        cue.sourceSide = 'before'
        continue
      }
      let last = first - 1
      while (last + 1 < cue.first && isWord(tokens[last + 1]) && (isCapitalised(text, tokens[last + 1] as Token) || (norm(last + 1) === 'of' && last >= first))) last++
      if (last >= first && !isBreaker(first)) {
        cue.source = { first, last }
        cue.sourceSide = 'before'
      }
    }
    // "it seems", "it appears": an expletive, not a source.
    for (const cue of cues) {
      if (cue.source && cue.source.first === cue.source.last && norm(cue.source.first) === 'it' && /^(seem|appear)/.test(norm(cue.first))) cue.source = undefined
    }
    // Participles with no subject ("…, adding that …") take the subject of the unit's main cue.
    const main = cues.find((c) => c.source)
    for (const cue of cues) {
      if (!cue.source && main && cue !== main && /ing$/.test(norm(cue.first))) {
        cue.source = main.source
        cue.sourceSide = main.sourceSide ?? 'before'
      }
    }

    const unitPassages: number[] = []
    for (let t = unit.first; t <= unit.last; t++) {
      const p = inPassage[t] ?? -1
      if (p >= 0 && !unitPassages.includes(p)) unitPassages.push(p)
    }

    const emit = (q: FoundQuote): void => {
      found.push(q)
    }
    const sourceSpan = (cue: Cue): Span | undefined => (cue.source ? spanOf(cue.source.first, cue.source.last) : undefined)
    const cueSpan = (cue: Cue): Span => spanOf(cue.first, cue.last)

    // 2. Content region of each cue.
    for (const [ci, cue] of cues.entries()) {
      if (!cue.source && cue.kind === 'verb' && !(cue.first === unit.first)) {
        // A verb cue with no subject at all is most often not attribution ("to claim", "was said").
        continue
      }
      let region: [number, number] | null = null
      const nextCue = cues[ci + 1]
      const stop = unit.last
      if (cue.kind === 'according') {
        const src = cue.source
        const after = src ? src.last + 1 : cue.last + 1
        const atStart = cue.first <= unit.first + 1 || norm(cue.first - 1) === ','
        if (cue.first <= unit.first + 1) region = trimRange(after, stop)
        else if (atStart && wordCount(after, stop) <= 1) region = trimRange(unit.first, cue.first - 1)
        else region = trimRange(unit.first, stop)
      } else {
        let start = cue.last + 1
        if (cue.sourceSide === 'after' && cue.source) start = cue.source.last + 1
        // Addressee: "told reporters that", "warned him".
        if (addresseeVerbs.has(norm(cue.first)) && cue.sourceSide !== 'after') {
          const obj = nounPhraseAfter(start, stop)
          if (obj && !subjectPronouns.has(norm(obj.first)) || ['him', 'her', 'them', 'me', 'us'].includes(norm(start))) start = (obj ? obj.last : start) + 1
        }
        // "X stated on Truth Social that …", "warned in the days before the call that …".
        // Not past an infinitive complement: "seeking to convince delegates that …" is all content;
        // nor past a clause: "said the latest test could change that." (only an adjunct opens the gap).
        const adjunct = start < stop && (adjunctOpeners.has(norm(start)) || timeWords.has(norm(start)) || (norm(start).endsWith('ly') && !isCapitalised(text, tokens[start] as Token)))
        let thatFound = false
        for (let t = start; t <= Math.min(stop, start + 10); t++) {
          if (inPassage[t] !== -1 || [',', ':', ';'].includes(norm(t)) || (t === start && norm(t) === 'to')) break
          if (norm(t) === 'that' && (t === start || (adjunct && t < stop && isWord(tokens[t + 1])))) {
            start = t
            thatFound = true
            break
          }
        }
        // "said on Saturday Facebook created …", "told reporters at the White House the deal …": with no
        // "that", the content is the clause after the adjunct.
        if (adjunct && !thatFound && invertingVerbs.has(norm(cue.last)) && (timeWords.has(norm(start)) || clauseAdjunctOpeners.has(norm(start)))) {
          const clause = clauseAfterAdjunct(start, stop)
          if (clause > start) start = clause
        }
        // The content runs to the unit end, or to the next cue when that one opens a new clause
        // ("…, but he also stated"); a cue inside the content ("said he told Trump …") stays in it.
        let end = stop
        if (nextCue && nextCue.first > start) {
          // The next cue's subject opens its clause, unless it is this cue's own subject ("Mr. Coleman said …, echoing …").
          const edge = nextCue.source && nextCue.sourceSide === 'before' && nextCue.source.first > cue.last ? nextCue.source.first : nextCue.first
          if ([',', ';', 'but', 'and', 'while', 'whereas'].includes(norm(edge - 1)) || inPassage[edge - 1] !== -1 || isQuoteMark(tokens[edge - 1])) end = edge - 1
        }
        // An em dash closes a parenthetical: "talks that Trump urged Zelenskyy to attend—Trump …".
        for (let t = start + 1; t < end; t++) {
          if (inPassage[t] === -1 && norm(t) === '-' && text.slice((tokens[t] as Token).start, (tokens[t] as Token).end) !== '-') {
            end = t - 1
            break
          }
        }
        const forward = trimRange(start, end)
        const forwardWords = forward[1] >= forward[0] ? wordCount(forward[0], forward[1]) : 0
        const hasPassage = forward[1] >= forward[0] && unitPassages.some((p) => (firstTokenOf[p] as number) >= forward[0] && (firstTokenOf[p] as number) <= forward[1])
        const leftEdge = cue.sourceSide === 'before' && cue.source ? cue.source.first : cue.first
        const postposed = leftEdge > unit.first && (norm(leftEdge - 1) === ',' || isQuoteMark(tokens[leftEdge - 1]) || inPassage[leftEdge - 1] !== -1)
        // "…, Obama said after meeting with Putin." / "…, he said in a recent interview in Honolulu.": an
        // adjunct with no that-clause after a postposed cue is circumstance, not content.
        // A comma then a relative or subordinate clause keeps it circumstance: "…,” Mr. Obama said on
        // Saturday night at the gala dinner in Washington, where Mrs. Clinton also spoke." (not after a
        // parenthetical cue, "…, he said, for how …", whose content runs on).
        let adjunctOnly = !hasPassage && (adjunctOpeners.has(norm(forward[0])) || timeWords.has(norm(forward[0])))
        for (let t = forward[0]; adjunctOnly && t <= forward[1]; t++) {
          if (norm(t) === ',' && norm(start) !== ',' && circumstanceAfterComma.has(norm(t + 1)) && !(norm(t + 1) === 'as' && ['well', 'much'].includes(norm(t + 2)))) break
          if (norm(t) === 'that' || norm(t) === ',') adjunctOnly = false
        }
        const thin = (forwardWords <= 5 || adjunctOnly) && !hasPassage && norm(forward[0]) !== 'that'
        // "In a Wall Street Journal essay last week, Ivanka Trump acknowledged their uphill battle": what
        // precedes the comma is an adjunct, not content, so short forward content still counts.
        const frontedAdjunct = leftEdge > unit.first && (adjunctOpeners.has(norm(unit.first)) || frontOpeners.has(norm(unit.first)) || timeWords.has(norm(unit.first)))
        let open = cue.last + 1
        while (open <= stop && [',', ':'].includes(norm(open))) open++
        const splitAt = splitQuote(forward, postposed, leftEdge)
        if (cue.sourceSide !== 'after' && open > cue.last + 1 && inPassage[open] !== -1) {
          // "Trump stated,\n“I think …”" / "X said: “…”": the passage after the cue.
          region = trimRange(open, end)
        } else if (cue.sourceSide === 'after' || (postposed && (thin || norm(start) === ',') && !(frontedAdjunct && forwardWords > 0 && norm(start) !== ','))) {
          // Content before: "…,” said Leavitt." / "Putin is weak, officials said."
          let end = leftEdge - 1
          while (end >= unit.first && (norm(end) === ',' || isQuoteMark(tokens[end]) && inPassage[end] === -1)) end--
          if (cue.sourceSide === 'before' && postposed && norm(start) === ',' && !thin) region = trimRange(unit.first, forward[1])
          else region = trimRange(unit.first, end)
        } else if (splitAt >= 0) {
          // "“A,” Schiff told reporters on Wednesday, “B.”": the adjunct before B is circumstance; B
          // joins A (the same cue) as one quote.
          region = trimRange(splitAt, forward[1])
        } else if (forwardWords > 0 || hasPassage) {
          region = forward
          // Reported content often ends before the sentence does: "Trump attacked Machado in early-morning tweets".
          if (options.contentEnd && forward[1] > forward[0]) {
            // With quoted words inside, the content keeps them all: "called it “a clear threat,” as …".
            let lastQuoted = -1
            for (let t = forward[0]; t <= forward[1]; t++) if (inPassage[t] !== -1) lastQuoted = t
            const e = options.contentEnd(forward[0], forward[1], cue.first)
            if (e >= lastQuoted) region = trimRange(forward[0], e)
          }
        } else if (thin) {
          region = null
        }
        // Thin forward content with the quote just before the source: "“…”\nTrump stated on Truth Social."
        if ((region === null || (region[1] >= region[0] && wordCount(region[0], region[1]) === 0)) || (thin && cue.sourceSide === 'before' && !postposed)) {
          const prevTok = leftEdge - 1
          const p = prevTok >= 0 ? (inPassage[prevTok] ?? -1) : -1
          const pp = p >= 0 ? p : prevTok >= 0 && isQuoteMark(tokens[prevTok]) ? (inPassage[prevTok - 1] ?? -1) : -1
          if (pp >= 0 && !claimed.has(pp)) {
            emitDirect(pp, u, cueSpan(cue), sourceSpan(cue), false)
            continue
          }
        }
      }
      if (!region || region[1] < region[0]) continue
      const [a, b] = region
      const inside = unitPassages.filter((p) => (firstTokenOf[p] as number) >= a && (lastTokenOf[p] as number) <= b + 1 && !claimed.has(p))
      const outsideWords = (() => {
        let n = 0
        for (let t = a; t <= b; t++) if (isWord(tokens[t]) && inPassage[t] === -1 && norm(t) !== 'that') n++
        return n
      })()
      const source = sourceSpan(cue)
      if (inside.length > 0 && outsideWords === 0) {
        for (const p of inside) emitDirect(p, u, cueSpan(cue), source, false)
      } else if (wordCount(a, b) >= options.minIndirectWords) {
        for (const p of inside) claimed.add(p)
        emit({ ...spanOf(a, b), kind: inside.length > 0 ? 'mixed' : 'indirect', cue: cueSpan(cue), ...(source ? { source } : {}) })
        if (inside.length > 0) lastDirect = { unit: u, source, index: found.length - 1 }
      }
    }

    // 3. Passages no cue claimed.
    for (const p of unitPassages) {
      if (claimed.has(p)) continue
      const first = firstTokenOf[p] as number
      const last = lastTokenOf[p] as number
      const words = wordCount(first, last)
      // “A,” he said, “B.” — the passage just before a cue's source (or an inverted cue), of any length.
      let next = last + 1
      while (next <= unit.last && (norm(next) === ',' || (isQuoteMark(tokens[next]) && inPassage[next] === -1))) next++
      const adjacent = cues.find((c) => (c.sourceSide === 'before' && c.source?.first === next) || (c.first === next && c.source))
      if (adjacent) {
        emitDirect(p, u, cueSpan(adjacent), sourceSpan(adjacent), false)
        continue
      }
      const byline = dashByline(p)
      if (byline) {
        emitDirect(p, u, spanOf(byline.cue, byline.cue), spanOf(byline.first, byline.last), false)
        continue
      }
      const runOn = runOnAttribution(p, unit)
      if (runOn) {
        emitDirect(p, u, spanOf(runOn.cue, runOn.cue), spanOf(runOn.source.first, runOn.source.last), false)
        continue
      }
      if (words < options.minDirectWords) continue // scare quote or title
      // "Kaine has adopted the stance …: “I’m pro-life …”" — a colon introduces the passage and
      // the clause's subject (a name or pronoun opening the unit) is the speaker.
      if (norm(first - 1) === ':' && inPassage[first - 1] === -1 && first - 1 > unit.first) {
        let k = unit.first
        if (determiners.has(norm(k))) k++
        const tok = tokens[k]
        let end = k - 1
        if (tok && subjectPronouns.has(tok.normal) && tok.normal !== 'it' && tok.normal !== 'who') end = k
        else while (end + 1 < first - 1 && isWord(tokens[end + 1]) && isCapitalised(text, tokens[end + 1] as Token) && !isBreaker(end + 1)) end++
        if (end >= k) {
          emitDirect(p, u, spanOf(first - 1, first - 1), spanOf(unit.first, end), false)
          continue
        }
      }
      const fillsUnit = wordCount(unit.first, unit.last) - words <= 1
      const previousUnit = units[u - 1]
      // "Trump stated,\n“I think it went very well.”": a cue ending the previous unit with , or :
      let attached = false
      if (previousUnit && fillsUnit) {
        const end = previousUnit.last
        if ([',', ':'].includes(norm(end))) {
          const before = found.length
          // The previous unit's last cue, found again by scanning back.
          for (let t = end - 1; t >= previousUnit.first && end - t < 12; t--) {
            if (options.cues.has(norm(t))) {
              const cue: Cue = { first: t, last: t, kind: 'verb' }
              findSource(cue, previousUnit)
              emitDirect(p, u, cueSpan(cue), cue.source ? spanOf(cue.source.first, cue.source.last) : undefined, false)
              attached = true
              break
            }
          }
          if (found.length > before) continue
        }
      }
      if (attached) continue
      const ld = lastDirect
      const speechLike = fillsUnit || /[.!?,]$/.test(text.slice(passages[p]!.start, passages[p]!.end))
      if (!speechLike) continue
      if (ld && ld.unit === u - 1 && fillsUnit && ld.source) {
        // Continuation after an attributed quote: "“…,” he said. “More.”" keeps the speaker.
        const previous = found[ld.index]
        if (previous?.kind === 'direct') emitDirect(p, u, undefined, ld.source, true)
        else {
          claimed.add(p)
          emit({ ...passageSpan(p), kind: 'direct', source: ld.source })
          lastDirect = { unit: u, source: ld.source, index: found.length - 1 }
        }
        continue
      }
      // "Bryne went on to say, “…”", "Trump reportedly yelling: “…”": no cue the rules know before the
      // passage, but the clause it ends opens with its speaker (a name or pronoun).
      const subject = fillsUnit ? null : unitSubject(unit, first)
      if (subject) {
        emitDirect(p, u, undefined, spanOf(subject.first, subject.last), false)
        continue
      }
      claimed.add(p)
      emit({ ...passageSpan(p), kind: 'direct' })
      lastDirect = { unit: u, index: found.length - 1 }
    }
  })
  const ruleCount = found.length
  if (options.candidateScore && options.modelCues?.probability) {
    addCandidates(options.candidateScore, options.modelCues.probability.bind(options.modelCues))
  }
  if (options.ruleFilter) {
    // After the candidate pass, so that it sees the rules' output unchanged (a dropped quote's cue
    // is not offered again) and the filter sees the candidates' content for its overlap feature.
    found.splice(0, ruleCount, ...options.ruleFilter(found.slice(0, ruleCount), found.slice(ruleCount)))
  }
  // Transcripts ("WALLACE: …", "\"PENCE: …"): each turn is one quote of its labelled speaker; passages
  // the rules took from the same paragraphs give way to it.
  const turns = transcriptTurns(text)
  if (turns.length > 0) {
    const covered = (q: FoundQuote): boolean => q.kind === 'direct' && turns.some((t) => Math.min(q.end, t.end) - Math.max(q.start, t.start) >= (q.end - q.start) / 2)
    const kept = found.filter((q) => !covered(q))
    found.length = 0
    found.push(...kept, ...turns)
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const { entities } = input
  // With entities sorted by start (as the entities stage makes them), a source's overlaps are found by bisection.
  let sorted = true
  let longest = 0
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i] as Entity
    if (i > 0 && e.start < (entities[i - 1] as Entity).start) sorted = false
    longest = Math.max(longest, e.end - e.start)
  }
  const order = sorted ? { longest } : undefined
  // Drop exact duplicates (the same content from two cues).
  return found.filter((q, i) => {
    const prev = found[i - 1]
    return !prev || prev.start !== q.start || prev.end !== q.end
  }).map((q) => linkSpeaker(q, entities, order))
}

/**
 * Transcript turns: a paragraph opening (after an optional quote mark) with an all-capitals label and
 * a colon ("WALLACE: Let’s start …"). The turn runs to the paragraph end and, under the newspaper
 * convention (the label paragraph opens with a quote mark), over the following paragraphs that open
 * with a quote mark and no label of their own.
 */
function transcriptTurns(text: string): FoundQuote[] {
  const paragraphs: { start: number; end: number }[] = []
  for (const m of text.matchAll(/[^\n]+/g)) paragraphs.push({ start: m.index, end: m.index + m[0].length })
  const label = /^(["“]?)([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?=\S)/
  const out: FoundQuote[] = []
  for (let k = 0; k < paragraphs.length; k++) {
    const para = paragraphs[k] as { start: number; end: number }
    const m = label.exec(text.slice(para.start, para.end))
    if (!m || notSpeakers.has((m[2] as string).toLowerCase()) || (m[2] as string).replace(/[^A-Z]/g, '').length < 2) continue
    const quoted = (m[1] as string) !== ''
    const sourceStart = para.start + (m[1] as string).length
    let end = para.end
    while (quoted && k + 1 < paragraphs.length) {
      const next = paragraphs[k + 1] as { start: number; end: number }
      const line = text.slice(next.start, next.end)
      if (!/^["“]/.test(line) || label.test(line) || /^["“]?\(/.test(line)) break
      end = next.end
      k++
    }
    // Drop a closing quote mark and trailing space.
    while (end > para.start && /[\s"”]/.test(text.charAt(end - 1))) end--
    const start = para.start + m[0].length
    if (end <= start) continue
    out.push({ start, end, kind: 'direct', cue: { start: sourceStart + (m[2] as string).length, end: sourceStart + (m[2] as string).length + 1 }, source: { start: sourceStart, end: sourceStart + (m[2] as string).length } })
  }
  return out
}

/** Index of the first token ending after `offset` (the token holding it, or the next one); `tokens` are sorted. */
export function tokenAtOffset(tokens: readonly Token[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The label of the first person or organisation mention overlapping [start, end), else of any
 * mention, else 'none'. `entities` are sorted by start (the entities stage's order): bisect, then
 * look back a little for mentions starting earlier.
 */
export function entityLabelIn(entities: readonly Entity[], start: number, end: number): string {
  let label = 'none'
  const lo = firstStartingAtOrAfter(entities, end)
  for (let i = lo - 1; i >= 0 && lo - i <= 8; i--) {
    const e = entities[i] as Entity
    if (e.end <= start) continue
    if (e.label === 'person' || e.label === 'organization') return e.label
    label = e.label
  }
  return label
}

/** Index of the first entity starting at or after `offset`; `entities` are sorted by start. */
function firstStartingAtOrAfter(entities: readonly Entity[], offset: number): number {
  let lo = 0
  let hi = entities.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((entities[mid] as Entity).start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Link a quote's source span to the entity mentions it overlaps (name mentions first). */
function linkSpeaker(quote: FoundQuote, entities: readonly Entity[], order: { longest: number } | undefined): FoundQuote {
  const source = quote.source
  if (!source || entities.length === 0) return quote
  const inside: number[] = []
  if (order) {
    // Sorted by start: the candidates start before the source's end and no earlier than the longest mention allows.
    for (let i = firstStartingAtOrAfter(entities, source.end) - 1; i >= 0; i--) {
      const e = entities[i] as Entity
      if (e.start + order.longest <= source.start) break
      if (source.start < e.end) inside.push(i)
    }
    inside.reverse()
  } else {
    entities.forEach((e, i) => {
      if (e.start < source.end && source.start < e.end) inside.push(i)
    })
  }
  if (inside.length === 0) return quote
  const people = inside.filter((i) => {
    const e = entities[i] as Entity
    return e.label === 'person' || e.label === 'organization'
  })
  const ranked = (people.length > 0 ? people : inside).slice().sort((a, b) => {
    const ea = entities[a] as Entity
    const eb = entities[b] as Entity
    const kind = (e: Entity): number => (e.kind === 'name' ? 0 : e.kind === 'pronoun' ? 1 : 2)
    // In "White House Press Secretary Karoline Leavitt" the person is the speaker, not the organisation.
    const label = (e: Entity): number => (e.label === 'person' ? 0 : 1)
    return label(ea) - label(eb) || kind(ea) - kind(eb) || eb.end - eb.start - (ea.end - ea.start)
  })
  const speaker = ranked[0] as number
  const speakers = people.filter((i) => (entities[i] as Entity).label === 'person')
  return { ...quote, speaker, ...(speakers.length > 1 ? { speakers } : {}) }
}
