/** @module quotes/quotes.test — one table row per construction the `quotes` annotator handles. */
import { describe, expect, test } from 'vitest'
import { checkDocument } from '../document/check-document.js'
import { createDocument, type Document } from '../document/document.js'
import type { Entity } from '../document/layers.js'
import { pipeline } from '../pipeline/pipeline.js'
import { PipelineError } from '../pipeline/errors.js'
import { splitSentences } from '../sentences/sentences.js'
import { tokenize } from '../tokens/tokens.js'
import { findMarkedPassages, quotes } from './index.js'

/** A document with tokens, sentences and the given hand-built entity mentions ([surface, label, kind, ref?]). */
function build(text: string, mentions: [string, Entity['label'], Entity['kind'], number?][] = []): Document {
  const tokens = tokenize(text)
  const entities: Entity[] = []
  let from = 0
  for (const [surface, label, kind, ref] of mentions) {
    const start = text.indexOf(surface, from)
    if (start < 0) throw new Error(`mention ${surface} not in text`)
    entities.push({ start, end: start + surface.length, label, kind, normal: surface.toLowerCase(), ...(ref !== undefined ? { ref } : {}) })
    from = start + 1
  }
  return createDocument({ text }, { tokens, sentences: splitSentences(text, tokens), entities })
}

function run(doc: Document): Document {
  return pipeline([quotes()], { provided: ['tokens', 'sentences', 'entities'] }).runSync(doc)
}

/** The quotes as [kind, content, source, cue] strings. */
function summary(doc: Document): [string, string, string | null, string | null][] {
  const t = doc.text
  return (doc.layers.quotes ?? []).map((q) => [q.kind, t.slice(q.start, q.end), q.source ? t.slice(q.source.start, q.source.end) : null, q.cue ? t.slice(q.cue.start, q.cue.end) : null])
}

describe('quotes: constructions', () => {
  test('after a quote and its postposed cue, an adjunct followed by a relative clause is no second quote', () => {
    const text = '“My name may not be on the ballot, but our progress is on the ballot,” Mr. Obama said on Saturday night at the gala dinner in Washington, where Mrs. Clinton also spoke.'
    expect(summary(run(build(text)))).toEqual([['direct', 'My name may not be on the ballot, but our progress is on the ballot,', 'Mr. Obama', 'said']])
  })
  test('a split quote with an adjunct after its cue is one quote: “A,” X told reporters on Wednesday, “B.”', () => {
    const text = '“What makes this new is not just the hacking,” Schiff told reporters on Wednesday, “but the attempt to interfere with the election.”'
    const doc = run(build(text))
    expect(summary(doc)).toEqual([['direct', 'What makes this new is not just the hacking,” Schiff told reporters on Wednesday, “but the attempt to interfere with the election.', 'Schiff', 'told']])
    expect(doc.layers.quotes?.[0]?.parts?.map((p) => text.slice(p.start, p.end))).toEqual(['What makes this new is not just the hacking,', 'but the attempt to interfere with the election.'])
  })
  test('a dash and a name closing the line after a passage are its byline', () => {
    const text = '“Mr. Trump embodies the legacy of racism in the United States.” ― Sonya Herridge\n“He is ignorant of our culture and our lives.”— Carla Sanchez.\n\nThe debate ended.'
    expect(summary(run(build(text)))).toEqual([
      ['direct', 'Mr. Trump embodies the legacy of racism in the United States.', 'Sonya Herridge', '―'],
      ['direct', 'He is ignorant of our culture and our lives.', 'Carla Sanchez', '—'],
    ])
    // Not when the dash opens a clause: "“…” — that was all he said."
    expect(summary(run(build('“We will win this state and the next one.” — that was all they heard.'))).map((q) => q[2])).toEqual([null])
  })
  test('a reported quote nested in another and repeating its words is dropped; a nested report on a speech cue stays', () => {
    const repeated = 'Sources said Secret Service protocol called for the nominee to be taken to a trauma center in the wake of her collapse.'
    expect(summary(run(build(repeated)))).toEqual([['indirect', 'Secret Service protocol called for the nominee to be taken to a trauma center in the wake of her collapse', 'Sources', 'said']])
    const kept = pipeline([quotes({ keepRepeatedNested: true })], { provided: ['tokens', 'sentences', 'entities'] }).runSync(build(repeated))
    expect(summary(kept).map((q) => q[3])).toEqual(['said', 'called for'])
    expect(summary(run(build('Zelensky said he told Trump not to make decisions about Ukraine without us.'))).map((q) => q[3])).toEqual(['said', 'told'])
  })
  test('a participle sharing the subject does not cut the content before the subject', () => {
    // "echoing" takes "Mr. Coleman" for its subject; the content of "said" still runs to the comma.
    const text = 'In an interview, Mr. Coleman said Mr. Kasich should leave the race for the good of the party, echoing a memo from the group.'
    expect(summary(run(build(text)))[0]).toEqual(['indirect', 'Mr. Kasich should leave the race for the good of the party', 'Mr. Coleman', 'said'])
  })
  test.each([
    ['direct, speaker after', '"We will win this fight," Smith said.', [['direct', 'We will win this fight,', 'Smith', 'said']]],
    ['direct, inverted', '“The talks were very productive,” said Leavitt.', [['direct', 'The talks were very productive,', 'Leavitt', 'said']]],
    ['direct, speaker before with colon', 'The minister said: “We are ready to talk to anyone.”', [['direct', 'We are ready to talk to anyone.', 'The minister', 'said']]],
    ['direct, pronoun', '“I think it went very well,” he said.', [['direct', 'I think it went very well,', 'he', 'said']]],
    [
      'role apposition before the cue',
      '“The administration is frustrated with both sides,” White House Press Secretary Karoline Leavitt said.',
      [['direct', 'The administration is frustrated with both sides,', 'White House Press Secretary Karoline Leavitt', 'said']],
    ],
    [
      'apposition between commas',
      'Karoline Leavitt, the White House press secretary, said the call went well.',
      [['indirect', 'the call went well', 'Karoline Leavitt, the White House press secretary', 'said']],
    ],
    ['indirect with that', 'Zelensky confirmed that he had spoken with Trump before the call.', [['indirect', 'that he had spoken with Trump before the call', 'Zelensky', 'confirmed']]],
    ['indirect with addressee', 'Vance explicitly told journalists that the United States could end its diplomacy.', [['indirect', 'that the United States could end its diplomacy', 'Vance', 'told']]],
    ['indirect, nested report', 'Zelensky said he told Trump not to make decisions about Ukraine without us.', [['indirect', 'he told Trump not to make decisions about Ukraine without us', 'Zelensky', 'said'], ['indirect', 'not to make decisions about Ukraine without us', 'he', 'told']]],
    ['indirect, speaker after the content', 'The economy is growing faster than expected, officials said.', [['indirect', 'The economy is growing faster than expected', 'officials', 'said']]],
    ['according to, leading', 'According to the Kremlin, the call lasted two hours.', [['indirect', 'the call lasted two hours', 'the Kremlin', 'According to']]],
    ['according to, trailing', 'The call lasted two hours, according to the Kremlin.', [['indirect', 'The call lasted two hours', 'the Kremlin', 'according to']]],
    ['describe … as, mixed', 'Putin described the discussion as “informative and helpful.”', [['mixed', 'the discussion as “informative and helpful.”', 'Putin', 'described']]],
    ['mixed with that', 'He said the talks were “productive” and would go on.', [['mixed', 'the talks were “productive” and would go on', 'He', 'said']]],
    ['infinitive complement with a that-clause inside', 'Cruz is seeking to convince delegates that their votes were not bound.', [['indirect', 'to convince delegates that their votes were not bound', 'Cruz', 'seeking']]],
    ['several speakers', 'Vance and Rubio warned that the US may “walk away” from the talks.', [['mixed', 'that the US may “walk away” from the talks', 'Vance and Rubio', 'warned']]],
    ['run-on attribution, verb outside the lexicon', '“Go back to Univision,” Trump barked, and a guard escorted the reporter out.', [['direct', 'Go back to Univision,', 'Trump', 'barked']]],
    ['run-on attribution, inverted', '“Friend, let me be blunt. I can beat her,” read the email.', [['direct', 'Friend, let me be blunt. I can beat her,', 'the email', 'read']]],
    ['run-on attribution, noun phrase subject', '“Everything that you have said,” the judge exclaimed.', [['direct', 'Everything that you have said,', 'the judge', 'exclaimed']]],
    ['passage ending a clause with no known cue: the name opening it', 'Bryne went on to say, “From the bottom of my soul, I know this to be true.”', [['direct', 'From the bottom of my soul, I know this to be true.', 'Bryne', null]]],
    ['passage ending a clause that opens with no name keeps no source', 'The billionaire began by talking about the drug crisis, saying that heroin is now “cheaper than getting candy.”', [['direct', 'cheaper than getting candy.', null, null]]],
    ['a connective between commas is no apposition', 'The two lawmakers, however, argue that there is precedent for prosecution.', [['indirect', 'that there is precedent for prosecution', 'two lawmakers', 'argue']]],
    ['a place adverb after the subject', 'Her campaign workers here said they have been working the state since the spring.', [['indirect', 'they have been working the state since the spring', 'Her campaign workers', 'said']]],
    ['a counted group speaks', 'About three in 10 said they prefer a more liberal agenda.', [['indirect', 'they prefer a more liberal agenda', 'About three in 10', 'said']]],
    ['a quantified pronoun speaks', 'Most of them said they had loved working for Carrier.', [['indirect', 'they had loved working for Carrier', 'Most of them', 'said']]],
    ['scare quotes are not speech', 'Ukrainian land that Russia has “annexed” but does not occupy.', []],
    ['a title is not speech', 'She reviewed the film "The Big Short" last year.', []],
  ] as const)('%s', (_name, text, expected) => {
    const doc = run(build(text))
    checkDocument(doc)
    expect(summary(doc)).toEqual(expected)
  })
})

// The candidate pass may add a quote with no source here (its model's call); what the rules must not do is take a wrong speaker.
describe('quotes: no wrong speaker', () => {
  test('passive is no source', () => {
    const quotes = summary(run(build('The risks were highlighted in the report by many analysts.')))
    expect(quotes.map((q) => q[2])).toEqual(quotes.map(() => null))
  })
  test('only speech verbs take their speaker after them', () => {
    const quotes = summary(run(build('The museum, Mr. Bush said, celebrated several of his heroes.')))
    expect(quotes[0]).toEqual(['indirect', 'The museum', 'Mr. Bush', 'said'])
    expect(quotes.map((q) => q[2])).not.toContain('several of his heroes')
  })
})

describe('quotes: direct quotes over sentences and paragraphs', () => {
  test('a quote over several sentences is one quote', () => {
    const doc = run(build('“We came to talk. We stayed to listen. We leave with hope,” the envoy said.'))
    expect(summary(doc)).toEqual([['direct', 'We came to talk. We stayed to listen. We leave with hope,', 'the envoy', 'said']])
  })
  test('paragraph continuation: open mark, no close, next paragraph opens again', () => {
    const text = 'The envoy said: “We came to talk.\n\n“We leave with hope.”\n\nOthers left.'
    const doc = run(build(text))
    expect(summary(doc)).toEqual([['direct', 'We came to talk.\n\n“We leave with hope.', 'The envoy', 'said']])
  })
  test('a paragraph opened with a straight mark does not run on into one opened with a curly mark', () => {
    // Breitbart's excerpts open paragraphs with a straight mark they never close; the curly quote after is its own.
    const text = '"Kevin was snoring.\n\n“Here he is, babe,” she said.'
    expect(findMarkedPassages(text).map((p) => text.slice(p.start, p.end))).toEqual(['Kevin was snoring.', 'Here he is, babe,'])
    // The same marks keep the newspaper convention: “A.\n\n“B.” is one passage.
    const curly = '“We came to talk.\n\n“We leave with hope.”'
    expect(findMarkedPassages(curly).map((p) => curly.slice(p.start, p.end))).toEqual(['We came to talk.\n\n“We leave with hope.'])
  })
  test('cue on the line before: "Trump stated,\\n“…”"', () => {
    const doc = run(build('Regarding the talk, Trump stated,\n“I think it went very well.”'))
    expect(summary(doc)).toEqual([['direct', 'I think it went very well.', 'Trump', 'stated']])
  })
  test('cue on the line after: "“…”\\nTrump stated on Truth Social."', () => {
    const doc = run(build('“Russia and Ukraine will immediately begin negotiations,”\nTrump stated on Truth Social. The terms will follow.'))
    expect(summary(doc)[0]).toEqual(['direct', 'Russia and Ukraine will immediately begin negotiations,', 'Trump', 'stated'])
  })
  test('a that-clause is skipped to only past an adjunct: "said the test could change that." keeps its content', () => {
    expect(summary(run(build('Experts said the latest nuclear test could change that.')))).toEqual([['indirect', 'the latest nuclear test could change that', 'Experts', 'said']])
    expect(summary(run(build('Trump stated on Truth Social that the talks went well.')))).toEqual([['indirect', 'that the talks went well', 'Trump', 'stated']])
  })
  test('the content-end chooser stops reported content before an adjunct and a new clause', () => {
    const text = 'Clinton called for reducing the corporate tax rate to 28 percent in a compromise rebuffed by Republicans, but Trump would leave it at 35 percent.'
    expect(summary(run(build(text)))[0]).toEqual(['indirect', 'reducing the corporate tax rate to 28 percent in a compromise rebuffed by Republicans', 'Clinton', 'called for'])
    // With the chooser off, the content runs to the sentence end.
    const off = pipeline([quotes({ contentModel: false })], { provided: ['tokens', 'sentences', 'entities'] }).runSync(build(text))
    expect(summary(off)[0]?.[1]).toBe(text.slice(text.indexOf('reducing'), -1))
  })
  test.each([
    ['a fronted adjunct is not content', 'In a Wall Street Journal essay last week, Ivanka Trump acknowledged their uphill battle.', ['indirect', 'their uphill battle', 'Ivanka Trump', 'acknowledged']],
    ['a fronted adjunct, short content', 'Through a spokesman, he declined to comment.', ['indirect', 'to comment', 'he', 'declined']],
    ['a title-case headline', 'Bernie Sanders Says He Has Already Started Writing His Inaugural Address.', ['indirect', 'He Has Already Started Writing His Inaugural Address', 'Bernie Sanders', 'Says']],
    ['an adjunct after a postposed cue is not content', 'The talks will resume on Monday, Obama said after meeting with Putin.', ['indirect', 'The talks will resume on Monday', 'Obama', 'said']],
    ['a clause after a cue and its adjunct, no "that"', 'A spokeswoman, Anna White, said on Saturday Facebook created the tool to help in times of crisis.', ['indirect', 'Facebook created the tool to help in times of crisis', 'Anna White', 'said']],
    ['a clause after an addressee and an adjunct', 'Trump told reporters at the White House the deal was done.', ['indirect', 'the deal was done', 'Trump', 'told']],
    ['an apposition after a connective opening the unit', 'But Asa Khalif, an organizer with the coalition, said the demonstrators wanted to send a message.', ['indirect', 'the demonstrators wanted to send a message', 'Asa Khalif, an organizer with the coalition', 'said']],
    ['inverted after the unit\'s only comma', 'Putin is weak, said several officials.', ['indirect', 'Putin is weak', 'several officials', 'said']],
    ['no clause after a verb inside the adjunct', 'The plan will pass, he said after braving the cold.', ['indirect', 'The plan will pass', 'he', 'said']],
  ])('%s', (_name, text, expected) => {
    expect(summary(run(build(text)))).toEqual([expected])
  })
  test('a noun phrase opening the unit, then a relative clause with a cue between commas: the noun phrase speaks', () => {
    const quotes = summary(run(build('A White House official, who requested anonymity to discuss it, said the president has spoken with Emanuel.')))
    expect(quotes).toContainEqual(['indirect', 'the president has spoken with Emanuel', 'A White House official', 'said'])
  })
  test('mixed content keeps all its quoted words when the content-end chooser shortens it', () => {
    const [q] = summary(run(build('Clinton described the plan as “a disaster for working families” in a speech on Monday, but Trump defended it.')))
    expect(q?.[0]).toBe('mixed')
    expect(q?.[1]).toContain('“a disaster for working families”')
    expect(q?.[1]).not.toContain('but')
  })
  test('transcript turns: "WALLACE: …" is a quote of WALLACE; a turn runs over the paragraphs that continue it', () => {
    const text = 'Partial transcript as follows:\n\n"WALLACE: Let us start with the news. Will she be there?\n\n"PENCE: Well, look, the question really is why they invited him.\n\n"But the truth is that he has a unique way of communicating.\n\n"(CROSSTALK.)\n\nNOTE: this is not a speaker.'
    const doc = run(build(text))
    checkDocument(doc)
    expect(summary(doc)).toEqual([
      ['direct', 'Let us start with the news. Will she be there?', 'WALLACE', ':'],
      ['direct', 'Well, look, the question really is why they invited him.\n\n"But the truth is that he has a unique way of communicating.', 'PENCE', ':'],
    ])
  })
  test.each([
    ['a follow-up sentence', '“We are ready,” Smith said. “We have always been ready for this.”'],
    ['a cue between the two passages', '“We are ready,” Smith said, “and we have always been ready for this.”'],
  ])('%s: one quote in two parts, same speaker', (_name, text) => {
    const doc = run(build(text))
    checkDocument(doc)
    const q = doc.layers.quotes ?? []
    expect(q).toHaveLength(1)
    expect(q[0]?.parts?.map((p) => text.slice(p.start, p.end))).toEqual(['We are ready,', text.includes(', “and') ? 'and we have always been ready for this.' : 'We have always been ready for this.'])
    expect(summary(doc)[0]?.[2]).toBe('Smith')
  })
  test('nested single quotes stay inside the outer quote', () => {
    const doc = run(build('“They told me ‘never again’ and I believed them,” she said.'))
    expect(summary(doc)).toEqual([['direct', 'They told me ‘never again’ and I believed them,', 'she', 'said']])
  })
})

describe('quotes: speakers', () => {
  test('speaker is the overlapping entity mention, people before organisations', () => {
    const doc = run(build('“It went well,” White House Press Secretary Karoline Leavitt said.', [['White House', 'organization', 'name'], ['Karoline Leavitt', 'person', 'name']]))
    checkDocument(doc)
    expect(doc.layers.quotes?.[0]?.speaker).toBe(1)
  })
  test('pronoun source links to the pronoun mention (its ref leads to the name)', () => {
    const doc = run(build('Putin spoke first. Later he said that the talks were useful.', [['Putin', 'person', 'name'], ['he', 'person', 'pronoun', 0]]))
    expect(doc.layers.quotes?.[0]?.speaker).toBe(1)
  })
  test('several speakers are all listed', () => {
    const doc = run(build('Vance and Rubio warned that the US may leave the talks.', [['Vance', 'person', 'name'], ['Rubio', 'person', 'name']]))
    expect(doc.layers.quotes?.[0]).toMatchObject({ speaker: 0, speakers: [0, 1] })
  })
  test('a quote with no clear speaker has none and is reported', () => {
    const doc = run(build('The crowd was large.\n\n“This is the end of an era and everyone here knows it.”'))
    expect(doc.layers.quotes).toHaveLength(1)
    expect(doc.layers.quotes?.[0]?.source).toBeUndefined()
    expect(doc.layers.quotes?.[0]?.speaker).toBeUndefined()
    expect(doc.messages.map((m) => [m.ruleId, m.source])).toEqual([['quotes:no-speaker', 'quotes']])
  })
})

describe('quotes: cues found by the trained tagger', () => {
  // Words outside the lexicon that the PolNeAR-trained tagger marks as cues in these contexts.
  const text = 'Obama wants to expand background checks to more gun buyers.'
  test('the tagger adds a cue the lexicon lacks', () => {
    const doc = run(build(text))
    expect(summary(doc)).toEqual([['indirect', 'to expand background checks to more gun buyers', 'Obama', 'wants']])
  })
  test('cueThreshold 1 turns the tagger off', () => {
    const doc = pipeline([quotes({ cueThreshold: 1 })], { provided: ['tokens', 'sentences', 'entities'] }).runSync(build(text))
    expect(summary(doc)).toEqual([])
  })
})

describe('quotes: misuse', () => {
  test('needs entities before it', () => {
    expect(() => pipeline([quotes()], { provided: ['tokens', 'sentences'] })).toThrow(/layer `entities` is missing/)
  })
  test.each([[{ minDirectWords: 0 }], [{ minCueRate: 2 }], [{ cueThreshold: -0.1 }], [{ cueThreshold: 1.5 }]])('bad option %j', (options) => {
    expect(() => quotes(options)).toThrow(PipelineError)
  })
})

describe('quotes: imperfect input', () => {
  test.each([
    ['empty text', ''],
    ['only a mark', '"'],
    ['unterminated quote at the end', 'He said: “We will never'],
    ['unbalanced straight quotes', 'She said "yes and "no" and "maybe.'],
    ['marks and no words', '“” "" ‘’'],
    ['a cue and nothing else', 'said'],
    ['according to at the very end', 'The talks ended, according to'],
  ])('%s: a valid, sorted layer and no throw', (_name, text) => {
    const doc = run(build(text))
    checkDocument(doc)
    expect(Array.isArray(doc.layers.quotes)).toBe(true)
  })
  test('a long article stays valid and sorted', () => {
    const paragraph = '“We came to talk,” the envoy said. Officials said the talks would resume, according to Reuters. He called it “a start.”\n\n'
    const doc = run(build(paragraph.repeat(200)))
    checkDocument(doc)
    expect(doc.layers.quotes?.length).toBeGreaterThanOrEqual(600)
  })
})
