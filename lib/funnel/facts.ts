import type { Account, Contact, Deal, Fact, PlaybookFact, PlaybookStage } from '../schemas';
import { isOpenDealStage } from './stages';

/**
 * `known`: the records show it or the rep confirmed it. `unconfirmed`: the rep wrote something
 * down but has not confirmed it (heard second-hand, a guess). `missing`: nothing yet.
 */
export type FactStatus = 'known' | 'unconfirmed' | 'missing';

export interface FactCheck {
  fact: PlaybookFact;
  status: FactStatus;
  /** What the records say, for checklists and prefilled notes; null when missing. */
  value: string | null;
}

export interface FactContext {
  account: Account;
  /** The deal in view, or null when the account is in view. */
  deal: Deal | null;
  /** All of the account's deals (the one in view may be among them). */
  deals: readonly Deal[];
  contacts: readonly Contact[];
}

function live<T extends { deletedAt: number | null }>(records: readonly T[]): T[] {
  return records.filter((record) => record.deletedAt === null);
}

/**
 * The fact maps to read, nearest first. A deal's own facts win over the account's; with the
 * account in view, its open deals' facts count too, most advanced deal first, because reps
 * often confirm budget or needs on the deal they are working.
 */
function factMaps(ctx: FactContext): Array<Record<string, Fact | null>> {
  if (ctx.deal) return [ctx.deal.facts, ctx.account.facts];
  const openDeals = live(ctx.deals).filter((deal) => isOpenDealStage(deal.stage));
  return [ctx.account.facts, ...openDeals.map((deal) => deal.facts)];
}

function recordedFact(ctx: FactContext, key: string): Fact | null {
  let unconfirmed: Fact | null = null;
  for (const map of factMaps(ctx)) {
    const entry = map[key];
    if (!entry) continue;
    if (entry.confirmed) return entry;
    if (!unconfirmed && entry.value.trim() !== '') unconfirmed = entry;
  }
  return unconfirmed;
}

function dealsToRead(ctx: FactContext): Deal[] {
  if (ctx.deal) return [ctx.deal];
  return live(ctx.deals);
}

/** What the records themselves say about a fact, without the rep's confirmation. */
function valueFromRecords(fact: PlaybookFact, ctx: FactContext): string | null {
  const source = fact.satisfiedBy;
  switch (source.kind) {
    case 'fact':
      return null;
    case 'contactRole': {
      const names = live(ctx.contacts)
        .filter((contact) => contact.role === source.role)
        .map((contact) => (contact.title ? `${contact.name} (${contact.title})` : contact.name));
      return names.length > 0 ? names.join(', ') : null;
    }
    case 'contactRoles': {
      const matching = live(ctx.contacts).filter((contact) => contact.role !== null && source.roles.includes(contact.role));
      if (matching.length < source.minCount) return null;
      return matching.map((contact) => `${contact.name}: ${contact.role}`).join(', ');
    }
    case 'dealField': {
      for (const deal of dealsToRead(ctx)) {
        if (source.field === 'amount' && deal.amount !== null) return `${deal.amount} ${deal.currency}`;
        if (source.field === 'expectedCloseDate' && deal.expectedCloseDate !== null) return deal.expectedCloseDate;
        if (source.field === 'lostReason' && deal.lostReason !== null && deal.lostReason !== '') return deal.lostReason;
      }
      return null;
    }
    case 'accountField': {
      const account = ctx.account;
      if (source.field === 'industry') return account.industry && account.industry !== '' ? account.industry : null;
      if (source.field === 'sizeTier') return account.sizeTier;
      if (source.field === 'renewalDate') return account.renewalDate;
      return account.health ? account.health.measuredOn : null;
    }
  }
}

export function checkFact(fact: PlaybookFact, ctx: FactContext): FactCheck {
  const fromRecords = valueFromRecords(fact, ctx);
  if (fromRecords !== null) return { fact, status: 'known', value: fromRecords };
  const recorded = recordedFact(ctx, fact.key);
  if (recorded?.confirmed) return { fact, status: 'known', value: recorded.value };
  if (recorded) return { fact, status: 'unconfirmed', value: recorded.value };
  return { fact, status: 'missing', value: null };
}

export interface StageFactChecks {
  exitCriteria: FactCheck[];
  keyFacts: FactCheck[];
}

export function checkStageFacts(stage: PlaybookStage, ctx: FactContext): StageFactChecks {
  return {
    exitCriteria: stage.exitCriteria.map((fact) => checkFact(fact, ctx)),
    keyFacts: stage.keyFacts.map((fact) => checkFact(fact, ctx)),
  };
}
