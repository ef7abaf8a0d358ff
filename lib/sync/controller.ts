import type { ServerSettings } from '../schemas';
import type { SidenoteDb } from '../db/database';
import { runSync, type RunSyncOptions, type SyncRunResult } from './engine';
import { decideSync, type SyncDecision, type SyncReason } from './scheduler';
import { readSyncStatus } from './status';
import { createTransport, type FetchLike } from './transport';

/**
 * Wiring for one extension context: turns triggers into sync runs through `decideSync`,
 * coalesces triggers that arrive while a run is going, and keeps short waits (debounce, a
 * run busy in another context) on a timer. Long waits (backoff) are left to the caller's
 * `chrome.alarms` tick, which survives the service worker being stopped.
 */

export interface SyncControllerOptions {
  db: SidenoteDb;
  /** Read fresh on every trigger, so new settings apply at once. */
  loadSettings: () => Promise<ServerSettings | null>;
  fetch: FetchLike;
  now?: () => number;
  random?: () => number;
  setTimer?: (ms: number, fire: () => void) => () => void;
  /** Waits longer than this are not kept on a timer. */
  maxTimerMs?: number;
  runOptions?: Omit<RunSyncOptions, 'now' | 'random'>;
  onResult?: (result: SyncRunResult, reason: SyncReason) => void;
}

export type TriggerOutcome = { decision: SyncDecision; result?: SyncRunResult };

/** After the first write of a burst, sync no later than this even if writes keep coming. */
export const SYNC_WRITE_MAX_DELAY_MS = 10_000;
/** When another context holds the sync lock, look again this soon. */
export const SYNC_BUSY_RETRY_MS = 1_000;

export interface SyncController {
  trigger(reason: SyncReason): Promise<TriggerOutcome>;
  dispose(): void;
}

export function createSyncController(options: SyncControllerOptions): SyncController {
  const now = options.now ?? Date.now;
  const maxTimerMs = options.maxTimerMs ?? 60_000;
  const setTimer =
    options.setTimer ??
    ((ms: number, fire: () => void) => {
      const timer = setTimeout(fire, ms);
      return () => clearTimeout(timer);
    });
  let cancelTimer: (() => void) | null = null;
  let burstStartedAt: number | null = null;
  let running: Promise<SyncRunResult> | null = null;
  let runAgain = false;
  let disposed = false;

  const schedule = (until: number) => {
    const delay = Math.max(0, until - now());
    if (disposed || delay > maxTimerMs) return;
    cancelTimer?.();
    cancelTimer = setTimer(delay, () => {
      cancelTimer = null;
      void trigger('timer');
    });
  };

  async function trigger(reason: SyncReason): Promise<TriggerOutcome> {
    if (disposed) return { decision: { action: 'skip', why: 'not_configured' } };
    const settings = await options.loadSettings();
    const configured = Boolean(settings?.url.trim() && settings.token.trim());
    let decision = decideSync({ reason, status: await readSyncStatus(options.db), now: now(), configured });
    if (decision.action === 'wait' && decision.why === 'debounce') {
      burstStartedAt ??= now();
      const latest = burstStartedAt + SYNC_WRITE_MAX_DELAY_MS;
      decision = { ...decision, until: Math.min(decision.until, latest) };
    }
    if (decision.action !== 'run') {
      if (decision.action === 'wait') schedule(decision.until);
      return { decision };
    }
    if (running) {
      // Whatever prompted this (a teammate's change, a write) may postdate the running
      // sync's pull: run once more after it.
      runAgain = true;
      return { decision, result: await running };
    }
    burstStartedAt = null;
    cancelTimer?.();
    cancelTimer = null;
    const transport = createTransport({ baseUrl: settings!.url, token: settings!.token, fetch: options.fetch });
    running = runSync(options.db, transport, { ...options.runOptions, now, ...(options.random ? { random: options.random } : {}) });
    try {
      const result = await running;
      if (result.outcome === 'busy') schedule(now() + SYNC_BUSY_RETRY_MS);
      options.onResult?.(result, reason);
      return { decision, result };
    } finally {
      running = null;
      if (runAgain) {
        runAgain = false;
        void trigger('timer');
      }
    }
  }

  return {
    trigger,
    dispose() {
      disposed = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
