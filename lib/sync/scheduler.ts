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
  /**
   * The server answers again: the live stream reconnected (`ready`), or a health probe got an
   * answer while sync was backing off because the server could not be reached.
   */
  | 'server_back'
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

/**
 * What the status bar shows. `offline` is the browser's own verdict (no network), and
 * `server_down` is a server that does not answer while the network is up: the rep can do
 * something about the first (find a network) and should tell the admin about the second.
 */
export type DisplayedSyncState = 'idle' | 'syncing' | 'offline' | 'server_down' | 'error';

/**
 * The state to show: a `syncing` left behind by a killed service worker reads as idle or
 * failed, and a server that could not be reached reads as `offline` only when the browser
 * says it is offline (`navigator.onLine`).
 */
export function displayedSyncState(status: SyncStatus, now: number, online = true): DisplayedSyncState {
  let state: SyncStatus['state'] = status.state;
  if (state === 'syncing' && status.startedAt !== null && now - status.startedAt >= SYNC_STALE_AFTER_MS) {
    if (status.lastError === null) return 'idle';
    state = status.lastError.code === 'unreachable' ? 'offline' : 'error';
  }
  if (state === 'offline') return online ? 'server_down' : 'offline';
  return state;
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
    // Coming back online, or the server answering again, is exactly what an `unreachable`
    // failure was waiting for. A server that answered with an error is not cured by either.
    const unreachable = status.lastError?.code === 'unreachable';
    if (!((reason === 'online' || reason === 'server_back') && unreachable)) return { action: 'wait', until: status.nextRetryAt!, why: 'backoff' };
  }
  if (reason === 'write') return { action: 'wait', until: now + SYNC_WRITE_DEBOUNCE_MS, why: 'debounce' };
  return { action: 'run' };
}
