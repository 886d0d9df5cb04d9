/** @module pipeline/errors — misuse errors with stable codes and a fix in the message. */

/** Stable codes of {@link PipelineError}. */
export type PipelineErrorCode =
  | 'missing-layer'
  | 'duplicate-producer'
  | 'duplicate-annotator'
  | 'invalid-annotator'
  | 'invalid-option'
  | 'unknown-layer'
  | 'annotator-failed'
  | 'invalid-input'
  | 'invalid-model'

/**
 * Misuse of the library: a wrong pipeline, a bad option, an unknown layer.
 * `code` is stable across versions; `message` says how to fix it.
 */
export class PipelineError extends Error {
  override readonly name = 'PipelineError'
  readonly code: PipelineErrorCode
  constructor(code: PipelineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** Thrown when something asked for (a document, a story) does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'
}
