/** @module compare/omissions — who left what out: per story, which documents carry which claims. */
import type { Claim, ClaimMention, StoryRef } from './claims.js'

/** One row of the omission matrix: a claim and, per document of the story, its mention or null. */
export interface OmissionRow {
  readonly claim: string
  readonly status: Claim['status']
  /** Same order as {@link OmissionMatrix.docs}; null where the document does not carry the claim. */
  readonly carried: readonly (ClaimMention | null)[]
}

/** The claims × documents matrix of one story. */
export interface OmissionMatrix {
  readonly story: string
  readonly docs: readonly string[]
  readonly rows: readonly OmissionRow[]
  /** Per corroborated or contested claim, the story's documents that do not carry it (omitted only where non-empty). */
  readonly omitted: readonly { readonly claim: string; readonly docs: readonly string[] }[]
  /** Per document, the ids of the claims only it carries (its unique facts). */
  readonly unique: Readonly<Record<string, readonly string[]>>
}

/**
 * Build the omission matrix of each story from its aligned claims: rows are claims
 * (corroborated and contested first), columns the story's documents.
 *
 * @example
 * omissionMatrices(stories, claims)[0].omitted // [{ claim: 'C2', docs: ['c'] }]
 */
export function omissionMatrices(stories: readonly StoryRef[], claims: readonly Claim[]): OmissionMatrix[] {
  return stories.map((story) => {
    const own = claims.filter((c) => c.story === story.id)
    const rows = own.map((c) => ({
      claim: c.id,
      status: c.status,
      carried: story.docs.map((d) => c.mentions.find((m) => m.doc === d) ?? null),
    }))
    const omitted = own
      .filter((c) => c.status !== 'single-source')
      .map((c) => ({ claim: c.id, docs: story.docs.filter((d) => !c.docs.includes(d)) }))
      .filter((o) => o.docs.length > 0)
    const unique: Record<string, string[]> = {}
    for (const d of story.docs) unique[d] = own.filter((c) => c.docs.length === 1 && c.docs[0] === d).map((c) => c.id)
    return { story: story.id, docs: [...story.docs], rows, omitted, unique }
  })
}
