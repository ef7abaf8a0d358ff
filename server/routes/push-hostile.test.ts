import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MAP_FIELD_KEYS, MAX_REJECTIONS_LISTED, SYNC_PROTOCOL_VERSION, type Mutation } from '../../lib/schemas';
import { setPlaybook } from '../admin/admin';
import { createApp, type SidenoteApp } from '../app';
import { queryRows } from '../db/connect';
import type { LogEntry } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { accountFields, contactFields, dealFields, mutation, noteFields, seedTeam, stampsFor, suggestionStateFields } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';

/**
 * A hostile client's pushes: ids in capitals, keys that name inherited properties, strings the
 * database cannot store, maps of thousands of keys, and the team playbook. Each must get a
 * clear 4xx naming what was wrong (never a 500), change nothing, and never answer with more
 * than it was sent.
 */

const upper = (id: string) => id.toUpperCase();

describe.each(TEST_DRIVERS)('hostile pushes on %s', (driver) => {
  let database: TestDatabase;
  let app: SidenoteApp;
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    app = createApp({ db: database, log: (entry) => logs.push(entry), rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function team(repNames?: string[], name?: string) {
    const seeded = await seedTeam(database.db, repNames, name);
    const clients = seeded.reps.map((rep, index) => apiClient(app, rep.token, `client${index}abcd`));
    return { ...seeded, clients };
  }

  async function teamSeq(teamId: string): Promise<number> {
    const [row] = await queryRows<{ seq: string }>(database.db, sql`select seq from teams where id = ${teamId}`);
    return Number(row!.seq);
  }

  describe('ids written in capitals are the same ids', () => {
    it('refuses another team re-creating an account under its id in capitals as not found, leaving it alone', async () => {
      const acme = await team();
      const globex = await team(['Bob Stone'], 'Globex');
      const accountId = uuidv7();
      await acme.clients[0]!.push([mutation('account', accountId, accountFields({ name: 'Secret Corp' }), stampsFor('client0abcd')())]);
      const hijack = mutation('account', upper(accountId), accountFields({ name: 'Hijacked' }), stampsFor('client0abcd')());
      const answer = await globex.clients[0]!.push([hijack]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected).toEqual([{ mutationId: hijack.id, code: 'not_found', message: expect.any(String), permanent: true }]);
      expect(JSON.stringify(answer.body)).not.toContain('Secret Corp');
      expect((await acme.clients[0]!.pullAll()).changes[0]!.record).toMatchObject({ name: 'Secret Corp' });
      expect((await globex.clients[0]!.pullAll()).changes).toEqual([]);
    });

    it('refuses references into another team written in capitals', async () => {
      const acme = await team();
      const globex = await team(['Bob Stone'], 'Globex');
      const accountId = uuidv7();
      const dealId = uuidv7();
      const stamp = stampsFor('client0abcd');
      await acme.clients[0]!.push([mutation('account', accountId, accountFields(), stamp()), mutation('deal', dealId, dealFields(accountId), stamp())]);
      const bob = stampsFor('client0abcd');
      const cases: Mutation[] = [
        mutation('contact', uuidv7(), contactFields({ accountId: upper(accountId) }), bob()),
        mutation('activity', uuidv7(), noteFields({ accountId: upper(accountId) }), bob()),
        mutation('activity', uuidv7(), noteFields({ dealId: upper(dealId) }), bob()),
        mutation('activity', uuidv7(), noteFields({ type: 'stage_change', stageChange: { subject: 'deal', subjectId: upper(dealId), from: 'lead', to: 'won' } }), bob()),
        mutation('suggestionState', uuidv7(), suggestionStateFields(upper(accountId)), bob()),
      ];
      for (const bad of cases) {
        const answer = await globex.clients[0]!.push([bad]);
        expect(answer.status, JSON.stringify(answer.body)).toBe(422);
        expect(answer.body.error.rejected[0]).toMatchObject({ code: 'not_found', permanent: true });
      }
    });

    it('refuses a rep re-creating a teammate\'s note, or a private one, under its id in capitals', async () => {
      const { clients: [li, ana] } = await team();
      const sharedId = uuidv7();
      const privateId = uuidv7();
      const stamp = stampsFor('client0abcd');
      await li!.push([mutation('activity', sharedId, noteFields({ body: 'mine' }), stamp()), mutation('activity', privateId, noteFields({ visibility: 'private', body: 'my own thoughts' }), stamp())]);
      const anaStamp = stampsFor('client1abcd');
      const overShared = await ana!.push([mutation('activity', upper(sharedId), noteFields({ body: 'Ana took it over' }), anaStamp())]);
      expect(overShared.body.error.rejected[0]).toMatchObject({ code: 'forbidden', permanent: true });
      const overPrivate = await ana!.push([mutation('activity', upper(privateId), noteFields({ body: 'Ana took it over' }), anaStamp())]);
      expect(overPrivate.body.error.rejected[0]).toMatchObject({ code: 'not_found', permanent: true });
      const notes = new Map((await li!.pullAll()).changes.map((change) => [change.id, change.record]));
      expect(notes.get(sharedId)).toMatchObject({ body: 'mine' });
      expect(notes.get(privateId)).toMatchObject({ body: 'my own thoughts' });
    });

    it('merges an hour-old write under an id in capitals by its clock, like any write to the record', async () => {
      const { reps, clients: [li, ana] } = await team();
      const accountId = uuidv7();
      await ana!.push([mutation('account', accountId, accountFields({ name: 'Newer name', industry: 'Retail' }), stampsFor('client1abcd', Date.now() - 60_000)())]);
      const stale = mutation('account', upper(accountId), accountFields({ name: 'Hour-old name', industry: 'Retail', sizeTier: 'growth' }), stampsFor('client0abcd', Date.now() - 60 * 60_000)());
      const answer = await li!.push([stale]);
      expect(answer.status).toBe(200);
      expect(answer.body.results[0]).toMatchObject({ status: 'applied', lostFields: expect.arrayContaining(['name', 'industry']), lostTo: reps[1]!.id });
      const { changes } = await li!.pullAll();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ id: accountId, record: { id: accountId, name: 'Newer name' } });
    });

    it('answers a retried push whose mutation id is in capitals as duplicate, in either order', async () => {
      const { team: t, clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const first = mutation('account', uuidv7(), accountFields(), stamp());
      expect((await li!.push([first])).status).toBe(200);
      const seq = await teamSeq(t.id);
      const retried = await li!.push([{ ...first, id: upper(first.id) }]);
      expect(retried.status).toBe(200);
      expect(retried.body.results[0]).toEqual({ mutationId: first.id, status: 'duplicate', lostFields: [], lostTo: null });
      const capitalFirst = mutation('account', uuidv7(), accountFields(), stamp());
      expect((await li!.push([{ ...capitalFirst, id: upper(capitalFirst.id) }])).status).toBe(200);
      expect((await li!.push([capitalFirst])).body.results[0]).toMatchObject({ status: 'duplicate' });
      expect(await teamSeq(t.id)).toBe(seq + 1);
    });

    it('treats two spellings of one id in one push as one record', async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const accountId = uuidv7();
      const answer = await li!.push([mutation('account', accountId, accountFields({ name: 'First' }), stamp()), mutation('account', upper(accountId), { name: 'Second' }, stamp())]);
      expect(answer.status).toBe(200);
      const { changes } = await li!.pullAll();
      expect(changes).toEqual([expect.objectContaining({ id: accountId, record: expect.objectContaining({ name: 'Second' }) })]);
    });

    it('fetches a record asked for by its id in capitals', async () => {
      const { clients: [li] } = await team();
      const accountId = uuidv7();
      await li!.push([mutation('account', accountId, accountFields({ name: 'Northwind' }), stampsFor('client0abcd')())]);
      const answer = await li!.post('/v1/records', { ids: [upper(accountId)] });
      expect(answer.body.records).toEqual([{ id: accountId, entity: 'account', record: expect.objectContaining({ name: 'Northwind' }) }]);
    });
  });

  describe('the team playbook is read-only to reps', () => {
    const playbookFile = { name: 'Acme way', stages: [{ stage: 'lead', goal: { en: 'Qualify', 'zh-CN': '确认' }, exitCriteria: [], keyFacts: [], nextSteps: [], cadenceDays: 7 }] };

    it('refuses a rep creating a playbook, and a rep renaming or changing the admin\'s', async () => {
      const { team: t, clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const create = mutation('playbook', uuidv7(), { ...playbookFile, deletedAt: null }, stamp());
      const created = await li!.push([create]);
      expect(created.status).toBe(422);
      expect(created.body.error.rejected).toEqual([{ mutationId: create.id, code: 'forbidden', message: expect.stringContaining('admin'), permanent: true }]);
      const { playbookId } = await setPlaybook(database.db, t.id, playbookFile);
      const before = (await li!.pullAll()).changes;
      for (const patch of [{ name: 'Renamed by a rep' }, { stages: [{ ...playbookFile.stages[0], cadenceDays: 1 }] }, { deletedAt: Date.now() }]) {
        const change = mutation('playbook', upper(playbookId), patch, stamp());
        const answer = await li!.push([change]);
        expect(answer.status).toBe(422);
        expect(answer.body.error.rejected[0]).toMatchObject({ mutationId: change.id, code: 'forbidden', permanent: true });
      }
      expect((await li!.pullAll()).changes).toEqual(before);
    });
  });

  describe('keys that name inherited properties', () => {
    it.each([
      ['constructor', '{"constructor": "x"}', 'constructor'],
      ['toString', '{"toString": "x"}', 'toString'],
      ['hasOwnProperty', '{"hasOwnProperty": "x"}', 'hasOwnProperty'],
      ['valueOf', '{"valueOf": "x"}', 'valueOf'],
      ['__proto__', '{"__proto__": {"name": "x"}}', '__proto__'],
      ['__proto__.x', '{"__proto__.x": 1}', '__proto__.x'],
      ['a valid field mixed with __proto__', '{"name": "Renamed", "__proto__": {"x": 1}}', '__proto__'],
      ['facts.constructor', '{"facts.constructor": {"value": "x", "confirmed": true}}', 'facts.constructor'],
      ['facts.toString', '{"facts.toString": null}', 'facts.toString'],
      ['facts.hasOwnProperty', '{"facts.hasOwnProperty": null}', 'facts.hasOwnProperty'],
      ['facts.valueOf', '{"facts.valueOf": null}', 'facts.valueOf'],
      ['facts.__proto__', '{"facts.__proto__": {"value": "x", "confirmed": true}}', 'facts.__proto__'],
      ['a whole facts map keyed __proto__', '{"facts": {"__proto__": {"value": "x", "confirmed": true}}}', 'facts.__proto__'],
    ])('refuses a patch key %s with a 4xx naming it, changing nothing', async (_name, patchJson, field) => {
      const { team: t, clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const accountId = uuidv7();
      await li!.push([mutation('account', accountId, accountFields({ name: 'Acme' }), stamp())]);
      const seq = await teamSeq(t.id);
      const mutationId = uuidv7();
      // Sent as raw JSON: a JavaScript object literal could not carry `__proto__` as a key.
      const body = `{"protocolVersion":${SYNC_PROTOCOL_VERSION},"clientId":"client0abcd","mutations":[{"id":"${mutationId}","entity":"account","recordId":"${accountId}","patch":${patchJson},"hlc":"${stamp()}"}]}`;
      const answer = await li!.post('/v1/push', body);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected).toEqual([{ mutationId, code: 'invalid', message: expect.stringContaining(field), permanent: true }]);
      expect(await teamSeq(t.id)).toBe(seq);
    });
  });

  describe('strings the database cannot store', () => {
    it.each([
      ['a NUL in a note', 'activity', noteFields({ body: 'Called\u0000 about the pilot' }), 'body'],
      ['a lone surrogate in a note subject', 'activity', noteFields({ subject: 'Pilot \ud83d' }), 'subject'],
      ['a NUL in a page title a note was written on', 'activity', noteFields({ source: { url: 'https://acme.example', title: 'Acme\u0000', threadSubject: null, threadId: null, provider: null } }), 'source.title'],
      ['a NUL in a fact', 'account', { ...accountFields(), 'facts.budget': { value: '200k\u0000', confirmed: true } }, 'facts.budget.value'],
      ['a lone surrogate in a key of the facts map', 'account', accountFields({ facts: { ['bud\udc00get']: { value: 'x', confirmed: true } } }), 'facts.bud\\udc00get'],
      ['a NUL in a field name', 'contact', { ...contactFields(), ['ti\u0000tle']: 'CFO' }, 'ti\\u0000tle'],
    ] as const)('refuses %s with a 4xx naming the field, and keeps serving', async (_name, entity, patch, field) => {
      const { team: t, clients: [li] } = await team();
      const bad = mutation(entity, uuidv7(), patch, stampsFor('client0abcd')());
      const answer = await li!.push([bad]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected).toEqual([{ mutationId: bad.id, code: 'invalid', message: expect.stringContaining(field), permanent: true }]);
      expect(await teamSeq(t.id)).toBe(0);
      expect((await li!.push([mutation('account', uuidv7(), accountFields(), stampsFor('client0abcd')())])).status).toBe(200);
    });
  });

  describe('cost bombs', () => {
    function factKeys(count: number): Record<string, unknown> {
      const patch: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) patch[`facts.k${i}`] = { value: 'x', confirmed: true };
      return patch;
    }

    it.each([3_000, 8_000, 60_000])('refuses one push setting %i fact keys, with an answer smaller than the push', async (keys) => {
      const { team: t, clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const accountId = uuidv7();
      await li!.push([mutation('account', accountId, accountFields(), stamp())]);
      const bomb = mutation('account', accountId, factKeys(keys), stamp());
      const requestBytes = JSON.stringify({ protocolVersion: 1, clientId: 'client0abcd', mutations: [bomb] }).length;
      const answer = await li!.push([bomb]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', message: expect.stringContaining(`${keys.toLocaleString('en')} fields`) });
      expect(JSON.stringify(answer.body).length).toBeLessThan(requestBytes);
      expect(await teamSeq(t.id)).toBe(1);
    });

    it(`applies the most fact keys a record may hold (${MAX_MAP_FIELD_KEYS}), and refuses one more across pushes`, async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const accountId = uuidv7();
      await li!.push([mutation('account', accountId, accountFields(), stamp())]);
      expect((await li!.push([mutation('account', accountId, factKeys(MAX_MAP_FIELD_KEYS), stamp())])).status).toBe(200);
      const more = await li!.push([mutation('account', accountId, { 'facts.oneMore': { value: 'x', confirmed: true } }, stamp())]);
      expect(more.status).toBe(422);
      expect(more.body.error.rejected[0].message).toContain(`at most ${MAX_MAP_FIELD_KEYS}`);
    });

    it(`lists at most ${MAX_REJECTIONS_LISTED} refused changes of a large bad push, says how many, and answers with less than it was sent`, async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const mutations = Array.from({ length: 500 }, () => {
        const patch: Record<string, unknown> = {};
        for (let i = 0; i < 200; i++) patch[`f${i}`] = 1;
        return mutation('account', uuidv7(), patch, stamp());
      });
      const requestBytes = JSON.stringify({ protocolVersion: 1, clientId: 'client0abcd', mutations }).length;
      const answer = await li!.push(mutations);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected).toHaveLength(MAX_REJECTIONS_LISTED);
      expect(answer.body.error.rejected.map((r: { mutationId: string }) => r.mutationId)).toEqual(mutations.slice(0, MAX_REJECTIONS_LISTED).map((m) => m.id));
      expect(answer.body.error.message).toContain('500 of the 500');
      expect(answer.body.error.details).toEqual({ refused: 500, listed: MAX_REJECTIONS_LISTED });
      expect(answer.body.error.rejected[0].message).toContain('and 180 more problems');
      expect(JSON.stringify(answer.body).length).toBeLessThan(requestBytes / 10);
    });

    it('keeps a malformed push\'s answer small however many unknown fields it names', async () => {
      const { clients: [li] } = await team();
      const extra = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`extra${i}`, 1]));
      const body = JSON.stringify({ protocolVersion: 1, clientId: 'client0abcd', mutations: [], ...extra });
      const answer = await li!.post('/v1/push', body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body).length).toBeLessThan(4096);
      expect(answer.body.error.message).toContain('more');
    });
  });

  describe('the error log', () => {
    it('logs the request id, the route and the database\'s error code when the database refuses a value, never the record or the token', async () => {
      const { reps, clients: [li] } = await team();
      // A value the schemas accept but this database refuses, as a real refusal would come.
      await database.db.execute(sql`alter table records add constraint no_marker check (data::text not like '%refused-by-the-database%')`);
      try {
        logs.length = 0;
        const note = mutation('activity', uuidv7(), noteFields({ body: 'Customer secret: refused-by-the-database' }), stampsFor('client0abcd')());
        const answer = await li!.push([note]);
        expect(answer.status).toBe(500);
        const requestId = answer.headers.get('x-request-id');
        const errors = logs.filter((entry) => entry.level === 'error' && entry.msg !== 'request');
        expect(errors).toEqual([{ level: 'error', msg: 'unhandled error', method: 'POST', route: '/v1/push', requestId, errorCode: '23514', errorName: expect.any(String), stack: expect.any(String) }]);
        const logged = JSON.stringify(logs);
        for (const secret of ['Customer secret', 'refused-by-the-database', note.recordId, note.id, reps[0]!.token.slice(4, 20), 'insert into']) expect(logged).not.toContain(secret);
      } finally {
        await database.db.execute(sql`alter table records drop constraint no_marker`);
      }
    });
  });
});
