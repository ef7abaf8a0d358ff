import type { SyncStatus } from './status';

/**
 * When to sync, as one pure decision the background can drive from any trigger:
 * `chrome.alarms`, the browser coming online, a local write (debounced), the sidebar
 * opening, a teammate's change announced over the live stream, or the rep's "sync now".
 */

export type SyncReason =
  | 'write'
  | 'online'
  | 'alarm'
  | 'sidebar_open'
  | 'live_change'
  | 'manual'
  | 'settings_changed'
  /** A wait decided earlier has elapsed. */
  | 'timer';

export type SyncDecision =
  | { action: 'run' }
  /** Call again with reason `timer` at `until` (or let the next alarm do it). */
  | { action: 'wait'; until: number; why: 'debounce' | 'backoff' }
  | { action: 'skip'; why: 'not_configured' };

/**
 * Writes in a burst (an import, a run of edits) become one sync this long after the last one.
 * Short, because a saved note should reach teammates within two seconds.
 */
export const SYNC_WRITE_DEBOUNCE_MS = 500;
/** Period of the background alarm that catches anything the other triggers missed. */
export const SYNC_ALARM_PERIOD_MINUTES = 5;
/** A `syncing` state older than this belongs to a sync that was killed mid-way. */
export const SYNC_STALE_AFTER_MS = 2 * 60_000;

/** The state to show: a `syncing` left behind by a killed service worker reads as idle or failed. */
export function displayedSyncState(status: SyncStatus, now: number): SyncStatus['state'] {
  if (status.state !== 'syncing' || status.startedAt === null || now - status.startedAt < SYNC_STALE_AFTER_MS) return status.state;
  if (status.lastError === null) return 'idle';
  return status.lastError.code === 'unreachable' ? 'offline' : 'error';
}

export interface SyncDecisionInput {
  reason: SyncReason;
  status: SyncStatus;
  now: number;
  configured: boolean;
}

export function decideSync({ reason, status, now, configured }: SyncDecisionInput): SyncDecision {
  if (!configured) return { action: 'skip', why: 'not_configured' };
  // The rep asked, or gave new settings: the old failure may no longer apply.
  if (reason === 'manual' || reason === 'settings_changed') return { action: 'run' };
  // A sync already running is not a reason to wait here: the lock makes the second run
  // report `busy`, and the caller runs again once the first is done (see controller.ts).
  const backingOff = status.consecutiveFailures > 0 && status.nextRetryAt !== null && now < status.nextRetryAt;
  if (backingOff) {
    // Coming back online is exactly what an `unreachable` failure was waiting for.
    const networkWasTheProblem = status.lastError?.code === 'unreachable';
    if (!(reason === 'online' && networkWasTheProblem)) return { action: 'wait', until: status.nextRetryAt!, why: 'backoff' };
  }
  if (reason === 'write') return { action: 'wait', until: now + SYNC_WRITE_DEBOUNCE_MS, why: 'debounce' };
  return { action: 'run' };
}
