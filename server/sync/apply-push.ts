import { and, eq, inArray, sql } from 'drizzle-orm';
import type { EntityName, Mutation, MutationRejection, MutationResult } from '../../lib/schemas';
import type { StoredRecord } from '../../lib/sync/merge';
import { CHANGES_CHANNEL, queryRows, type Database, type Transaction } from '../db/connect';
import { appliedMutations, records } from '../db/schema';
import {
  evaluateBatch,
  precheckMutations,
  referencedIds,
  type Actor,
  type AppliedBefore,
  type RecordRow,
  type ReferenceRow,
} from './evaluate-batch';

/**
 * Applies one push in one transaction. The team row is locked first, so pushes of a team
 * run one after another and take sequence numbers in commit order; everything the push
 * decides is read after that lock, so it sees every earlier push of the team.
 */

export type PushOutcome =
  | { ok: true; results: MutationResult[]; seq: number }
  | { ok: false; rejected: MutationRejection[] };

export interface ApplyPushOptions {
  actor: Actor;
  clientId: string | null;
  mutations: readonly Mutation[];
  nowMs: number;
}

class BatchRejected extends Error {
  constructor(readonly rejected: MutationRejection[]) {
    super('batch rejected');
  }
}

/** Raised when another transaction won a race this one cannot see until it starts over. */
class RetryTransaction extends Error {}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 4;

function isRetryable(error: unknown): boolean {
  if (error instanceof RetryTransaction) return true;
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_PG_CODES.has(code)) return true;
  }
  return false;
}

interface StoredRowShape {
  id: string;
  team_id: string;
  entity: EntityName;
  data: StoredRecord;
  author_id: string | null;
  private_to: string | null;
  was_shared: boolean;
  writers: Record<string, string>;
}

async function lockTeam(tx: Transaction, teamId: string): Promise<number> {
  const [row] = await queryRows<{ seq: string | number }>(tx, sql`select seq from teams where id = ${teamId} for update`);
  if (!row) throw new Error(`Team ${teamId} does not exist`);
  return Number(row.seq);
}

async function loadState(tx: Transaction, teamId: string, mutationIds: string[], recordIds: string[], refIds: string[]) {
  const appliedBefore = new Map<string, AppliedBefore>();
  const found = await tx
    .select({ mutationId: appliedMutations.mutationId, lostFields: appliedMutations.lostFields, lostTo: appliedMutations.lostTo })
    .from(appliedMutations)
    .where(and(eq(appliedMutations.teamId, teamId), inArray(appliedMutations.mutationId, mutationIds)));
  for (const row of found) appliedBefore.set(row.mutationId, { lostFields: row.lostFields, lostTo: row.lostTo });

  const rows = new Map<string, RecordRow>();
  if (recordIds.length) {
    const stored = await queryRows<StoredRowShape>(
      tx,
      sql`select id, team_id, entity, data, author_id, private_to, was_shared, writers from records where id in ${recordIds}`,
    );
    for (const row of stored) {
      rows.set(row.id, {
        id: row.id,
        teamId: row.team_id,
        entity: row.entity,
        data: row.data,
        authorId: row.author_id,
        privateTo: row.private_to,
        wasShared: row.was_shared,
        writers: row.writers,
      });
    }
  }
  const references = new Map<string, ReferenceRow>();
  const missingRefs = refIds.filter((id) => !rows.has(id));
  if (missingRefs.length) {
    const found = await queryRows<{ id: string; team_id: string; entity: EntityName }>(
      tx,
      sql`select id, team_id, entity from records where id in ${missingRefs}`,
    );
    for (const row of found) references.set(row.id, { id: row.id, teamId: row.team_id, entity: row.entity });
  }
  return { appliedBefore, rows, references };
}

export async function applyPush(db: Database, options: ApplyPushOptions): Promise<PushOutcome> {
  const { actor, mutations, nowMs } = options;
  const prechecked = precheckMutations(mutations, options.clientId, nowMs);
  const mutationIds = [...new Set(mutations.map((mutation) => mutation.id))];
  const recordIds = [...new Set(mutations.map((mutation) => mutation.recordId))];
  const refIds = [...new Set(prechecked.flatMap((item) => (item.patch ? referencedIds(item.patch) : [])))];

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const seqBefore = await lockTeam(tx, actor.teamId);
        const state = await loadState(tx, actor.teamId, mutationIds, recordIds, refIds);
        const outcome = evaluateBatch({ actor, clientId: options.clientId, mutations, nowMs, ...state }, prechecked);
        if (outcome.rejections.length) throw new BatchRejected(outcome.rejections);

        let seq = seqBefore;
        if (outcome.dirty.length) {
          const values = outcome.dirty.map((row) => ({
            id: row.id,
            teamId: row.teamId,
            entity: row.entity,
            seq: ++seq,
            data: row.data,
            authorId: row.authorId,
            privateTo: row.privateTo,
            wasShared: row.wasShared,
            writers: row.writers,
          }));
          const written = await tx
            .insert(records)
            .values(values)
            .onConflictDoUpdate({
              target: records.id,
              set: {
                seq: sql`excluded.seq`,
                data: sql`excluded.data`,
                authorId: sql`excluded.author_id`,
                privateTo: sql`excluded.private_to`,
                wasShared: sql`excluded.was_shared`,
                writers: sql`excluded.writers`,
              },
              // Never overwrite another team's record, even one created after our read.
              setWhere: sql`${records.teamId} = excluded.team_id and ${records.entity} = excluded.entity`,
            })
            .returning({ id: records.id });
          if (written.length !== values.length) throw new RetryTransaction();
          await tx.execute(sql`update teams set seq = ${seq} where id = ${actor.teamId}`);
          // Delivered only if and when this transaction commits, in commit order.
          await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({ team: actor.teamId, seq })})`);
        }
        if (outcome.applied.length) {
          await tx.insert(appliedMutations).values(
            outcome.applied.map((item) => ({
              teamId: actor.teamId,
              mutationId: item.mutationId,
              repId: actor.repId,
              recordId: item.recordId,
              lostFields: item.lostFields,
              lostTo: item.lostTo,
              appliedAt: nowMs,
            })),
          );
        }
        return { ok: true as const, results: outcome.results, seq };
      });
    } catch (error) {
      if (error instanceof BatchRejected) return { ok: false, rejected: error.rejected };
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}
