export { injectNmi, releaseOnAcknowledge } from './inject.ts';
export { findCandidates, noCandidateReason } from './candidates.ts';
