import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ServerDatabase } from '../db/connect';
import type { AppEnv } from '../http/auth';
import { ApiFailure } from '../http/errors';
import { SERVER_VERSION } from '../version';

/** Liveness and readiness in one: the answer is only ok when the database answers too. */
export function healthRoutes(database: ServerDatabase) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    try {
      await database.db.execute(sql`select 1`);
    } catch (error) {
      throw new ApiFailure(503, 'internal', 'The server is up but cannot reach its database.', {
        fix: 'Check that the database is running and reachable, then retry.',
        details: { database: database.kind, reason: error instanceof Error ? error.message : String(error) },
      });
    }
    return c.json({ ok: true as const, version: SERVER_VERSION, database: database.kind });
  });
}
