import { SYNC_PROTOCOL_VERSION, type ServerSettings } from '../schemas';
import { createTransport, normalizeBaseUrl, SyncTransportError, type FetchLike } from './transport';

/**
 * "Test connection" on the options page: one hello to the server with the typed address
 * and token, turned into a verdict the rep can act on. Returns a code and parameters for
 * localized text, plus English text (CONNECTION_TEXT_EN).
 */

export type ConnectionVerdict =
  | {
      ok: true;
      code: 'ok';
      team: { id: string; name: string };
      rep: { id: string; name: string; email: string | null };
      serverVersion: string;
      baseUrl: string;
    }
  | {
      ok: false;
      code: 'bad_address' | 'unreachable' | 'bad_token' | 'incompatible_version' | 'server_error';
      /** Specifics for the sentence (the address, the HTTP status, the server's own words). */
      detail: string;
      baseUrl: string | null;
    };

export type ConnectionVerdictCode = ConnectionVerdict['code'];

export const CONNECTION_TEXT_EN: Record<ConnectionVerdictCode, (verdict: ConnectionVerdict) => string> = {
  ok: (v) => (v.ok ? `Connected to team "${v.team.name}" as ${v.rep.name}.` : ''),
  bad_address: (v) => `That server address does not work: ${v.ok ? '' : v.detail} Check it with your admin; it looks like https://sync.example.com.`,
  unreachable: (v) => `The server does not answer${v.baseUrl ? ` at ${v.baseUrl}` : ''}. It may be down, or this computer is offline. Your notes are kept and sync when it is back.`,
  bad_token: () => 'The server refused this API token. Paste the token your admin gave you, or ask for a new one if it was revoked.',
  incompatible_version: () => 'This server speaks a different version of the sync protocol. Update the Sidenote extension, or ask your admin to update the server.',
  server_error: (v) => `The server answered with an error${v.ok ? '' : ` (${v.detail})`}. Try again in a minute; if it persists, tell your admin.`,
};

export function describeConnectionVerdict(verdict: ConnectionVerdict): string {
  return CONNECTION_TEXT_EN[verdict.code](verdict);
}

export async function testConnection(settings: ServerSettings, fetch: FetchLike, options: { timeoutMs?: number } = {}): Promise<ConnectionVerdict> {
  const normalized = normalizeBaseUrl(settings.url);
  if (!normalized.ok) return { ok: false, code: 'bad_address', detail: normalized.reason, baseUrl: null };
  const baseUrl = normalized.url;
  const token = settings.token.trim();
  if (!token) return { ok: false, code: 'bad_token', detail: 'No API token is set.', baseUrl };
  if (!/^snt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/.test(token)) {
    return { ok: false, code: 'bad_token', detail: 'That does not look like a Sidenote token; tokens start with "snt_".', baseUrl };
  }
  const transport = createTransport({ baseUrl, token, fetch, timeoutMs: options.timeoutMs ?? 10_000 });
  try {
    const hello = await transport.hello();
    if (hello.protocolVersion !== SYNC_PROTOCOL_VERSION) {
      return { ok: false, code: 'incompatible_version', detail: `server ${hello.protocolVersion}, extension ${SYNC_PROTOCOL_VERSION}`, baseUrl };
    }
    return { ok: true, code: 'ok', team: hello.team, rep: hello.rep, serverVersion: hello.serverVersion, baseUrl };
  } catch (error) {
    if (!(error instanceof SyncTransportError)) return { ok: false, code: 'server_error', detail: error instanceof Error ? error.message : String(error), baseUrl };
    switch (error.code) {
      case 'bad_address':
      case 'unreachable':
      case 'bad_token':
      case 'incompatible_version':
        return { ok: false, code: error.code, detail: error.message, baseUrl };
      case 'rate_limited':
        return { ok: false, code: 'server_error', detail: `busy; try again in ${Math.ceil((error.details.retryAfterMs ?? 30_000) / 1000)} s`, baseUrl };
      default:
        return { ok: false, code: 'server_error', detail: error.details.status ? `HTTP ${error.details.status}` : error.message, baseUrl };
    }
  }
}
