import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { DEFAULT_PULL_PAGE_SIZE, MAX_PULL_BODY_BYTES, MAX_PULL_CURSOR_LENGTH, MAX_PULL_PAGE_SIZE, pullRequestSchema } from '../../lib/schemas';
import type { Database } from '../db/connect';
import type { AppEnv } from '../http/auth';
import { ApiFailure, describeZodError } from '../http/errors';
import { requireJsonBody } from '../http/protocol';
import { BadCursorError, ResyncRequiredError, parseCursor, readChanges } from '../sync/read-changes';

/**
 * The pull as extensions before the POST pull sent it. Kept for one transition so a browser
 * that has not updated yet still syncs; remove it in the release after the POST pull ships.
 */
const legacyPullQuerySchema = z.strictObject({
  cursor: z.string().max(MAX_PULL_CURSOR_LENGTH).optional(),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PULL_PAGE_SIZE, { message: `must be at most ${MAX_PULL_PAGE_SIZE}` }))
    .optional(),
});

/** Reads one page; `where` names the request part the cursor came in (`body` or `query`), for the error. */
async function answerPull(c: Context<AppEnv>, db: Database, request: { cursor: string | undefined; limit: number }, where: 'body' | 'query') {
  const { team, rep } = c.get('auth');
  try {
    const cursor = parseCursor(request.cursor);
    const page = await readChanges(db, { teamId: team.id, repId: rep.id, cursor, limit: request.limit });
    return c.body(page.json, 200, { 'content-type': 'application/json; charset=UTF-8' });
  } catch (error) {
    if (error instanceof ResyncRequiredError) {
      throw new ApiFailure(410, 'resync_required', `This browser was away longer than the server keeps deletions: ${error.message}.`, {
        where: `${where}.cursor`,
        fix: 'Pull again from the start (no cursor), after sending the changes still waiting; then drop local records the server no longer sends.',
      });
    }
    if (!(error instanceof BadCursorError)) throw error;
    throw new ApiFailure(400, 'bad_cursor', `The cursor is not valid here: ${error.message}.`, {
      where: `${where}.cursor`,
      fix: 'Start over without a cursor; pulling everything again is safe because merging is idempotent.',
    });
  }
}

export function pullRoutes(db: Database) {
  return new Hono<AppEnv>()
    .post(
      '/pull',
      bodyLimit({
        maxSize: MAX_PULL_BODY_BYTES,
        onError: (c) => {
          const failure = new ApiFailure(413, 'payload_too_large', `The pull body is larger than ${MAX_PULL_BODY_BYTES / 1024} KiB.`, {
            where: 'body',
            fix: 'Send only { cursor, limit }.',
          });
          return c.json(failure.toBody(), failure.status);
        },
      }),
      requireJsonBody(),
      zValidator('json', pullRequestSchema, (result) => {
        if (!result.success) {
          const { message, where, issues } = describeZodError(result.error, 'body');
          throw new ApiFailure(400, 'bad_request', `The pull request is malformed: ${message}`, {
            where,
            fix: `Send { "cursor": "<cursor from the last pull, or empty>", "limit": <1..${MAX_PULL_PAGE_SIZE}> } and nothing else.`,
            details: { issues },
          });
        }
      }),
      async (c) => answerPull(c, db, c.req.valid('json'), 'body'),
    )
    .get(
      '/pull',
      zValidator('query', legacyPullQuerySchema, (result) => {
        if (!result.success) {
          const { message, where, issues } = describeZodError(result.error, 'query');
          throw new ApiFailure(400, 'bad_request', `The pull request is malformed: ${message}`, {
            where,
            fix: `Send ?cursor=<cursor from the last pull>&limit=<1..${MAX_PULL_PAGE_SIZE}> and nothing else, or update Sidenote (it pulls with POST).`,
            details: { issues },
          });
        }
      }),
      async (c) => {
        const query = c.req.valid('query');
        return answerPull(c, db, { cursor: query.cursor, limit: query.limit ?? DEFAULT_PULL_PAGE_SIZE }, 'query');
      },
    );
}
