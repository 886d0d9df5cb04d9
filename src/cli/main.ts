/** @module cli/main — the `parallax` command line. Heavy modules load lazily so `--help` is instant. */
import { parseArgs } from 'node:util'

const version = '0.1.0'

/** Top-level usage text. */
export const usage = `parallax ${version} — reads the news the way a careful analyst does

Usage:
  parallax analyze PATH... [--format json|markdown] [--out FILE] [--published DATE]
  parallax ingest PATH... [--db URL]      add articles to the store (idempotent)
  parallax stories | story ID | search QUERY [--entity --source --from --to]
  parallax export --format jsonl|csv|markdown
  parallax serve [--port 7000] [--db URL] web UI and JSON API over the store
  parallax start              add the bundled examples to the store and serve them at http://localhost:7000
  parallax --help | --version

Inputs: .txt/.md (leading "key value" header lines or YAML front matter), .html/.htm,
.jsonl/.json records {id, text|html, title, published, source, url, author, language},
directories (recursive), globs ("data/**/*.html"), and - for stdin.

Exit status: 0 when at least one document was analysed, 2 when none was, 1 on misuse.
`

const analyzeUsage = `Usage: parallax analyze PATH... [options]

Reads every input, runs the standard pipeline over them together and prints the analysis.

Options:
  -f, --format json|markdown   output format (default: markdown on a terminal, json otherwise)
  -o, --out FILE               write the analysis to FILE instead of stdout
      --published DATE         publication date for documents that have none (YYYY-MM-DD)
  -q, --quiet                  no progress or problems on stderr
  -h, --help                   this help
`

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  stdin?: NodeJS.ReadableStream
}

class UsageError extends Error {}

async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      published: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    io.stdout.write(analyzeUsage)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('parallax analyze: give at least one PATH (a file, a directory, a glob, or - for stdin).')
  const format = values.format ?? (values.out === undefined && io.stdout.isTTY ? 'markdown' : 'json')
  if (format !== 'json' && format !== 'markdown') throw new UsageError(`parallax analyze: --format must be json or markdown, not ${JSON.stringify(format)}.`)
  const { analyzePaths } = await import('../analysis/analyze.js')
  const { renderMarkdown } = await import('../analysis/markdown.js')
  const progress = !values.quiet && io.stderr.isTTY === true
  const { analysis } = await analyzePaths(positionals, {
    ...(values.published !== undefined ? { published: values.published } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
    onDocument: progress ? (_doc, done, total) => io.stderr.write(`\ranalysing ${done}/${total}`) : undefined,
  } as Parameters<typeof analyzePaths>[1])
  if (progress && analysis.documents.length > 0) io.stderr.write('\n')
  if (!values.quiet) {
    for (const m of analysis.messages) {
      if (m.severity === 'error' || m.input !== undefined) io.stderr.write(`parallax: ${m.reason}\n`)
    }
  }
  const output = format === 'json' ? `${JSON.stringify(analysis, null, 2)}\n` : renderMarkdown(analysis)
  if (values.out !== undefined) {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(values.out, output)
    if (!values.quiet) io.stderr.write(`parallax: wrote ${analysis.documents.length} document(s) to ${values.out}\n`)
  } else io.stdout.write(output)
  if (analysis.documents.length === 0) {
    if (!values.quiet) io.stderr.write('parallax: no document could be analysed; fix the inputs named above.\n')
    return 2
  }
  return 0
}

/** Run the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(usage)
        return command === undefined ? 1 : 0
      case '-v':
      case '--version':
        io.stdout.write(`${version}\n`)
        return 0
      case 'analyze':
      case 'analyse':
        return await analyzeCommand(rest, io)
      case 'start':
        return await (await import('./serve.js')).startCommand(rest, io)
      case 'serve':
        return await (await import('./serve.js')).serveCommand(rest, io)
      case 'ingest':
        return await (await import('./ingest.js')).ingestCommand(rest, io)
      case 'stories':
        return await (await import('./stories.js')).storiesCommand(rest, io)
      case 'story':
        return await (await import('./stories.js')).storyCommand(rest, io)
      case 'search':
        return await (await import('./search.js')).searchCommand(rest, io)
      case 'export':
        return await (await import('./export.js')).exportCommand(rest, io)
      default:
        throw new UsageError(`parallax: unknown command ${JSON.stringify(command)}. Run \`parallax --help\` for the commands.`)
    }
  } catch (error) {
    if (error instanceof UsageError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS_') || (error as { name?: string }).name === 'PipelineError' || (error as { name?: string }).name === 'NotFoundError') {
      io.stderr.write(`${(error as Error).message}\n`)
      return 1
    }
    throw error
  }
}
