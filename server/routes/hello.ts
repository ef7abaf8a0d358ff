import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { SYNC_PROTOCOL_VERSION, type HelloResponse } from '../../lib/schemas';
import type { Database } from '../db/connect';
import { reps } from '../db/schema';
import type { AppEnv } from '../http/auth';
import { SERVER_VERSION } from '../version';

/** Who am I talking to: what the options page's "test connection" and the sync engine check first. */
export function helloRoutes(db: Database) {
  return new Hono<AppEnv>().get('/hello', async (c) => {
    const { team, rep } = c.get('auth');
    const teamReps = await db
      .select({ id: reps.id, name: reps.name, email: reps.email })
      .from(reps)
      .where(eq(reps.teamId, team.id))
      .orderBy(reps.name);
    const body: HelloResponse = { protocolVersion: SYNC_PROTOCOL_VERSION, serverVersion: SERVER_VERSION, team, rep, reps: teamReps };
    return c.json(body);
  });
}
