import { zValidator } from '@hono/zod-validator';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { fetchRecordsRequestSchema, type EntityName } from '../../lib/schemas';
import { queryRows, type Database } from '../db/connect';
import type { AppEnv } from '../http/auth';
import { ApiFailure, describeZodError } from '../http/errors';
import { requireJsonBody } from '../http/protocol';

/**
 * The current copy of a few records the rep may see. Ids of other teams, of teammates'
 * private records and ids that do not exist all answer the same `record: null`.
 */
export function recordRoutes(db: Database) {
  return new Hono<AppEnv>().post(
    '/records',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => {
        const failure = new ApiFailure(413, 'payload_too_large', 'The request body is larger than 64 KiB.', { where: 'body', fix: 'Ask for at most 100 ids at a time.' });
        return c.json(failure.toBody(), failure.status);
      },
    }),
    requireJsonBody(),
    zValidator('json', fetchRecordsRequestSchema, (result) => {
      if (!result.success) {
        const { message, where, issues } = describeZodError(result.error, 'body');
        throw new ApiFailure(400, 'bad_request', `The request is malformed: ${message}`, {
          where,
          fix: 'Send { ids: [...] } with 1 to 100 record ids.',
          details: { issues },
        });
      }
    }),
    async (c) => {
      const { ids } = c.req.valid('json');
      const { team, rep } = c.get('auth');
      const unique = [...new Set(ids)];
      const rows = await queryRows<{ id: string; entity: EntityName; data: string }>(
        db,
        sql`select id, entity, data::text as data from records
            where id in ${unique} and team_id = ${team.id} and (private_to is null or private_to = ${rep.id})`,
      );
      const found = new Map(rows.map((row) => [row.id, row]));
      const records = unique.map((id) => {
        const row = found.get(id);
        return row ? `{"id":"${id}","entity":${JSON.stringify(row.entity)},"record":${row.data}}` : `{"id":"${id}","entity":null,"record":null}`;
      });
      return c.body(`{"records":[${records.join(',')}]}`, 200, { 'content-type': 'application/json; charset=UTF-8' });
    },
  );
}
