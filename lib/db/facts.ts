import { acceptedChips, factTargetOf, writesForAccepted, type ChipDecision } from '../facts/accept';
import type { ProposalChip } from '../facts/proposals';
import type { Activity, Fact } from '../schemas';
import type { AlsoWrite } from './activities';
import { nowOf, type WriteContext } from './context';
import type { SidenoteDb } from './database';
import { newRecordId, writeRecords, type RecordWrite } from './write';

/**
 * Facts through the write path. Each fact is its own clock key (`facts.<key>`): setting one
 * never touches a teammate's other facts, and clearing one writes null (a tombstone that
 * merges like any write), never a smaller map.
 */

export type FactTarget = { entity: 'account' | 'deal'; id: string };

/** Sets (a fact) or clears (null) facts of one account or deal, with their outbox entry. */
export async function writeFacts(db: SidenoteDb, target: FactTarget, facts: Readonly<Record<string, Fact | null>>, ctx: WriteContext): Promise<void> {
  const patch: Record<string, unknown> = {};
  for (const [key, fact] of Object.entries(facts)) patch[`facts.${key}`] = fact;
  if (!Object.keys(patch).length) return;
  await writeRecords(db, [{ entity: target.entity, recordId: target.id, patch, mustExist: true }], { now: nowOf(ctx) });
}

/**
 * What `logActivity` also writes for the chips the rep accepted before saving: the facts with
 * the new note as evidence, the decision maker's contact, the next step's task.
 */
export function acceptedChipWrites(chips: readonly ProposalChip[], decisions: Readonly<Record<string, ChipDecision>>, repId: string | null): AlsoWrite | undefined {
  const accepted = acceptedChips(chips, decisions);
  if (!accepted.length) return undefined;
  return (activity, now) => {
    const target = factTargetOf(activity);
    if (!target) return [];
    return writesForAccepted(accepted, { activity, repId, now, target, newId: newRecordId }) as RecordWrite[];
  };
}

/** Chips accepted after their note was saved: written at once, in one transaction, against that note. */
export async function writeAcceptedForSavedNote(db: SidenoteDb, chips: readonly ProposalChip[], decisions: Readonly<Record<string, ChipDecision>>, activity: Activity, ctx: WriteContext): Promise<number> {
  const writes = acceptedChipWrites(chips, decisions, ctx.repId)?.(activity, nowOf(ctx)) ?? [];
  if (writes.length) await writeRecords(db, writes, { now: nowOf(ctx) });
  return writes.length;
}
