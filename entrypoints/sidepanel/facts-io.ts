/**
 * Fact proposals and their writes for the sidebar, loaded after first paint (see lazy.ts):
 * the extractor's rules are not needed until the rep types a note.
 */
export { playbookFactKeysOf, proposeFromNote } from '@/lib/facts/proposals';
export { draftFieldsFor, factByHand } from '@/lib/facts/accept';
export { acceptedChipWrites, writeAcceptedForSavedNote, writeFacts } from '@/lib/db/facts';
