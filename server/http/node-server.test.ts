import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
import { createApp, type SidenoteApp } from '../app';
import { openEventStream } from '../testing/event-stream';
import { seedTeam } from '../testing/fixtures';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { REQUEST_TIMEOUT_MS, serveApp } from './node-server';
import { silentLogger } from './request-log';

/** The app behind Node's HTTP server, reached over a real socket. */
describe('the HTTP server', () => {
  const TIMEOUT_MS = 1_000;
  let database: TestDatabase;
  let app: SidenoteApp;
  let server: ServerType;
  let port: number;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = createApp({ db: database, log: silentLogger, rateLimit: false, events: { heartbeatMs: 200 } });
    token = (await seedTeam(database.db)).reps[0]!.token;
    await new Promise<void>((resolve) => {
      server = serveApp(app, { hostname: '127.0.0.1', port: 0, requestTimeoutMs: TIMEOUT_MS }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await app.close();
    (server as Server).closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  });

  it('waits 30 seconds at most for a whole request by default', () => {
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
  });

  it('answers 408 and closes the connection when a body trickles in slower than the request timeout', async () => {
    const body = JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId: 'client0abcd', mutations: [] });
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n${SYNC_PROTOCOL_HEADER}: ${SYNC_PROTOCOL_VERSION}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    // One byte every 200 ms: the 1 s limit runs out long before the body is whole.
    let sent = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= body.length) return clearInterval(trickle);
      socket.write(body[sent++]!);
    }, 200);
    await closed;
    clearInterval(trickle);
    expect(sent).toBeLessThan(body.length);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps an event stream open past the request timeout: only receiving the request is timed', async () => {
    const stream = await openEventStream(
      (init) => fetch(`http://127.0.0.1:${port}/v1/events`, init),
      token,
    );
    expect(stream.response.status).toBe(200);
    await stream.waitFor(() => stream.events.length >= 1);
    const heartbeatsAfter = (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(stream.comments.length), ms));
    const before = stream.comments.length;
    expect(await heartbeatsAfter(TIMEOUT_MS * 2.5)).toBeGreaterThan(before);
    expect(stream.ended).toBe(false);
    await stream.close();
  });

  it('still serves a request sent at once', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
