import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MUTATIONS_PER_PUSH, MAX_PUSH_BODY_BYTES, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { createApp, type SidenoteApp } from '../app';
import { queryRows } from '../db/connect';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { accountFields, contactFields, dealFields, mutation, noteFields, seedTeam, stampsFor, suggestionStateFields } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';

describe.each(TEST_DRIVERS)('POST /v1/push on %s', (driver) => {
  let database: TestDatabase;
  let app: SidenoteApp;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    app = createApp({ db: database, log: silentLogger, rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function team(repNames?: string[]) {
    const seeded = await seedTeam(database.db, repNames);
    const clients = seeded.reps.map((rep, index) => apiClient(app, rep.token, `client${index}abcd`));
    return { ...seeded, clients };
  }

  async function teamSeq(teamId: string): Promise<number> {
    const [row] = await queryRows<{ seq: string }>(database.db, sql`select seq from teams where id = ${teamId}`);
    return Number(row!.seq);
  }

  it('applies a new record and acknowledges it', async () => {
    const { clients: [li] } = await team();
    const stamp = stampsFor('client0abcd');
    const create = mutation('account', uuidv7(), accountFields({ name: 'Northwind' }), stamp());
    const answer = await li!.push([create]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ results: [{ mutationId: create.id, status: 'applied', lostFields: [], lostTo: null }] });
    const { changes } = await li!.pullAll();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.record).toMatchObject({ id: create.recordId, name: 'Northwind', updatedBy: expect.any(String) });
  });

  it('gives a retried push no second effect and reports it as duplicate with the same conflict news', async () => {
    const { team: t, reps, clients: [li, ana] } = await team();
    const recordId = uuidv7();
    const liStamp = stampsFor('client0abcd', Date.now() - 120_000);
    const anaStamp = stampsFor('client1abcd', Date.now() - 60_000);
    expect((await li!.push([mutation('account', recordId, accountFields(), liStamp())])).status).toBe(200);
    expect((await ana!.push([mutation('account', recordId, { name: 'Newer name' }, anaStamp())])).status).toBe(200);
    const stale = mutation('account', recordId, { name: 'Older name' }, liStamp());
    const first = await li!.push([stale]);
    expect(first.body.results[0]).toEqual({ mutationId: stale.id, status: 'applied', lostFields: ['name'], lostTo: reps[1]!.id });
    const seq = await teamSeq(t.id);
    const again = await li!.push([stale]);
    expect(again.body.results[0]).toEqual({ mutationId: stale.id, status: 'duplicate', lostFields: ['name'], lostTo: reps[1]!.id });
    expect(await teamSeq(t.id)).toBe(seq);
  });

  it('applies concurrent copies of one push exactly once', async () => {
    const { team: t, clients: [li] } = await team();
    const stamp = stampsFor('client0abcd');
    const batch = Array.from({ length: 20 }, () => mutation('account', uuidv7(), accountFields(), stamp()));
    const answers = await Promise.all([li!.push(batch), li!.push(batch), li!.push(batch)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const statuses = answers.map((a) => a.body.results[0].status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate']);
    const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from applied_mutations where team_id = ${t.id}`);
    expect(count!.n).toBe(20);
    expect(await teamSeq(t.id)).toBe(20);
  });

  it('keeps both reps\' changes when they edited different fields, and the newer one on the same field', async () => {
    const { reps, clients: [li, ana] } = await team();
    const recordId = uuidv7();
    const liStamp = stampsFor('client0abcd', Date.now() - 300_000);
    const anaStamp = stampsFor('client1abcd', Date.now() - 200_000);
    await li!.push([mutation('account', recordId, accountFields({ name: 'Acme' }), liStamp())]);
    // Both offline: Ana's stamps are newer than Li's.
    const anaEdit = mutation('account', recordId, { industry: 'Logistics', stage: 'qualified' }, anaStamp());
    const liEdit = mutation('account', recordId, { sizeTier: 'growth', stage: 'proposal' }, liStamp());
    expect((await ana!.push([anaEdit])).body.results[0]).toMatchObject({ status: 'applied', lostFields: [] });
    expect((await li!.push([liEdit])).body.results[0]).toEqual({ mutationId: liEdit.id, status: 'applied', lostFields: ['stage'], lostTo: reps[1]!.id });
    const { changes } = await li!.pullAll();
    expect(changes.find((c) => c.id === recordId)!.record).toMatchObject({ industry: 'Logistics', sizeTier: 'growth', stage: 'qualified', updatedBy: reps[0]!.id });
  });

  it('merges map fields per key, so two confirmed facts both survive, in either fact shape', async () => {
    const { reps, clients: [li, ana] } = await team();
    const recordId = uuidv7();
    const liStamp = stampsFor('client0abcd', Date.now() - 300_000);
    const anaStamp = stampsFor('client1abcd', Date.now() - 200_000);
    const evidence = { activityId: uuidv7(), quote: '预算 85 万' };
    await li!.push([mutation('account', recordId, accountFields(), liStamp())]);
    const budget = { value: '¥850,000', state: 'known', evidence, by: reps[1]!.id, at: Date.now() - 200_000 };
    expect((await ana!.push([mutation('account', recordId, { 'facts.budget': budget }, anaStamp())])).body.results[0]).toMatchObject({ status: 'applied' });
    // A client not yet updated still sends the { value, confirmed } shape during the transition.
    expect((await li!.push([mutation('account', recordId, { 'facts.decisionMaker': { value: 'CFO', confirmed: false } }, liStamp())])).body.results[0]).toMatchObject({ status: 'applied' });
    const { changes } = await ana!.pullAll();
    expect(changes[0]!.record!.facts).toEqual({ budget, decisionMaker: { value: 'CFO', state: 'unconfirmed', by: null, at: null } });
  });

  it('clears a fact as a null key that wins over an older confirmation, keeping the map and its other keys', async () => {
    const { reps, clients: [li, ana] } = await team();
    const recordId = uuidv7();
    const liStamp = stampsFor('client0abcd', Date.now() - 300_000);
    const anaStamp = stampsFor('client1abcd', Date.now() - 200_000);
    const at = Date.now() - 300_000;
    const known = (value: string, by: string) => ({ value, state: 'known', by, at });
    await li!.push([mutation('account', recordId, accountFields(), liStamp()), mutation('account', recordId, { 'facts.budget': known('500k', reps[0]!.id), 'facts.competitors': known('Salesforce', reps[0]!.id) }, liStamp())]);
    await ana!.push([mutation('account', recordId, { 'facts.budget': null }, anaStamp())]);
    // Li's older confirmation, sent late from offline, loses to the clearing.
    const late = await li!.push([mutation('account', recordId, { 'facts.budget': known('600k', reps[0]!.id) }, liStamp())]);
    expect(late.body.results[0]).toMatchObject({ status: 'applied', lostFields: ['facts.budget'] });
    const record = (await li!.pullAll()).changes.find((change) => change.id === recordId)!.record!;
    expect(record.facts).toEqual({ budget: null, competitors: known('Salesforce', reps[0]!.id) });
    expect(Object.keys(record.clock as object)).toEqual(expect.arrayContaining(['facts.budget', 'facts.competitors']));
  });

  it('applies a batch in order, so a record and its later edits can travel together', async () => {
    const { clients: [li] } = await team();
    const stamp = stampsFor('client0abcd');
    const accountId = uuidv7();
    const contactId = uuidv7();
    const answer = await li!.push([
      mutation('account', accountId, accountFields(), stamp()),
      mutation('contact', contactId, contactFields({ accountId }), stamp()),
      mutation('account', accountId, { deletedAt: Date.now() - 1000 }, stamp()),
    ]);
    expect(answer.status).toBe(200);
    const { changes } = await li!.pullAll();
    expect(changes.map((c) => c.entity).sort()).toEqual(['account', 'contact']);
    expect(changes.find((c) => c.id === accountId)!.record!.deletedAt).not.toBeNull();
  });

  describe('refuses a whole batch with a bad mutation, writing nothing', () => {
    it('lists each bad mutation with its code and whether it is permanent', async () => {
      const { team: t, clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const good = mutation('account', uuidv7(), accountFields(), stamp());
      const badField = mutation('account', uuidv7(), { ...accountFields(), color: 'red' }, stamp());
      const badType = mutation('contact', uuidv7(), contactFields({ name: 42 }), stamp());
      const future = mutation('account', uuidv7(), accountFields(), formatHlc({ wallMs: Date.now() + 11 * 60_000, counter: 0, node: 'client0abcd' }));
      const answer = await li!.push([good, badField, badType, future]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('mutation_rejected');
      expect(answer.body.error.rejected).toEqual([
        { mutationId: badField.id, code: 'invalid', message: expect.stringContaining('color'), permanent: true },
        { mutationId: badType.id, code: 'invalid', message: expect.stringContaining('name'), permanent: true },
        { mutationId: future.id, code: 'clock_skew', message: expect.stringContaining('clock'), permanent: false },
      ]);
      expect((await li!.pullAll()).changes).toEqual([]);
      expect(await teamSeq(t.id)).toBe(0);
    });

    it('refuses a create that lacks required fields', async () => {
      const { clients: [li] } = await team();
      const answer = await li!.push([mutation('account', uuidv7(), { name: 'Only a name' }, stampsFor('client0abcd')())]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', permanent: true, message: expect.stringContaining('would not be valid') });
    });

    it('refuses cross-field rules checked on the merged record (a call needs an outcome)', async () => {
      const { clients: [li] } = await team();
      const answer = await li!.push([mutation('activity', uuidv7(), noteFields({ type: 'call' }), stampsFor('client0abcd')())]);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', message: expect.stringContaining('outcome') });
    });

    it('refuses patches that set server-managed fields', async () => {
      const { reps, clients: [li] } = await team();
      const answer = await li!.push([mutation('activity', uuidv7(), { ...noteFields(), authorId: reps[1]!.id }, stampsFor('client0abcd')())]);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', message: expect.stringContaining('authorId') });
    });

    it('refuses stamps made by another client', async () => {
      const { clients: [li] } = await team();
      const answer = await li!.push([mutation('account', uuidv7(), accountFields(), stampsFor('someoneelse1')())]);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', permanent: true });
    });

    it('refuses an id that already names another kind of record', async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const id = uuidv7();
      await li!.push([mutation('account', id, accountFields(), stamp())]);
      const answer = await li!.push([mutation('contact', id, contactFields(), stamp())]);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', message: expect.stringContaining('is a account') });
    });

    it('does not judge later mutations of a refused record, but reports every malformed one', async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const id = uuidv7();
      const partial = mutation('account', id, { name: 'no other fields' }, stamp());
      const edit = mutation('account', id, { stage: 'qualified' }, stamp());
      const malformed = mutation('account', id, { stage: 'nonsense' }, stamp());
      const answer = await li!.push([partial, edit, malformed]);
      expect(answer.body.error.rejected.map((r: { mutationId: string }) => r.mutationId)).toEqual([partial.id, malformed.id]);
    });
  });

  describe('author-owned records', () => {
    it('sets the author on create and lets only the author change the record', async () => {
      const { reps, clients: [li, ana] } = await team();
      const noteId = uuidv7();
      await li!.push([mutation('activity', noteId, noteFields(), stampsFor('client0abcd')())]);
      const { changes } = await ana!.pullAll();
      expect(changes[0]!.record).toMatchObject({ authorId: reps[0]!.id });
      const edit = mutation('activity', noteId, { body: 'Ana rewrote it' }, stampsFor('client1abcd')());
      const answer = await ana!.push([edit]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected).toEqual([{ mutationId: edit.id, code: 'forbidden', message: expect.stringContaining('only they can change it'), permanent: true }]);
    });

    it('lets the author edit from a second browser', async () => {
      const { reps, clients: [li] } = await team();
      const secondBrowser = apiClient(app, reps[0]!.token, 'secondbrowser1');
      const noteId = uuidv7();
      await li!.push([mutation('activity', noteId, noteFields(), stampsFor('client0abcd', Date.now() - 10_000)())]);
      expect((await secondBrowser.push([mutation('activity', noteId, { body: 'edited' }, stampsFor('secondbrowser1')())])).status).toBe(200);
    });
  });

  describe('visibility', () => {
    it('never shows a private note to teammates, and refuses their writes as if it did not exist', async () => {
      const { clients: [li, ana] } = await team();
      const noteId = uuidv7();
      await li!.push([mutation('activity', noteId, noteFields({ visibility: 'private', body: 'my own thoughts' }), stampsFor('client0abcd')())]);
      expect((await li!.pullAll()).changes).toHaveLength(1);
      expect((await ana!.pullAll()).changes).toEqual([]);
      const answer = await ana!.push([mutation('activity', noteId, { body: 'x' }, stampsFor('client1abcd')())]);
      expect(answer.body.error.rejected[0]).toMatchObject({ code: 'not_found', permanent: true });
      expect(JSON.stringify(answer.body)).not.toContain('my own thoughts');
    });

    it('sends teammates a removal when a shared note turns private, and the note again when it is shared back', async () => {
      const { clients: [li, ana] } = await team();
      const stamp = stampsFor('client0abcd');
      const noteId = uuidv7();
      await li!.push([mutation('activity', noteId, noteFields({ body: 'shared first' }), stamp())]);
      const seen = await ana!.pullAll();
      expect(seen.changes[0]!.record).toMatchObject({ body: 'shared first' });
      await li!.push([mutation('activity', noteId, { visibility: 'private', body: 'now secret' }, stamp())]);
      const hidden = await ana!.pull(seen.cursor);
      expect(hidden.body.changes).toEqual([{ entity: 'activity', id: noteId, seq: expect.any(Number), record: null }]);
      await li!.push([mutation('activity', noteId, { visibility: 'team' }, stamp())]);
      const back = await ana!.pull(hidden.body.cursor);
      expect(back.body.changes[0].record).toMatchObject({ body: 'now secret', visibility: 'team' });
    });

    it('keeps suggestion states to their author', async () => {
      const { clients: [li, ana] } = await team();
      const stamp = stampsFor('client0abcd');
      const accountId = uuidv7();
      await li!.push([mutation('account', accountId, accountFields(), stamp()), mutation('suggestionState', uuidv7(), suggestionStateFields(accountId), stamp())]);
      expect((await li!.pullAll()).changes.map((c) => c.entity).sort()).toEqual(['account', 'suggestionState']);
      expect((await ana!.pullAll()).changes.map((c) => c.entity)).toEqual(['account']);
    });
  });

  describe('team boundaries', () => {
    it('refuses writes to another team\'s record as not found, without leaking it', async () => {
      const acme = await team();
      const globex = await team(['Bob Stone']);
      const accountId = uuidv7();
      await acme.clients[0]!.push([mutation('account', accountId, accountFields({ name: 'Secret Corp' }), stampsFor('client0abcd')())]);
      const edit = mutation('account', accountId, { name: 'Hijacked' }, stampsFor('client0abcd')());
      const answer = await globex.clients[0]!.push([edit]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.rejected).toEqual([{ mutationId: edit.id, code: 'not_found', message: expect.any(String), permanent: true }]);
      expect(JSON.stringify(answer.body)).not.toContain('Secret Corp');
      expect((await globex.clients[0]!.pullAll()).changes).toEqual([]);
      expect((await acme.clients[0]!.pullAll()).changes[0]!.record).toMatchObject({ name: 'Secret Corp' });
    });

    it('refuses references into another team', async () => {
      const acme = await team();
      const globex = await team(['Bob Stone']);
      const acmeAccount = uuidv7();
      await acme.clients[0]!.push([mutation('account', acmeAccount, accountFields(), stampsFor('client0abcd')())]);
      const stamp = stampsFor('client0abcd');
      const cases = [
        mutation('contact', uuidv7(), contactFields({ accountId: acmeAccount }), stamp()),
        mutation('deal', uuidv7(), dealFields(acmeAccount), stamp()),
        mutation('activity', uuidv7(), noteFields({ accountId: acmeAccount }), stamp()),
      ];
      for (const bad of cases) {
        const answer = await globex.clients[0]!.push([bad]);
        expect(answer.body.error.rejected[0]).toMatchObject({ code: 'not_found', permanent: true });
      }
    });

    it('refuses a reference to the wrong kind of record in the same team, and allows one still on its way', async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const contactId = uuidv7();
      await li!.push([mutation('contact', contactId, contactFields(), stamp())]);
      const wrongKind = await li!.push([mutation('deal', uuidv7(), dealFields(contactId), stamp())]);
      expect(wrongKind.body.error.rejected[0]).toMatchObject({ code: 'invalid', message: expect.stringContaining('must point to a account') });
      const ahead = await li!.push([mutation('activity', uuidv7(), noteFields({ contactIds: [contactId, uuidv7()] }), stamp())]);
      expect(ahead.status).toBe(200);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['an unknown top-level field', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: 'client0abcd', mutations: [], extra: 1 }, 'extra'],
      ['an unknown mutation field', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: 'client0abcd', mutations: [{ id: uuidv7(), entity: 'account', recordId: uuidv7(), patch: {}, hlc: formatHlc({ wallMs: 1, counter: 0, node: 'client0abcd' }), sneaky: true }] }, 'sneaky'],
      ['a wrong type', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: 'client0abcd', mutations: 'all of them' }, 'mutations'],
      ['an unknown entity', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: 'client0abcd', mutations: [{ id: uuidv7(), entity: 'invoice', recordId: uuidv7(), patch: {}, hlc: formatHlc({ wallMs: 1, counter: 0, node: 'client0abcd' }) }] }, 'entity'],
      ['an empty batch', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: 'client0abcd', mutations: [] }, 'mutations'],
    ])('answers 400 for %s, naming where', async (_name, body, where) => {
      const { clients: [li] } = await team();
      const answer = await li!.post('/v1/push', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad_request', where: expect.stringContaining('body'), fix: expect.any(String) });
      expect(JSON.stringify(answer.body.error)).toContain(where);
    });

    it('answers 400 for too many mutations in one push', async () => {
      const { clients: [li] } = await team();
      const stamp = stampsFor('client0abcd');
      const many = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, () => mutation('account', uuidv7(), { name: 'x' }, stamp()));
      const answer = await li!.push(many);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(`at most ${MAX_MUTATIONS_PER_PUSH}`);
    });

    it('answers 413 for a body over the limit, with or without a length header', async () => {
      const { clients: [li] } = await team();
      const huge = JSON.stringify({ protocolVersion: 1, clientId: 'client0abcd', mutations: [], padding: 'x'.repeat(MAX_PUSH_BODY_BYTES) });
      const answer = await li!.post('/v1/push', huge);
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('payload_too_large');
      const chunked = await app.request('/v1/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${(await team()).reps[0]!.token}`, 'sidenote-protocol': '1', 'content-type': 'application/json' },
        body: new Blob([huge]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
    });

    it('answers 400 for a body that is not JSON, and 415 for another content type', async () => {
      const { clients: [li] } = await team();
      const broken = await li!.post('/v1/push', '{"protocolVersion": 1,');
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('bad_request');
      const text = await li!.post('/v1/push', 'hello', { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      expect(text.body.error.where).toBe('header.content-type');
    });

    it('answers unsupported_protocol for another protocol version', async () => {
      const { clients: [li] } = await team();
      const header = await li!.post('/v1/push', {}, { 'sidenote-protocol': '2' });
      expect(header.status).toBe(400);
      expect(header.body.error).toMatchObject({ code: 'unsupported_protocol', details: { serverProtocolVersion: SYNC_PROTOCOL_VERSION } });
      const body = await li!.post('/v1/push', { protocolVersion: 2, clientId: 'client0abcd', mutations: [] });
      expect(body.status).toBe(400);
    });
  });
});
