import { sql } from 'drizzle-orm';
import type { EntityName } from '../../lib/schemas';
import { queryRows, type Database } from '../db/connect';

/**
 * Reads a page of a team's changes after a cursor. The cursor is the last sequence number
 * the client has; pushes take numbers under the team lock in commit order, so every row
 * with a number at or below the team's committed sequence is already visible here.
 */

export class BadCursorError extends Error {}

/** The cursor is older than a deletion compaction removed: the browser must pull from the start. */
export class ResyncRequiredError extends Error {}

/** Roughly the most record text one pull page carries. */
export const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;

export interface ChangesPage {
  /** The response body, built from the stored JSON text so 1000 records are not re-serialised. */
  json: string;
  count: number;
}

const CURSOR_PATTERN = /^(0|[1-9]\d{0,15})$/;

export function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!CURSOR_PATTERN.test(cursor)) throw new BadCursorError(`"${cursor.slice(0, 40)}" is not a cursor this server issued`);
  return Number(cursor);
}

interface ChangeRow {
  entity: EntityName;
  id: string;
  seq: string | number;
  hidden: boolean;
  data: string;
}

export async function readChanges(db: Database, options: { teamId: string; repId: string; after: number; limit: number }): Promise<ChangesPage> {
  const { teamId, repId, after, limit } = options;
  // Read the committed sequence before the rows: every row numbered at or below it is
  // already committed, so it is safe to hand it out as the cursor when nothing else follows.
  const [team] = await queryRows<{ seq: string | number }>(db, sql`select seq from teams where id = ${teamId}`);
  const teamSeq = Number(team?.seq ?? 0);
  if (after > teamSeq) throw new BadCursorError(`cursor ${after} is ahead of this team's history (${teamSeq})`);

  // Records private to a teammate are skipped, except those teammates once saw: those come
  // as a removal (record null) so every other copy is dropped.
  const rows = await queryRows<ChangeRow>(
    db,
    sql`select entity, id, seq, (private_to is not null and private_to <> ${repId}) as hidden, data::text as data
        from records
        where team_id = ${teamId} and seq > ${after}
          and (private_to is null or private_to = ${repId} or was_shared)
        order by seq
        limit ${limit + 1}`,
  );
  // Read after the rows: a compaction that removed a tombstone above the cursor before the
  // rows were read has committed its purged_seq by now, so the deletion cannot slip past.
  if (after > 0) {
    const [purged] = await queryRows<{ purged_seq: string | number }>(db, sql`select purged_seq from teams where id = ${teamId}`);
    const purgedSeq = Number(purged?.purged_seq ?? 0);
    if (after < purgedSeq) throw new ResyncRequiredError(`deletions after ${after} (up to ${purgedSeq}) are no longer kept`);
  }
  let hasMore = rows.length > limit;
  let page = hasMore ? rows.slice(0, limit) : rows;
  // A page of long notes could run to hundreds of megabytes: cut it by size too (keeping at
  // least one row, so the cursor always moves), and let the client ask for the rest.
  let bytes = 0;
  for (let index = 0; index < page.length; index++) {
    bytes += Buffer.byteLength(page[index]!.data);
    if (index > 0 && bytes > MAX_PULL_PAGE_BYTES) {
      page = page.slice(0, index);
      hasMore = true;
      break;
    }
  }
  const lastSeq = page.length ? Number(page[page.length - 1]!.seq) : after;
  const cursor = hasMore ? lastSeq : Math.max(lastSeq, teamSeq);
  const changes = page.map(
    (row) => `{"entity":${JSON.stringify(row.entity)},"id":"${row.id}","seq":${Number(row.seq)},"record":${row.hidden ? 'null' : row.data}}`,
  );
  return { json: `{"changes":[${changes.join(',')}],"cursor":"${cursor}","hasMore":${hasMore}}`, count: page.length };
}

export async function readTeamSeq(db: Database, teamId: string): Promise<number> {
  const [team] = await queryRows<{ seq: string | number }>(db, sql`select seq from teams where id = ${teamId}`);
  return Number(team?.seq ?? 0);
}
