import { describe, expect, it } from 'vitest';
import { SYNC_STALE_AFTER_MS, SYNC_WRITE_DEBOUNCE_MS, decideSync, displayedSyncState, type SyncReason } from './scheduler';
import { INITIAL_SYNC_STATUS, describeSyncError, type SyncStatus } from './status';

const NOW = 1_800_000_000_000;
const failing = (code: 'unreachable' | 'server_error' | 'bad_token' | 'rate_limited', retryInMs: number): SyncStatus => ({
  ...INITIAL_SYNC_STATUS,
  state: code === 'unreachable' ? 'offline' : 'error',
  lastError: describeSyncError(code, {}, NOW - 1000),
  consecutiveFailures: 3,
  nextRetryAt: NOW + retryInMs,
});

describe('decideSync', () => {
  it.each<[string, SyncReason, SyncStatus, boolean, ReturnType<typeof decideSync>]>([
    ['skips when no server is set up', 'alarm', INITIAL_SYNC_STATUS, false, { action: 'skip', why: 'not_configured' }],
    ['runs on the alarm when healthy', 'alarm', INITIAL_SYNC_STATUS, true, { action: 'run' }],
    ['runs when the sidebar opens', 'sidebar_open', INITIAL_SYNC_STATUS, true, { action: 'run' }],
    ['runs on a teammate\'s live change', 'live_change', INITIAL_SYNC_STATUS, true, { action: 'run' }],
    ['debounces writes', 'write', INITIAL_SYNC_STATUS, true, { action: 'wait', until: NOW + SYNC_WRITE_DEBOUNCE_MS, why: 'debounce' }],
    ['waits out the backoff on the alarm', 'alarm', failing('server_error', 60_000), true, { action: 'wait', until: NOW + 60_000, why: 'backoff' }],
    ['waits out the backoff after a write', 'write', failing('server_error', 60_000), true, { action: 'wait', until: NOW + 60_000, why: 'backoff' }],
    ['waits out a rate limit even when the sidebar opens', 'sidebar_open', failing('rate_limited', 30_000), true, { action: 'wait', until: NOW + 30_000, why: 'backoff' }],
    ['runs at once when the network returns after being offline', 'online', failing('unreachable', 300_000), true, { action: 'run' }],
    ['does not rush back online when the server itself failed', 'online', failing('server_error', 300_000), true, { action: 'wait', until: NOW + 300_000, why: 'backoff' }],
    ['runs at once when the server answers again after it could not be reached', 'server_back', failing('unreachable', 300_000), true, { action: 'run' }],
    ['does not rush back when the server answered with an error', 'server_back', failing('server_error', 300_000), true, { action: 'wait', until: NOW + 300_000, why: 'backoff' }],
    ['does not rush back past a rate limit when the server answers', 'server_back', failing('rate_limited', 30_000), true, { action: 'wait', until: NOW + 30_000, why: 'backoff' }],
    ['runs on "sync now" even while backing off', 'manual', failing('server_error', 300_000), true, { action: 'run' }],
    ['runs at once after the settings change', 'settings_changed', failing('bad_token', 900_000), true, { action: 'run' }],
    ['runs once the backoff is over', 'timer', failing('server_error', -1), true, { action: 'run' }],
  ])('%s', (_name, reason, status, configured, expected) => {
    expect(decideSync({ reason, status, now: NOW, configured })).toEqual(expected);
  });
});

describe('displayedSyncState', () => {
  it('shows a sync killed mid-way as no longer syncing', () => {
    const running: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'syncing', startedAt: NOW - 1000 };
    expect(displayedSyncState(running, NOW)).toBe('syncing');
    expect(displayedSyncState({ ...running, startedAt: NOW - SYNC_STALE_AFTER_MS - 1 }, NOW)).toBe('idle');
    expect(displayedSyncState({ ...running, startedAt: NOW - SYNC_STALE_AFTER_MS - 1, lastError: describeSyncError('unreachable', {}, NOW) }, NOW, false)).toBe('offline');
  });

  it('says "offline" only when the browser is offline, and that the server is not answering otherwise', () => {
    const unreachable = failing('unreachable', 60_000);
    expect(displayedSyncState(unreachable, NOW, false)).toBe('offline');
    expect(displayedSyncState(unreachable, NOW, true)).toBe('server_down');
    const killed: SyncStatus = { ...unreachable, state: 'syncing', startedAt: NOW - SYNC_STALE_AFTER_MS - 1 };
    expect(displayedSyncState(killed, NOW, true)).toBe('server_down');
    expect(displayedSyncState(failing('server_error', 60_000), NOW, true)).toBe('error');
  });
});
