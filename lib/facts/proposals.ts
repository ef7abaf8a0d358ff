/**
 * What the composer proposes from a note: `extractFacts` output turned into chips the rep
 * accepts, edits or dismisses. Only facts the playbook asks about are proposed, and never one
 * already known with the same value. A decision maker also offers to add or tag the contact
 * with that role; a next step with a date offers the follow-up and a task. Pure: nothing here
 * writes (accept.ts builds the writes for what the rep accepted).
 */
import { factsMessages } from '../i18n/messages/facts';
import { readFact, type Contact, type Locale } from '../schemas';
import { extractFacts, type BudgetValue, type FactKey, type FactProposal } from './extract';
import { clausesOf, sentencesOf } from './text';

/** The playbook fact keys each extracted key can fill, first present wins. */
export const FACT_KEYS_OF: Readonly<Partial<Record<FactKey, readonly string[]>>> = {
  budget: ['intentBudget', 'budget'],
  decisionMaker: ['decisionMaker'],
  competitors: ['competitors'],
  currentSolution: ['currentSolution'],
  keyPains: ['keyPains'],
  buyingProcess: ['buyingProcess'],
  expectedClose: ['expectedClose', 'signingDate'],
};

/** A quote is the clause the evidence sits in, cut to this length. */
const MAX_QUOTE_CHARS = 300;

interface ChipBase {
  /** Stable while the rep types: the same proposal keeps its id, so a decision about it sticks. */
  id: string;
  /** What kind of thing it is, in the UI language ("预算", "Decision maker"). */
  title: string;
  /** The value as shown ("¥850,000", "王总", "发报价 · 12月9日"). */
  display: string;
  /** title + display: the chip's visible text and accessible name. */
  label: string;
  /** The clause of the note it came from. */
  quote: string;
  /** Where the evidence starts in the note (UTF-16 offset): chips follow the note's order. */
  start: number;
}

export interface FactChip extends ChipBase {
  kind: 'fact';
  key: FactKey;
  /** The playbook fact key it fills (`intentBudget` for a budget). */
  factKey: string;
  /** The value stored in the fact (what `display` shows). */
  value: string;
  /** The known value it would replace, when there is a different one. */
  previous: string | null;
}

export interface ContactChip extends ChipBase {
  kind: 'contact';
  /** The person's name, without a title in brackets. */
  name: string;
  /** A job title written with the name ("Sarah Chen (CFO)"). */
  jobTitle: string | null;
  /** An existing contact to tag; null: add a new contact. */
  contactId: string | null;
}

export interface NextStepChip extends ChipBase {
  kind: 'nextStep';
  step: string;
  /** `YYYY-MM-DD`, or null when the note gave no date (then no follow-up date and no task). */
  date: string | null;
}

export type ProposalChip = FactChip | ContactChip | NextStepChip;

export interface ProposalContext {
  text: string;
  extracted: readonly FactProposal[];
  /** Every fact key the playbook asks about, any stage. */
  playbookFactKeys: ReadonlySet<string>;
  /** The fact maps already recorded for what the note is about, nearest first (deal, account). */
  existing: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The account's contacts, to tag an existing person rather than add a second. */
  contacts: readonly Contact[];
  locale: Locale;
  /** When the note is written: a date in another year shows its year. */
  now: number;
}

/** Deciding bodies and departments are decision makers, but not contacts. */
const NOT_A_PERSON = /committee|board|council|department|team|office|会$|委员会|办公会|董事会|部门?$|办$|小组/i;

export function normalizeFactValue(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[\s,，、.。]/g, '');
}

export function formatBudget(value: BudgetValue, locale: Locale): string {
  if (value.currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency, maximumFractionDigits: 0 }).format(value.amount);
    } catch {
      // An unknown currency code: the number and the code as written below.
    }
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value.amount);
  return value.currency ? `${number} ${value.currency}` : number;
}

/** `YYYY-MM-DD` as the UI shows a day: "12月9日", "Dec 9" (the year only when it is not `thisYear`). */
export function formatDay(date: string, locale: Locale, thisYear?: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', timeZone: 'UTC' };
  if (thisYear !== undefined && y !== thisYear) options.year = 'numeric';
  return new Intl.DateTimeFormat(locale, options).format(Date.UTC(y, m - 1, d));
}

/** The clause around [start, end), or the evidence itself when it spans clauses. */
export function quoteOf(text: string, start: number, end: number): string {
  const sentence = sentencesOf(text).find((span) => span.start <= start && end <= span.end);
  const clause = sentence ? clausesOf(sentence).find((span) => span.start <= start && end <= span.end) : undefined;
  const quote = (clause ?? { text: text.slice(start, end) }).text.trim();
  return quote.length > MAX_QUOTE_CHARS ? `${quote.slice(0, MAX_QUOTE_CHARS - 1)}…` : quote;
}

/** A name with a title in brackets ("Sarah Chen (CFO)", "王总（CEO）") split in two. */
export function splitNameAndTitle(value: string): { name: string; title: string | null } {
  const match = /^(.*?)\s*[(（]([^()（）]{1,60})[)）]\s*$/.exec(value.trim());
  return match && match[1] ? { name: match[1].trim(), title: match[2]!.trim() } : { name: value.trim(), title: null };
}

function sameName(a: string, b: string): boolean {
  const x = normalizeFactValue(a);
  const y = normalizeFactValue(b);
  if (!x || !y) return false;
  if (x === y) return true;
  // "Sarah" for "Sarah Chen": one contains the other and is at least half of it.
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 2 && long.includes(short) && short.length * 2 >= long.length;
}

function knownValue(existing: ProposalContext['existing'], factKey: string): string | null {
  for (const map of existing) {
    const fact = Object.hasOwn(map, factKey) ? readFact(map[factKey]) : null;
    if (fact?.state === 'known') return fact.value;
  }
  return null;
}

function valueText(proposal: FactProposal, locale: Locale): string {
  if (typeof proposal.value !== 'string') return formatBudget(proposal.value, locale);
  if (proposal.key === 'expectedClose' || proposal.key === 'dueDate') return proposal.value;
  return proposal.value.trim();
}

function chipLabel(title: string, display: string): string {
  return `${title} ${display}`;
}

/** Proposals of one key joined: several competitors or pains become one chip. */
function joinValues(values: string[], locale: Locale): string {
  return [...new Set(values)].join(locale === 'zh-CN' ? '、' : ', ');
}

export function buildProposalChips(ctx: ProposalContext): ProposalChip[] {
  const m = factsMessages[ctx.locale];
  const thisYear = new Date(ctx.now).getUTCFullYear();
  const chips: ProposalChip[] = [];
  const byKey = new Map<FactKey, FactProposal[]>();
  for (const proposal of [...ctx.extracted].sort((a, b) => a.start - b.start)) {
    const list = byKey.get(proposal.key);
    if (list) list.push(proposal);
    else byKey.set(proposal.key, [proposal]);
  }

  let contactChip: ContactChip | null = null;
  for (const [key, proposals] of byKey) {
    const factKey = FACT_KEYS_OF[key]?.find((candidate) => ctx.playbookFactKeys.has(candidate));
    if (!factKey) continue;
    // One value per key: a budget or a close date is the first one stated; names and phrases join.
    const single = key === 'budget' || key === 'expectedClose';
    const used = single ? proposals.slice(0, 1) : proposals;
    const value = single ? valueText(used[0]!, ctx.locale) : joinValues(used.map((proposal) => valueText(proposal, ctx.locale)), ctx.locale);
    if (!value) continue;
    const previous = knownValue(ctx.existing, factKey);
    if (previous !== null && normalizeFactValue(previous) === normalizeFactValue(value)) continue;
    const title = m[`key_${key}` as 'key_budget'] ?? key;
    const display = key === 'expectedClose' ? formatDay(value, ctx.locale, thisYear) : value;
    const first = used[0]!;
    chips.push({
      id: `fact:${factKey}:${normalizeFactValue(value)}`,
      kind: 'fact',
      key,
      factKey,
      value,
      previous,
      title,
      display,
      label: chipLabel(title, display),
      quote: quoteOf(ctx.text, first.start, first.end),
      start: first.start,
    });
    if (key === 'decisionMaker' && !contactChip) contactChip = decisionMakerContact(ctx, first, m);
  }

  const nextStep = nextStepChip(ctx, m, thisYear);
  chips.sort((a, b) => a.start - b.start);
  if (contactChip) chips.push(contactChip);
  if (nextStep) chips.push(nextStep);
  return chips;
}

function decisionMakerContact(ctx: ProposalContext, proposal: FactProposal, m: (typeof factsMessages)['en']): ContactChip | null {
  if (typeof proposal.value !== 'string') return null;
  const { name, title } = splitNameAndTitle(proposal.value);
  if (!name || NOT_A_PERSON.test(name) || name.length > 60) return null;
  const live = ctx.contacts.filter((contact) => contact.deletedAt === null);
  const match = live.find((contact) => sameName(contact.name, name));
  if (match?.role === 'decision_maker') return null;
  const display = match ? match.name : name;
  const label = match ? m.tagContact(display) : m.addContact(display);
  return {
    id: `contact:${match ? match.id : normalizeFactValue(name)}`,
    kind: 'contact',
    name: display,
    jobTitle: title,
    contactId: match?.id ?? null,
    title: label,
    display: '',
    label,
    quote: quoteOf(ctx.text, proposal.start, proposal.end),
    start: proposal.start,
  };
}

/**
 * The first next step, with the due date stated in the same sentence (else none). A date with
 * no action is not proposed: there would be nothing to follow up on.
 */
function nextStepChip(ctx: ProposalContext, m: (typeof factsMessages)['en'], thisYear: number): NextStepChip | null {
  const step = ctx.extracted.filter((proposal) => proposal.key === 'nextStep' && typeof proposal.value === 'string').sort((a, b) => a.start - b.start)[0];
  if (!step || typeof step.value !== 'string' || !step.value.trim()) return null;
  const sentence = sentencesOf(ctx.text).find((span) => span.start <= step.start && step.end <= span.end);
  const due = ctx.extracted
    .filter((proposal) => proposal.key === 'dueDate' && typeof proposal.value === 'string')
    .filter((proposal) => !sentence || (sentence.start <= proposal.start && proposal.end <= sentence.end))
    .sort((a, b) => Math.abs(a.start - step.start) - Math.abs(b.start - step.start))[0];
  const date = due && typeof due.value === 'string' ? due.value : null;
  const text = step.value.trim();
  const display = date ? `${text} · ${formatDay(date, ctx.locale, thisYear)}` : text;
  const start = Math.min(step.start, due?.start ?? step.start);
  const end = Math.max(step.end, due?.end ?? step.end);
  return {
    id: `nextStep:${normalizeFactValue(text)}:${date ?? ''}`,
    kind: 'nextStep',
    step: text,
    date,
    title: m.key_nextStep,
    display,
    label: chipLabel(m.key_nextStep, display),
    quote: quoteOf(ctx.text, start, end),
    start,
  };
}

/** Every fact key a playbook asks about, in any stage. */
export function playbookFactKeysOf(playbook: { stages: Readonly<Record<string, { exitCriteria: ReadonlyArray<{ key: string }>; keyFacts: ReadonlyArray<{ key: string }> } | undefined>> }): Set<string> {
  const keys = new Set<string>();
  for (const stage of Object.values(playbook.stages)) for (const fact of [...(stage?.exitCriteria ?? []), ...(stage?.keyFacts ?? [])]) keys.add(fact.key);
  return keys;
}

/**
 * The extractor finds a listed competitor without asking whether it is ours, so a name that
 * contains one of our products (the same test it applies to any vendor) is dropped from the
 * competitors first: our product is never proposed as a rival, whatever the lists say.
 */
function withoutOurProducts(vocabulary: NonNullable<NoteInput['vocabulary']>): NonNullable<NoteInput['vocabulary']> {
  const products = vocabulary.products.map((name) => name.trim().toLowerCase()).filter((name) => name.length >= 2);
  if (!products.length) return vocabulary;
  const competitors = vocabulary.competitors.filter((name) => !products.some((product) => name.toLowerCase().includes(product)));
  return { competitors, products: vocabulary.products };
}

export interface NoteInput extends Omit<ProposalContext, 'extracted'> {
  timeZone: string;
  /** The resolved playbook's lists: team competitors found without a cue, our products never rivals. */
  vocabulary?: { competitors: readonly string[]; products: readonly string[] };
}

/** Reads a note and builds its chips: what the composer calls while the rep types and on save. */
export function proposeFromNote(input: NoteInput): ProposalChip[] {
  if (!input.text.trim()) return [];
  const { vocabulary, timeZone, ...context } = input;
  const extracted = extractFacts(input.text, { now: input.now, timeZone, ...(vocabulary ? { vocabulary: withoutOurProducts(vocabulary) } : {}) });
  return buildProposalChips({ ...context, extracted });
}
