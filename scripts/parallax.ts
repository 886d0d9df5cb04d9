/** @module scripts/parallax — run the CLI from source (tests, benchmarks): `tsx scripts/parallax.ts ingest …`. */
import { main } from '../src/cli/main.js'

process.exitCode = await main(process.argv.slice(2))
