import { dealStageSchema, type Account, type Contact, type ContactRole, type Deal, type DealStage, type LocalizedText, type Stage } from '../schemas';
import { checkFact } from './facts';
import { defaultPlaybook, type ResolvedPlaybook } from './playbook';
import { isPreSaleStage, stageRank } from './stages';
import { createActivityWrite, type FunnelWrite, type WriteContext } from './writes';

/**
 * Moving a deal or an account to a stage, and how an account's lifecycle follows its deals.
 *
 * An account that is not yet a paying customer (a pre-sale stage, or lost) mirrors its most
 * advanced open deal, so "where is this customer" and "where are its deals" never disagree;
 * with no open deal left and none won, it becomes lost. The first won deal makes it a customer
 * (onboarding); a deal won while the account is in renewal is the renewal done, so the account
 * returns to adoption. A live customer's (onboarding, adoption, renewal) upsell deals move on
 * their own without moving the account; from there the account moves by hand or by the renewal
 * prompt. A churned account comes back to onboarding when a win-back deal is won.
 * Every move, the account's included, is recorded as a stage_change activity in the same
 * transaction as the record, so the timeline shows who moved what, and when.
 */

export type StageChangeTarget =
  | { type: 'deal'; deal: Deal; account: Account; /** All the account's deals, to decide whether the account follows. */ deals: readonly Deal[] }
  | { type: 'account'; account: Account };

export interface StageChangeOptions extends WriteContext {
  /** Why a deal was lost; kept on the deal. */
  lostReason?: string | null;
}

export interface StageChangePlan {
  writes: FunnelWrite[];
  /** The account's own move when it follows the deal; null when it stays where it is. */
  accountMove: { from: Stage; to: Stage } | null;
}

export class StageChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageChangeError';
  }
}

function stageChangeActivity(
  options: StageChangeOptions,
  accountId: string,
  subject: { type: 'account' | 'deal'; id: string },
  from: Stage,
  to: Stage,
): FunnelWrite {
  return createActivityWrite(
    options.newId(),
    {
      type: 'stage_change',
      accountId,
      dealId: subject.type === 'deal' ? subject.id : null,
      occurredAt: options.now,
      // The path is a team fact (managers read the funnel), whatever the rep's default for notes.
      visibility: 'team',
      stageChange: { subject: subject.type, subjectId: subject.id, from, to },
    },
    options.actorId,
  );
}

/** Where the account goes after one of its deals moved; null when it stays. */
export function accountStageAfterDealMove(account: Account, movedDeal: Deal, to: DealStage, deals: readonly Deal[]): Stage | null {
  const current = account.stage;
  const followsDeals = isPreSaleStage(current) || current === 'lost' || current === 'won';
  if (to === 'won') {
    if (current === 'renewal') return 'adoption';
    if (followsDeals || current === 'churned') return 'onboarding';
    return null;
  }
  if (!followsDeals) return null;
  const others = deals.filter((deal) => deal.deletedAt === null && deal.id !== movedDeal.id && deal.accountId === account.id);
  const stages: Stage[] = [...others.map((deal) => deal.stage), to];
  if (stages.includes('won')) return null;
  const open = stages.filter((stage) => isPreSaleStage(stage));
  const next = open.length > 0 ? open.reduce((best, stage) => (stageRank(stage) > stageRank(best) ? stage : best)) : 'lost';
  return next === current ? null : next;
}

export function planStageChange(target: StageChangeTarget, to: Stage, options: StageChangeOptions): StageChangePlan {
  if (target.type === 'account') {
    const { account } = target;
    if (account.deletedAt !== null) throw new StageChangeError(`The account "${account.name}" is deleted; restore it before moving its stage.`);
    if (account.stage === to) return { writes: [], accountMove: null };
    return {
      writes: [
        { entity: 'account', recordId: account.id, patch: { stage: to }, mustExist: true },
        stageChangeActivity(options, account.id, { type: 'account', id: account.id }, account.stage, to),
      ],
      accountMove: { from: account.stage, to },
    };
  }

  const { deal, account } = target;
  const parsed = dealStageSchema.safeParse(to);
  if (!parsed.success) {
    throw new StageChangeError(
      `A deal ends at won or lost; "${to}" is a customer stage. Move the account to ${to} instead.`,
    );
  }
  if (deal.deletedAt !== null) throw new StageChangeError(`The deal "${deal.name}" is deleted; restore it before moving its stage.`);
  if (deal.accountId !== account.id) throw new StageChangeError(`The deal "${deal.name}" belongs to another account than "${account.name}".`);
  const dealTo = parsed.data;
  if (deal.stage === dealTo) return { writes: [], accountMove: null };

  const closing = dealTo === 'won' || dealTo === 'lost';
  const patch: Record<string, unknown> = { stage: dealTo, closedAt: closing ? options.now : null };
  if (dealTo === 'lost') patch.lostReason = options.lostReason?.trim() || deal.lostReason;
  else if (deal.stage === 'lost') patch.lostReason = null;

  const writes: FunnelWrite[] = [
    { entity: 'deal', recordId: deal.id, patch, mustExist: true },
    stageChangeActivity(options, account.id, { type: 'deal', id: deal.id }, deal.stage, dealTo),
  ];
  const accountTo = account.deletedAt === null ? accountStageAfterDealMove(account, deal, dealTo, target.deals) : null;
  if (accountTo !== null) {
    writes.push(
      { entity: 'account', recordId: account.id, patch: { stage: accountTo }, mustExist: true },
      stageChangeActivity(options, account.id, { type: 'account', id: account.id }, account.stage, accountTo),
    );
  }
  return { writes, accountMove: accountTo !== null ? { from: account.stage, to: accountTo } : null };
}

/** Something a move leaves behind: shown with the move, never blocking it. */
export interface StageMoveWarning {
  code: 'contactRoleMissing';
  /** The stage left, and the exit criterion it leaves unmet (the decision chain...). */
  from: Stage;
  to: Stage;
  factKey: string;
  label: LocalizedText;
  /** The role nobody on the account has (the decision maker). */
  role: ContactRole;
}

/**
 * What moving forward out of a stage leaves unmet among the exit criteria the contacts'
 * roles decide: moving a deal out of qualified with no decision maker among the contacts
 * means the decision chain was never mapped. A warning with its reason, not a block: the
 * rep may know more than the records. Moves to lost and backwards warn of nothing.
 */
export function stageMoveWarnings(
  target: { type: 'deal'; deal: Deal; account: Account } | { type: 'account'; account: Account },
  to: Stage,
  contacts: readonly Contact[],
  playbook: ResolvedPlaybook = defaultPlaybook(),
): StageMoveWarning[] {
  const from = target.type === 'deal' ? target.deal.stage : target.account.stage;
  if (to === from || to === 'lost' || to === 'churned' || !isPreSaleStage(from) || stageRank(to) <= stageRank(from)) return [];
  const ctx = { account: target.account, deal: target.type === 'deal' ? target.deal : null, deals: target.type === 'deal' ? [target.deal] : [], contacts };
  const warnings: StageMoveWarning[] = [];
  for (const fact of playbook.stages[from].exitCriteria) {
    const source = fact.satisfiedBy;
    const role = source.kind === 'contactRole' ? source.role : source.kind === 'contactRoles' ? (source.requires ?? null) : null;
    if (role === null) continue;
    if (contacts.some((contact) => contact.deletedAt === null && contact.role === role)) continue;
    // Confirmed by the rep by hand (a decision maker not yet added as a contact) counts.
    if (checkFact(fact, ctx).status === 'known') continue;
    warnings.push({ code: 'contactRoleMissing', from, to, factKey: fact.key, label: fact.label, role });
  }
  return warnings;
}
