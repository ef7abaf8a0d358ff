import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PULL_PAGE_SIZE, MAX_PULL_BODY_BYTES, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, pullResponseSchema } from '../../lib/schemas';
import { createApp, type SidenoteApp } from '../app';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { accountFields, mutation, noteFields, seedTeam, stampsFor } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';

describe.each(TEST_DRIVERS)('POST /v1/pull on %s', (driver) => {
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

  async function teamWithAccounts(count: number) {
    const { reps } = await seedTeam(database.db);
    const client = apiClient(app, reps[0]!.token, 'client0abcd');
    const stamp = stampsFor('client0abcd');
    const ids = Array.from({ length: count }, () => uuidv7());
    const mutations = ids.map((id, index) => mutation('account', id, accountFields({ name: `Account ${index}` }), stamp()));
    for (let start = 0; start < mutations.length; start += 500) {
      expect((await client.push(mutations.slice(start, start + 500))).status).toBe(200);
    }
    return { client, ids, stamp, reps };
  }

  it('returns changes in pages ordered by sequence, with hasMore and a cursor to continue', async () => {
    const { client, ids } = await teamWithAccounts(25);
    const seen: string[] = [];
    let cursor = '';
    const pages: boolean[] = [];
    for (;;) {
      const answer = await client.pull(cursor, 10);
      expect(answer.status).toBe(200);
      const page = pullResponseSchema.parse(answer.body);
      const seqs = page.changes.map((change) => change.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      seen.push(...page.changes.map((change) => change.id));
      pages.push(page.hasMore);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(ids);
    const after = await client.pull(cursor);
    expect(after.body).toEqual({ changes: [], cursor, hasMore: false });
  });

  it('includes deletions as tombstones, and an edited record moves to the end once', async () => {
    const { client, ids, stamp } = await teamWithAccounts(3);
    const { cursor } = await client.pullAll();
    await client.push([mutation('account', ids[0]!, { deletedAt: 1_700_000_000_000 }, stamp()), mutation('account', ids[1]!, { name: 'Renamed' }, stamp())]);
    const answer = await client.pull(cursor);
    expect(answer.body.changes.map((change: { id: string }) => change.id)).toEqual([ids[0], ids[1]]);
    expect(answer.body.changes[0].record).toMatchObject({ id: ids[0], deletedAt: 1_700_000_000_000 });
  });

  it('cuts a page by size as well as by count, so long notes cannot make a huge answer', async () => {
    const { reps } = await seedTeam(database.db);
    const client = apiClient(app, reps[0]!.token, 'client0abcd');
    const stamp = stampsFor('client0abcd');
    const longNote = '长'.repeat(60_000);
    const notes = Array.from({ length: 30 }, () => mutation('activity', uuidv7(), noteFields({ body: longNote }), stamp()));
    for (let start = 0; start < notes.length; start += 10) expect((await client.push(notes.slice(start, start + 10))).status).toBe(200);
    const first = await client.pull('', 1000);
    expect(first.body.hasMore).toBe(true);
    expect(first.body.changes.length).toBeGreaterThan(0);
    expect(first.body.changes.length).toBeLessThan(30);
    expect((await client.pullAll()).changes).toHaveLength(30);
  });

  it('gives a fresh client the whole history from an empty cursor', async () => {
    const { reps } = await teamWithAccounts(5);
    const otherBrowser = apiClient(app, reps[0]!.token, 'otherbrowser');
    expect((await otherBrowser.pullAll()).changes).toHaveLength(5);
  });

  it('moves the cursor past changes the rep may not see, so they are not read again', async () => {
    const { reps, client } = await teamWithAccounts(0);
    const ana = apiClient(app, reps[1]!.token, 'client1abcd');
    const { cursor: start } = await ana.pullAll();
    await client.push([
      mutation('activity', uuidv7(), noteFields({ visibility: 'private' }), stampsFor('client0abcd')()),
    ]);
    const answer = await ana.pull(start);
    expect(answer.body.changes).toEqual([]);
    expect(Number(answer.body.cursor)).toBeGreaterThan(Number(start));
  });

  it.each([
    ['letters', 'abc'],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['a leading zero', '01'],
    ['a cursor ahead of the team', '999999'],
  ])('answers 400 bad_cursor for %s', async (_name, cursor) => {
    const { client } = await teamWithAccounts(1);
    const answer = await client.pull(cursor);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'bad_cursor', where: 'body.cursor', fix: expect.any(String) });
  });

  it('pages at one address: one preflight (cached 600 s) covers every page', async () => {
    const { reps } = await teamWithAccounts(3);
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const preflight = await app.request('/v1/pull', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': `authorization,content-type,${SYNC_PROTOCOL_HEADER}` },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    let cursor = '';
    let pages = 0;
    for (;;) {
      const response = await app.request('/v1/pull', {
        method: 'POST',
        headers: { origin, authorization: `Bearer ${reps[0]!.token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
        body: JSON.stringify({ cursor, limit: 1 }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      const page = pullResponseSchema.parse(await response.json());
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(3);
  });

  describe('hostile bodies: a clear 4xx, nothing read', () => {
    it.each([
      ['a numeric cursor', { cursor: 5, limit: 10 }, 'body.cursor'],
      ['a null cursor', { cursor: null, limit: 10 }, 'body.cursor'],
      ['no cursor', { limit: 10 }, 'body.cursor'],
      ['a cursor as an array', { cursor: ['1'], limit: 10 }, 'body.cursor'],
      ['a limit as a string', { cursor: '', limit: '10' }, 'body.limit'],
      ['a fractional limit', { cursor: '', limit: 1.5 }, 'body.limit'],
      ['limit 0', { cursor: '', limit: 0 }, 'body.limit'],
      ['a negative limit', { cursor: '', limit: -5 }, 'body.limit'],
      ['a limit above the maximum', { cursor: '', limit: 1001 }, 'body.limit'],
      ['no limit', { cursor: '' }, 'body.limit'],
      ['a cursor longer than any the server issues', { cursor: '1'.repeat(65), limit: 10 }, 'body.cursor'],
      ['an unknown field', { cursor: '', limit: 10, since: 5 }, 'body'],
      ['a constructor key', { cursor: '', limit: 10, constructor: { prototype: { polluted: true } } }, 'body'],
      ['an array body', [{ cursor: '', limit: 10 }], 'body'],
      ['a string body', 'cursor=&limit=10', 'body'],
      ['a null body', null, 'body'],
    ])('answers 400 bad_request for %s', async (_name, body, where) => {
      const { client } = await teamWithAccounts(1);
      const answer = await client.post('/v1/pull', JSON.stringify(body));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad_request', where, fix: expect.stringContaining('limit') });
      expect(answer.body.error.message.length).toBeLessThan(400);
    });

    it.each([
      ['__proto__ beside valid fields', '{"cursor":"","limit":10,"__proto__":{"polluted":true}}'],
      ['__proto__ carrying the fields', '{"__proto__":{"cursor":"","limit":10}}'],
      ['a limit that overflows to Infinity', '{"cursor":"","limit":1e309}'],
      ['malformed JSON', '{"cursor":"","limit":10'],
      ['an empty body', ''],
    ])('answers 400 bad_request for %s and pollutes no prototype', async (_name, raw) => {
      const { client } = await teamWithAccounts(1);
      const answer = await client.post('/v1/pull', raw);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad_request', where: expect.stringMatching(/^body/) });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).cursor).toBeUndefined();
    });

    it('answers 413 for a body larger than a pull needs, however it is padded', async () => {
      const { client } = await teamWithAccounts(1);
      for (const raw of [JSON.stringify({ cursor: '1'.repeat(100_000), limit: 10 }), `{"cursor":"","limit":10${' '.repeat(MAX_PULL_BODY_BYTES)}}`]) {
        const answer = await client.post('/v1/pull', raw);
        expect(answer.status).toBe(413);
        expect(answer.body.error).toMatchObject({ code: 'payload_too_large', where: 'body' });
      }
    });

    it('answers 415 for a body that is not JSON', async () => {
      const { client } = await teamWithAccounts(1);
      const answer = await client.post('/v1/pull', 'cursor=&limit=10', { 'content-type': 'text/plain' });
      expect(answer.status).toBe(415);
      expect(answer.body.error).toMatchObject({ code: 'bad_request', where: 'header.content-type' });
    });
  });

  it('refuses a pull without the protocol header', async () => {
    const { reps } = await teamWithAccounts(0);
    const response = await app.request('/v1/pull', {
      method: 'POST',
      headers: { authorization: `Bearer ${reps[0]!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: '', limit: 10 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_protocol' } });
  });

  describe('GET /v1/pull, kept for one transition (extensions from before the POST pull)', () => {
    it('pages through the same changes, with cursors that carry over to the POST pull and back', async () => {
      const { client, ids } = await teamWithAccounts(25);
      const first = await client.pullWithGet('', 10);
      expect(first.status).toBe(200);
      const second = await client.pull(first.body.cursor, 10);
      const third = await client.pullWithGet(second.body.cursor, 10);
      const pages = [first, second, third].map((answer) => pullResponseSchema.parse(answer.body));
      expect(pages.flatMap((page) => page.changes.map((change) => change.id))).toEqual(ids);
      expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
      expect(third.body.cursor).toBe((await client.pull('', 1000)).body.cursor);
    });

    it('uses the default page size when no limit is given', async () => {
      const { client } = await teamWithAccounts(DEFAULT_PULL_PAGE_SIZE + 1);
      const first = await client.pullWithGet();
      expect(first.body.changes).toHaveLength(DEFAULT_PULL_PAGE_SIZE);
      expect(first.body.hasMore).toBe(true);
    });

    it('answers 400 bad_cursor in the query for a cursor the server did not issue', async () => {
      const { client } = await teamWithAccounts(1);
      const answer = await client.pullWithGet('abc');
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad_cursor', where: 'query.cursor' });
    });

    it.each([
      ['limit=0', 'limit=0'],
      ['limit above the maximum', 'limit=1001'],
      ['a non-numeric limit', 'limit=ten'],
      ['a cursor longer than any the server issues', `cursor=${'1'.repeat(65)}`],
      ['an unknown parameter', 'since=5'],
    ])('answers 400 bad_request for %s', async (_name, query) => {
      const { client } = await teamWithAccounts(0);
      const answer = await client.get(`/v1/pull?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad_request', where: expect.stringContaining('query') });
    });
  });

  describe('POST /v1/records', () => {
    it('returns the current copy of records the rep may see, and null for the rest without saying why', async () => {
      const { client, ids, reps } = await teamWithAccounts(2);
      const privateNote = uuidv7();
      await client.push([mutation('activity', privateNote, noteFields({ visibility: 'private' }), stampsFor('client0abcd')())]);
      const otherTeam = await seedTeam(database.db, ['Bob Stone'], 'Globex');
      const foreign = uuidv7();
      await apiClient(app, otherTeam.reps[0]!.token, 'client9abcd').push([mutation('account', foreign, accountFields(), stampsFor('client9abcd')())]);
      const missing = uuidv7();
      const ana = apiClient(app, reps[1]!.token, 'client1abcd');
      const answer = await ana.post('/v1/records', { ids: [ids[0], privateNote, foreign, missing] });
      expect(answer.status).toBe(200);
      expect(answer.body.records).toEqual([
        { id: ids[0], entity: 'account', record: expect.objectContaining({ id: ids[0], name: 'Account 0' }) },
        { id: privateNote, entity: null, record: null },
        { id: foreign, entity: null, record: null },
        { id: missing, entity: null, record: null },
      ]);
      const own = await client.post('/v1/records', { ids: [privateNote] });
      expect(own.body.records[0].record).toMatchObject({ visibility: 'private' });
    });

    it('answers 400 for no ids, too many, or ids that are not UUIDs', async () => {
      const { client } = await teamWithAccounts(0);
      for (const ids of [[], Array.from({ length: 101 }, () => uuidv7()), ['x']]) {
        const answer = await client.post('/v1/records', { ids });
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('bad_request');
      }
    });
  });
});
