import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import * as z from 'zod';
import { DEFAULT_PULL_PAGE_SIZE, MAX_PULL_PAGE_SIZE } from '../../lib/schemas';
import type { Database } from '../db/connect';
import type { AppEnv } from '../http/auth';
import { ApiFailure, describeZodError } from '../http/errors';
import { BadCursorError, ResyncRequiredError, parseCursor, readChanges } from '../sync/read-changes';

const pullQuerySchema = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PULL_PAGE_SIZE, { message: `must be at most ${MAX_PULL_PAGE_SIZE}` }))
    .optional(),
});

export function pullRoutes(db: Database) {
  return new Hono<AppEnv>().get(
    '/pull',
    zValidator('query', pullQuerySchema, (result) => {
      if (!result.success) {
        const { message, where, issues } = describeZodError(result.error, 'query');
        throw new ApiFailure(400, 'bad_request', `The pull request is malformed: ${message}`, {
          where,
          fix: `Send ?cursor=<cursor from the last pull>&limit=<1..${MAX_PULL_PAGE_SIZE}> and nothing else.`,
          details: { issues },
        });
      }
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { team, rep } = c.get('auth');
      try {
        const cursor = parseCursor(query.cursor);
        const page = await readChanges(db, { teamId: team.id, repId: rep.id, cursor, limit: query.limit ?? DEFAULT_PULL_PAGE_SIZE });
        return c.body(page.json, 200, { 'content-type': 'application/json; charset=UTF-8' });
      } catch (error) {
        if (error instanceof ResyncRequiredError) {
          throw new ApiFailure(410, 'resync_required', `This browser was away longer than the server keeps deletions: ${error.message}.`, {
            where: 'query.cursor',
            fix: 'Pull again from the start (no cursor), after sending the changes still waiting; then drop local records the server no longer sends.',
          });
        }
        if (!(error instanceof BadCursorError)) throw error;
        throw new ApiFailure(400, 'bad_cursor', `The cursor is not valid here: ${error.message}.`, {
          where: 'query.cursor',
          fix: 'Start over without a cursor; pulling everything again is safe because merging is idempotent.',
        });
      }
    },
  );
}
