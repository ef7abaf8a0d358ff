import Dexie from 'dexie';
import type { Account, Activity, Deal, HealthInputs, Stage, SuggestionState } from '../schemas';
import { recordHealthMeasurement } from '../funnel/health';
import { completeTaskWrite, taskFromSuggestion, type SuggestionTarget } from '../funnel/actions';
import type { PipelineInput } from '../funnel/pipeline';
import { resolvePlaybook, type ResolvedPlaybook } from '../funnel/playbook';
import { computeStageMedians, type StageMedians } from '../funnel/stage-medians';
import { planStageChange, stageMoveWarnings, type StageChangePlan, type StageMoveWarning } from '../funnel/stage-change';
import { GuidanceWalk } from '../funnel/guidance-window';
import { industryKeyOf, rankIndustries } from '../funnel/industry';
import type { SuccessCasePool } from '../funnel/success-cases';
import type { SuggestionInput } from '../funnel/suggest';
import { suggestionStateWrite, type SuggestionDecision } from '../funnel/suggestion-state';
import type { SubjectRef, Suggestion } from '../funnel/suggestion-types';
import { clearRepliedWrites, findRepliedNoReplyTasks, isOpenNoReplyTask } from '../reminders/no-reply';
import { needsReminder } from '../reminders/schedule';
import type { ReminderTaskContext } from '../reminders/browser';
import { nowOf, type WriteContext } from './context';
import type { AccountRow, SidenoteDb } from './database';
import { fromRow } from './derived';
import { createDeal, type NewDealInput } from './deals';
import { keptRead, type ReadPart } from './kept-read';
import { newRecordId, writeRecords } from './write';

/**
 * The funnel's reads and writes over Dexie: the only place the pure funnel and reminder rules
 * meet the database. Reads gather one account's records for the rules; writes go through
 * `writeRecords`, so each change and its outbox entry commit together.
 */

function live<T extends { deletedAt: number | null }>(records: readonly T[]): T[] {
  return records.filter((record) => record.deletedAt === null);
}

function accountOf(row: AccountRow): Account {
  return fromRow(row);
}

async function accountActivities(db: SidenoteDb, accountId: string, from: number | typeof Dexie.minKey = Dexie.minKey): Promise<Activity[]> {
  return db.activities.where('[accountId+occurredAt]').between([accountId, from], [accountId, Dexie.maxKey], true, true).toArray();
}

async function dealActivities(db: SidenoteDb, dealId: string): Promise<Activity[]> {
  return db.activities.where('[dealId+occurredAt]').between([dealId, Dexie.minKey], [dealId, Dexie.maxKey]).toArray();
}

const keptPlaybook = keptRead(async (db: SidenoteDb) => resolvePlaybook(await db.playbooks.toArray()), {
  partsOf: () => [{ table: 'playbooks', index: '', from: Dexie.minKey, to: Dexie.maxKey }],
  maxEntries: 1,
});

/**
 * The playbook in force: the team's synced one where it exists, else the default. Kept until
 * a playbook is written: the composer, "What we know" and the guidance each ask for it on
 * every card open, and a team's playbook is parsed (Zod) each time it is read.
 */
export function loadPlaybook(db: SidenoteDb): Promise<ResolvedPlaybook> {
  return keptPlaybook.load(db, null);
}

/**
 * Everything `suggestNextSteps` needs for the account or deal in view; null when the record
 * is not stored here. Pass the rep's time zone yourself (`timeZone`) for calendar dates.
 * An aborted `signal` stops the read between its steps (it rejects with the signal's reason).
 */
export async function loadSuggestionInput(db: SidenoteDb, subject: SubjectRef, playbook?: ResolvedPlaybook, signal?: AbortSignal): Promise<SuggestionInput | null> {
  return db.transaction('r', [db.accounts, db.deals, db.contacts, db.activities, db.suggestionStates, db.playbooks], async () => {
    const deal = subject.type === 'deal' ? await db.deals.get(subject.id) : undefined;
    if (subject.type === 'deal' && !deal) return null;
    const accountRow = await db.accounts.get(deal ? deal.accountId : subject.id);
    if (!accountRow) return null;
    const account = accountOf(accountRow);
    const rules = playbook ?? (await loadPlaybook(db));
    const [contacts, deals, activities, ownDealActivities] = await Promise.all([
      db.contacts.where('accountId').equals(account.id).toArray(),
      db.deals.where('accountId').equals(account.id).toArray(),
      // A deal's view keeps reading its account's whole history: its own activities are
      // merged in below, in the order the rules' ties were written for.
      deal ? accountActivities(db, account.id) : readGuidanceActivities(db, account.id, rules, signal),
      deal ? dealActivities(db, deal.id) : Promise.resolve([]),
    ]);
    // A deal's activity filed without its account still belongs to the deal's view.
    const seen = new Set(activities.map((activity) => activity.id));
    for (const activity of ownDealActivities) if (!seen.has(activity.id)) activities.push(activity);
    const subjects: Array<[string, string]> = [['account', account.id], ...deals.map((candidate): [string, string] => ['deal', candidate.id])];
    signal?.throwIfAborted();
    const suggestionStates = await db.suggestionStates.where('[subjectType+subjectId]').anyOf(subjects).toArray();
    return {
      subject: deal ? { type: 'deal' as const, deal, account } : { type: 'account' as const, account },
      contacts: live(contacts.map((row) => fromRow(row))),
      deals: live(deals),
      activities,
      suggestionStates,
      playbook: rules,
    };
  });
}

/** Activities read per step of the newest-first walk; most accounts are done after the first. */
const GUIDANCE_PAGE = 40;

/**
 * The account's activities its guidance uses (lib/funnel/guidance-window.ts), oldest first
 * like the whole history: the newest ones until the walk has what it needs, and the older
 * ones the `[accountId+guidanceUntil]` index keeps. The rules give the same answer on them as
 * on the whole history (funnel-queries.test.ts compares the two on long histories).
 */
export async function readGuidanceActivities(db: SidenoteDb, accountId: string, playbook: ResolvedPlaybook, signal?: AbortSignal): Promise<Activity[]> {
  const walk = new GuidanceWalk(playbook);
  const byId = new Map<string, Activity>();
  const byTime = db.activities.where('[accountId+occurredAt]');
  let before: number | typeof Dexie.maxKey = Dexie.maxKey;
  let done = false;
  let whole = false;
  while (!done) {
    // A card closed meanwhile (the rep opened another): stop before the next read, whose rows
    // would be decoded on the main thread the next card is painting on.
    signal?.throwIfAborted();
    const page: Activity[] = await byTime.between([accountId, Dexie.minKey], [accountId, before], true, false).reverse().limit(GUIDANCE_PAGE).toArray();
    if (page.length < GUIDANCE_PAGE) {
      whole = true;
      done = true;
    }
    const oldest: Activity | undefined = page[page.length - 1];
    // Rows at the page's oldest instant that the limit cut off come along, so the next page can start strictly before it.
    const ties: Activity[] = !done && oldest ? await byTime.equals([accountId, oldest.occurredAt]).toArray() : [];
    for (const activity of [...page, ...ties]) byId.set(activity.id, activity);
    if (!done) {
      done = walk.take([...page, ...ties.filter((tie) => !page.some((seen) => seen.id === tie.id))]);
      before = oldest!.occurredAt;
    }
  }
  if (!whole) {
    signal?.throwIfAborted();
    const from = walk.indexFrom() ?? Dexie.minKey;
    const kept = await db.activities.where('[accountId+guidanceUntil]').between([accountId, from], [accountId, Dexie.maxKey], true, true).toArray();
    for (const activity of kept) byId.set(activity.id, activity);
  }
  // The whole history's order (the index's: time, then id), which the rules' ties follow.
  return [...byId.values()].sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Won deals read per success-case search: a few more than are shown, so the best can be picked. */
const SUCCESS_CASE_CANDIDATES = 8;

/**
 * Won deals of the account's industry, newest first, with their stage changes and notes,
 * for `findSuccessCases`. Peer accounts are found by the normalised industry key (case and
 * spacing ignored, as the ranking does), same size tier or none; won deals are walked newest
 * first through the [stage+closedAt] index and the walk stops once enough are found (same
 * size tier first), so the cost does not grow with the industry's size. With no won peer,
 * the pool names the most alike industry that has wins.
 */
export async function readSuccessCasePool(db: SidenoteDb, account: Pick<Account, 'id' | 'industry' | 'sizeTier'>, signal?: AbortSignal): Promise<SuccessCasePool> {
  const industryKey = industryKeyOf(account.industry);
  if (!industryKey) return { accounts: [], deals: [], activities: [], closestIndustry: null };
  signal?.throwIfAborted();
  return db.transaction('r', [db.accounts, db.deals, db.activities], async () => {
    // The peers' histories are the largest read a card starts; a closed card's is dropped
    // with its transaction, so the next card's reads do not queue behind it.
    const transaction = Dexie.currentTransaction;
    const drop = () => {
      try {
        transaction.abort();
      } catch {
        // Finished in the meantime: nothing left to drop.
      }
    };
    signal?.addEventListener('abort', drop, { once: true });
    const peerKeys = await db.accounts.where('industryKey').equals(industryKey).primaryKeys();
    const peers = new Set(peerKeys.filter((id) => id !== account.id));
    const picked = peers.size === 0 ? [] : await pickWonDeals(db, peers, account.sizeTier ? new Set(await db.accounts.where('[industryKey+sizeTier]').equals([industryKey, account.sizeTier]).primaryKeys()) : new Set<string>());
    if (picked.length === 0) return { accounts: [], deals: [], activities: [], closestIndustry: await findClosestIndustry(db, industryKey) };
    const accountIds = [...new Set(picked.map((deal) => deal.accountId))];
    const accounts = (await db.accounts.bulkGet(accountIds)).filter((row) => row !== undefined).map(accountOf);
    const activities = (await Promise.all(accountIds.map((accountId) => accountActivities(db, accountId)))).flat();
    return { accounts, deals: picked, activities, closestIndustry: null };
  });
}

type PoolKey = Pick<Account, 'id' | 'industry' | 'sizeTier'>;

const keptSuccessCasePools = keptRead((db: SidenoteDb, { account, signal }: { account: PoolKey; signal?: AbortSignal }) => readSuccessCasePool(db, account, signal), {
  keyOf: ({ account }) => `${account.id}|${account.industry ?? ''}|${account.sizeTier ?? ''}`,
  // Any deal or industry written may change who is picked; the picked accounts' activities
  // are their notes and stage paths.
  partsOf: (_key, pool) => [
    { table: 'deals', index: '', from: Dexie.minKey, to: Dexie.maxKey },
    { table: 'accounts', index: 'industryKey', from: Dexie.minKey, to: Dexie.maxKey },
    ...pool.accounts.map((peer): ReadPart => ({ table: 'activities', index: '[accountId+occurredAt]', from: [peer.id, Dexie.minKey], to: [peer.id, Dexie.maxKey] })),
  ],
  maxEntries: 8,
});

/**
 * The success-case pool, kept per account, industry and tier until a deal, an industry or
 * a picked peer's activity is written: other teams' wins change rarely, and reopening a card
 * (or the next card of the same industry) no longer walks them again.
 */
export function loadSuccessCasePool(db: SidenoteDb, account: PoolKey, signal?: AbortSignal): Promise<SuccessCasePool> {
  return keptSuccessCasePools.load(db, { account: { id: account.id, industry: account.industry, sizeTier: account.sizeTier }, signal });
}

/** Won deals fetched at a time while walking them: most searches stop within the first batch or two. */
const WON_DEAL_BATCH = 32;

async function pickWonDeals(db: SidenoteDb, peers: ReadonlySet<string>, sameTier: ReadonlySet<string>): Promise<Deal[]> {
  const picked: Deal[] = [];
  let tierMatches = 0;
  const take = (deal: Deal) => {
    if (deal.deletedAt !== null || !peers.has(deal.accountId) || picked.some((p) => p.id === deal.id)) return;
    const tier = sameTier.has(deal.accountId);
    // Keep room for same-tier cases: they rank first in findSuccessCases.
    if (!tier && picked.length - tierMatches >= SUCCESS_CASE_CANDIDATES / 2 && tierMatches < SUCCESS_CASE_CANDIDATES / 2) return;
    picked.push(deal);
    if (tier) tierMatches++;
  };
  // The walk reads the index's keys in one request, then the deals in batches, in the
  // index's order, until enough are picked: a cursor stepped row by row cost a round trip
  // per won deal of every other industry on the way.
  const walk = async (keys: readonly string[], accept: (deal: Deal) => boolean) => {
    for (let from = 0; from < keys.length && picked.length < SUCCESS_CASE_CANDIDATES; from += WON_DEAL_BATCH) {
      const batch = await db.deals.bulkGet(keys.slice(from, from + WON_DEAL_BATCH));
      for (const deal of batch) {
        if (picked.length >= SUCCESS_CASE_CANDIDATES) return;
        if (deal && accept(deal)) take(deal);
      }
    }
  };
  // Newest first: the index's own reverse order (close date, then id, both descending).
  await walk(await db.deals.where('[stage+closedAt]').between(['won', Dexie.minKey], ['won', Dexie.maxKey]).reverse().primaryKeys(), () => true);
  if (picked.length < SUCCESS_CASE_CANDIDATES) {
    // Won deals recorded without a close date (imported, say) are not in that index.
    await walk(await db.deals.where('stage').equals('won').primaryKeys(), (deal) => deal.closedAt === null);
  }
  return picked;
}

/** Industries tried for "closest industry": the most alike few, so the read stays small. */
const CLOSEST_INDUSTRY_TRIES = 5;

/** The most alike industry (by key) whose accounts have won deals, as one of them writes it. */
async function findClosestIndustry(db: SidenoteDb, industryKey: string): Promise<{ industry: string; wonDeals: number } | null> {
  const keys = (await db.accounts.orderBy('industryKey').uniqueKeys()).filter((key): key is string => typeof key === 'string');
  for (const candidate of rankIndustries(industryKey, keys).slice(0, CLOSEST_INDUSTRY_TRIES)) {
    const accountIds = await db.accounts.where('industryKey').equals(candidate).primaryKeys();
    const wonDeals = await db.deals
      .where('accountId')
      .anyOf(accountIds)
      .filter((deal) => deal.stage === 'won' && deal.deletedAt === null)
      .count();
    if (wonDeals === 0) continue;
    const sample = await db.accounts.get(accountIds[0]!);
    return { industry: sample?.industry ?? candidate, wonDeals };
  }
  return null;
}

export interface MoveStageOptions extends WriteContext {
  lostReason?: string | null;
}

/**
 * Moves a deal or an account to a stage and records the stage change (and the account's
 * following move, see lib/funnel/stage-change.ts) in one transaction.
 */
export async function moveToStage(db: SidenoteDb, subject: SubjectRef, to: Stage, ctx: MoveStageOptions): Promise<StageChangePlan & { warnings: StageMoveWarning[] }> {
  const now = nowOf(ctx);
  return db.transaction('rw', [db.accounts, db.deals, db.contacts, db.activities, db.outbox, db.meta, db.playbooks], async () => {
    const context = { now, newId: newRecordId, actorId: ctx.repId, lostReason: ctx.lostReason };
    let plan: StageChangePlan;
    let warnings: StageMoveWarning[];
    const contactsOf = async (accountId: string) => (await db.contacts.where('accountId').equals(accountId).toArray()).map((row) => fromRow(row));
    if (subject.type === 'deal') {
      const deal = await db.deals.get(subject.id);
      if (!deal) throw new Error(`No deal with id ${subject.id} is stored in this browser.`);
      const accountRow = await db.accounts.get(deal.accountId);
      if (!accountRow) throw new Error(`The account of the deal "${deal.name}" is not stored in this browser.`);
      const deals = await db.deals.where('accountId').equals(deal.accountId).toArray();
      const account = accountOf(accountRow);
      plan = planStageChange({ type: 'deal', deal, account, deals }, to, context);
      warnings = stageMoveWarnings({ type: 'deal', deal, account }, to, await contactsOf(account.id), await loadPlaybook(db));
    } else {
      const accountRow = await db.accounts.get(subject.id);
      if (!accountRow) throw new Error(`No account with id ${subject.id} is stored in this browser.`);
      const account = accountOf(accountRow);
      plan = planStageChange({ type: 'account', account }, to, context);
      warnings = stageMoveWarnings({ type: 'account', account }, to, await contactsOf(account.id), await loadPlaybook(db));
    }
    if (plan.writes.length > 0) await writeRecords(db, plan.writes, { now });
    return { ...plan, warnings: plan.writes.length > 0 ? warnings : [] };
  });
}

/**
 * The team's median days per stage, from every deal's stage changes through the
 * [type+occurredAt] index. Every stage change in the store is read, so see `loadStageMedians`.
 */
export async function readStageMedians(db: SidenoteDb): Promise<StageMedians> {
  const changes = await db.activities.where('[type+occurredAt]').between(['stage_change', Dexie.minKey], ['stage_change', Dexie.maxKey]).toArray();
  return computeStageMedians(changes);
}

const STAGE_CHANGES: ReadPart = { table: 'activities', index: '[type+occurredAt]', from: ['stage_change', Dexie.minKey], to: ['stage_change', Dexie.maxKey] };
const keptStageMedians = keptRead((db: SidenoteDb) => readStageMedians(db), { partsOf: () => [STAGE_CHANGES], maxEntries: 1 });

/**
 * The team's stage medians, read once and kept until a stage change is written (here or
 * synced in): each card open used to read every stage change in the store for them.
 */
export function loadStageMedians(db: SidenoteDb): Promise<StageMedians> {
  return keptStageMedians.load(db, null);
}

/** Records a health measurement: the inputs become current, the one before joins the history. */
export async function recordHealth(db: SidenoteDb, accountId: string, inputs: HealthInputs, ctx: WriteContext): Promise<void> {
  const now = nowOf(ctx);
  await db.transaction('rw', [db.accounts, db.outbox, db.meta], async () => {
    const row = await db.accounts.get(accountId);
    if (!row) throw new Error(`No account with id ${accountId} is stored in this browser.`);
    const patch = recordHealthMeasurement(accountOf(row), inputs);
    await writeRecords(db, [{ entity: 'account', recordId: accountId, patch, mustExist: true }], { now });
  });
}

/**
 * Hands the account to a customer-success manager (a rep of the team), or clears the pick.
 * Synced like any field, so the CSM's sidebar shows the hand-over on the next pull.
 */
export async function assignCsm(db: SidenoteDb, accountId: string, csmId: string | null, ctx: WriteContext): Promise<void> {
  const now = nowOf(ctx);
  await writeRecords(db, [{ entity: 'account', recordId: accountId, patch: { csmId }, mustExist: true }], { now });
}

/** Records a dismiss, snooze or restore of a suggestion, reusing the rep's record for it. */
export async function decideSuggestion(db: SidenoteDb, suggestion: Pick<Suggestion, 'subject' | 'key'>, decision: SuggestionDecision, ctx: WriteContext): Promise<void> {
  const now = nowOf(ctx);
  await db.transaction('rw', [db.suggestionStates, db.outbox, db.meta], async () => {
    const states: SuggestionState[] = await db.suggestionStates.where('[subjectType+subjectId]').equals([suggestion.subject.type, suggestion.subject.id]).toArray();
    const write = suggestionStateWrite(states, suggestion, decision, { now, newId: newRecordId, actorId: ctx.repId });
    await writeRecords(db, [write], { now });
  });
}

/** "Create task" on a suggestion: the task carries the suggestion's key, which retires it. */
export async function createTaskFromSuggestion(
  db: SidenoteDb,
  suggestion: Suggestion,
  target: SuggestionTarget & { visibility?: 'team' | 'private' },
  ctx: WriteContext,
): Promise<Activity> {
  const now = nowOf(ctx);
  const write = taskFromSuggestion(suggestion, target, { now, newId: newRecordId, actorId: ctx.repId, visibility: target.visibility });
  const [activity] = await writeRecords(db, [write], { now });
  return activity!;
}

export async function completeTask(db: SidenoteDb, taskId: string, ctx: WriteContext): Promise<void> {
  const now = nowOf(ctx);
  await writeRecords(db, [completeTaskWrite(taskId, now)], { now });
}

/** The stage changes of one account or deal, oldest first, for its stage path. */
export async function loadStageChanges(db: SidenoteDb, subject: SubjectRef): Promise<Activity[]> {
  return stageChangesOf(subject.type === 'deal' ? await dealActivities(db, subject.id) : await accountActivities(db, subject.id), subject);
}

/**
 * The subject's stage changes among activities already read (its own, oldest first, as
 * `loadStageChanges` reads them): the card reads the history once for its guidance and
 * takes the stage path from it instead of reading it again.
 */
export function stageChangesOf(activities: readonly Activity[], subject: SubjectRef): Activity[] {
  return activities.filter(
    (activity) => activity.deletedAt === null && activity.type === 'stage_change' && activity.stageChange?.subject === subject.type && activity.stageChange.subjectId === subject.id,
  );
}

/**
 * Deals and the activities the pipeline needs (stage changes, touches). Activities have no
 * index by type alone, so this reads the table once; fine for a view opened on demand.
 */
export async function loadPipelineInput(db: SidenoteDb, options: { ownerId?: string | null; playbook?: ResolvedPlaybook } = {}): Promise<PipelineInput> {
  return db.transaction('r', [db.deals, db.activities, db.playbooks], async () => {
    const deals = live(await db.deals.toArray()).filter((deal: Deal) => options.ownerId === undefined || deal.ownerId === options.ownerId);
    const dealIds = new Set(deals.map((deal) => deal.id));
    const accountIds = [...new Set(deals.map((deal) => deal.accountId))];
    // Stage changes for conversion through the type index, and for staleness only each
    // account's latest touch: the pipeline never walks the whole activity history.
    const [stageChanges, latestTouches] = await Promise.all([
      db.activities
        .where('[type+occurredAt]')
        .between(['stage_change', Dexie.minKey], ['stage_change', Dexie.maxKey])
        .filter((activity) => activity.deletedAt === null && activity.stageChange?.subject === 'deal' && dealIds.has(activity.stageChange.subjectId))
        .toArray(),
      Promise.all(
        accountIds.map((accountId) =>
          db.activities
            .where('[accountId+occurredAt]')
            .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
            .reverse()
            .filter((activity) => activity.deletedAt === null && activity.type !== 'task' && activity.type !== 'stage_change')
            .first(),
        ),
      ),
    ]);
    const activities = [...stageChanges, ...latestTouches.filter((activity): activity is Activity => activity !== undefined)];
    return { deals, activities, playbook: options.playbook ?? (await loadPlaybook(db)) };
  });
}

async function openTasks(db: SidenoteDb): Promise<Activity[]> {
  return db.activities.where('[type+dueAt]').between(['task', Dexie.minKey], ['task', Dexie.maxKey]).toArray();
}

/** Open tasks with a reminder, for the reminder service's `loadTasks`. */
export async function loadReminderTasks(db: SidenoteDb): Promise<Activity[]> {
  return (await openTasks(db)).filter(needsReminder);
}

/**
 * Completes "remind me if no reply" tasks whose thread got a newer activity. Call after
 * capturing or logging on a thread, and before a reminder fires. Returns the cleared task ids.
 */
export async function clearRepliedNoReplyTasks(db: SidenoteDb, ctx: WriteContext & { accountId?: string }): Promise<string[]> {
  const now = nowOf(ctx);
  return db.transaction('rw', [db.activities, db.outbox, db.meta], async () => {
    const waiting = (await openTasks(db)).filter((task) => isOpenNoReplyTask(task) && (ctx.accountId === undefined || task.accountId === ctx.accountId));
    if (waiting.length === 0) return [];
    const candidates = new Map<string, Activity>(waiting.map((task) => [task.id, task]));
    for (const task of waiting) {
      // Only activities newer than the task can answer it: read the account from there on.
      const newer = task.accountId ? await accountActivities(db, task.accountId, task.occurredAt) : [];
      const sameCapture = task.captureKey ? await db.activities.where('captureKey').equals(task.captureKey).toArray() : [];
      for (const activity of [...newer, ...sameCapture]) candidates.set(activity.id, activity);
    }
    const replied = findRepliedNoReplyTasks([...candidates.values()]);
    if (replied.length === 0) return [];
    await writeRecords(db, clearRepliedWrites(replied, now), { now });
    return replied.map((entry) => entry.task.id);
  });
}

/** One task with its account's name, for the reminder service's `loadTask`; answered no-reply tasks are cleared first. */
export async function loadReminderTask(db: SidenoteDb, taskId: string, ctx: WriteContext): Promise<ReminderTaskContext | null> {
  const task = await db.activities.get(taskId);
  if (!task) return null;
  if (task.reminder === 'no_reply' && task.completedAt === null && task.accountId) {
    await clearRepliedNoReplyTasks(db, { ...ctx, accountId: task.accountId });
  }
  const current = (await db.activities.get(taskId)) ?? task;
  const account = current.accountId ? await db.accounts.get(current.accountId) : undefined;
  return { task: current, accountName: account?.name ?? null };
}


/**
 * Creates a deal and, when it starts past `lead`, moves it there through the same stage-change
 * path as any later move: the timeline records the stage and the account follows its deals.
 * One transaction, so the deal never exists without its stage history.
 */
export async function createDealInStage(db: SidenoteDb, input: NewDealInput, ctx: MoveStageOptions): Promise<Deal> {
  return db.transaction('rw', [db.accounts, db.deals, db.contacts, db.activities, db.outbox, db.meta, db.playbooks], async () => {
    const deal = await createDeal(db, { ...input, stage: 'lead' }, ctx);
    const stage = input.stage ?? 'lead';
    if (stage === 'lead') return deal;
    await moveToStage(db, { type: 'deal', id: deal.id }, stage, ctx);
    return (await db.deals.get(deal.id))!;
  });
}
