import { and, eq, isNull, like, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { idSchema, playbookFieldsSchema, type Mutation } from '../../lib/schemas';
import { nextHlc } from '../../lib/sync/hlc';
import { issueToken } from '../auth/tokens';
import { queryRows, type Database } from '../db/connect';
import { records, reps, teams, tokens } from '../db/schema';
import { applyPush } from '../sync/apply-push';

/**
 * What the CLI does, as plain functions over the database so tests can use them too.
 * Errors are `AdminError`s whose message says what to do.
 */

export class AdminError extends Error {
  override name = 'AdminError';
}

/** Node id of writes the server makes itself (the CLI), for the HLC tie-break. */
export const SERVER_NODE_ID = 'server';
export const SERVER_ACTOR_ID = 'server';

export interface Team {
  id: string;
  name: string;
}

export async function createTeam(db: Database, name: string, nowMs = Date.now()): Promise<Team> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw new AdminError('A team needs a name of 1 to 200 characters.');
  const team = { id: uuidv7(), name: trimmed };
  await db.insert(teams).values({ ...team, seq: 0, createdAt: nowMs });
  return team;
}

export async function listTeams(db: Database): Promise<Array<Team & { reps: number }>> {
  return queryRows(db, sql`select t.id, t.name, (select count(*)::int from reps r where r.team_id = t.id) as reps from teams t order by t.created_at`);
}

async function requireTeam(db: Database, teamId: string): Promise<Team> {
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw new AdminError(`No team with id ${teamId}. List teams with: sidenote-server team list`);
  return team;
}

export interface NewRep {
  rep: { id: string; teamId: string; name: string; email: string | null };
  tokenId: string;
  /** Printed once; only its hash is stored. */
  token: string;
}

export async function addRep(db: Database, input: { teamId: string; name: string; email?: string | null }, nowMs = Date.now()): Promise<NewRep> {
  await requireTeam(db, input.teamId);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AdminError('A rep needs a name of 1 to 200 characters.');
  const email = input.email?.trim().toLowerCase() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AdminError(`"${email}" is not an email address.`);
  const rep = { id: uuidv7(), teamId: input.teamId, name, email };
  const issued = issueToken();
  await db.transaction(async (tx) => {
    await tx.insert(reps).values({ ...rep, createdAt: nowMs });
    await tx.insert(tokens).values({ id: issued.id, repId: rep.id, teamId: rep.teamId, secretHash: issued.secretHash, createdAt: nowMs });
  });
  return { rep, tokenId: issued.id, token: issued.token };
}

/** A further token for an existing rep (a second browser, or after a revocation). */
export async function createToken(db: Database, repId: string, nowMs = Date.now()): Promise<{ tokenId: string; token: string }> {
  const [rep] = await db.select({ id: reps.id, teamId: reps.teamId }).from(reps).where(eq(reps.id, repId));
  if (!rep) throw new AdminError(`No rep with id ${repId}.`);
  const issued = issueToken();
  await db.insert(tokens).values({ id: issued.id, repId: rep.id, teamId: rep.teamId, secretHash: issued.secretHash, createdAt: nowMs });
  return { tokenId: issued.id, token: issued.token };
}

/** Accepts a token id, a unique prefix of one, or a whole token (`snt_<id>_...`). */
export async function revokeToken(db: Database, idOrPrefix: string, nowMs = Date.now()): Promise<{ tokenId: string; repName: string }> {
  const needle = (/^snt_([a-z0-9]+)/.exec(idOrPrefix)?.[1] ?? idOrPrefix).trim().toLowerCase();
  if (!/^[a-z0-9]{4,12}$/.test(needle)) throw new AdminError('Give at least the first 4 characters of the token id (see: token list --team <id>).');
  const matches = await db
    .select({ id: tokens.id, repName: reps.name, revokedAt: tokens.revokedAt })
    .from(tokens)
    .innerJoin(reps, eq(reps.id, tokens.repId))
    .where(like(tokens.id, `${needle}%`));
  if (matches.length === 0) throw new AdminError(`No token id starts with "${needle}".`);
  if (matches.length > 1) throw new AdminError(`"${needle}" matches ${matches.length} tokens; give more characters.`);
  const [match] = matches;
  await db.update(tokens).set({ revokedAt: nowMs }).where(and(eq(tokens.id, match!.id), isNull(tokens.revokedAt)));
  return { tokenId: match!.id, repName: match!.repName };
}

export interface TokenListing {
  tokenId: string;
  repId: string;
  repName: string;
  repEmail: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export async function listTokens(db: Database, teamId: string): Promise<TokenListing[]> {
  await requireTeam(db, teamId);
  return db
    .select({
      tokenId: tokens.id,
      repId: reps.id,
      repName: reps.name,
      repEmail: reps.email,
      createdAt: tokens.createdAt,
      revokedAt: tokens.revokedAt,
    })
    .from(tokens)
    .innerJoin(reps, eq(reps.id, tokens.repId))
    .where(eq(tokens.teamId, teamId))
    .orderBy(reps.name, tokens.createdAt);
}

/**
 * Writes the team's playbook as a `playbook` record through the same path a rep's push
 * takes (validation, merge, sequence, live event), so it reaches every rep on next sync.
 * The file holds the playbook fields (optionally `vocabulary`: the team's competitor and product
 * names for the fact extractor), optionally with the `id` of the record to replace.
 */
export async function setPlaybook(db: Database, teamId: string, input: unknown, nowMs = Date.now()): Promise<{ playbookId: string; seq: number }> {
  await requireTeam(db, teamId);
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new AdminError('The playbook file must hold a JSON object with name and stages.');
  const { id: givenId, ...fields } = input as Record<string, unknown>;
  const parsed = playbookFieldsSchema.omit({ deletedAt: true }).safeParse(fields);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AdminError(`The playbook is not valid at ${first?.path.join('.') || 'top level'}: ${first?.message ?? 'invalid'}`);
  }
  let playbookId: string;
  if (givenId !== undefined) {
    const id = idSchema.safeParse(givenId);
    if (!id.success) throw new AdminError(`The playbook's "id" must be a UUID (or leave it out to replace the team's current playbook), not ${JSON.stringify(givenId)}.`);
    playbookId = id.data;
  } else {
    // One playbook per team unless the file names another: replace the team's current one.
    const existing = await queryRows<{ id: string }>(
      db,
      sql`select id from ${records} where team_id = ${teamId} and entity = 'playbook' and data->>'deletedAt' is null order by seq desc limit 1`,
    );
    playbookId = existing[0]?.id ?? uuidv7();
  }
  const [current] = await queryRows<{ stamp: string | null }>(
    db,
    sql`select (select max(value) from json_each_text(data->'clock')) as stamp from ${records} where id = ${playbookId}`,
  );
  const mutation: Mutation = {
    id: uuidv7(),
    entity: 'playbook',
    recordId: playbookId,
    // The file replaces the whole playbook: lists it leaves out are emptied, not kept from before.
    patch: { ...parsed.data, vocabulary: parsed.data.vocabulary ?? { competitors: [], products: [] }, deletedAt: null },
    hlc: nextHlc(current?.stamp ?? null, nowMs, SERVER_NODE_ID),
  };
  const outcome = await applyPush(db, { actor: { teamId, repId: SERVER_ACTOR_ID, role: 'admin' }, clientId: SERVER_NODE_ID, mutations: [mutation], nowMs });
  if (!outcome.ok) throw new AdminError(`The playbook was refused: ${outcome.rejected.map((item) => item.message).join('; ')}`);
  return { playbookId, seq: outcome.seq };
}
