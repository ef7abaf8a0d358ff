import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PULL_PAGE_SIZE, pullResponseSchema } from '../../lib/schemas';
import { createApp, type SidenoteApp } from '../app';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { accountFields, mutation, noteFields, seedTeam, stampsFor } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';

describe.each(TEST_DRIVERS)('GET /v1/pull on %s', (driver) => {
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

  it('uses the default page size when no limit is given', async () => {
    const { client } = await teamWithAccounts(DEFAULT_PULL_PAGE_SIZE + 1);
    const first = await client.pull();
    expect(first.body.changes).toHaveLength(DEFAULT_PULL_PAGE_SIZE);
    expect(first.body.hasMore).toBe(true);
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
    ['a cursor ahead of the team', '999999'],
  ])('answers 400 bad_cursor for %s', async (_name, cursor) => {
    const { client } = await teamWithAccounts(1);
    const answer = await client.pull(cursor);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'bad_cursor', where: 'query.cursor', fix: expect.any(String) });
  });

  it.each([
    ['limit=0', 'limit=0'],
    ['limit above the maximum', 'limit=1001'],
    ['a non-numeric limit', 'limit=ten'],
    ['an unknown parameter', 'since=5'],
  ])('answers 400 bad_request for %s', async (_name, query) => {
    const { client } = await teamWithAccounts(0);
    const answer = await client.get(`/v1/pull?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'bad_request', where: expect.stringContaining('query') });
  });

  it('refuses a pull without the protocol header', async () => {
    const { reps } = await teamWithAccounts(0);
    const response = await app.request('/v1/pull', { headers: { authorization: `Bearer ${reps[0]!.token}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_protocol' } });
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
