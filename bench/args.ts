/** @module bench/args — command-line options of the bench scripts, on node:util parseArgs (strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util'

/** Parse `argv` strictly; an unknown or malformed option says which script's header lists them. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O, script: string): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values'] {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.replace(/^Unknown option/, 'unknown option') : String(cause)
    throw new Error(`${message}; see the header of ${script}`, { cause })
  }
}

/** A whole number ≥ `min` from option `--name`, or a clear error; undefined when not given. */
export function intOption(name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} ${JSON.stringify(value)}: give a whole number ≥ ${min}`)
  return n
}

/** A comma-separated list of whole numbers ≥ `min` from option `--name`. */
export function intListOption(name: string, value: string | undefined, min = 1): number[] | undefined {
  return value === undefined ? undefined : value.split(',').map((v) => intOption(name, v, min) as number)
}
