/** @module brief — per-story evidence-linked summaries, pluggable summariser. */
export { extractiveSummarizer, writeBriefs, type Brief, type BriefInput, type BriefSentence, type ExtractiveOptions, type Summarizer } from './brief.js'
