/**
 * Each account's last touch, kept on its row (schema v9) so Today finds the accounts whose
 * silence can raise "stale" or "churn" through an index instead of reading every account's
 * history (lib/db/today.ts).
 *
 * `lastTouchAt` is the latest `occurredAt` of the account's live touches (the rules' own
 * `TOUCH_TYPES`), null when it has none. `silentSince` is the index key: the last touch, else
 * the account's creation (an untouched account is silent since it entered its stage, never
 * before it existed), and only on live accounts in a stage that has staleness, so the
 * `[ownerKey+stage+silentSince]` index holds nothing else.
 *
 * A Dexie DBCore middleware keeps both, because every path that stores an activity or an
 * account passes it: local writes, pulled pages, imports, soft and hard deletes, undo, the
 * outbox's removal of never-synced records, a team switch's clear. An activity write moves
 * its account's `lastTouchAt` forward; removing or changing the touch that was the last one
 * re-reads that account's latest activities. An account write (which carries no summary,
 * since `fromRow` strips it before every merge) keeps the stored one, or works it out from
 * the account's activities when the account is new here.
 *
 * Open deals go quiet by their account's silence too (the rules count every touch on the account
 * for each of its deals). Since v16 the account row carries its live open deals (`openDeals`: owner
 * key, stage, creation and id of each) and, while the account is live, one `*dealSilence` index
 * entry per open deal: [deal owner key, deal stage, silent since, deal id], silent since being the
 * account's `lastTouchAt`, else the deal's creation. Today reads the rep's quiet deals through
 * that index. A touch then rewrites only the account row it rewrites anyway, where v11 to v14
 * kept the key on each open deal and rewrote every open deal of the account on each touch (about
 * 4 ms of a note save on an account with 10 open deals). A deal write moves its entry (and out of
 * the account it left); an arriving account that deals wait for derives its list from them.
 *
 * Versionchange transactions are skipped: the v9 upgrade derives every row at once, and a
 * per-write pass over the older upgrades' rewrites would only repeat it. A later upgrade that
 * changes activities' type, account, time or deletion must derive the summary again itself.
 */
import Dexie, { type DBCore, type DBCoreIndex, type DBCoreKeyRange, type DBCoreMutateRequest, type DBCoreQueryResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import { LIVE_CUSTOMER_STAGES, PRE_SALE_STAGES } from '../funnel/stages';
import { TOUCH_TYPES } from '../funnel/touch-types';
import type { ActivityType, Stage } from '../schemas';
import { ownerKeyOf } from './today-keys';

/** The stages where silence can raise an item in Today: a cadence before the sale, churn after it. */
export const STALE_ACCOUNT_STAGES: readonly Stage[] = [...PRE_SALE_STAGES, ...LIVE_CUSTOMER_STAGES];
const STALE_STAGE_SET: ReadonlySet<string> = new Set(STALE_ACCOUNT_STAGES);

const ACCOUNTS = 'accounts';
const ACTIVITIES = 'activities';
const DEALS = 'deals';
/**
 * Accounts named by a live touch or a live open deal stored while the account itself is not
 * (v14): only these have anything to derive from when they arrive. Every other new account is
 * untouched and has no deals, so a pulled page or an import of new accounts reads nothing for
 * them, where it read each one's activities and deals.
 */
export const AWAITED_ACCOUNTS_TABLE = 'awaitedAccounts';
/** In the awaited table: which accounts are awaited is not known (the accounts were cleared); worked out on next need. */
export const AWAITED_UNKNOWN = '*';
const AWAITED = AWAITED_ACCOUNTS_TABLE;
const OPEN_DEAL_STAGES: ReadonlySet<string> = new Set(PRE_SALE_STAGES);
/** Latest activities read before falling back to the whole history, when the last touch is re-found. */
const RECHECK_BATCH = 50;

type Row = Record<string, unknown>;

/** A live touch on an account, as the staleness rule counts it. */
export function touchOf(row: unknown): { accountId: string; occurredAt: number } | null {
  if (!row || typeof row !== 'object') return null;
  const { accountId, occurredAt, type, deletedAt } = row as Row;
  if (deletedAt !== null || typeof accountId !== 'string' || typeof occurredAt !== 'number' || !TOUCH_TYPES.has(type as ActivityType)) return null;
  return { accountId, occurredAt };
}

/** An open deal as its account carries it (v16): owner key, stage, creation, id. */
export type OpenDealEntry = [ownerKey: string, stage: string, createdAt: number, dealId: string];

/**
 * The account row with `silentSince` derived from its `lastTouchAt`, stage and deletion, and its
 * open deals' `dealSilence` index entries from `openDeals` (only while the account is live).
 */
export function withSilence<R extends Row>(row: R): R {
  const { silentSince: _previous, dealSilence: _entries, ...rest } = row;
  const derived: Row = rest;
  const lastTouchAt = typeof row.lastTouchAt === 'number' ? row.lastTouchAt : null;
  if (row.deletedAt === null && STALE_STAGE_SET.has(row.stage as string)) {
    const since = lastTouchAt ?? (typeof row.createdAt === 'number' ? row.createdAt : null);
    if (since !== null) derived.silentSince = since;
  }
  const open = Array.isArray(row.openDeals) ? (row.openDeals as OpenDealEntry[]) : [];
  if (open.length === 0) delete derived.openDeals;
  else if (row.deletedAt === null) derived.dealSilence = open.map(([ownerKey, stage, createdAt, dealId]) => [ownerKey, stage, lastTouchAt ?? createdAt, dealId]);
  return derived as R;
}

/** The entry a deal row gives its account's `openDeals`, null when it is not a live open deal. */
export function openDealEntryOf(deal: unknown): OpenDealEntry | null {
  if (!deal || typeof deal !== 'object') return null;
  const row = deal as Row;
  if (!isOpenDeal(row) || typeof row.createdAt !== 'number' || typeof row.id !== 'string') return null;
  return [ownerKeyOf(row.ownerId), row.stage as string, row.createdAt, row.id];
}

/** The account's open deals with this deal's entry set (or removed, for null), in id order. */
function withOpenDeal(open: readonly OpenDealEntry[], dealId: string, entry: OpenDealEntry | null): OpenDealEntry[] {
  const rest = open.filter((known) => known[3] !== dealId);
  if (entry) rest.push(entry);
  return rest.sort((a, b) => (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
}

function sameOpenDeals(a: readonly OpenDealEntry[], b: readonly OpenDealEntry[]): boolean {
  return a.length === b.length && a.every((entry, position) => entry.every((part, index) => part === b[position]![index]));
}

function openDealsOf(row: Row | undefined): OpenDealEntry[] {
  return row && Array.isArray(row.openDeals) ? (row.openDeals as OpenDealEntry[]) : [];
}

/**
 * The v11 to v14 deal key, kept for the v11 upgrade only: the deal row with `silentSince` derived
 * from its account: the account's last touch, else the deal's creation (its own stage entry, which only its history shows, is never earlier); only on a
 * live open deal of a stored, live account, so the index holds nothing else.
 */
export function withDealSilence<R extends Row>(deal: R, account: Row | undefined): R {
  const { silentSince: _previous, ...rest } = deal;
  const derived: Row = rest;
  if (deal.deletedAt === null && OPEN_DEAL_STAGES.has(deal.stage as string) && account && account.deletedAt === null) {
    const since = typeof account.lastTouchAt === 'number' ? account.lastTouchAt : typeof deal.createdAt === 'number' ? deal.createdAt : null;
    if (since !== null) derived.silentSince = since;
  }
  return derived as R;
}

function isOpenDeal(row: Row): boolean {
  return row.deletedAt === null && OPEN_DEAL_STAGES.has(row.stage as string) && typeof row.accountId === 'string';
}

/** Notes the account a live touch or a live open deal names (what an arriving account derives its summary from). */
export function noteNamed(named: Set<string>, row: unknown): void {
  if (!row || typeof row !== 'object') return;
  const touch = touchOf(row);
  if (touch) named.add(touch.accountId);
  else if (isOpenDeal(row as Row)) named.add((row as Row).accountId as string);
}

/** Notes the row in a map of each account's latest live touch (the v9 upgrade's one pass). */
export function noteTouch(latest: Map<string, number>, row: unknown): void {
  const touch = touchOf(row);
  if (touch && touch.occurredAt > (latest.get(touch.accountId) ?? Number.NEGATIVE_INFINITY)) latest.set(touch.accountId, touch.occurredAt);
}

// DBCoreRangeType.Any; the enum is const in Dexie's types, so not importable here.
const ANY_KEY = { type: 3 as DBCoreKeyRange['type'] } as DBCoreKeyRange;

function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange';
}

function accountRange(accountId: string): DBCoreKeyRange {
  // DBCoreRangeType.Range; the enum is const in Dexie's types, so not importable here.
  return { type: 2 as DBCoreKeyRange['type'], lower: [accountId, Number.NEGATIVE_INFINITY], upper: [accountId, Number.POSITIVE_INFINITY] };
}

/** The account's last touch read from its activities, newest first, stopping at the first one. */
async function readLastTouch(activities: DBCoreTable, index: DBCoreIndex, trans: DBCoreTransaction, accountId: string): Promise<number | null> {
  const query = { index, range: accountRange(accountId) };
  const latest = await activities.query({ trans, values: true, limit: RECHECK_BATCH, direction: 'prev', query });
  for (const row of latest.result) {
    const touch = touchOf(row);
    if (touch) return touch.occurredAt;
  }
  if (latest.result.length < RECHECK_BATCH) return null;
  const all = await activities.query({ trans, values: true, query });
  const latestOf = new Map<string, number>();
  for (const row of all.result) noteTouch(latestOf, row);
  return latestOf.get(accountId) ?? null;
}

function keysOf(table: DBCoreTable, request: DBCoreMutateRequest): unknown[] | null {
  if (request.type === 'delete') return request.keys;
  if (request.type === 'deleteRange') return null;
  if (request.keys) return request.keys;
  const keyPath = table.schema.primaryKey.keyPath;
  return typeof keyPath === 'string' ? request.values.map((value: Row | undefined) => value?.[keyPath]) : request.values.map(() => undefined);
}

/**
 * One read-then-write of summary rows at a time per transaction. A batch's requests run side by
 * side (an account edit beside its note, a deal beside its stage change), and each of these
 * reads account or deal rows and stores them changed: a row read before another request stored
 * it would undo that write. Each section ends once its writes are stored.
 */
const sections = new WeakMap<DBCoreTransaction, Promise<unknown>>();
function exclusively<T>(trans: DBCoreTransaction, section: () => Promise<T>): Promise<T> {
  const before = sections.get(trans) ?? Promise.resolve();
  const run = before.then(section, section);
  sections.set(trans, run.catch(() => undefined));
  return run;
}

/** An account's row, read by the write path in its first round for a touch it is about to store. */
const readsAhead = new WeakMap<DBCoreTransaction, Map<string, Promise<Row | undefined>>>();

/** The account's deals, by the deals' accountId index. */
function queryAccountDeals(deals: DBCoreTable, trans: DBCoreTransaction, accountId: string): Promise<DBCoreQueryResponse> {
  const index = deals.schema.getIndexByKeyPath('accountId');
  if (!index) throw new Error('The deals table has no accountId index.');
  return deals.query({ trans, values: true, query: { index, range: { type: 1 as DBCoreKeyRange['type'], lower: accountId, upper: accountId } } });
}

/**
 * Reads, in the current transaction, the account row a touch about to be stored on this account
 * will need, so a note save reads it in the same round as its clock rather than in a round of its
 * own. Used by the next activity write only, and dropped by any account or deal write that runs
 * first (it would make it stale).
 */
export function readAheadForTouch(db: Dexie, accountId: string): void {
  const trans = Dexie.currentTransaction?.idbtrans as unknown as DBCoreTransaction | undefined;
  if (!trans) return;
  const account = db.core.table(ACCOUNTS).getMany({ trans, keys: [accountId] }).then((rows) => rows[0] as Row | undefined);
  account.catch(() => undefined);
  readsAhead.set(trans, new Map([[accountId, account]]));
}

function createTouchSummary(down: DBCore): DBCore {
  const activitiesIndex = (): DBCoreIndex => {
    const index = down.table(ACTIVITIES).schema.getIndexByKeyPath(['accountId', 'occurredAt']);
    if (!index) throw new Error('The activities table has no [accountId+occurredAt] index.');
    return index;
  };

  const readDeals = (trans: DBCoreTransaction, accountId: string) => queryAccountDeals(down.table(DEALS), trans, accountId);

  /** The account's live open deals as stored, for an account that arrives after them. */
  async function deriveOpenDeals(trans: DBCoreTransaction, accountId: string): Promise<OpenDealEntry[]> {
    let open: OpenDealEntry[] = [];
    for (const deal of (await readDeals(trans, accountId)).result as Row[]) {
      const entry = openDealEntryOf(deal);
      if (entry) open = withOpenDeal(open, entry[3], entry);
    }
    return open;
  }

  /**
   * Deal writes move their entries in their accounts' `openDeals` (and out of an account a deal
   * left, or of a deal removed). The deals' previous rows are read only where a deal could have
   * been elsewhere: a put or a delete, not an add.
   */
  async function mutateDeals(table: DBCoreTable, request: DBCoreMutateRequest) {
    const { trans } = request;
    readsAhead.delete(trans);
    const accounts = down.table(ACCOUNTS);
    const incoming = request.type === 'add' || request.type === 'put' ? (request.values as Array<Row | undefined>) : [];
    const newIds = [...new Set(incoming.map((value) => value?.accountId).filter((id): id is string => typeof id === 'string'))];
    const newRows = newIds.length ? accounts.getMany({ trans, keys: newIds }) : Promise.resolve([]);
    newRows.catch(() => undefined);
    let previous: Array<Row | undefined> = [];
    if (request.type === 'deleteRange') {
      previous = (await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: request.range } })).result as Row[];
    } else if (request.type !== 'add') {
      const keys = keysOf(table, request)!;
      const defined = keys.filter((key) => key !== undefined);
      const rows = defined.length ? await table.getMany({ trans, keys: defined }) : [];
      let next = 0;
      previous = keys.map((key) => (key === undefined ? undefined : (rows[next++] as Row | undefined)));
    }
    // The v11 to v14 key on deal rows: nothing reads it any more, so a rewritten deal drops it.
    const values = incoming.map((value) => {
      if (!value || typeof value !== 'object' || !('silentSince' in value)) return value;
      const { silentSince: _dropped, ...rest } = value;
      return rest;
    });
    const result = await table.mutate(request.type === 'add' || request.type === 'put' ? { ...request, values } : request);

    // Each account whose list may move: the deal's account now, and the one it was on before.
    const moves: Array<{ dealId: string; from: string | null; to: string | null; entry: OpenDealEntry | null }> = [];
    if (request.type === 'add' || request.type === 'put') {
      const keys = keysOf(table, request)!;
      values.forEach((value, position) => {
        if (result.failures[position] || keys[position] === undefined) return;
        const before = previous[position];
        const from = before && openDealEntryOf(before) ? (before.accountId as string) : null;
        const entry = openDealEntryOf(value);
        const to = entry ? (value!.accountId as string) : null;
        if (from !== null || to !== null) moves.push({ dealId: String(keys[position]), from, to, entry });
      });
    } else {
      for (const before of previous) if (before && openDealEntryOf(before)) moves.push({ dealId: before.id as string, from: before.accountId as string, to: null, entry: null });
    }
    if (moves.length === 0) return result;
    const rows = new Map<string, Row | undefined>();
    ((await newRows) as Array<Row | undefined>).forEach((row, position) => rows.set(newIds[position]!, row));
    const unread = [...new Set(moves.map((move) => move.from).filter((id): id is string => id !== null && !rows.has(id)))];
    if (unread.length) ((await accounts.getMany({ trans, keys: unread })) as Array<Row | undefined>).forEach((row, position) => rows.set(unread[position]!, row));
    const lists = new Map<string, OpenDealEntry[]>();
    const listOf = (id: string) => lists.get(id) ?? openDealsOf(rows.get(id));
    const early: string[] = [];
    for (const move of moves) {
      if (move.from !== null && move.from !== move.to) lists.set(move.from, withOpenDeal(listOf(move.from), move.dealId, null));
      if (move.to !== null) {
        lists.set(move.to, withOpenDeal(listOf(move.to), move.dealId, move.entry));
        if (!rows.get(move.to)) early.push(move.to);
      }
    }
    const changed: Row[] = [];
    for (const [id, open] of lists) {
      const row = rows.get(id);
      if (row && !sameOpenDeals(open, openDealsOf(row))) changed.push(withSilence({ ...row, openDeals: open }));
    }
    await Promise.all([changed.length ? accounts.mutate({ type: 'put', trans, values: changed }) : null, early.length ? markAwaited(trans, early) : null]);
    return result;
  }

  function markAwaited(trans: DBCoreTransaction, accountIds: readonly string[]): Promise<unknown> {
    return down.table(AWAITED).mutate({ type: 'put', trans, values: [...new Set(accountIds)].map((id) => ({ id })) });
  }

  /**
   * Which of these new accounts are awaited. Usually none is, and one read says so; after the
   * accounts were cleared, the awaited set is worked out again once from the stored activities
   * and deals (a team switch clears those in the same transaction, so that read is short).
   */
  async function readAwaited(trans: DBCoreTransaction, accountIds: readonly string[]): Promise<Set<string>> {
    const awaited = down.table(AWAITED);
    const any = await awaited.query({ trans, values: false, limit: 1, query: { index: awaited.schema.primaryKey, range: ANY_KEY } });
    if (any.result.length === 0) return new Set();
    const rows = await awaited.getMany({ trans, keys: [AWAITED_UNKNOWN, ...accountIds] });
    if (!rows[0]) return new Set(accountIds.filter((_, position) => rows[position + 1]));
    const named = new Set<string>();
    const [activities, deals] = await Promise.all([ACTIVITIES, DEALS].map((name) => down.table(name).query({ trans, values: true, query: { index: down.table(name).schema.primaryKey, range: ANY_KEY } })));
    for (const row of activities!.result) noteNamed(named, row);
    for (const row of deals!.result) noteNamed(named, row);
    const ids = [...named];
    const stored = ids.length ? await down.table(ACCOUNTS).getMany({ trans, keys: ids }) : [];
    const missing = ids.filter((_, position) => !stored[position]);
    await awaited.mutate({ type: 'deleteRange', trans, range: ANY_KEY });
    if (missing.length) await markAwaited(trans, missing);
    return new Set(accountIds.filter((id) => missing.includes(id)));
  }

  /** Stores the activities' change, then moves each touched account's summary to match. */
  async function mutateActivities(table: DBCoreTable, request: DBCoreMutateRequest) {
    const { trans } = request;
    const accounts = down.table(ACCOUNTS);
    // The accounts the request's touches may move are known before it runs, so their rows are
    // read while the activities are stored instead of after: a note save waits for one round
    // of requests here, not for the read, the write, then the read.
    const raising = new Map<string, number>();
    if (request.type === 'add' || request.type === 'put') request.values.forEach((value) => noteTouch(raising, value));
    const raisingIds = [...raising.keys()];
    const ahead = readsAhead.get(trans);
    readsAhead.delete(trans);
    const readAhead = ahead && raisingIds.length === 1 ? ahead.get(raisingIds[0]!) : undefined;
    const raisingRows = readAhead ? readAhead.then((row) => [row]) : raisingIds.length ? accounts.getMany({ trans, keys: raisingIds }) : null;
    raisingRows?.catch(() => undefined);
    // A rep's new touch (an add, its account read ahead): the account's put is issued beside the
    // activity's add rather than after it answers, one request round earlier. Should the add
    // fail, the account is put again as the stored touches say (the later put in the transaction wins).
    if (request.type === 'add' && readAhead) {
      const accountId = raisingIds[0]!;
      const [row] = (await raisingRows!) as Array<Row | undefined>;
      const stored = row?.lastTouchAt;
      if (row && (typeof stored === 'number' || stored === null)) {
        const raisedAt = raising.get(accountId)!;
        const moves = stored === null || raisedAt > stored;
        const [result] = await Promise.all([table.mutate(request), moves ? accounts.mutate({ type: 'put', trans, values: [withSilence({ ...row, lastTouchAt: raisedAt })] }) : null]);
        if (!moves) return result;
        const kept = new Map<string, number>();
        request.values.forEach((value, position) => {
          if (!result.failures[position]) noteTouch(kept, value);
        });
        const keptAt = kept.get(accountId);
        if (keptAt !== raisedAt) {
          const next = keptAt !== undefined && (stored === null || keptAt > stored) ? keptAt : stored;
          await accounts.mutate({ type: 'put', trans, values: [withSilence({ ...row, lastTouchAt: next })] });
        }
        return result;
      }
    }
    // The rows this request replaces or removes: a removed touch may have been the last one.
    // For a put, aligned with its values; for a delete, its keys. An add replaces nothing.
    let previous: unknown[] = [];
    if (request.type === 'deleteRange') {
      previous = (await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: request.range } })).result;
    } else if (request.type !== 'add') {
      const keys = keysOf(table, request)!;
      const defined = keys.filter((key) => key !== undefined);
      const rows = defined.length ? await table.getMany({ trans, keys: defined }) : [];
      let next = 0;
      previous = keys.map((key) => (key === undefined ? undefined : rows[next++]));
    }
    const result = await table.mutate(request);

    const raised = new Map<string, number>();
    if (request.type === 'add' || request.type === 'put') {
      request.values.forEach((value, position) => {
        if (!result.failures[position]) noteTouch(raised, value);
      });
    }
    // An old touch no longer there as it was (deleted, moved, retimed, retyped): its account
    // needs a re-read only if that touch could have been its last.
    // A put that keeps the touch where it was, or later on the same account (an edited note, a
    // pulled page repeating a record), loses nothing.
    const lost = new Map<string, number>();
    previous.forEach((row, position) => {
      const touch = touchOf(row);
      if (!touch) return;
      if (request.type === 'put' && !result.failures[position]) {
        const now = touchOf(request.values[position]);
        if (now && now.accountId === touch.accountId && now.occurredAt >= touch.occurredAt) return;
      }
      if (touch.occurredAt > (lost.get(touch.accountId) ?? Number.NEGATIVE_INFINITY)) lost.set(touch.accountId, touch.occurredAt);
    });
    const accountIds = [...new Set([...raised.keys(), ...lost.keys()])];
    if (accountIds.length === 0) return result;

    const readRows = new Map<string, Row | undefined>();
    if (raisingRows) ((await raisingRows) as Array<Row | undefined>).forEach((row, position) => readRows.set(raisingIds[position]!, row));
    const unread = accountIds.filter((id) => !readRows.has(id));
    if (unread.length) ((await accounts.getMany({ trans, keys: unread })) as Array<Row | undefined>).forEach((row, position) => readRows.set(unread[position]!, row));
    const activities = down.table(ACTIVITIES);
    const index = activitiesIndex();
    const updated = await Promise.all(
      accountIds.map(async (accountId): Promise<Row | null> => {
        const row = readRows.get(accountId);
        if (!row) return null;
        const stored = row.lastTouchAt;
        const known = typeof stored === 'number' || stored === null;
        const lostAt = lost.get(accountId);
        let next: number | null;
        if (!known || (lostAt !== undefined && (stored === null || lostAt >= (stored as number)))) {
          next = await readLastTouch(activities, index, trans, accountId);
        } else {
          const raisedAt = raised.get(accountId);
          next = raisedAt !== undefined && (stored === null || raisedAt > (stored as number)) ? raisedAt : (stored as number | null);
        }
        if (known && next === stored) return null;
        return withSilence({ ...row, lastTouchAt: next });
      }),
    );
    const changed = updated.filter((row): row is Row => row !== null);
    const early = [...raised.keys()].filter((accountId) => !readRows.get(accountId));
    // Reads asked ahead before these writes would be stale after them.
    if (changed.length) readsAhead.delete(trans);
    // The account row carries its open deals' silence (v16), so its put is the whole change.
    await Promise.all([changed.length ? accounts.mutate({ type: 'put', trans, values: changed }) : null, early.length ? markAwaited(trans, early) : null]);
    return result;
  }

  /** Account writes carry no summary (it is local): keep the stored one, or derive it for a new account. */
  async function mutateAccounts(table: DBCoreTable, request: DBCoreMutateRequest) {
    const { trans } = request;
    readsAhead.delete(trans);
    if (request.type === 'delete') {
      const result = await table.mutate(request);
      if (request.keys.length) {
        const ids = request.keys.map(String);
        // Its touches and open deals stay: if the account comes back, it derives from them.
        const named = await Promise.all(ids.map(async (id) => (await readLastTouch(down.table(ACTIVITIES), activitiesIndex(), trans, id)) !== null || (await readDeals(trans, id)).result.some((deal: Row) => isOpenDeal(deal))));
        const awaited = ids.filter((_, position) => named[position]);
        if (awaited.length) await markAwaited(trans, awaited);
      }
      return result;
    }
    if (request.type === 'deleteRange') {
      const result = await table.mutate(request);
      await down.table(AWAITED).mutate({ type: 'put', trans, values: [{ id: AWAITED_UNKNOWN }] });
      return result;
    }
    if (request.type !== 'add' && request.type !== 'put') return table.mutate(request);
    const keys = keysOf(table, request)!;
    const lacking = request.values.map((value: Row | undefined, position) => (value && typeof value === 'object' && !('lastTouchAt' in value) && keys[position] !== undefined ? position : -1)).filter((position) => position >= 0);
    // An add stores only rows that are not there (it fails otherwise), so none is read.
    const stored = lacking.length && request.type === 'put' ? ((await table.getMany({ trans, keys: lacking.map((position) => keys[position]) })) as Array<Row | undefined>) : [];
    const storedAt = new Map<number, Row | undefined>(lacking.map((position, i) => [position, stored[i]]));
    // New here: only an awaited one has touches or deals to derive from.
    const arriving = lacking.filter((position) => !storedAt.get(position)).map((position) => String(keys[position]));
    const awaited = arriving.length ? await readAwaited(trans, arriving) : new Set<string>();
    const activities = down.table(ACTIVITIES);
    const values = await Promise.all(
      request.values.map(async (value: Row | undefined, position) => {
        if (!value || typeof value !== 'object') return value;
        if ('lastTouchAt' in value) return withSilence(value);
        const before = storedAt.get(position);
        const carried = before && (typeof before.lastTouchAt === 'number' || before.lastTouchAt === null) ? (before.lastTouchAt as number | null) : undefined;
        const id = String(keys[position]);
        const waited = !before && awaited.has(id);
        const [lastTouchAt, openDeals] = await Promise.all([
          carried !== undefined ? carried : !before && !waited ? null : readLastTouch(activities, activitiesIndex(), trans, id),
          // The open deals stay with the stored row; one new here has them only if they waited for it.
          before ? openDealsOf(before) : waited ? deriveOpenDeals(trans, id) : [],
        ]);
        return withSilence({ ...value, lastTouchAt, openDeals });
      }),
    );
    const result = await table.mutate({ ...request, values });
    const arrived = lacking.filter((position) => !storedAt.get(position) && awaited.has(String(keys[position])) && !result.failures[position]).map((position) => String(keys[position]));
    if (arrived.length) await down.table(AWAITED).mutate({ type: 'delete', trans, keys: arrived });
    return result;
  }

  return {
    ...down,
    transaction(stores, mode, options) {
      const touches = mode === 'readwrite' && (stores.includes(ACCOUNTS) || stores.includes(ACTIVITIES) || stores.includes(DEALS));
      const widened = touches ? [...new Set([...stores, ACCOUNTS, ACTIVITIES, DEALS, AWAITED])] : stores;
      return down.transaction(widened, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (name !== ACCOUNTS && name !== ACTIVITIES && name !== DEALS) return table;
      const mutate = name === ACCOUNTS ? mutateAccounts : name === DEALS ? mutateDeals : mutateActivities;
      const summarised: DBCoreTable = {
        ...table,
        mutate: (request) => (isUpgrade(request.trans) ? table.mutate(request) : exclusively(request.trans, () => mutate(table, request))),
      };
      return summarised;
    },
  };
}

export const touchSummary: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'touchSummary',
  create: createTouchSummary,
};
