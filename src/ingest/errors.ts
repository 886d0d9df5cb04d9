/** @module ingest/errors — errors of fetching and parsing untrusted input, with stable codes. */

/** Stable codes of {@link FetchError}. */
export type FetchErrorCode =
  | 'bad-url'
  | 'dns'
  | 'blocked-address'
  | 'too-many-redirects'
  | 'too-large'
  | 'timeout'
  | 'network'
  | 'bad-encoding'
  | 'http-status'
  | 'robots-disallowed'

/** A fetch that failed; `code` is stable, `message` names the URL and the fix. */
export class FetchError extends Error {
  override readonly name = 'FetchError'
  readonly code: FetchErrorCode
  /** True when trying again later may succeed (timeouts, resets). */
  readonly retryable: boolean
  /** The HTTP status, for `http-status`. */
  readonly status: number | undefined
  constructor(code: FetchErrorCode, message: string, options: { cause?: unknown; retryable?: boolean; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.retryable = options.retryable ?? false
    this.status = options.status
  }
}

/** Stable codes of {@link InputError}. */
export type InputErrorCode = 'xml-doctype' | 'xml-malformed' | 'not-a-feed' | 'not-a-sitemap' | 'bad-warc' | 'too-large' | 'bad-json'

/**
 * Untrusted input (a feed, a sitemap, a WARC file) that cannot be read. These are the only
 * exceptions the readers throw; the fuzz test treats any other exception as a crash.
 */
export class InputError extends Error {
  override readonly name = 'InputError'
  readonly code: InputErrorCode
  constructor(code: InputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}
