/**
 * What accepting proposals writes: fact-map patches with the note as evidence, the decision
 * maker's contact (added, or tagged with the role), and for a dated next step the composer's
 * follow-up fields and a task. Pure: the caller adds these writes to the transaction that
 * stores the note (lib/db/facts.ts), so the note, its facts and their outbox entries commit
 * together or not at all.
 */
import { newActivityFields, newContactFields, newFact, type Activity, type Fact } from '../schemas';
import type { ContactChip, FactChip, NextStepChip, ProposalChip } from './proposals';

export type ChipStatus = 'pending' | 'accepted' | 'dismissed';

/** The rep's decision about one chip; `value` and `date` when they edited it before accepting. */
export interface ChipDecision {
  status: ChipStatus;
  value?: string;
  date?: string | null;
}

/** A chip as the rep accepted it (edits applied). */
export type AcceptedChip = ProposalChip;

/** Chips with their decisions: only accepted ones, edits applied; a chip no longer proposed is dropped. */
export function acceptedChips(chips: readonly ProposalChip[], decisions: Readonly<Record<string, ChipDecision>>): AcceptedChip[] {
  const out: AcceptedChip[] = [];
  for (const chip of chips) {
    const decision = decisions[chip.id];
    if (decision?.status !== 'accepted') continue;
    out.push(applyEdit(chip, decision));
  }
  return out;
}

export function applyEdit(chip: ProposalChip, decision: ChipDecision): ProposalChip {
  const value = decision.value?.trim();
  if (chip.kind === 'fact') return value ? { ...chip, value, display: value, label: `${chip.title} ${value}` } : chip;
  if (chip.kind === 'contact') return value ? { ...chip, name: value } : chip;
  const step = value || chip.step;
  const date = decision.date === undefined ? chip.date : decision.date || null;
  return { ...chip, step, date };
}

/** The composer fields a next step fills, as if the rep typed them; others are left as they are. */
export function draftFieldsFor(chip: NextStepChip): { nextStep: string; followUpOn?: string } {
  return chip.date ? { nextStep: chip.step, followUpOn: chip.date } : { nextStep: chip.step };
}

/** One write for the write path: same shape as lib/db's RecordWrite, which lib/facts may not import. */
export interface PlannedWrite {
  entity: 'account' | 'deal' | 'contact' | 'activity';
  recordId: string;
  patch: Record<string, unknown>;
  localOnCreate?: Record<string, unknown>;
  mustExist?: boolean;
}

export interface AcceptContext {
  /** The note the facts were read from: their evidence. */
  activity: Pick<Activity, 'id' | 'accountId' | 'dealId' | 'contactIds' | 'visibility' | 'followUpAt'>;
  repId: string | null;
  now: number;
  /** Whose facts map takes them: the deal the note is on, else its account. */
  target: { entity: 'account' | 'deal'; id: string };
  newId: () => string;
}

/** Where a note's facts go: the deal it is about, else its account. */
export function factTargetOf(activity: Pick<Activity, 'accountId' | 'dealId'>): { entity: 'account' | 'deal'; id: string } | null {
  if (activity.dealId) return { entity: 'deal', id: activity.dealId };
  return activity.accountId ? { entity: 'account', id: activity.accountId } : null;
}

export function factOfChip(chip: FactChip, ctx: Pick<AcceptContext, 'activity' | 'repId' | 'now'>): Fact {
  return newFact({ value: chip.value, state: 'known', by: ctx.repId, at: ctx.now, evidence: { activityId: ctx.activity.id, quote: chip.quote } });
}

function contactWrite(chip: ContactChip, ctx: AcceptContext): PlannedWrite {
  if (chip.contactId) return { entity: 'contact', recordId: chip.contactId, patch: { role: 'decision_maker' }, mustExist: true };
  return {
    entity: 'contact',
    recordId: ctx.newId(),
    patch: newContactFields({ name: chip.name, title: chip.jobTitle, role: 'decision_maker', accountId: ctx.activity.accountId }),
  };
}

/** The task a dated next step becomes: due when the note's follow-up is (the rep may have moved it). */
function taskWrite(chip: NextStepChip, ctx: AcceptContext): PlannedWrite | null {
  const dueAt = ctx.activity.followUpAt;
  if (!chip.date || dueAt === null || !ctx.activity.accountId) return null;
  const fields = newActivityFields({
    type: 'task',
    accountId: ctx.activity.accountId,
    dealId: ctx.activity.dealId,
    contactIds: ctx.activity.contactIds,
    visibility: ctx.activity.visibility,
    subject: chip.step,
    occurredAt: ctx.now,
    dueAt,
  });
  return { entity: 'activity', recordId: ctx.newId(), patch: fields, localOnCreate: { authorId: ctx.repId } };
}

/**
 * The writes for accepted chips, to commit with the note: every accepted fact in one patch of
 * the target's map (one clock key each, `facts.<key>`, so teammates' other facts are never
 * touched), the contact, and the task.
 */
export function writesForAccepted(chips: readonly AcceptedChip[], ctx: AcceptContext): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  const factPatch: Record<string, Fact> = {};
  for (const chip of chips) if (chip.kind === 'fact') factPatch[`facts.${chip.factKey}`] = factOfChip(chip, ctx);
  if (Object.keys(factPatch).length) writes.push({ entity: ctx.target.entity, recordId: ctx.target.id, patch: factPatch, mustExist: true });
  for (const chip of chips) {
    if (chip.kind === 'contact') writes.push(contactWrite(chip, ctx));
    if (chip.kind === 'nextStep') {
      const task = taskWrite(chip, ctx);
      if (task) writes.push(task);
    }
  }
  return writes;
}

/** A fact set or changed by hand from the checklist: known, with the rep and the time; no evidence. */
export function factByHand(value: string, ctx: { repId: string | null; now: number; keepEvidence?: Fact['evidence'] }): Fact {
  return newFact({ value: value.trim(), state: 'known', by: ctx.repId, at: ctx.now, evidence: ctx.keepEvidence ?? null });
}
