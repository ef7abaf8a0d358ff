import type { EntityName, Mutation, MutationRejection, MutationResult } from '../../lib/schemas';
import { ENTITIES, MAX_CLOCK_SKEW_MS } from '../../lib/schemas';
import { hlcWallMs, parseHlc } from '../../lib/sync/hlc';
import { applyPatch, type StoredRecord } from '../../lib/sync/merge';
import { ADMIN_WRITTEN_ENTITIES, checkRecord, mergeShapeOf, parsePatch } from '../../lib/sync/patch';

/**
 * Decides what a push does, given the rows it touches as they stand under the team lock.
 * Pure: the caller loads the rows, then writes `dirty` and `applied` in the same
 * transaction, or nothing at all when `rejections` is not empty.
 */

export interface RecordRow {
  id: string;
  teamId: string;
  entity: EntityName;
  data: StoredRecord;
  authorId: string | null;
  privateTo: string | null;
  wasShared: boolean;
  /** Node id (the last part of a stamp) to the rep who wrote with it. */
  writers: Readonly<Record<string, string>>;
}

/** Just enough of a referenced record to check that a reference stays inside the team. */
export interface ReferenceRow {
  id: string;
  teamId: string;
  entity: EntityName;
}

export interface AppliedBefore {
  lostFields: string[];
  lostTo: string | null;
}

export interface Actor {
  teamId: string;
  /** The rep writing, or `server` for writes made by the CLI. */
  repId: string;
  /** `admin`: the server's CLI, the only writer of team-wide records such as the playbook. */
  role: 'rep' | 'admin';
}

export interface BatchInput {
  actor: Actor;
  /** The client's node id: every stamp it sends must carry it. Null for server-made writes. */
  clientId: string | null;
  mutations: readonly Mutation[];
  nowMs: number;
  rows: ReadonlyMap<string, RecordRow>;
  references: ReadonlyMap<string, ReferenceRow>;
  appliedBefore: ReadonlyMap<string, AppliedBefore>;
  /** Ids of records whose tombstone compaction removed, with their team (server/sync/compact.ts). */
  purged?: ReadonlyMap<string, string>;
}

export interface AppliedMutation {
  mutationId: string;
  recordId: string;
  lostFields: string[];
  lostTo: string | null;
}

export interface BatchOutcome {
  results: MutationResult[];
  rejections: MutationRejection[];
  /** Rows to write, in the order they last changed. */
  dirty: RecordRow[];
  applied: AppliedMutation[];
}

/** Mutation-level checks that need no stored state; they run before the transaction too. */
export interface Prechecked {
  mutation: Mutation;
  patch: Record<string, unknown> | null;
  rejection: MutationRejection | null;
}

/** A key's own value: stamps and node ids come from clients, so nothing is read off a prototype. */
function own<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function precheckMutations(mutations: readonly Mutation[], clientId: string | null, nowMs: number): Prechecked[] {
  return mutations.map((mutation) => {
    const reject = (code: MutationRejection['code'], message: string, permanent: boolean): Prechecked => ({
      mutation,
      patch: null,
      rejection: { mutationId: mutation.id, code, message, permanent },
    });
    if (clientId !== null && parseHlc(mutation.hlc).node !== clientId) {
      return reject('invalid', `The stamp ${mutation.hlc} was not made by client ${clientId}; a client may only send its own writes.`, true);
    }
    const aheadMs = hlcWallMs(mutation.hlc) - nowMs;
    if (aheadMs > MAX_CLOCK_SKEW_MS) {
      const minutes = Math.round(aheadMs / 60_000);
      return reject(
        'clock_skew',
        `This device's clock is about ${minutes} minutes ahead of the server. Set the computer's date and time to automatic; the change is kept and sent again.`,
        false,
      );
    }
    const parsed = parsePatch(mutation.entity, mutation.patch);
    if (!parsed.ok) {
      const detail = parsed.issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ');
      return reject('invalid', `The ${mutation.entity} change is not valid: ${detail}`, true);
    }
    return { mutation, patch: parsed.patch, rejection: null };
  });
}

const ID_FIELDS = ['accountId', 'dealId', 'subjectId'] as const;

/** Every id a patch points at, so the caller can load those rows up front. */
export function referencedIds(patch: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const field of ID_FIELDS) {
    const value = patch[field];
    if (typeof value === 'string') ids.push(value);
  }
  const contactIds = patch.contactIds;
  if (Array.isArray(contactIds)) for (const id of contactIds) if (typeof id === 'string') ids.push(id);
  const stageChange = patch.stageChange as { subjectId?: unknown } | null | undefined;
  if (stageChange && typeof stageChange.subjectId === 'string') ids.push(stageChange.subjectId);
  return ids;
}

interface Reference {
  field: string;
  id: string;
  entity: EntityName;
}

/** References the patch sets, read from the merged record so a partial patch still knows its target type. */
function referencesSetBy(entity: EntityName, record: StoredRecord, patch: Record<string, unknown>): Reference[] {
  const refs: Reference[] = [];
  const touched = (field: string) => Object.hasOwn(patch, field);
  const add = (field: string, id: unknown, target: EntityName) => {
    if (typeof id === 'string') refs.push({ field, id, entity: target });
  };
  if ((entity === 'contact' || entity === 'deal' || entity === 'activity') && touched('accountId')) add('accountId', record.accountId, 'account');
  if (entity === 'activity') {
    if (touched('dealId')) add('dealId', record.dealId, 'deal');
    if (touched('contactIds') && Array.isArray(record.contactIds)) for (const id of record.contactIds) add('contactIds', id, 'contact');
    const stageChange = record.stageChange as { subject: EntityName; subjectId: string } | null;
    if (touched('stageChange') && stageChange) add('stageChange.subjectId', stageChange.subjectId, stageChange.subject);
  }
  if (entity === 'suggestionState' && (touched('subjectId') || touched('subjectType'))) {
    add('subjectId', record.subjectId, record.subjectType as EntityName);
  }
  return refs;
}

function visibilityOf(entity: EntityName, record: StoredRecord, authorId: string | null): string | null {
  if (ENTITIES[entity].privateToAuthor) return authorId;
  if (entity === 'activity' && record.visibility === 'private') return authorId;
  return null;
}

export function evaluateBatch(input: BatchInput, prechecked: readonly Prechecked[]): BatchOutcome {
  const { actor } = input;
  const working = new Map<string, RecordRow>(input.rows);
  const dirty = new Map<string, RecordRow>();
  const failedRecords = new Set<string>();
  const seenInBatch = new Map<string, AppliedBefore>();
  const results: MutationResult[] = [];
  const rejections: MutationRejection[] = [];
  const applied: AppliedMutation[] = [];

  const reject = (mutation: Mutation, code: MutationRejection['code'], message: string, permanent = true) => {
    rejections.push({ mutationId: mutation.id, code, message, permanent });
    failedRecords.add(mutation.recordId);
  };

  for (const { mutation, patch, rejection } of prechecked) {
    const before = input.appliedBefore.get(mutation.id) ?? seenInBatch.get(mutation.id);
    if (before) {
      results.push({ mutationId: mutation.id, status: 'duplicate', lostFields: before.lostFields, lostTo: before.lostTo });
      continue;
    }
    // A mutation that is bad on its own is always reported, so one answer lists them all.
    if (rejection || !patch) {
      rejections.push(rejection!);
      failedRecords.add(mutation.recordId);
      continue;
    }
    // Once a record's mutation is refused, later ones for it in this batch would be judged
    // against a state that will not exist; the client sends them again after parking the first.
    if (failedRecords.has(mutation.recordId)) continue;

    const { entity, recordId } = mutation;
    const definition = ENTITIES[entity];
    if (ADMIN_WRITTEN_ENTITIES.includes(entity) && actor.role !== 'admin') {
      reject(mutation, 'forbidden', `The team ${entity} is set by your team admin (sidenote-server ${entity} set); reps cannot create or change it. Ask your admin for the change.`);
      continue;
    }
    const row = working.get(recordId) ?? null;
    const purgedTeam = row ? undefined : input.purged?.get(recordId);
    if (purgedTeam !== undefined) {
      if (purgedTeam !== actor.teamId) {
        reject(mutation, 'not_found', `No ${entity} with id ${recordId} exists in your team.`);
        continue;
      }
      // The team deleted this record long ago and compaction removed its tombstone: a late
      // write (a browser offline past the retention horizon) loses to the deletion, as it
      // would against the tombstone, and is acknowledged so it is not sent forever. Recreating
      // the record from a partial write would bring a deleted record back.
      const lost = { lostFields: Object.keys(patch).sort(), lostTo: null };
      seenInBatch.set(mutation.id, lost);
      applied.push({ mutationId: mutation.id, recordId, ...lost });
      results.push({ mutationId: mutation.id, status: 'applied', ...lost });
      continue;
    }
    if (row && row.teamId !== actor.teamId) {
      reject(mutation, 'not_found', `No ${entity} with id ${recordId} exists in your team.`);
      continue;
    }
    if (row && row.entity !== entity) {
      reject(mutation, 'invalid', `Record ${recordId} is a ${row.entity}, not a ${entity}.`);
      continue;
    }
    if (row && definition.ownedByAuthor && row.authorId !== actor.repId) {
      // A teammate's private record must look exactly like one that does not exist.
      if (row.privateTo !== null) reject(mutation, 'not_found', `No ${entity} with id ${recordId} exists in your team.`);
      else reject(mutation, 'forbidden', `This ${entity} belongs to the teammate who wrote it; only they can change it. Add your own note instead.`);
      continue;
    }

    const outcome = applyPatch(row?.data ?? null, recordId, patch, mutation.hlc, mergeShapeOf(entity));
    const authorId = row?.authorId ?? (definition.ownedByAuthor ? actor.repId : null);
    if (!row && definition.ownedByAuthor) outcome.record.authorId = authorId;

    let badReference: string | null = null;
    let referenceCode: MutationRejection['code'] = 'invalid';
    for (const ref of referencesSetBy(entity, outcome.record, patch)) {
      const target = working.get(ref.id) ?? input.references.get(ref.id);
      if (!target) continue; // Not synced yet (or refused): allowed, like a link to a record still on its way.
      if (target.teamId !== actor.teamId) {
        referenceCode = 'not_found';
        badReference = `${ref.field} points to ${ref.entity} ${ref.id}, which does not exist in your team.`;
        break;
      }
      if (target.entity !== ref.entity) {
        badReference = `${ref.field} must point to a ${ref.entity}, but ${ref.id} is a ${target.entity}.`;
        break;
      }
    }
    if (badReference) {
      reject(mutation, referenceCode, badReference);
      continue;
    }

    const check = checkRecord(entity, outcome.record);
    if (!check.ok) {
      const detail = check.issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ');
      reject(mutation, 'invalid', `The ${entity} would not be valid after this change: ${detail}`);
      continue;
    }

    let changed = !row;
    for (const key of outcome.applied) if (!row || own(row.data.clock, key) !== mutation.hlc) changed = true;
    // Every stamp names its node, so who wrote a field is the rep behind the node of its stamp.
    const writers = row?.writers ?? {};
    const node = parseHlc(mutation.hlc).node;
    const nextWriters = changed && own(writers, node) !== actor.repId ? { ...writers, [node]: actor.repId } : writers;
    let lostTo: string | null = null;
    let newestLost = '';
    for (const key of outcome.lost) {
      const stamp = own(outcome.record.clock, key) ?? '';
      if (stamp > newestLost) {
        newestLost = stamp;
        lostTo = own(writers, parseHlc(stamp).node) ?? null;
      }
    }
    const lost = { lostFields: outcome.lost, lostTo };
    seenInBatch.set(mutation.id, lost);
    applied.push({ mutationId: mutation.id, recordId, ...lost });
    results.push({ mutationId: mutation.id, status: 'applied', ...lost });
    if (!changed) continue;

    outcome.record.updatedBy = actor.repId;
    const privateTo = visibilityOf(entity, outcome.record, authorId);
    const next: RecordRow = {
      id: recordId,
      teamId: actor.teamId,
      entity,
      data: outcome.record,
      authorId,
      privateTo,
      wasShared: (row?.wasShared ?? false) || privateTo === null,
      writers: nextWriters,
    };
    working.set(recordId, next);
    dirty.delete(recordId);
    dirty.set(recordId, next);
  }

  return { results, rejections, dirty: [...dirty.values()], applied };
}
