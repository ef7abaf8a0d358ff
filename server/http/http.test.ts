import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, helloResponseSchema, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
import { revokeToken } from '../admin/admin';
import { createApp, type SidenoteApp } from '../app';
import { apiClient } from '../testing/api-client';
import { seedTeam } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';
import type { LogEntry } from './request-log';
import { silentLogger } from './request-log';

describe.each(TEST_DRIVERS)('HTTP surface on %s', (driver) => {
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

  it('answers /healthz with the version and database kind', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: expect.any(String), database: driver });
  });

  it('answers unknown paths with a JSON 404 that says how to fix the address', async () => {
    const response = await app.request('/api/v2/things');
    expect(response.status).toBe(404);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'not_found', where: 'path', fix: expect.stringContaining('base address') });
  });

  describe('CORS', () => {
    it.each(['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://2f0a8c1e-1a2b-4c3d-9e8f-0123456789ab'])('lets the extension at %s preflight and read answers', async (origin) => {
      const preflight = await app.request('/v1/push', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,sidenote-protocol' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const actual = await app.request('/healthz', { headers: { origin } });
      expect(actual.headers.get('access-control-allow-origin')).toBe(origin);
      expect(actual.headers.get('access-control-expose-headers')).toContain('Retry-After');
    });

    it('does not open the API to web pages', async () => {
      const response = await app.request('/healthz', { headers: { origin: 'https://evil.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('tokens', () => {
    it.each([
      ['no Authorization header', undefined, 'missing'],
      ['a header that is not Bearer', 'Basic dXNlcjpwYXNz', 'Bearer'],
      ['something that is not a token', 'Bearer hello', 'snt_'],
      ['an unknown token', 'Bearer snt_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'not known'],
    ])('answers 401 for %s', async (_name, authorization, words) => {
      const response = await app.request('/v1/hello', { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      const body = apiErrorSchema.parse(await response.json());
      expect(body.error).toMatchObject({ code: 'unauthorized', where: 'header.authorization', fix: expect.any(String) });
      expect(body.error.message).toContain(words);
    });

    it('refuses a known token id with the wrong secret', async () => {
      const { reps } = await seedTeam(database.db);
      const forged = reps[0]!.token.replace(/_[^_]+$/, '_' + 'B'.repeat(43));
      expect((await apiClient(app, forged).get('/v1/hello')).status).toBe(401);
    });

    it('refuses a revoked token at once', async () => {
      const { reps } = await seedTeam(database.db);
      const client = apiClient(app, reps[0]!.token);
      expect((await client.get('/v1/hello')).status).toBe(200);
      await revokeToken(database.db, reps[0]!.tokenId.slice(0, 6));
      const answer = await client.get('/v1/hello');
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toContain('revoked');
    });
  });

  it('says hello with the protocol, the team, the rep and only this team\'s reps', async () => {
    const { team, reps } = await seedTeam(database.db, ['Li Wei', 'Ana Souza']);
    await seedTeam(database.db, ['Someone Else'], 'Globex');
    const answer = await apiClient(app, reps[1]!.token).get('/v1/hello');
    expect(answer.status).toBe(200);
    const hello = helloResponseSchema.parse(answer.body);
    expect(hello).toMatchObject({ protocolVersion: SYNC_PROTOCOL_VERSION, team: { id: team.id, name: 'Acme Sales' }, rep: { id: reps[1]!.id, name: 'Ana Souza' } });
    expect(hello.reps.map((rep) => rep.name)).toEqual(['Ana Souza', 'Li Wei']);
  });

  it('logs one JSON line per request with method, path, status, duration and rep, never the token, query or body', async () => {
    const { reps } = await seedTeam(database.db);
    logs.length = 0;
    await apiClient(app, reps[0]!.token).pullWithGet('12345678');
    await apiClient(app, reps[0]!.token).pull('87654321');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/v1/pull', status: 400, ms: expect.any(Number), rep: reps[0]!.id });
    expect(logs[1]).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/v1/pull', status: 400, ms: expect.any(Number), rep: reps[0]!.id });
    const lines = JSON.stringify(logs);
    expect(lines).not.toContain(reps[0]!.token.slice(4, 20));
    expect(lines).not.toContain('12345678');
    expect(lines).not.toContain('87654321');
  });
});

describe.each(TEST_DRIVERS)('rate limit on %s', (driver) => {
  let database: TestDatabase;
  let clock = 1_800_000_000_000;
  const now = () => clock;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => database.close());

  it('answers 429 with Retry-After past the burst, across server instances, and recovers with time', async () => {
    const limit = { requestsPerMinute: 60, burst: 3 };
    const first = createApp({ db: database, log: silentLogger, rateLimit: limit, now });
    const second = createApp({ db: database, log: silentLogger, rateLimit: limit, now });
    const { reps } = await seedTeam(database.db);
    const viaFirst = apiClient(first, reps[0]!.token);
    const viaSecond = apiClient(second, reps[0]!.token);
    expect((await viaFirst.get('/v1/hello')).status).toBe(200);
    expect((await viaSecond.get('/v1/hello')).status).toBe(200);
    expect((await viaFirst.get('/v1/hello')).status).toBe(200);
    const limited = await viaSecond.get('/v1/hello');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another rep's token has its own budget.
    expect((await apiClient(first, reps[1]!.token).get('/v1/hello')).status).toBe(200);
    clock += 1000;
    expect((await viaFirst.get('/v1/hello')).status).toBe(200);
    expect((await viaFirst.get('/v1/hello')).status).toBe(429);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('uncaught errors', () => {
  it('become a JSON 500 with a request id, and healthz reports the database down as 503', async () => {
    const database = await openTestDatabase('pglite');
    const logs: LogEntry[] = [];
    const app = createApp({ db: database, log: (entry) => logs.push(entry), rateLimit: false });
    const { reps } = await seedTeam(database.db);
    await database.close();
    const response = await app.request('/v1/hello', { headers: { authorization: `Bearer ${reps[0]!.token}` } });
    expect(response.status).toBe(500);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'internal', fix: expect.stringContaining(response.headers.get('x-request-id')!) });
    expect(logs.some((entry) => entry.msg === 'unhandled error' && entry.level === 'error')).toBe(true);
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    await app.close();
  });
});
