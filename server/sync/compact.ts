import { sql } from 'drizzle-orm';
import { queryRows, type ServerDatabase } from '../db/connect';

/**
 * Retention: what the server keeps only for a while, and the job that drops it.
 *
 * - Applied mutation ids older than the horizon are deleted. They make a retried push a
 *   `duplicate`; a push retried after months re-applies instead, which changes no data (the
 *   merge is idempotent: the same stamps win the same fields), at worst a late conflict notice.
 * - Tombstones (deleted records) not changed for longer than the horizon are deleted, and
 *   their ids kept in `purged_records` (an id and a team, no data). The team's `purged_seq`
 *   rises to the highest sequence number removed and its `purge_generation` by one; a browser
 *   whose cursor is below that sequence and older than that generation is told to pull from
 *   the start (410 `resync_required`): it may hold a record whose deletion it never saw.
 *   A late write to a purged id loses to the deletion instead of recreating the record.
 *
 * Horizons are measured on the server's clock (`applied_at`, `changed_at`), never a client's.
 */

export const DEFAULT_RETENTION_DAYS = 180;
export const DAY_MS = 24 * 60 * 60_000;
/** Rows deleted per statement: each batch is a short transaction, so pushes never wait long. */
const DEFAULT_BATCH_ROWS = 10_000;

export interface CompactOptions {
  retentionDays: number;
  nowMs?: number;
  batchRows?: number;
}

export interface CompactionReport {
  horizonMs: number;
  mutationIdsDeleted: number;
  tombstonesPurged: number;
  teamsResynced: number;
}

export async function compact(database: ServerDatabase, options: CompactOptions): Promise<CompactionReport> {
  const { db } = database;
  if (!(options.retentionDays >= 1)) throw new Error('The retention must be at least 1 day.');
  const nowMs = options.nowMs ?? Date.now();
  const horizonMs = nowMs - options.retentionDays * DAY_MS;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;

  let mutationIdsDeleted = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from applied_mutations where (team_id, mutation_id) in (
              select team_id, mutation_id from applied_mutations where applied_at < ${horizonMs} limit ${batchRows})
            returning 1)
          select count(*)::int as n from gone`,
    );
    const deleted = Number(row?.n ?? 0);
    mutationIdsDeleted += deleted;
    database.noteWrites(deleted);
    if (deleted < batchRows) break;
  }

  let tombstonesPurged = 0;
  const teams = await queryRows<{ team_id: string }>(db, sql`select distinct team_id from records where deleted and changed_at < ${horizonMs}`);
  for (const { team_id: teamId } of teams) {
    for (;;) {
      // Under the team's lock, like a push: the purge and the team's purged_seq commit together.
      const deleted = await db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from teams where id = ${teamId} for update`);
        const [row] = await queryRows<{ n: number }>(
          tx,
          sql`with gone as (
                delete from records where id in (
                  select id from records where team_id = ${teamId} and deleted and changed_at < ${horizonMs} limit ${batchRows})
                returning id, seq),
              marked as (
                insert into purged_records (id, team_id, purged_at) select id, ${teamId}, ${nowMs} from gone on conflict (id) do nothing),
              raised as (
                update teams set purged_seq = greatest(purged_seq, (select coalesce(max(seq), 0) from gone)),
                                 purge_generation = purge_generation + (case when exists (select 1 from gone) then 1 else 0 end)
                where id = ${teamId})
              select count(*)::int as n from gone`,
        );
        return Number(row?.n ?? 0);
      });
      tombstonesPurged += deleted;
      database.noteWrites(deleted * 2);
      if (deleted < batchRows) break;
    }
  }
  return { horizonMs, mutationIdsDeleted, tombstonesPurged, teamsResynced: teams.length };
}
