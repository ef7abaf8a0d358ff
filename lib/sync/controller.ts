import type { ServerSettings } from '../schemas';
import type { SidenoteDb } from '../db/database';
import { computeServerProbeDelayMs } from './backoff';
import { runSync, type RunSyncOptions, type SyncRunResult } from './engine';
import { decideSync, type SyncDecision, type SyncReason } from './scheduler';
import { readSyncStatus } from './status';
import { createTransport, type FetchLike } from './transport';

/**
 * Wiring for one extension context: turns triggers into sync runs through `decideSync`,
 * coalesces triggers that arrive while a run is going, and keeps short waits (debounce, a
 * run busy in another context) on a timer. Long waits (backoff) are left to the caller's
 * `chrome.alarms` tick, which survives the service worker being stopped.
 *
 * While a sync backs off because the server could not be reached, a cheap health probe
 * (`GET /healthz`) asks every 1–2 s whether it answers again, and ends the backoff the moment
 * it does (`server_back`): writes made during an outage go out seconds after the server is
 * back, not after minutes of backoff. A server that answers with errors is not probed.
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
  const random = options.random ?? Math.random;
  let cancelTimer: (() => void) | null = null;
  let cancelProbe: (() => void) | null = null;
  /** When probing began: after a while the probe slows down (see computeServerProbeDelayMs). */
  let probingSince: number | null = null;
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

  const stopProbing = () => {
    cancelProbe?.();
    cancelProbe = null;
    probingSince = null;
  };

  /** Probes the server until it answers, then syncs at once; stops when a run has succeeded meanwhile. */
  const probeUntilServerAnswers = () => {
    if (disposed || cancelProbe) return;
    probingSince ??= now();
    cancelProbe = setTimer(computeServerProbeDelayMs(now() - probingSince, random), () => {
      void (async () => {
        const settings = await options.loadSettings();
        const status = await readSyncStatus(options.db);
        cancelProbe = null;
        if (disposed || !settings?.url.trim() || !settings.token.trim() || status.lastError?.code !== 'unreachable' || status.consecutiveFailures === 0) {
          probingSince = null;
          return;
        }
        const transport = createTransport({ baseUrl: settings.url, token: settings.token, fetch: options.fetch });
        if (await transport.probe()) {
          probingSince = null;
          await trigger('server_back');
        } else {
          probeUntilServerAnswers();
        }
      })().catch(() => {
        cancelProbe = null;
        probingSince = null;
      });
    });
  };

  /** After a failed run, or a trigger that found sync backing off: plan the next attempt. */
  const planRetry = async () => {
    const status = await readSyncStatus(options.db);
    if (status.consecutiveFailures === 0) return;
    if (status.nextRetryAt !== null) schedule(status.nextRetryAt);
    if (status.lastError?.code === 'unreachable') probeUntilServerAnswers();
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
      if (decision.action === 'wait' && decision.why === 'backoff') await planRetry();
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
    running = runSync(options.db, transport, { ...options.runOptions, now, random });
    try {
      const result = await running;
      if (result.outcome === 'busy') schedule(now() + SYNC_BUSY_RETRY_MS);
      if (result.outcome === 'failed') await planRetry();
      else if (result.outcome === 'synced') stopProbing();
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
      stopProbing();
    },
  };
}
