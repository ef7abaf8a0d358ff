import { sql } from 'drizzle-orm';
import { bigint, boolean, index, json, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The server's tables. Times are epoch milliseconds (bigint) like everywhere else in
 * Sidenote; ids are UUIDv7 strings. One schema serves embedded PGlite and PostgreSQL.
 */

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /**
   * The team's change sequence. A push locks this row, so pushes of one team commit one at
   * a time in the order of the numbers they take: a pull cursor can never skip a late commit.
   */
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  /**
   * The highest sequence number of a tombstone compaction removed. A browser whose cursor is
   * below it may have missed a deletion, so its pull is answered 410 `resync_required`.
   */
  purgedSeq: bigint('purged_seq', { mode: 'number' }).notNull().default(0),
  /**
   * How many compactions removed tombstones of this team. Cursors carry the generation they
   * were handed out under, so a pull from the start that began after a compaction is not sent
   * back to the start, and one that a compaction overtook is.
   */
  purgeGeneration: bigint('purge_generation', { mode: 'number' }).notNull().default(0),
});

export const reps = pgTable(
  'reps',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    name: text('name').notNull(),
    email: text('email'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (table) => [index('reps_team_idx').on(table.teamId)],
);

/** API tokens. Only a SHA-256 of the secret half is kept; the id half is public. */
export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    repId: text('rep_id')
      .notNull()
      .references(() => reps.id),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    secretHash: text('secret_hash').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (table) => [index('tokens_team_idx').on(table.teamId)],
);

/**
 * Per-token rate limit state (GCRA: the theoretical arrival time of the next request).
 * It lives in the database so the limit holds across every server process.
 */
export const rateLimits = pgTable('rate_limits', {
  tokenId: text('token_id')
    .primaryKey()
    .references(() => tokens.id),
  tatMs: bigint('tat_ms', { mode: 'number' }).notNull(),
});

/**
 * Every synced record of every team. Ids are unique across teams so that a record id sent
 * by the wrong team is found and refused instead of silently creating a twin.
 */
export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    entity: text('entity').notNull(),
    /** The team sequence number of the last change; pull reads records in this order. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /**
     * The whole record as clients see it (fields, tombstone, clock). `json`, not `jsonb`: the
     * server never queries inside it, and handing out stored text is several times cheaper
     * than re-serialising jsonb on every pull.
     */
    data: json('data').notNull(),
    /** For author-owned entities; only this rep may change the record. */
    authorId: text('author_id'),
    /** Set when only this rep may read the record (private note, suggestion state). */
    privateTo: text('private_to'),
    /** Teammates have seen this record, so hiding it later must reach them as a removal. */
    wasShared: boolean('was_shared').notNull(),
    /** Node id of each stamp in `data.clock` to the rep who wrote with it, to tell a rep who won a conflict. */
    writers: jsonb('writers').notNull().default(sql`'{}'::jsonb`),
    /** The record is a tombstone (`deletedAt` set); compaction removes old ones. */
    deleted: boolean('deleted').notNull().default(false),
    /** Server time of the last change, for the retention horizon (not the clients' clocks). */
    changedAt: bigint('changed_at', { mode: 'number' }).notNull().default(0),
  },
  (table) => [
    uniqueIndex('records_team_seq_idx').on(table.teamId, table.seq),
    index('records_tombstones_idx').on(table.changedAt).where(sql`${table.deleted}`),
  ],
);

/**
 * Records whose tombstone compaction removed: only the id is kept, so a long-offline
 * browser's late write to one is answered as lost to the deletion instead of recreating it.
 */
export const purgedRecords = pgTable('purged_records', {
  id: uuid('id').primaryKey(),
  teamId: text('team_id')
    .notNull()
    .references(() => teams.id),
  purgedAt: bigint('purged_at', { mode: 'number' }).notNull(),
});

/** Mutation ids already applied, so a retried or replayed push has no second effect. */
export const appliedMutations = pgTable(
  'applied_mutations',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    mutationId: uuid('mutation_id').notNull(),
    repId: text('rep_id').notNull(),
    recordId: uuid('record_id').notNull(),
    lostFields: jsonb('lost_fields').$type<string[]>().notNull(),
    lostTo: text('lost_to'),
    appliedAt: bigint('applied_at', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.mutationId] }), index('applied_mutations_applied_at_idx').on(table.appliedAt)],
);

export const schema = { teams, reps, tokens, rateLimits, records, appliedMutations, purgedRecords };
