/** @module times — the `times` annotator: TIMEX3 time expressions resolved against the publication date. */
import type { TimeMention } from '../document/layers.js'
import { defineAnnotator, type Annotator } from '../pipeline/define-annotator.js'
import type { Rule } from './rules.js'
import { tagTimes } from './tag-times.js'

export { tagTimes, type TagTimesOptions } from './tag-times.js'
export { rules as timeRules, type Rule as TimeRule, type Resolution as TimeResolution } from './rules.js'

/** Options of {@link times}. */
export interface TimesOptions {
  /** Rules to use instead of the built-in English rules. */
  readonly rules?: readonly Rule[]
}

/**
 * Find date, time, duration and set expressions and normalise them to TIMEX3 values,
 * resolved against `doc.meta.published`; needs `tokens` and `sentences`. Documents with
 * no publication date get `X` placeholders for relative expressions (anchor `none`) and a
 * `times:no-published` message.
 *
 * @example
 * pipeline([tokens(), sentences(), times()])
 */
export function times(options: TimesOptions = {}): Annotator<'times'> {
  const rules = options.rules
  return defineAnnotator({
    name: 'times',
    requires: ['tokens', 'sentences'],
    produces: 'times',
    annotate(doc, context): TimeMention[] {
      const report = (message: Parameters<typeof context.report>[0]): void => context.report(message)
      const items = tagTimes(doc.text, { published: doc.meta.published, sentences: doc.layers.sentences ?? [], ...(rules ? { rules } : {}) })
      if (!doc.meta.published && items.some((t) => t.anchor === 'none')) {
        report({
          reason: 'The document has no publication date, so relative time expressions ("yesterday", "Monday") are left unresolved (X placeholders). Give a date (a `date:` header, or --published).',
          ruleId: 'times:no-published',
          severity: 'info',
        })
      }
      return items
    },
  })
}
