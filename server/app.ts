import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SYNC_PROTOCOL_HEADER } from '../lib/schemas';
import type { ServerDatabase } from './db/connect';
import { createChangeHub, type ChangeHub } from './events/change-hub';
import { requireToken, type AppEnv } from './http/auth';
import { ApiFailure } from './http/errors';
import { requireProtocol } from './http/protocol';
import { DEFAULT_RATE_LIMIT, rateLimit, type RateLimitConfig } from './http/rate-limit';
import { jsonLineLogger, requestLog, type Logger } from './http/request-log';
import { DEFAULT_EVENT_STREAM_CONFIG, eventRoutes, type EventStreamConfig } from './routes/events';
import { healthRoutes } from './routes/health';
import { helloRoutes } from './routes/hello';
import { pullRoutes } from './routes/pull';
import { pushRoutes } from './routes/push';
import { recordRoutes } from './routes/records';

export interface AppOptions {
  db: ServerDatabase;
  /** Shared across app instances of one process; created (and owned by the app) when omitted. */
  hub?: ChangeHub;
  now?: () => number;
  log?: Logger;
  /** `false` turns the limit off (benchmarks). */
  rateLimit?: RateLimitConfig | false;
  events?: Partial<EventStreamConfig>;
  /** Origins allowed besides browser extensions, e.g. a web dashboard. */
  corsOrigins?: readonly string[];
}

/**
 * What the log may say about an unexpected error: its kind, the database's error code and
 * where in the code it happened. Never its message: a database driver's message carries the
 * failed query with its parameters, which are record contents (note text) and ids.
 */
export function describeFailureForLog(error: unknown): { errorName: string; errorCode?: string; stack?: string } {
  let errorCode: string | undefined;
  // Drizzle wraps the driver's error; the SQLSTATE (e.g. 23514) is on the cause.
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      errorCode = code;
      break;
    }
  }
  const frames = error instanceof Error ? error.stack?.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 12).join('\n') : undefined;
  return { errorName: error instanceof Error ? error.name : typeof error, ...(errorCode ? { errorCode } : {}), ...(frames ? { stack: frames } : {}) };
}

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-zA-Z0-9._-]+$/;

/**
 * The sync server as a Hono app over an open database. Stateless per request: everything a
 * request needs is in the database, so any number of processes can serve one PostgreSQL.
 */
export function createApp(options: AppOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? jsonLineLogger;
  const hub = options.hub ?? createChangeHub(db);
  const ownsHub = !options.hub;
  const openStreams = new Set<() => void>();
  const corsOrigins = new Set(options.corsOrigins ?? []);

  const v1 = new Hono<AppEnv>()
    .use(requireToken(db.db))
    .use(options.rateLimit === false ? async (_c, next) => next() : rateLimit(db.db, options.rateLimit ?? DEFAULT_RATE_LIMIT, now))
    .route('/', helloRoutes(db.db))
    .use('/push', requireProtocol())
    .use('/pull', requireProtocol())
    .use('/events', requireProtocol())
    .use('/records', requireProtocol())
    .route('/', pushRoutes(db, now))
    .route('/', pullRoutes(db.db))
    .route('/', recordRoutes(db.db))
    .route('/', eventRoutes(db.db, hub, { ...DEFAULT_EVENT_STREAM_CONFIG, ...options.events }, openStreams));

  const app = new Hono<AppEnv>()
    .use(requestLog(log))
    .use(
      cors({
        // The extension has no host permission for the server, so its fetches are CORS requests.
        origin: (origin) => (EXTENSION_ORIGIN.test(origin) || corsOrigins.has(origin) ? origin : null),
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', SYNC_PROTOCOL_HEADER],
        exposeHeaders: ['Retry-After', 'X-Request-Id'],
        maxAge: 600,
      }),
    )
    .route('/', healthRoutes(db))
    .route('/v1', v1);

  app.notFound((c) => {
    const failure = new ApiFailure(404, 'not_found', `There is no ${c.req.method} ${c.req.path} on this server.`, {
      where: 'path',
      fix: 'Check the server address in Sidenote\'s options: it should be the base address only, e.g. http://127.0.0.1:8787.',
    });
    return c.json(failure.toBody(), 404);
  });

  app.onError((error, c) => {
    let failure: ApiFailure;
    if (error instanceof ApiFailure) {
      failure = error;
    } else if (error instanceof HTTPException && error.status < 500) {
      failure = new ApiFailure(error.status as ContentfulStatusCode, error.status === 413 ? 'payload_too_large' : 'bad_request', error.message || 'The request is malformed.', {
        where: 'body',
        fix: 'Send a JSON body that matches the protocol.',
      });
    } else {
      log({ level: 'error', msg: 'unhandled error', method: c.req.method, route: c.req.routePath, requestId: c.var.requestId, ...describeFailureForLog(error) });
      failure = new ApiFailure(500, 'internal', 'The server failed while handling this request; nothing was half-saved.', {
        fix: `Try again in a moment. If it keeps happening, give your admin request id ${c.var.requestId ?? 'unknown'}.`,
        details: { requestId: c.var.requestId },
      });
    }
    if (failure.extras.retryAfterSeconds !== undefined) c.header('Retry-After', String(failure.extras.retryAfterSeconds));
    return c.json(failure.toBody(), failure.status);
  });

  /** Ends open event streams (and the hub, if the app made it) so a process can exit or restart. */
  const close = async () => {
    for (const end of [...openStreams]) end();
    if (ownsHub) await hub.close();
  };

  return Object.assign(app, { close });
}

export type SidenoteApp = ReturnType<typeof createApp>;
/** The route types, for a typed client (`hc<AppType>`). */
export type AppType = typeof createApp extends (options: AppOptions) => infer App ? App : never;
