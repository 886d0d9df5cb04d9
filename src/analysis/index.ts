/** @module analysis — the analysis contract and how to build it. */
export * from './analysis.js'
export { buildAnalysis, linkEntitiesByNormal, resolveMention, type CorpusStages, type EntityLinks } from './build-analysis.js'
export { analyzeDocuments, analyzePaths, defaultStages, type AnalyzeOptions } from './analyze.js'
export { renderMarkdown, escapeMarkdown } from './markdown.js'
export { storyStages, type StoryStagesOptions } from './story-stages.js'
