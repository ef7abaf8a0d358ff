import { readFact, type Account, type Activity, type Contact, type Deal, type Fact, type FactSource, type PlaybookFact, type PlaybookStage } from '../schemas';
import { cutText } from '../schemas/text';
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
  /** The account's activities, for facts a logged activity shows (a demo held); omitted: none. */
  activities?: readonly Activity[];
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

/**
 * The playbook step a suggestion key names: `step:<subject>:<stage>:<step>[:<date>]` for a
 * stage's own steps, and the rule-driven ones by their trigger (`verify:<deal>` is the
 * needs-verification step, `handoff:<deal>` the handoff).
 */
export function stepKeyOfSuggestionKey(key: string): string | null {
  const parts = key.split(':');
  if (parts[0] === 'step') return parts[3] ?? null;
  if (parts[0] === 'verify') return 'needsVerification';
  if (parts[0] === 'handoff') return 'handoff';
  return null;
}

/** The contacts a contact-role fact counts: the decision chain's people, the required role first. */
export function contactsForFact(fact: PlaybookFact, ctx: FactContext): Contact[] {
  const source = fact.satisfiedBy;
  if (source.kind === 'contactRole') return live(ctx.contacts).filter((contact) => contact.role === source.role);
  if (source.kind !== 'contactRoles') return [];
  const matching = live(ctx.contacts).filter((contact) => contact.role !== null && source.roles.includes(contact.role));
  // A chain without the role it needs (the decision maker) is not mapped, however long.
  if (source.requires !== undefined && !matching.some((contact) => contact.role === source.requires)) return [];
  if (matching.length < source.minCount) return [];
  // The role the chain requires leads, so a checklist reads "who decided" first.
  return [...matching.filter((contact) => contact.role === source.requires), ...matching.filter((contact) => contact.role !== source.requires)];
}

const ACTIVITY_FACT_TYPES = new Set(['note', 'call', 'email', 'meeting', 'visit', 'message']);

/** The latest live activity that shows an activity fact, within the subject in view. */
export function activityForFact(fact: PlaybookFact, ctx: FactContext): Activity | null {
  const source = fact.satisfiedBy;
  if (source.kind !== 'activity' || !ctx.activities) return null;
  const keywords = source.keywords.map((word) => word.toLowerCase());
  let found: Activity | null = null;
  for (const activity of ctx.activities) {
    if (activity.deletedAt !== null || !ACTIVITY_FACT_TYPES.has(activity.type)) continue;
    // Another deal's demo is not this deal's.
    if (ctx.deal && activity.dealId !== null && activity.dealId !== ctx.deal.id) continue;
    const step = activity.suggestionKey ? stepKeyOfSuggestionKey(activity.suggestionKey) : null;
    const fromStep = step !== null && source.steps.includes(step);
    const tagged =
      (source.types as readonly string[]).includes(activity.type) &&
      keywords.some((word) => `${activity.subject ?? ''}\n${activity.body}`.toLowerCase().includes(word));
    if ((fromStep || tagged) && (!found || activity.occurredAt > found.occurredAt)) found = activity;
  }
  return found;
}

/** What the records themselves say about a fact, without the rep's confirmation. */
function valueFromRecords(fact: PlaybookFact, ctx: FactContext): FromRecords | null {
  const source = fact.satisfiedBy;
  switch (source.kind) {
    case 'fact':
      return null;
    case 'contactRole': {
      const matching = contactsForFact(fact, ctx);
      const names = matching.map((contact) => (contact.title ? `${contact.name} (${contact.title})` : contact.name));
      return names.length > 0 ? { value: names.join(', '), source: contactSource(matching) } : null;
    }
    case 'contactRoles': {
      const chain = contactsForFact(fact, ctx);
      if (chain.length === 0) return null;
      return { value: chain.map((contact) => `${contact.name}${contact.title ? ` (${contact.title})` : ''}: ${contact.role}`).join(', '), source: contactSource(chain) };
    }
    case 'activity': {
      const activity = activityForFact(fact, ctx);
      if (!activity) return null;
      const line = activity.subject ?? activity.body.split('\n').find((text) => text.trim() !== '') ?? '';
      const date = new Date(activity.occurredAt).toISOString().slice(0, 10);
      const quote = line.trim() ? cutText(line.trim(), 120) : activity.type;
      // The logged activity is the evidence, as a note's sentence is for a fact read from it.
      return { value: `${date} ${quote}`, source: { kind: 'note', activityId: activity.id, quote } };
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
