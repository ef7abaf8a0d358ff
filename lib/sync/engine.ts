import {
  ENTITIES,
  MAX_MUTATIONS_PER_PUSH,
  MAX_PULL_PAGE_SIZE,
  MAX_PUSH_BODY_BYTES,
  MAX_RECORDS_PER_FETCH,
  SYNC_PROTOCOL_VERSION,
  type EntityName,
  type Mutation,
  type MutationRejection,
  type MutationResult,
  type PullResponse,
  type Rep,
} from '../schemas';
import { TABLE_OF_ENTITY, type OutboxEntry, type SidenoteDb } from '../db/database';
import { toRow } from '../db/derived';
import { getClientId, observeRemoteStamp } from '../db/meta';
import { computeBackoffMs } from './backoff';
import { withLockIfAvailable } from './lock';
import { applyPatch, type StoredRecord } from './merge';
import { mergeShapeOf } from './patch';
import { describeSyncError, readSyncStatus, writeSyncStatus, type SyncError, type SyncErrorCode, type SyncStatus } from './status';
import { SyncTransportError, type SyncTransport } from './transport';

/**
 * The client sync engine: push the outbox, then pull the team's changes, in one run that
 * holds the sync lock. Every step commits in its own Dexie transaction together with the
 * bookkeeping that says it happened (acknowledged outbox entries leave with their conflict
 * notices; pulled records land with the cursor that covers them), and every step is safe to
 * repeat, so a run killed at any point resumes correctly. See DESIGN.md.
 */

export const SYNC_CURSOR_KEY = 'syncCursor';
export const SYNC_SCOPE_KEY = 'syncScope';
/**
 * Records whose local copy still shows a change the server refused for good. Written in the
 * same transaction that parks the change, so the fallback to the team's version happens
 * even if the sync is killed right after parking.
 */
export const SYNC_REFRESH_KEY = 'syncRefresh';
/**
 * Records a write of ours lost on (a newer write, or a deletion the server compacted away),
 * written with the acknowledgement: the next step fetches the team's version, and drops the
 * local copy when the server no longer has one, so the lost value does not linger here.
 */
export const SYNC_VERIFY_KEY = 'syncVerify';
/**
 * Set when the server said this browser was away longer than it keeps deletions (410
 * `resync_required`): the next pull starts from the beginning and, once it reaches the head,
 * removes local records the server no longer has. Kept until that pull completes, so a run
 * killed mid-way starts the re-sync over.
 */
export const SYNC_RESYNC_KEY = 'syncResync';
/**
 * The team this database belongs to, set by the first hello. A database holds one team's
 * records: the engine refuses to sync it with another team (see switch-team.ts), so no record
 * of one team can ever be pushed to another.
 */
export const SYNC_TEAM_KEY = 'syncTeam';

export interface TeamBinding {
  teamId: string;
  teamName: string;
  baseUrl: string;
}

/** The settings point at another team than the one whose records this database holds. */
export class OtherTeamError extends Error {
  constructor(
    readonly bound: TeamBinding,
    readonly offered: TeamBinding,
  ) {
    super(`This browser holds the records of team "${bound.teamName}"; the settings point at team "${offered.teamName}".`);
    this.name = 'OtherTeamError';
  }
}

/** The team this database belongs to, if it has synced before. */
export async function readTeamBinding(db: SidenoteDb): Promise<TeamBinding | null> {
  const bound = (await db.meta.get(SYNC_TEAM_KEY))?.value as TeamBinding | undefined;
  if (bound) return bound;
  // Databases that synced before bindings existed: the last hello names their team.
  const scope = await readSyncScope(db);
  return scope ? { teamId: scope.team.id, teamName: scope.team.name, baseUrl: scope.baseUrl } : null;
}

/** Ask the server who we are again after this long, to refresh the team's rep list. */
const SCOPE_REFRESH_MS = 6 * 60 * 60_000;
/**
 * Pushes of one outbox entry the server failed (a 5xx, no answer, an answer that makes no
 * sense) while it answered other requests, before the entry is parked with the reason. A
 * change that always fails the server (a bug there, a value it cannot store) would
 * otherwise be sent first forever and hold back everything behind it.
 */
export const MAX_PUSH_FAILURES = 5;
/** Leave room under the server's body limit for the envelope and for estimates being off. */
const DEFAULT_PUSH_BATCH_BYTES = Math.floor(MAX_PUSH_BODY_BYTES * 0.75);

/** Who this browser syncs as, from the server's hello. */
export interface SyncScope {
  scopeKey: string;
  baseUrl: string;
  serverVersion: string;
  team: { id: string; name: string };
  rep: Rep;
  reps: Rep[];
  checkedAt: number;
}

interface StoredCursor {
  cursor: string;
  teamId: string;
  repId: string;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  pushed: number;
  pulled: number;
  /** During a pull: more pages follow. */
  hasMore: boolean;
}

export interface RunSyncOptions {
  now?: () => number;
  random?: () => number;
  pushBatchSize?: number;
  pushBatchBytes?: number;
  pullPageSize?: number;
  signal?: AbortSignal;
  /** Called after each committed push batch and each committed pull page. */
  onProgress?: (progress: SyncProgress) => void;
  /** Push-pull rounds per run, for writes that arrive while the run is going. */
  maxRounds?: number;
}

export interface SyncCounts {
  /** Outbox entries the server acknowledged (applied now or before). */
  pushed: number;
  /** Changes pulled and committed. */
  pulled: number;
  /** Entries the server refused for good, now parked. */
  parked: number;
  /** Conflict notices written (a field of ours lost to a newer write). */
  conflicts: number;
}

export type SyncRunResult =
  | ({ outcome: 'synced'; rounds: number; scope: SyncScope } & SyncCounts)
  | { outcome: 'busy' }
  | { outcome: 'cancelled' }
  | ({ outcome: 'failed'; error: SyncError } & SyncCounts);

interface RunContext {
  db: SidenoteDb;
  transport: SyncTransport;
  now: () => number;
  signal: AbortSignal | undefined;
  counts: SyncCounts;
  /** Records with a change the server refused for now (not for good): skipped for the rest of the run. */
  heldBack: Map<string, MutationRejection>;
  /** Records in a push the server failed during this run: skipped for the rest of it, so the others flow. */
  failing: Map<string, SyncTransportError>;
  /** Failed pushes not yet counted against their entries: that waits for proof the server answers. */
  unconfirmed: FailedPush[];
  /** Two pushes in a row failed: the server fails pushes in general, not because of one batch. */
  pushesFailing: boolean;
  onProgress: (progress: SyncProgress) => void;
}

function syncLockName(db: SidenoteDb): string {
  return `sidenote-sync:${db.name}`;
}

/** Runs `work` holding this database's sync lock, so no sync runs meanwhile; `busy` when one does. */
export async function withSyncLock<T>(db: SidenoteDb, work: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return withLockIfAvailable(syncLockName(db), work);
}

export async function readSyncScope(db: SidenoteDb): Promise<SyncScope | null> {
  return ((await db.meta.get(SYNC_SCOPE_KEY))?.value as SyncScope | undefined) ?? null;
}

/** Runs one sync unless another context is already running one (then `busy`). */
export async function runSync(db: SidenoteDb, transport: SyncTransport, options: RunSyncOptions = {}): Promise<SyncRunResult> {
  const outcome = await withLockIfAvailable(syncLockName(db), () => runSyncHoldingLock(db, transport, options));
  return outcome.acquired ? outcome.value : { outcome: 'busy' };
}

async function runSyncHoldingLock(db: SidenoteDb, transport: SyncTransport, options: RunSyncOptions): Promise<SyncRunResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const started = now();
  const previous = await readSyncStatus(db);
  await writeSyncStatus(db, { ...previous, state: 'syncing', startedAt: started, lastAttemptAt: started });
  const context: RunContext = {
    db,
    transport,
    now,
    signal: options.signal,
    counts: { pushed: 0, pulled: 0, parked: 0, conflicts: 0 },
    heldBack: new Map(),
    failing: new Map(),
    unconfirmed: [],
    pushesFailing: false,
    onProgress: options.onProgress ?? (() => undefined),
  };
  try {
    const scope = await ensureScope(context);
    const maxRounds = options.maxRounds ?? 3;
    let rounds = 0;
    for (;;) {
      rounds++;
      await pushOutbox(context, options.pushBatchSize ?? MAX_MUTATIONS_PER_PUSH, options.pushBatchBytes ?? DEFAULT_PUSH_BATCH_BYTES);
      await refreshRefusedRecords(context);
      // Pulled even when a push failed: a change the server cannot take must not stop this
      // browser from receiving the team's.
      await pullChanges(context, scope, options.pullPageSize ?? MAX_PULL_PAGE_SIZE);
      await settleFailedPushes(context);
      // The sidebar keeps writing while a run goes on: send those now rather than at the next trigger.
      if (rounds >= maxRounds || context.pushesFailing || (await countPushable(context)) === 0) break;
    }
    const finished = now();
    const held = [...context.heldBack.values()];
    const failedPush = await stillFailingPush(context);
    let status: SyncStatus;
    if (failedPush) {
      // Everything else went through, the pull included; the failed changes are kept and sent again.
      const failures = previous.consecutiveFailures + 1;
      const error = toSyncError(failedPush, transport.baseUrl, finished);
      await writeSyncStatus(db, {
        state: error.code === 'unreachable' ? 'offline' : 'error',
        startedAt: null,
        lastSyncedAt: finished,
        lastAttemptAt: started,
        lastError: error,
        consecutiveFailures: failures,
        nextRetryAt: finished + computeBackoffMs(failures, random),
      });
      return { outcome: 'failed', error, ...context.counts };
    }
    if (held.length) {
      const failures = previous.consecutiveFailures + 1;
      status = {
        state: 'error',
        startedAt: null,
        lastSyncedAt: finished,
        lastAttemptAt: started,
        lastError: describeSyncError('changes_held', { count: held.length, reason: held[0]!.message, reasonCode: held[0]!.code }, finished),
        consecutiveFailures: failures,
        nextRetryAt: finished + computeBackoffMs(failures, random),
      };
    } else {
      status = { state: 'idle', startedAt: null, lastSyncedAt: finished, lastAttemptAt: started, lastError: null, consecutiveFailures: 0, nextRetryAt: null };
    }
    await writeSyncStatus(db, status);
    return { outcome: 'synced', rounds, scope, ...context.counts };
  } catch (error) {
    if (options.signal?.aborted) {
      await writeSyncStatus(db, { ...previous, state: previous.state === 'syncing' ? 'idle' : previous.state, startedAt: null, lastAttemptAt: started });
      return { outcome: 'cancelled' };
    }
    const failedAt = now();
    const syncError = toSyncError(error, transport.baseUrl, failedAt);
    const failures = previous.consecutiveFailures + 1;
    let delayMs = computeBackoffMs(failures, random);
    if (error instanceof SyncTransportError && error.details.retryAfterMs !== undefined) delayMs = Math.max(delayMs, error.details.retryAfterMs);
    await writeSyncStatus(db, {
      state: syncError.code === 'unreachable' ? 'offline' : 'error',
      startedAt: null,
      lastSyncedAt: previous.lastSyncedAt,
      lastAttemptAt: started,
      lastError: syncError,
      consecutiveFailures: failures,
      nextRetryAt: failedAt + delayMs,
    });
    return { outcome: 'failed', error: syncError, ...context.counts };
  }
}

function toSyncError(error: unknown, baseUrl: string, at: number): SyncError {
  if (error instanceof OtherTeamError) return describeSyncError('other_team', { team: error.bound.teamName, otherTeam: error.offered.teamName, baseUrl }, at);
  if (error instanceof SyncTransportError) {
    const params: Record<string, string | number> = { baseUrl };
    if (error.details.status !== undefined) params.status = error.details.status;
    if (error.details.retryAfterMs !== undefined) params.retryAfterSeconds = Math.ceil(error.details.retryAfterMs / 1000);
    params.detail = error.message;
    return describeSyncError(error.code as SyncErrorCode, params, at);
  }
  return describeSyncError('internal', { detail: error instanceof Error ? error.message : String(error) }, at);
}

async function ensureScope(context: RunContext): Promise<SyncScope> {
  const { db, transport, now } = context;
  const stored = await readSyncScope(db);
  if (stored && stored.scopeKey === transport.scopeKey && now() - stored.checkedAt < SCOPE_REFRESH_MS) return stored;
  const hello = await politely(context, () => transport.hello(context.signal));
  if (hello.protocolVersion !== SYNC_PROTOCOL_VERSION) {
    throw new SyncTransportError('incompatible_version', `The server speaks sync protocol ${hello.protocolVersion}; this Sidenote speaks ${SYNC_PROTOCOL_VERSION}.`);
  }
  const scope: SyncScope = {
    scopeKey: transport.scopeKey,
    baseUrl: transport.baseUrl,
    serverVersion: hello.serverVersion,
    team: hello.team,
    rep: hello.rep,
    reps: hello.reps,
    checkedAt: now(),
  };
  const offered: TeamBinding = { teamId: scope.team.id, teamName: scope.team.name, baseUrl: scope.baseUrl };
  await db.transaction('rw', db.meta, async () => {
    // Checked before anything is pushed: this database's records go to their own team only.
    const bound = await readTeamBinding(db);
    if (bound && bound.teamId !== offered.teamId) throw new OtherTeamError(bound, offered);
    await db.meta.put({ key: SYNC_TEAM_KEY, value: { ...offered } });
    const cursor = (await db.meta.get(SYNC_CURSOR_KEY))?.value as StoredCursor | undefined;
    // Another team or rep sees other records: start that history from the beginning.
    if (cursor && (cursor.teamId !== scope.team.id || cursor.repId !== scope.rep.id)) await db.meta.delete(SYNC_CURSOR_KEY);
    await db.meta.put({ key: SYNC_SCOPE_KEY, value: scope });
  });
  return scope;
}

/** Waits this long at most for a rate limit inside one run; longer waits end the run and back off. */
const MAX_POLITE_WAIT_MS = 10_000;

/**
 * Calls the server, waiting out a short rate limit instead of failing the run: a large first
 * sync can outrun a token's burst, and its pages are committed as they come anyway.
 */
async function politely<T>(context: RunContext, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const waitMs = error instanceof SyncTransportError && error.code === 'rate_limited' ? (error.details.retryAfterMs ?? Infinity) : Infinity;
      if (attempt >= 3 || waitMs > MAX_POLITE_WAIT_MS || context.signal?.aborted) throw error;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        context.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }
}

// ---------------------------------------------------------------- push

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function toMutation(entry: OutboxEntry): Mutation {
  return { id: entry.id, entity: entry.entity, recordId: entry.recordId, patch: entry.patch, hlc: entry.hlc };
}

function pushableEntries(context: RunContext) {
  return context.db.outbox
    .orderBy('hlc')
    .filter((entry) => entry.status === 'pending' && !context.heldBack.has(entry.recordId) && !context.failing.has(entry.recordId));
}

async function countPushable(context: RunContext): Promise<number> {
  return pushableEntries(context).count();
}

/**
 * The next batch in stamp order, within the mutation and byte limits (always at least one
 * entry). An entry that was in a failed push travels alone, so a batch the server keeps
 * failing narrows down to the change that causes it, and the others go through.
 */
async function nextBatch(context: RunContext, maxCount: number, maxBytes: number): Promise<OutboxEntry[]> {
  const candidates = await pushableEntries(context).limit(maxCount).toArray();
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of candidates) {
    if ((entry.pushFailures ?? 0) > 0) {
      if (!batch.length) batch.push(entry);
      break;
    }
    const size = byteLength(JSON.stringify(toMutation(entry)));
    if (batch.length && bytes + size > maxBytes) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

/**
 * Whether a failed push may be the batch's own doing (the server failed on it, dropped the
 * connection, or answered nonsense), as opposed to a refusal of the token, the protocol or
 * the rate, which says nothing about the batch.
 */
function isBatchFailure(error: unknown): error is SyncTransportError {
  return error instanceof SyncTransportError && ['server_error', 'unreachable', 'bad_response', 'bad_address'].includes(error.code);
}

async function pushOutbox(context: RunContext, batchSize: number, batchBytes: number): Promise<void> {
  const { db, transport } = context;
  const clientId = await db.transaction('rw', db.meta, () => getClientId(db));
  let failedInARow = 0;
  for (;;) {
    const batch = await nextBatch(context, Math.min(batchSize, MAX_MUTATIONS_PER_PUSH), batchBytes);
    if (!batch.length) return;
    let results: MutationResult[];
    try {
      results = (await politely(context, () => transport.push(clientId, batch.map(toMutation), context.signal))).results;
    } catch (error) {
      if (error instanceof SyncTransportError && error.code === 'mutations_rejected') {
        // Nothing of the batch was saved: set the refused entries aside and send the rest again.
        const matched = await setAsideRejected(context, batch, error.details.rejected ?? []);
        if (!matched) throw new SyncTransportError('bad_response', 'The server refused a push without naming a change from it.');
        continue;
      }
      if (!isBatchFailure(error) || context.signal?.aborted) throw error;
      // Set aside for this run; whether it counts against these entries is settled once
      // another request shows whether the server answers at all.
      context.unconfirmed.push({ batch, error });
      for (const entry of batch) context.failing.set(entry.recordId, error);
      if (++failedInARow >= 2) {
        context.pushesFailing = true;
        return;
      }
      continue;
    }
    failedInARow = 0;
    const acknowledged = await acknowledge(context, batch, results);
    // An entry the server did not answer for would be sent again forever: stop and say so.
    if (acknowledged < batch.length) throw new SyncTransportError('bad_response', `The server answered for ${acknowledged} of the ${batch.length} changes sent.`);
    // The server took this push, so the push that failed before it failed because of its own changes.
    await countFailedPushes(context);
    context.onProgress({ phase: 'push', pushed: context.counts.pushed, pulled: context.counts.pulled, hasMore: false });
  }
}

interface FailedPush {
  batch: OutboxEntry[];
  error: SyncTransportError;
}

/**
 * After the pull answered: a failed push with no later push to compare with counts against
 * its entries (the server answers, yet not this batch). When every push of the run failed,
 * the server fails pushes in general, and nothing is counted: waiting is the cure.
 */
async function settleFailedPushes(context: RunContext): Promise<void> {
  if (context.pushesFailing) context.unconfirmed = [];
  else await countFailedPushes(context);
}

/** Counts failed pushes against their entries and parks those that reached MAX_PUSH_FAILURES. */
async function countFailedPushes(context: RunContext): Promise<void> {
  const failed = context.unconfirmed;
  if (!failed.length) return;
  context.unconfirmed = [];
  const { db } = context;
  const parked: Array<{ entry: OutboxEntry; reason: string }> = [];
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    for (const { batch, error } of failed) {
      for (const entry of batch) {
        const current = await db.outbox.get(entry.id);
        if (!current || current.status !== 'pending') continue;
        const failures = (current.pushFailures ?? 0) + 1;
        const lastError = `${error.code}: ${error.message}`;
        if (failures < MAX_PUSH_FAILURES) {
          await db.outbox.update(entry.id, { pushFailures: failures, lastError, attempts: current.attempts + 1 });
          continue;
        }
        const reason = `The server failed ${failures} times to save this change (${error.message}). It is set aside so your other changes keep syncing; discard it, or ask your admin to look at the server's log.`;
        await db.outbox.update(entry.id, { status: 'parked', parkedReason: reason, pushFailures: failures, lastError, attempts: current.attempts + 1 });
        parked.push({ entry, reason });
      }
    }
    if (parked.length) await addRefreshIds(db, parked.map(({ entry }) => entry.recordId));
  });
  context.counts.parked += parked.length;
}

/** The error of a failed push whose changes are still waiting at the end of the run, if any. */
async function stillFailingPush(context: RunContext): Promise<SyncTransportError | null> {
  if (!context.failing.size) return null;
  const ids = [...context.failing.keys()];
  const waiting = await context.db.outbox.where('recordId').anyOf(ids).filter((entry) => entry.status === 'pending').first();
  return waiting ? (context.failing.get(waiting.recordId) ?? null) : null;
}

async function addRefreshIds(db: SidenoteDb, recordIds: readonly string[]): Promise<void> {
  await addIdsTo(db, SYNC_REFRESH_KEY, recordIds);
}

async function addIdsTo(db: SidenoteDb, key: string, recordIds: readonly string[]): Promise<void> {
  const waiting = ((await db.meta.get(key))?.value as string[] | undefined) ?? [];
  await db.meta.put({ key, value: [...new Set([...waiting, ...recordIds])] });
}

async function acknowledge(context: RunContext, batch: OutboxEntry[], results: MutationResult[]): Promise<number> {
  const { db, now } = context;
  const entries = new Map(batch.map((entry) => [entry.id, entry]));
  return db.transaction('rw', [db.outbox, db.conflicts, db.meta], async () => {
    const acknowledged = new Set<string>();
    const lostOn: string[] = [];
    for (const result of results) {
      const entry = entries.get(result.mutationId);
      if (!entry) continue;
      acknowledged.add(entry.id);
      if (result.lostFields.length) lostOn.push(entry.recordId);
      // Keyed by the mutation id: a duplicate acknowledgement writes no second notice.
      if (result.lostFields.length && !(await db.conflicts.get(result.mutationId))) {
        await db.conflicts.add({
          id: result.mutationId,
          entity: entry.entity,
          recordId: entry.recordId,
          fields: result.lostFields,
          lostTo: result.lostTo,
          createdAt: now(),
          seenAt: null,
        });
        context.counts.conflicts++;
      }
    }
    await db.outbox.bulkDelete([...acknowledged]);
    if (lostOn.length) await addIdsTo(db, SYNC_VERIFY_KEY, lostOn);
    context.counts.pushed += acknowledged.size;
    return acknowledged.size;
  });
}

async function setAsideRejected(context: RunContext, batch: OutboxEntry[], rejected: MutationRejection[]): Promise<boolean> {
  const { db } = context;
  const entries = new Map(batch.map((entry) => [entry.id, entry]));
  const parked: OutboxEntry[] = [];
  let matched = false;
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    for (const rejection of rejected) {
      const entry = entries.get(rejection.mutationId);
      if (!entry) continue;
      matched = true;
      const current = await db.outbox.get(entry.id);
      if (!current) continue;
      const lastError = `${rejection.code}: ${rejection.message}`;
      if (rejection.permanent) {
        await db.outbox.update(entry.id, { status: 'parked', parkedReason: rejection.message, lastError, attempts: current.attempts + 1 });
        parked.push(entry);
      } else {
        await db.outbox.update(entry.id, { lastError, attempts: current.attempts + 1 });
        context.heldBack.set(entry.recordId, rejection);
      }
    }
    if (parked.length) await addRefreshIds(db, parked.map((entry) => entry.recordId));
  });
  context.counts.parked += parked.length;
  return matched;
}

// ---------------------------------------------------------------- pull

interface ServerChange {
  entity: EntityName;
  id: string;
  record: StoredRecord | null;
}

/** Parses records from the server with the entity schemas: the client trusts no input. */
function parseServerChanges(changes: ReadonlyArray<{ entity: EntityName | null; id: string; record: Record<string, unknown> | null }>): ServerChange[] {
  const parsed: ServerChange[] = [];
  for (const change of changes) {
    if (change.entity === null) continue;
    if (change.record === null) {
      parsed.push({ entity: change.entity, id: change.id, record: null });
      continue;
    }
    const result = ENTITIES[change.entity].record.safeParse(change.record);
    if (!result.success || result.data.id !== change.id) {
      const issue = result.success ? 'id mismatch' : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
      throw new SyncTransportError('bad_response', `The server sent a ${change.entity} (${change.id}) this version of Sidenote cannot read (${issue}).`);
    }
    parsed.push({ entity: change.entity, id: change.id, record: result.data });
  }
  return parsed;
}

const RECORD_TABLES = Object.values(TABLE_OF_ENTITY);

/**
 * Writes the server's copies of records, each rebased with this browser's pending writes
 * for it (so unsent edits stay visible), in one transaction with `alsoWrite` (the cursor).
 */
async function commitServerRecords(context: RunContext, changes: ServerChange[], alsoWrite: () => Promise<void>): Promise<void> {
  const { db, now } = context;
  const tables = [...RECORD_TABLES.map((name) => db.table(name)), db.outbox, db.meta];
  await db.transaction('rw', tables, async () => {
    const ids = changes.map((change) => change.id);
    const pending = ids.length ? await db.outbox.where('recordId').anyOf(ids).filter((entry) => entry.status === 'pending').toArray() : [];
    pending.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    const pendingByRecord = new Map<string, OutboxEntry[]>();
    for (const entry of pending) {
      const list = pendingByRecord.get(entry.recordId);
      if (list) list.push(entry);
      else pendingByRecord.set(entry.recordId, [entry]);
    }
    const puts = new Map<EntityName, StoredRecord[]>();
    const deletes = new Map<EntityName, string[]>();
    let newestStamp = '';
    for (const change of changes) {
      if (change.record === null) {
        deletes.set(change.entity, [...(deletes.get(change.entity) ?? []), change.id]);
        continue;
      }
      let record = change.record;
      for (const stamp of Object.values(record.clock)) if (stamp > newestStamp) newestStamp = stamp;
      for (const entry of pendingByRecord.get(change.id) ?? []) {
        if (entry.entity === change.entity) record = applyPatch(record, change.id, entry.patch, entry.hlc, mergeShapeOf(change.entity)).record;
      }
      const rows = puts.get(change.entity);
      if (rows) rows.push(toRow(change.entity, record));
      else puts.set(change.entity, [toRow(change.entity, record)]);
    }
    for (const [entity, rows] of puts) await db.table(TABLE_OF_ENTITY[entity]).bulkPut(rows);
    for (const [entity, removed] of deletes) await db.table(TABLE_OF_ENTITY[entity]).bulkDelete(removed);
    if (newestStamp) await observeRemoteStamp(db, newestStamp, now());
    await alsoWrite();
  });
}

async function pullChanges(context: RunContext, scope: SyncScope, pageSize: number): Promise<void> {
  const { db, transport } = context;
  const limit = Math.min(pageSize, MAX_PULL_PAGE_SIZE);
  const fetchPage = (cursor: string) => politely(context, () => transport.pull(cursor, limit, context.signal));
  const stored = (await db.meta.get(SYNC_CURSOR_KEY))?.value as StoredCursor | undefined;
  // A re-sync killed before it reached the head starts over: only a complete pull may sweep.
  let resyncing = Boolean((await db.meta.get(SYNC_RESYNC_KEY))?.value);
  const startCursor = !resyncing && stored && stored.teamId === scope.team.id && stored.repId === scope.rep.id ? stored.cursor : '';
  let page: PullResponse;
  try {
    page = await fetchPage(startCursor);
  } catch (error) {
    if (!(error instanceof SyncTransportError && (error.code === 'bad_cursor' || error.code === 'resync_required') && startCursor !== '')) throw error;
    if (error.code === 'resync_required') {
      // Away longer than the server keeps deletions: some records here may have been deleted
      // meanwhile with no trace left to pull. Pull everything, then drop what did not come.
      // The push before this pull already sent the pending writes; any left stay pending.
      await db.transaction('rw', db.meta, async () => {
        await db.meta.delete(SYNC_CURSOR_KEY);
        await db.meta.put({ key: SYNC_RESYNC_KEY, value: { since: context.now() } });
      });
      resyncing = true;
    } else {
      // The server no longer knows our place (restored from a backup): merging is idempotent, so start over.
      await db.meta.delete(SYNC_CURSOR_KEY);
    }
    page = await fetchPage('');
  }
  const seen = resyncing ? new Set<string>() : null;
  for (;;) {
    const changes = parseServerChanges(page.changes);
    if (seen) for (const change of page.changes) seen.add(change.id);
    // Ask for the next page while this one is stored: on a real network that hides one
    // round trip per page. Pages still commit strictly in order, each with its own cursor.
    const following = page.hasMore ? fetchPage(page.cursor) : null;
    following?.catch(() => undefined);
    const next: StoredCursor = { cursor: page.cursor, teamId: scope.team.id, repId: scope.rep.id };
    await commitServerRecords(context, changes, async () => {
      await db.meta.put({ key: SYNC_CURSOR_KEY, value: next });
    });
    context.counts.pulled += changes.length;
    context.onProgress({ phase: 'pull', pushed: context.counts.pushed, pulled: context.counts.pulled, hasMore: page.hasMore });
    if (!following) {
      if (seen) await sweepAfterResync(context, seen);
      return;
    }
    page = await following;
  }
}

/**
 * After a complete pull from the start: local records the server did not send are gone from
 * the team (deleted, and their tombstones compacted away), unless this browser still has a
 * change for them, pending (a record the server has not seen yet) or parked (the rep decides).
 */
async function sweepAfterResync(context: RunContext, seen: ReadonlySet<string>): Promise<void> {
  const { db } = context;
  const tables = RECORD_TABLES.map((name) => db.table<{ id: string }, string>(name));
  await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const kept = new Set((await db.outbox.toArray()).map((entry) => entry.recordId));
    for (const table of tables) {
      const gone = ((await table.toCollection().primaryKeys()) as string[]).filter((id) => !seen.has(id) && !kept.has(id));
      if (gone.length) await table.bulkDelete(gone);
    }
    await db.meta.delete(SYNC_RESYNC_KEY);
  });
}

/**
 * Local rows still showing a change the server refused for good fall back to the team's
 * version; so do rows showing a write that lost, and those the team no longer has at all
 * (deleted, and compacted away) are dropped unless a change of ours for them still waits.
 */
async function refreshRefusedRecords(context: RunContext): Promise<void> {
  await refreshRecords(context, SYNC_REFRESH_KEY, false);
  await refreshRecords(context, SYNC_VERIFY_KEY, true);
}

async function refreshRecords(context: RunContext, key: string, dropMissing: boolean): Promise<void> {
  const { db } = context;
  for (;;) {
    const waiting = ((await db.meta.get(key))?.value as string[] | undefined) ?? [];
    if (!waiting.length) return;
    const chunk = waiting.slice(0, MAX_RECORDS_PER_FETCH);
    const answer = await politely(context, () => context.transport.fetchRecords(chunk, context.signal));
    // A record the server never accepted has no team version: after a refusal the local row
    // stays, with its parked change beside it.
    const changes = parseServerChanges(answer.records.filter((item) => item.record !== null));
    const missing = answer.records.filter((item) => item.record === null && chunk.includes(item.id));
    await commitServerRecords(context, changes, async () => {
      if (dropMissing && missing.length) {
        const kept = new Set((await db.outbox.where('recordId').anyOf(missing.map((item) => item.id)).toArray()).map((entry) => entry.recordId));
        for (const item of missing) {
          if (kept.has(item.id)) continue;
          for (const table of RECORD_TABLES) await db.table(table).delete(item.id);
        }
      }
      const now = ((await db.meta.get(key))?.value as string[] | undefined) ?? [];
      await db.meta.put({ key, value: now.filter((id) => !chunk.includes(id)) });
    });
  }
}
