/** @module test/build-dist — vitest global setup: compile dist/ when it is missing or older than src/. */
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

export default function setup(): void {
  let built: number
  try {
    built = statSync('dist/cli/main.js').mtimeMs
  } catch {
    built = 0
  }
  if (built < newest('src')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
}
