import { sql } from 'drizzle-orm';
import type { EntityName, Mutation, MutationRejection, MutationResult } from '../../lib/schemas';
import type { StoredRecord } from '../../lib/sync/merge';
import { CHANGES_CHANNEL, queryRows, type Database, type Transaction } from '../db/connect';
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
  | { ok: true; results: MutationResult[]; seq: number; rowsWritten: number }
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

/** Ids as one JSON parameter: a 500-id batch is one bind value, not 500. */
function jsonIds(ids: readonly string[]) {
  return sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}

async function loadState(tx: Transaction, teamId: string, mutationIds: string[], recordIds: string[], refIds: string[]) {
  const appliedBefore = new Map<string, AppliedBefore>();
  const found = await queryRows<{ mutation_id: string; lost_fields: string[]; lost_to: string | null }>(
    tx,
    sql`select mutation_id, lost_fields, lost_to from applied_mutations where team_id = ${teamId} and mutation_id in ${jsonIds(mutationIds)}`,
  );
  for (const row of found) appliedBefore.set(row.mutation_id, { lostFields: row.lost_fields, lostTo: row.lost_to });

  const rows = new Map<string, RecordRow>();
  const references = new Map<string, ReferenceRow>();
  const written = new Set(recordIds);
  const missingRefs = refIds.filter((id) => !written.has(id));
  if (recordIds.length || missingRefs.length) {
    // One read for both: full rows of the records written, and team and kind of those referenced.
    const stored = await queryRows<StoredRowShape & { referenced_only: boolean }>(
      tx,
      sql`select id, team_id, entity, author_id, private_to, was_shared,
                 case when id in ${jsonIds(recordIds)} then data end as data,
                 case when id in ${jsonIds(recordIds)} then writers end as writers,
                 id not in ${jsonIds(recordIds)} as referenced_only
          from records where id in ${jsonIds([...recordIds, ...missingRefs])}`,
    );
    for (const row of stored) {
      if (row.referenced_only) {
        references.set(row.id, { id: row.id, teamId: row.team_id, entity: row.entity });
        continue;
      }
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
  // Written records that do not exist may have been purged (compaction): a late write to one loses to its deletion.
  const purged = new Map<string, string>();
  const missing = recordIds.filter((id) => !rows.has(id));
  if (missing.length) {
    const found = await queryRows<{ id: string; team_id: string }>(tx, sql`select id, team_id from purged_records where id in ${jsonIds(missing)}`);
    for (const row of found) purged.set(row.id, row.team_id);
  }
  return { appliedBefore, rows, references, purged };
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
            team_id: row.teamId,
            entity: row.entity,
            seq: ++seq,
            data: row.data,
            author_id: row.authorId,
            private_to: row.privateTo,
            was_shared: row.wasShared,
            writers: row.writers,
            deleted: row.data.deletedAt !== null && row.data.deletedAt !== undefined,
            changed_at: nowMs,
          }));
          // The whole batch as one JSON parameter: building and binding thousands of
          // parameters cost more than the database's work in profiles.
          const written = await queryRows<{ id: string }>(
            tx,
            sql`insert into records (id, team_id, entity, seq, data, author_id, private_to, was_shared, writers, deleted, changed_at)
                select id, team_id, entity, seq, data, author_id, private_to, was_shared, writers, deleted, changed_at
                from json_to_recordset(${JSON.stringify(values)}::json)
                  as x(id uuid, team_id text, entity text, seq bigint, data json, author_id text, private_to text, was_shared boolean, writers jsonb, deleted boolean, changed_at bigint)
                on conflict (id) do update set
                  seq = excluded.seq, data = excluded.data, author_id = excluded.author_id,
                  private_to = excluded.private_to, was_shared = excluded.was_shared, writers = excluded.writers,
                  deleted = excluded.deleted, changed_at = excluded.changed_at
                -- Never overwrite another team's record, even one created after our read.
                where records.team_id = excluded.team_id and records.entity = excluded.entity
                returning id`,
          );
          if (written.length !== values.length) throw new RetryTransaction();
          // Delivered only if and when this transaction commits, in commit order.
          await tx.execute(
            sql`with advanced as (update teams set seq = ${seq} where id = ${actor.teamId} returning id)
                select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({ team: actor.teamId, seq })}) from advanced`,
          );
        }
        if (outcome.applied.length) {
          const applied = outcome.applied.map((item) => ({
            team_id: actor.teamId,
            mutation_id: item.mutationId,
            rep_id: actor.repId,
            record_id: item.recordId,
            lost_fields: item.lostFields,
            lost_to: item.lostTo,
            applied_at: nowMs,
          }));
          await tx.execute(
            sql`insert into applied_mutations (team_id, mutation_id, rep_id, record_id, lost_fields, lost_to, applied_at)
                select team_id, mutation_id, rep_id, record_id, lost_fields, lost_to, applied_at
                from json_to_recordset(${JSON.stringify(applied)}::json)
                  as x(team_id text, mutation_id uuid, rep_id text, record_id uuid, lost_fields jsonb, lost_to text, applied_at bigint)`,
          );
        }
        return { ok: true as const, results: outcome.results, seq, rowsWritten: outcome.dirty.length + outcome.applied.length };
      });
    } catch (error) {
      if (error instanceof BatchRejected) return { ok: false, rejected: error.rejected };
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}
