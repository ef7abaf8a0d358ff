import { readFact, type Account, type Contact, type Deal, type Fact, type FactSource, type PlaybookFact, type PlaybookStage } from '../schemas';
import { isOpenDealStage } from './stages';

/**
 * `known`: the records show it or the rep confirmed it. `unconfirmed`: the rep wrote something
 * down but has not confirmed it (heard second-hand, a guess). `missing`: nothing yet.
 */
export type FactStatus = 'known' | 'unconfirmed' | 'missing';

/**
 * Where a fact's value came from, so every place that shows it can say why it is believed:
 * the note's sentence, the contacts with the role, the deal or account field, or the rep's
 * word (`confirmed`; `noted` while unconfirmed) when no evidence was kept.
 */
export type FactCheckSource =
  | { kind: 'note'; activityId: string; quote: string }
  | { kind: 'contact'; contactIds: string[]; names: string[] }
  | { kind: 'dealField'; dealId: string; field: Extract<FactSource, { kind: 'dealField' }>['field'] }
  | { kind: 'accountField'; field: Extract<FactSource, { kind: 'accountField' }>['field'] }
  | { kind: 'confirmed'; by: string | null; at: number | null }
  | { kind: 'noted'; by: string | null; at: number | null };

export interface FactCheck {
  fact: PlaybookFact;
  status: FactStatus;
  /** What the records say, for checklists and prefilled notes; null when missing. */
  value: string | null;
  /** Where the value came from; null when missing. */
  source: FactCheckSource | null;
  /** The record whose `facts` map holds the value (to confirm or edit it there); null when the records show it or nothing is written. */
  recordedIn: { entity: 'account' | 'deal'; id: string } | null;
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
interface RecordedFact {
  fact: Fact;
  recordedIn: { entity: 'account' | 'deal'; id: string };
}

/**
 * The fact maps to read, nearest first. A deal's own facts win over the account's; with the
 * account in view, its open deals' facts count too, most advanced deal first, because reps
 * often confirm budget or needs on the deal they are working.
 */
function factMaps(ctx: FactContext): Array<{ entity: 'account' | 'deal'; id: string; facts: Record<string, unknown> }> {
  const account = { entity: 'account' as const, id: ctx.account.id, facts: ctx.account.facts };
  if (ctx.deal) return [{ entity: 'deal', id: ctx.deal.id, facts: ctx.deal.facts }, account];
  const openDeals = live(ctx.deals).filter((deal) => isOpenDealStage(deal.stage));
  return [account, ...openDeals.map((deal) => ({ entity: 'deal' as const, id: deal.id, facts: deal.facts }))];
}

/** A known fact wins; else the nearest unconfirmed one that says something. Entries are read in both shapes (readFact). */
function recordedFact(ctx: FactContext, key: string): RecordedFact | null {
  let unconfirmed: RecordedFact | null = null;
  for (const map of factMaps(ctx)) {
    const entry = Object.hasOwn(map.facts, key) ? readFact(map.facts[key]) : null;
    if (!entry) continue;
    if (entry.state === 'known') return { fact: entry, recordedIn: { entity: map.entity, id: map.id } };
    if (!unconfirmed && entry.value.trim() !== '') unconfirmed = { fact: entry, recordedIn: { entity: map.entity, id: map.id } };
  }
  return unconfirmed;
}

function sourceOfRecorded(fact: Fact): FactCheckSource {
  if (fact.evidence) return { kind: 'note', activityId: fact.evidence.activityId, quote: fact.evidence.quote };
  return { kind: fact.state === 'known' ? 'confirmed' : 'noted', by: fact.by, at: fact.at };
}

function dealsToRead(ctx: FactContext): Deal[] {
  if (ctx.deal) return [ctx.deal];
  return live(ctx.deals);
}

interface FromRecords {
  value: string;
  source: FactCheckSource;
}

/** What the records themselves say about a fact, without the rep's confirmation. */
function valueFromRecords(fact: PlaybookFact, ctx: FactContext): FromRecords | null {
  const source = fact.satisfiedBy;
  switch (source.kind) {
    case 'fact':
      return null;
    case 'contactRole': {
      const matching = live(ctx.contacts).filter((contact) => contact.role === source.role);
      const names = matching.map((contact) => (contact.title ? `${contact.name} (${contact.title})` : contact.name));
      return names.length > 0 ? { value: names.join(', '), source: contactSource(matching) } : null;
    }
    case 'contactRoles': {
      const matching = live(ctx.contacts).filter((contact) => contact.role !== null && source.roles.includes(contact.role));
      if (matching.length < source.minCount) return null;
      return { value: matching.map((contact) => `${contact.name}: ${contact.role}`).join(', '), source: contactSource(matching) };
    }
    case 'dealField': {
      for (const deal of dealsToRead(ctx)) {
        const found = { dealId: deal.id, field: source.field, kind: 'dealField' } as const;
        if (source.field === 'amount' && deal.amount !== null) return { value: `${deal.amount} ${deal.currency}`, source: found };
        if (source.field === 'expectedCloseDate' && deal.expectedCloseDate !== null) return { value: deal.expectedCloseDate, source: found };
        if (source.field === 'lostReason' && deal.lostReason !== null && deal.lostReason !== '') return { value: deal.lostReason, source: found };
      }
      return null;
    }
    case 'accountField': {
      const account = ctx.account;
      const value =
        source.field === 'industry' ? account.industry || null
        : source.field === 'sizeTier' ? account.sizeTier
        : source.field === 'renewalDate' ? account.renewalDate
        : (account.health?.measuredOn ?? null);
      return value === null ? null : { value, source: { kind: 'accountField', field: source.field } };
    }
  }
}

function contactSource(contacts: readonly Contact[]): FactCheckSource {
  return { kind: 'contact', contactIds: contacts.map((contact) => contact.id), names: contacts.map((contact) => contact.name) };
}

export function checkFact(fact: PlaybookFact, ctx: FactContext): FactCheck {
  const fromRecords = valueFromRecords(fact, ctx);
  if (fromRecords !== null) return { fact, status: 'known', value: fromRecords.value, source: fromRecords.source, recordedIn: null };
  const recorded = recordedFact(ctx, fact.key);
  if (recorded) return { fact, status: recorded.fact.state, value: recorded.fact.value, source: sourceOfRecorded(recorded.fact), recordedIn: recorded.recordedIn };
  return { fact, status: 'missing', value: null, source: null, recordedIn: null };
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
