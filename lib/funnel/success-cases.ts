import type { Account, Activity, ActivityType, Deal, SizeTier, Stage } from '../schemas';
import { countCharacters } from '../schemas';
import { isLiveCustomerStage } from './stages';
import { industryKeyOf } from './industry';
import { elapsedDays } from './time';

export { industryKeyOf, industrySimilarity, rankIndustries } from './industry';

/**
 * Success cases (成功案例): won deals of the same industry and size tier from the rep's synced
 * data, with what moved them through the stage the rep is in: their stage path, the time
 * they spent in this stage, and the notes written while they were in it.
 */

export interface SuccessCasePool {
  accounts: readonly Account[];
  deals: readonly Deal[];
  /** Stage changes and notes of those deals and accounts. */
  activities: readonly Activity[];
  /** With no won peers: the most alike industry that has wins, as written, and how many. */
  closestIndustry?: { industry: string; wonDeals: number } | null;
}

export interface SuccessCaseInput {
  /** The account in view: its industry and tier pick the cases. */
  account: Account;
  /** The stage in view (the deal's or the account's). */
  stage: Stage;
  /** The deal in view, never its own success case. */
  excludeDealId?: string | null;
  pool: SuccessCasePool;
  limit?: number;
}

export interface StagePathStep {
  stage: Stage;
  enteredAt: number;
  /** When it moved on; null for the stage it is still in. */
  leftAt: number | null;
  /** Who moved it there (author of the stage change); null when unknown. */
  by: string | null;
}

export interface KeyNote {
  id: string;
  type: ActivityType;
  occurredAt: number;
  subject: string | null;
  excerpt: string;
  nextStep: string | null;
}

export interface SuccessCase {
  dealId: string;
  dealName: string;
  amount: number | null;
  currency: string;
  closedAt: number | null;
  accountId: string;
  accountName: string;
  industry: string;
  sizeTier: SizeTier | null;
  match: 'industryAndTier' | 'industry';
  /** The stage path the case took (the deal's, then the account's after the sale). */
  path: StagePathStep[];
  daysToClose: number | null;
  /** Its time in the stage in view; null when its records never show that stage. */
  stageWindow: { enteredAt: number; leftAt: number | null; days: number } | null;
  keyNotes: KeyNote[];
}

export const SUCCESS_CASE_LIMIT = 3;
export const KEY_NOTES_PER_CASE = 3;
export const KEY_NOTE_EXCERPT_CHARACTERS = 240;

const NOTE_TYPES: ReadonlySet<ActivityType> = new Set(['note', 'call', 'email', 'meeting', 'visit', 'message']);
/** Meetings and visits tend to be where deals move; a note with a next step says what moved it. */
const TYPE_WEIGHT: Partial<Record<ActivityType, number>> = { meeting: 1.5, visit: 1.5, call: 1, note: 0.5, email: 0.5, message: 0.25 };

function normalizeIndustry(industry: string | null): string | null {
  const key = industryKeyOf(industry);
  return key ? key : null;
}

/**
 * A subject's stage path from its recorded stage changes, oldest first. Given the stage it is
 * in now, a record with no recorded move (a new account) is shown in that stage since it was
 * created: that is the date it entered it, not an unknown one.
 */
export function stagePathOf(changes: readonly Activity[], subjectId: string, createdAt: number, currentStage?: Stage): StagePathStep[] {
  const moves = changes
    .filter((change) => change.deletedAt === null && change.stageChange?.subjectId === subjectId)
    .sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
  const path: StagePathStep[] = [];
  if (moves.length === 0 && currentStage !== undefined) return [{ stage: currentStage, enteredAt: createdAt, leftAt: null, by: null }];
  const first = moves[0]?.stageChange;
  if (first?.from) path.push({ stage: first.from, enteredAt: createdAt, leftAt: null, by: null });
  for (const move of moves) {
    const last = path[path.length - 1];
    if (last) last.leftAt = move.occurredAt;
    path.push({ stage: move.stageChange!.to, enteredAt: move.occurredAt, leftAt: null, by: move.authorId });
  }
  return path;
}

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (countCharacters(flat) <= KEY_NOTE_EXCERPT_CHARACTERS) return flat;
  return `${Array.from(flat).slice(0, KEY_NOTE_EXCERPT_CHARACTERS - 1).join('')}…`;
}

function noteScore(note: Activity): number {
  const nextStep = note.nextStep ? 2 : 0;
  return nextStep + (TYPE_WEIGHT[note.type] ?? 0) + Math.min(2, note.body.length / 400);
}

function keyNotesOf(notes: readonly Activity[], window: { enteredAt: number; leftAt: number | null } | null): KeyNote[] {
  const inWindow = notes.filter((note) => !window || (note.occurredAt >= window.enteredAt && (window.leftAt === null || note.occurredAt <= window.leftAt)));
  return inWindow
    .map((note) => ({ note, score: noteScore(note) }))
    .sort((a, b) => b.score - a.score || b.note.occurredAt - a.note.occurredAt)
    .slice(0, KEY_NOTES_PER_CASE)
    .map(({ note }) => note)
    .sort((a, b) => a.occurredAt - b.occurredAt)
    .map((note) => ({ id: note.id, type: note.type, occurredAt: note.occurredAt, subject: note.subject, excerpt: excerptOf(note.body), nextStep: note.nextStep }));
}

export function findSuccessCases(input: SuccessCaseInput, now: number): SuccessCase[] {
  const industry = normalizeIndustry(input.account.industry);
  if (industry === null) return [];
  const accounts = new Map<string, Account>();
  for (const account of input.pool.accounts) {
    if (account.deletedAt === null && normalizeIndustry(account.industry) === industry) accounts.set(account.id, account);
  }
  const changes: Activity[] = [];
  const notesByDeal = new Map<string, Activity[]>();
  const notesByAccount = new Map<string, Activity[]>();
  for (const activity of input.pool.activities) {
    if (activity.deletedAt !== null) continue;
    if (activity.type === 'stage_change') changes.push(activity);
    else if (NOTE_TYPES.has(activity.type) && activity.body.trim() !== '') {
      if (activity.dealId) (notesByDeal.get(activity.dealId) ?? notesByDeal.set(activity.dealId, []).get(activity.dealId)!).push(activity);
      if (activity.accountId) (notesByAccount.get(activity.accountId) ?? notesByAccount.set(activity.accountId, []).get(activity.accountId)!).push(activity);
    }
  }
  const postSale = isLiveCustomerStage(input.stage) || input.stage === 'churned';
  const cases: SuccessCase[] = [];
  for (const deal of input.pool.deals) {
    if (deal.deletedAt !== null || deal.stage !== 'won' || deal.id === input.excludeDealId) continue;
    const account = accounts.get(deal.accountId);
    if (!account) continue;
    const dealPath = stagePathOf(changes, deal.id, deal.createdAt);
    const accountPath = stagePathOf(changes, account.id, account.createdAt);
    const path = [...dealPath, ...accountPath.filter((step) => isLiveCustomerStage(step.stage) || step.stage === 'churned')];
    // After the sale the account carries the stages; before it, the deal does.
    const relevant = postSale ? accountPath : dealPath;
    const step = relevant.find((candidate) => candidate.stage === input.stage) ?? null;
    const stageWindow = step ? { enteredAt: step.enteredAt, leftAt: step.leftAt, days: elapsedDays(step.enteredAt, step.leftAt ?? now) } : null;
    const notes = (postSale ? notesByAccount.get(account.id) : notesByDeal.get(deal.id)) ?? [];
    cases.push({
      dealId: deal.id,
      dealName: deal.name,
      amount: deal.amount,
      currency: deal.currency,
      closedAt: deal.closedAt,
      accountId: account.id,
      accountName: account.name,
      industry: account.industry ?? '',
      sizeTier: account.sizeTier,
      match: input.account.sizeTier !== null && account.sizeTier === input.account.sizeTier ? 'industryAndTier' : 'industry',
      path,
      daysToClose: deal.closedAt !== null ? elapsedDays(deal.createdAt, deal.closedAt) : null,
      stageWindow,
      keyNotes: keyNotesOf(notes, stageWindow),
    });
  }
  cases.sort(
    (a, b) =>
      Number(b.match === 'industryAndTier') - Number(a.match === 'industryAndTier') ||
      Number(b.stageWindow !== null) - Number(a.stageWindow !== null) ||
      (b.closedAt ?? 0) - (a.closedAt ?? 0) ||
      (a.dealId < b.dealId ? -1 : 1),
  );
  return cases.slice(0, input.limit ?? SUCCESS_CASE_LIMIT);
}
