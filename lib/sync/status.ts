import * as z from 'zod';
import type { SidenoteDb } from '../db/database';
import { syncFailureCodeSchema, type SyncFailureCode } from './transport';

/**
 * Sync status, persisted in `db.meta` under one key so the sidebar, the options page and
 * the background show the same thing, and a restarted service worker knows its backoff.
 * Pending and parked counts are not stored: they are counted from the outbox, so they can
 * never disagree with it.
 */

export const SYNC_STATUS_KEY = 'syncStatus';

/**
 * Transport failures, plus: no settings; changes the server refused for now (e.g. a clock far
 * ahead); the settings point at another team than the one whose records this browser holds;
 * a local fault.
 */
export const syncErrorCodeSchema = z.union([syncFailureCodeSchema, z.enum(['not_configured', 'changes_held', 'other_team', 'internal'])]);
export type SyncErrorCode = z.infer<typeof syncErrorCodeSchema>;

export const syncErrorSchema = z.object({
  code: syncErrorCodeSchema,
  /** What happened, in words (English; `code` and `params` are for localized text). */
  message: z.string(),
  /** What the rep can do about it. */
  action: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  at: z.number(),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

export const syncStateSchema = z.enum(['idle', 'syncing', 'offline', 'error']);
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncStatusSchema = z.object({
  state: syncStateSchema,
  /** When the running sync started; a `syncing` state older than a few minutes is a killed one. */
  startedAt: z.number().nullable(),
  lastSyncedAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastError: syncErrorSchema.nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  nextRetryAt: z.number().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  startedAt: null,
  lastSyncedAt: null,
  lastAttemptAt: null,
  lastError: null,
  consecutiveFailures: 0,
  nextRetryAt: null,
};

export async function readSyncStatus(db: SidenoteDb): Promise<SyncStatus> {
  const parsed = syncStatusSchema.safeParse((await db.meta.get(SYNC_STATUS_KEY))?.value);
  return parsed.success ? parsed.data : INITIAL_SYNC_STATUS;
}

export async function writeSyncStatus(db: SidenoteDb, status: SyncStatus): Promise<void> {
  await db.meta.put({ key: SYNC_STATUS_KEY, value: status });
}

export interface OutboxCounts {
  /** Writes waiting to be sent. */
  pending: number;
  /** Writes the server refused for good; shown to the rep with the reason. */
  parked: number;
}

export async function countOutbox(db: SidenoteDb): Promise<OutboxCounts> {
  const [pending, parked] = await Promise.all([db.outbox.where('status').equals('pending').count(), db.outbox.where('status').equals('parked').count()]);
  return { pending, parked };
}

export interface SyncOverview extends SyncStatus, OutboxCounts {}

/** Everything the status bar shows, in one read (use it inside `liveQuery`). */
export async function readSyncOverview(db: SidenoteDb): Promise<SyncOverview> {
  return db.transaction('r', [db.meta, db.outbox], async () => ({ ...(await readSyncStatus(db)), ...(await countOutbox(db)) }));
}

type ErrorParams = Record<string, string | number>;

/** English words for each failure: what happened, then what to do. */
export const SYNC_ERROR_TEXT_EN: Record<SyncErrorCode, (params: ErrorParams) => { message: string; action: string }> = {
  not_configured: () => ({
    message: 'Sync is not set up: no server address or token.',
    action: 'Enter your team server address and API token in Sidenote\'s options. Your notes are kept in this browser meanwhile.',
  }),
  bad_address: (p) => ({
    message: `No Sidenote server answers at ${p.baseUrl ?? 'the configured address'}.`,
    action: 'Check the server address in the options; it is the base address your admin gave you, e.g. https://sync.example.com.',
  }),
  unreachable: (p) => ({
    message: `Cannot reach the sync server${p.baseUrl ? ` at ${p.baseUrl}` : ''}; you may be offline or the server is down.`,
    action: 'Nothing is lost: your changes are kept and sent automatically when the server can be reached.',
  }),
  bad_token: () => ({
    message: 'The server refused the API token (it is wrong or was revoked).',
    action: 'Ask your team admin for a new token and paste it into Sidenote\'s options. Your changes are kept until then.',
  }),
  incompatible_version: () => ({
    message: 'The server and this version of Sidenote speak different sync protocols.',
    action: 'Update the Sidenote extension, or ask your admin to update the server. Your changes are kept until then.',
  }),
  rate_limited: (p) => ({
    message: 'The server asked Sidenote to slow down.',
    action: `Sync tries again by itself in about ${p.retryAfterSeconds ?? 30} seconds.`,
  }),
  server_error: () => ({
    message: 'The sync server had an internal error.',
    action: 'Sync tries again by itself. If this keeps happening, tell your admin.',
  }),
  mutations_rejected: (p) => ({
    message: `The server refused ${p.count ?? 'some'} change(s) for good.`,
    action: 'They are set aside with the reason, so the rest keeps syncing. Review them in the sync panel.',
  }),
  changes_held: (p) => ({
    message: `The server did not accept ${p.count ?? 'some'} change(s) yet: ${p.reason ?? 'it gave no reason'}`,
    action: 'They are kept and sent again automatically; everything else is synced.',
  }),
  bad_cursor: () => ({
    message: 'The server did not recognise where this browser left off.',
    action: 'Sync starts over from the beginning by itself; nothing is lost.',
  }),
  resync_required: () => ({
    message: 'This browser was offline longer than the server keeps deleted records.',
    action: 'Sync starts over from the beginning by itself; your unsent changes are kept and sent first.',
  }),
  bad_response: () => ({
    message: 'The server sent an answer this version of Sidenote does not understand.',
    action: 'Update the Sidenote extension. If it is up to date, tell your admin.',
  }),
  other_team: (p) => ({
    message: `This browser holds the records of team "${p.team ?? '?'}", but the settings point at team "${p.otherTeam ?? '?'}". Nothing was sent.`,
    action: 'Save the server settings again in Sidenote\'s options: switching teams asks first, sends what is still waiting to the old team, then clears its records from this browser.',
  }),
  internal: (p) => ({
    message: `Sync failed inside this browser${p.detail ? `: ${p.detail}` : ''}.`,
    action: 'Sync tries again by itself. If this keeps happening, reload the extension.',
  }),
};

export function describeSyncError(code: SyncErrorCode, params: ErrorParams, at: number): SyncError {
  return { code, params, at, ...SYNC_ERROR_TEXT_EN[code](params) };
}

export type { SyncFailureCode };
