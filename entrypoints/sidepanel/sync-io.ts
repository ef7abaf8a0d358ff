/** The sync status, live stream and refused-change handling, loaded after first paint. */
export { discardParkedChange, markConflictSeen } from '@/lib/db/outbox';
export { subscribeToTeamChanges, type LiveState } from '@/lib/sync/live';
export { displayedSyncState } from '@/lib/sync/scheduler';
export { readSyncOverview } from '@/lib/sync/status';
