import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './auth';

/**
 * One JSON line per request: method, path, status, duration and the rep, for grepping and
 * for log pipelines. Never the query string, a header or a body: those carry tokens and
 * customer data.
 */

export type LogEntry = Record<string, unknown> & { level: 'info' | 'warn' | 'error'; msg: string };
export type Logger = (entry: LogEntry) => void;

export const jsonLineLogger: Logger = (entry) => {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
  if (entry.level === 'error') console.error(line);
  else console.log(line);
};

export const silentLogger: Logger = () => undefined;

export function requestLog(log: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    await next();
    try {
      c.res.headers.set('x-request-id', requestId);
    } catch {
      // Headers of a passed-through response can be immutable; the id is only a convenience.
    }
    const status = c.res.status;
    log({
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      rep: c.var.auth?.rep.id ?? null,
      requestId,
    });
  });
}
