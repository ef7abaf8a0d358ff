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

/** `<seq>` or `<seq>.<purge generation>`: the generation the cursor was handed out under. */
const CURSOR_PATTERN = /^(0|[1-9]\d{0,15})(?:\.([1-9]\d{0,15}))?$/;

export interface Cursor {
  after: number;
  generation: number;
}

export function parseCursor(cursor: string | undefined): Cursor {
  if (cursor === undefined || cursor === '') return { after: 0, generation: 0 };
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) throw new BadCursorError(`"${cursor.slice(0, 40)}" is not a cursor this server issued`);
  return { after: Number(match[1]), generation: Number(match[2] ?? 0) };
}

interface ChangeRow {
  entity: EntityName;
  id: string;
  seq: string | number;
  hidden: boolean;
  data: string;
}

export async function readChanges(db: Database, options: { teamId: string; repId: string; cursor: Cursor; limit: number }): Promise<ChangesPage> {
  const { teamId, repId, limit } = options;
  const { after } = options.cursor;
  // Read the committed sequence before the rows: every row numbered at or below it is
  // already committed, so it is safe to hand it out as the cursor when nothing else follows.
  const [team] = await queryRows<{ seq: string | number; purge_generation: string | number }>(db, sql`select seq, purge_generation from teams where id = ${teamId}`);
  const teamSeq = Number(team?.seq ?? 0);
  if (after > teamSeq) throw new BadCursorError(`cursor ${after} is ahead of this team's history (${teamSeq})`);
  if (options.cursor.generation > Number(team?.purge_generation ?? 0)) throw new BadCursorError(`cursor ${after}.${options.cursor.generation} was not issued by this server`);

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
  // rows were read has committed by now, so the deletion cannot slip past. A compaction since
  // the cursor was handed out (a newer generation) that removed deletions above it may have
  // removed one of a record this browser holds: it must pull from the start. A pull from the
  // start that began after that compaction never received those records, so it goes on.
  const [purge] = await queryRows<{ purged_seq: string | number; purge_generation: string | number }>(
    db,
    sql`select purged_seq, purge_generation from teams where id = ${teamId}`,
  );
  const purgedSeq = Number(purge?.purged_seq ?? 0);
  const generation = Number(purge?.purge_generation ?? 0);
  if (after > 0 && generation > options.cursor.generation && purgedSeq > after) {
    throw new ResyncRequiredError(`deletions after ${after} (up to ${purgedSeq}) are no longer kept`);
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
  const handedOut = generation > 0 ? `${cursor}.${generation}` : `${cursor}`;
  return { json: `{"changes":[${changes.join(',')}],"cursor":"${handedOut}","hasMore":${hasMore}}`, count: page.length };
}

export async function readTeamSeq(db: Database, teamId: string): Promise<number> {
  const [team] = await queryRows<{ seq: string | number }>(db, sql`select seq from teams where id = ${teamId}`);
  return Number(team?.seq ?? 0);
}
