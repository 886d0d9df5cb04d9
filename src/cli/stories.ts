/** @module cli/stories — `parallax stories` and `parallax story ID`. */
import { parseArgs } from 'node:util'
import { renderMarkdown } from '../analysis/markdown.js'
import { PipelineError } from '../pipeline/errors.js'
import type { CliIo } from './main.js'
import { dbOption, withStore } from './open-store.js'

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Run `parallax stories [--json] [--limit N] [--db URL]`: one line per story, most recent first. */
export async function storiesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...dbOption, json: { type: 'boolean' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help) {
    io.stdout.write('Usage: parallax stories [--json] [--limit N] [--db URL]\n\nLists the stored stories, most recent first: id, articles, outlets, last date, title.\n')
    return 0
  }
  const limit = values.limit === undefined ? 100 : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1) throw new PipelineError('invalid-option', `parallax stories: --limit must be a positive integer, not ${JSON.stringify(values.limit)}.`)
  return withStore(values.db, async (store) => {
    const stories = await store.listStories({ limit })
    if (values.json) io.stdout.write(`${JSON.stringify(stories, null, 2)}\n`)
    else if (stories.length === 0) io.stdout.write('No stories yet. Add articles with `parallax ingest PATH…`.\n')
    else {
      const width = Math.max(...stories.map((s) => s.id.length))
      for (const s of stories) {
        io.stdout.write(`${s.id.padEnd(width)}  ${String(s.documentCount).padStart(3)} art.  ${(s.lastPublished ?? '—').slice(0, 10).padEnd(10)}  ${clip(s.title, 70)}${s.sources.length > 0 ? `  [${clip(s.sources.join(', '), 40)}]` : ''}\n`)
      }
    }
    return 0
  })
}

/** Run `parallax story ID [--json] [--db URL]`: the story's analysis as Markdown (or JSON). */
export async function storyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...dbOption, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help) {
    io.stdout.write('Usage: parallax story ID [--json] [--db URL]\n\nPrints one stored story: its analysis as Markdown, or the whole record as JSON.\n')
    return 0
  }
  const [id] = positionals
  if (id === undefined || positionals.length > 1) throw new PipelineError('invalid-option', 'parallax story: give exactly one story ID (see `parallax stories`).')
  return withStore(values.db, async (store) => {
    const story = await store.getStory(id)
    io.stdout.write(values.json ? `${JSON.stringify(story, null, 2)}\n` : `# ${story.title}\n\n${story.summary}\n\n${renderMarkdown(story.analysis)}`)
    return 0
  })
}
