import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { queryRows, type Database } from '../db/connect';
import { parseToken, secretMatches } from '../auth/tokens';
import { ApiFailure } from './errors';

export interface AuthContext {
  tokenId: string;
  team: { id: string; name: string };
  rep: { id: string; name: string; email: string | null };
}

export interface AppEnv {
  Variables: {
    auth: AuthContext;
    requestId: string;
  };
}

const FIX_TOKEN = 'Ask your team admin for a new token (sidenote-server rep add, or token create) and paste it into Sidenote\'s options.';

function unauthorized(message: string): ApiFailure {
  return new ApiFailure(401, 'unauthorized', message, { where: 'header.authorization', fix: FIX_TOKEN });
}

interface TokenRow {
  secret_hash: string;
  revoked_at: string | number | null;
  rep_id: string;
  rep_name: string;
  rep_email: string | null;
  team_id: string;
  team_name: string;
}

/**
 * Every request carries `Authorization: Bearer <token>`. The token is checked against the
 * database on every request, with no cache, so a revocation holds at once in every process.
 */
export function requireToken(db: Database) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw unauthorized('No API token was sent (the Authorization header is missing).');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const parsed = parseToken(match[1]!);
    if (!parsed) throw unauthorized('That is not a Sidenote API token; tokens start with "snt_".');
    const [row] = await queryRows<TokenRow>(
      db,
      sql`select t.secret_hash, t.revoked_at, r.id as rep_id, r.name as rep_name, r.email as rep_email, m.id as team_id, m.name as team_name
          from tokens t join reps r on r.id = t.rep_id join teams m on m.id = t.team_id
          where t.id = ${parsed.id}`,
    );
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) throw unauthorized('This API token is not known to the server.');
    if (row.revoked_at !== null) throw unauthorized('This API token was revoked.');
    c.set('auth', {
      tokenId: parsed.id,
      team: { id: row.team_id, name: row.team_name },
      rep: { id: row.rep_id, name: row.rep_name, email: row.rep_email },
    });
    await next();
  });
}
