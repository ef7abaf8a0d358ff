import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_PUSH_BODY_BYTES, MAX_REJECTIONS_LISTED, pushRequestSchema, type PushResponse } from '../../lib/schemas';
import type { ServerDatabase } from '../db/connect';
import type { AppEnv } from '../http/auth';
import { ApiFailure, describeZodError } from '../http/errors';
import { requireJsonBody } from '../http/protocol';
import { applyPush } from '../sync/apply-push';

export function pushRoutes(database: ServerDatabase, now: () => number) {
  return new Hono<AppEnv>().post(
    '/push',
    bodyLimit({
      maxSize: MAX_PUSH_BODY_BYTES,
      onError: (c) => {
        const failure = new ApiFailure(413, 'payload_too_large', `The push body is larger than ${MAX_PUSH_BODY_BYTES / 1024 / 1024} MiB.`, {
          where: 'body',
          fix: 'Send fewer mutations per push; the Sidenote client splits batches by size on its own.',
        });
        return c.json(failure.toBody(), failure.status);
      },
    }),
    requireJsonBody(),
    zValidator('json', pushRequestSchema, (result) => {
      if (!result.success) {
        const { message, where, issues } = describeZodError(result.error, 'body');
        throw new ApiFailure(400, 'bad_request', `The push is malformed: ${message}`, {
          where,
          fix: 'Send { protocolVersion, clientId, mutations: [{ id, entity, recordId, patch, hlc }] } with no other fields.',
          details: { issues },
        });
      }
    }),
    async (c) => {
      const request = c.req.valid('json');
      const { team, rep } = c.get('auth');
      const outcome = await applyPush(database.db, {
        actor: { teamId: team.id, repId: rep.id, role: 'rep' },
        clientId: request.clientId,
        mutations: request.mutations,
        nowMs: now(),
      });
      if (!outcome.ok) {
        const count = outcome.rejected.length;
        const listed = outcome.rejected.slice(0, MAX_REJECTIONS_LISTED);
        // However large the push, the refusal stays small: the client sets the listed ones
        // aside and sends the rest again, which brings the next ones to light.
        const more = count > listed.length ? ` The first ${listed.length} are listed.` : '';
        throw new ApiFailure(
          422,
          'mutation_rejected',
          `${count} of the ${request.mutations.length} changes in this push ${count === 1 ? 'was' : 'were'} refused, so nothing in it was saved.${more}`,
          {
            where: 'body.mutations',
            fix: 'Set the refused changes aside (permanent ones will never apply) and push the others again.',
            rejected: listed,
            details: { refused: count, listed: listed.length },
          },
        );
      }
      database.noteWrites(outcome.rowsWritten);
      const body: PushResponse = { results: outcome.results };
      return c.json(body);
    },
  );
}
