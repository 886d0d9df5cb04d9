/** @module compare — cross-source differences within stories: claims, corroboration, omissions, framing. */
export { alignClaims, splitClauses, type Claim, type ClaimMention, type ClaimValue, type ClaimsOptions, type StoryRef, type CopyRef } from './claims.js'
export { omissionMatrices, type OmissionMatrix, type OmissionRow } from './omissions.js'
export { frameArticles, type Framing, type FramingEvidence, type LoadedCategory } from './framing.js'
export { claimFeatures, scoreCheckWorthiness, loadClaimModel, type ClaimModel } from './check-worthiness.js'
export { findQuantities, incompatible, parseNumber, foldStem, type Quantity } from './normalize.js'
