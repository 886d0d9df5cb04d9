import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { main } from '../src/cli/main.js'

const samples = ['examples/trump-putin-call/000_4eb90098a0ede75c.txt', 'examples/trump-putin-call/003_424b30a26a76942e.txt']

async function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c: Buffer) => (out += c.toString()))
  stderr.on('data', (c: Buffer) => (err += c.toString()))
  const code = await main(args, { stdout, stderr, ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}) })
  return { code, stdout: out, stderr: err }
}

describe('parallax analyze', () => {
  test('json output of the sample pair', async () => {
    const { code, stdout } = await run(['analyze', ...samples, '--format', 'json'])
    expect(code).toBe(0)
    const analysis = JSON.parse(stdout) as { documents: { id: string; published: string | null }[] }
    expect(analysis.documents.map((d) => d.id)).toEqual(['000_4eb90098a0ede75c', '003_424b30a26a76942e'])
  })
  test('markdown output is a readable report', async () => {
    const { code, stdout } = await run(['analyze', ...samples, '--format', 'markdown'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^# Parallax analysis/)
    expect(stdout).toContain('## Documents')
    expect(stdout).toContain('published 2025-05-20')
  })
  test('--out writes a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parallax-cli-')), 'a.json')
    const { code, stdout, stderr } = await run(['analyze', samples[1] as string, '--out', out])
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain(`wrote 1 document(s) to ${out}`)
    expect(JSON.parse(readFileSync(out, 'utf8')).documents).toHaveLength(1)
  })
  test('--published fills in a missing date only', async () => {
    const { stdout } = await run(['analyze', ...samples, '--format', 'json', '--published', '2025-05-21'])
    const docs = (JSON.parse(stdout) as { documents: { published: string }[] }).documents
    expect(docs.map((d) => d.published)).toEqual(['2025-05-21', '2025-05-20'])
  })
  test('stdin', async () => {
    const { code, stdout } = await run(['analyze', '-', '--format', 'json'], 'title: From stdin\n\nPutin spoke to Trump.')
    expect(code).toBe(0)
    expect(JSON.parse(stdout).documents[0]).toMatchObject({ id: 'stdin', title: 'From stdin', text: 'Putin spoke to Trump.' })
  })
  test('bad inputs are named on stderr and in messages; the rest is analysed (exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-cli-'))
    writeFileSync(join(dir, 'empty.txt'), '')
    const { code, stdout, stderr } = await run(['analyze', samples[0] as string, join(dir, 'empty.txt'), join(dir, 'nope.txt'), '--format', 'json'])
    expect(code).toBe(0)
    expect(stderr).toContain(`${join(dir, 'empty.txt')}: the file is empty`)
    expect(stderr).toContain(`${join(dir, 'nope.txt')}: no such file or directory`)
    const analysis = JSON.parse(stdout) as { documents: unknown[]; messages: { rule: string; input: string }[] }
    expect(analysis.documents).toHaveLength(1)
    expect(analysis.messages.filter((m) => m.input !== undefined).map((m) => m.rule).sort()).toEqual(['extract:empty', 'extract:missing'])
  })
  test('no analysable input exits 2', async () => {
    const { code, stderr } = await run(['analyze', 'does-not-exist.txt', '--format', 'json'])
    expect(code).toBe(2)
    expect(stderr).toContain('no document could be analysed')
  })
  test.each([
    [['analyze'], /give at least one PATH/],
    [['analyze', 'x', '--format', 'xml'], /--format must be json or markdown/],
    [['analyze', 'x', '--published', 'someday'], /not a date/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['analyze', '--bogus'], /Unknown option/],
  ])('misuse %j exits 1 with the fix', async (args, message) => {
    const { code, stderr } = await run(args)
    expect(code).toBe(1)
    expect(stderr).toMatch(message)
  })
  test('help and version', async () => {
    expect((await run(['--help'])).stdout).toContain('parallax analyze PATH...')
    expect((await run(['analyze', '--help'])).stdout).toContain('--published DATE')
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})

describe('bin/parallax', () => {
  test('answers --help quickly from the compiled build', () => {
    const started = process.hrtime.bigint()
    const out = execFileSync('./bin/parallax', ['--help'], { encoding: 'utf8' })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    expect(out).toContain('Usage:')
    // Generous bound for a loaded CI machine; typically ~80 ms.
    expect(ms).toBeLessThan(1500)
  })
  test('exit status 2 when nothing could be analysed', () => {
    const result = spawnSync('./bin/parallax', ['analyze', 'nope.txt'], { encoding: 'utf8' })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('nope.txt: no such file or directory')
  })
})
