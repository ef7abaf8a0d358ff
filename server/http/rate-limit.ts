import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { queryRows, type Database } from '../db/connect';
import type { AppEnv } from './auth';
import { ApiFailure } from './errors';

/**
 * Per-token rate limit as a generic cell rate algorithm (GCRA): one row per token holds the
 * theoretical arrival time of the next request. The row lives in the database, not in
 * process memory, so N server processes behind a load balancer still grant one token one
 * budget, and a restart does not reset it. It costs one upsert per request.
 */

export interface RateLimitConfig {
  /** Sustained requests a token may make per minute. */
  requestsPerMinute: number;
  /** Requests a token may make at once after being idle. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { requestsPerMinute: 600, burst: 120 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export async function consumeRateLimit(db: Database, tokenId: string, nowMs: number, config: RateLimitConfig): Promise<RateDecision> {
  const intervalMs = Math.max(1, Math.round(60_000 / config.requestsPerMinute));
  const windowMs = intervalMs * Math.max(1, config.burst);
  const granted = await queryRows<{ tat_ms: string }>(
    db,
    sql`insert into rate_limits as r (token_id, tat_ms) values (${tokenId}, ${nowMs + intervalMs})
        on conflict (token_id) do update set tat_ms = greatest(r.tat_ms, ${nowMs}) + ${intervalMs}
          where greatest(r.tat_ms, ${nowMs}) + ${intervalMs} - ${nowMs} <= ${windowMs}
        returning tat_ms`,
  );
  if (granted.length) return { allowed: true };
  const [row] = await queryRows<{ tat_ms: string }>(db, sql`select tat_ms from rate_limits where token_id = ${tokenId}`);
  const tatMs = Number(row?.tat_ms ?? nowMs);
  return { allowed: false, retryAfterMs: Math.max(1, tatMs + intervalMs - windowMs - nowMs) };
}

export function rateLimit(db: Database, config: RateLimitConfig, now: () => number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const decision = await consumeRateLimit(db, c.get('auth').tokenId, now(), config);
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw new ApiFailure(429, 'rate_limited', `Too many requests with this token; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
        retryAfterSeconds: seconds,
        fix: 'Wait for the time in the Retry-After header before sending again.',
      });
    }
    await next();
  });
}
