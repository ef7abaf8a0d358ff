import * as z from 'zod';
import {
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  apiErrorSchema,
  fetchRecordsResponseSchema,
  helloResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type FetchRecordsResponse,
  type HelloResponse,
  type Mutation,
  type MutationRejection,
  type PullResponse,
  type PushResponse,
} from '../schemas';

/**
 * The client's side of the HTTP protocol. Every answer is parsed with the shared Zod
 * schemas, and every failure becomes a `SyncTransportError` with a code the engine and the
 * UI can act on. I/O is the injected `fetch`, so tests run it against the real app.
 */

export const syncFailureCodeSchema = z.enum([
  /** Not an http(s) address, or something that is not a Sidenote server answers there. */
  'bad_address',
  /** No answer: offline, DNS, refused, timed out, or a proxy saying the server is down. */
  'unreachable',
  /** 401: missing, unknown or revoked token. */
  'bad_token',
  /** The server speaks another protocol version. */
  'incompatible_version',
  /** 429: wait for `retryAfterMs`. */
  'rate_limited',
  /** 5xx from the server itself. */
  'server_error',
  /** 422: some mutations were refused; see `rejected`. */
  'mutations_rejected',
  /** The server does not know our cursor (e.g. restored from a backup): pull from the start. */
  'bad_cursor',
  /** 410: away longer than the server keeps deletions: pull from the start and drop what it no longer has. */
  'resync_required',
  /** The server refused the request as malformed, or answered something we cannot read: a bug. */
  'bad_response',
]);
export type SyncFailureCode = z.infer<typeof syncFailureCodeSchema>;

export interface SyncFailureDetails {
  status?: number;
  retryAfterMs?: number;
  rejected?: MutationRejection[];
  /** The server's own words (`error.message`), when it sent any. */
  serverMessage?: string;
  serverCode?: string;
}

export class SyncTransportError extends Error {
  constructor(
    readonly code: SyncFailureCode,
    message: string,
    readonly details: SyncFailureDetails = {},
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  /** A request with no answer after this long counts as unreachable. */
  timeoutMs?: number;
}

export interface SyncTransport {
  readonly baseUrl: string;
  /** Names this server and token pair without the secret, to notice when settings change. */
  readonly scopeKey: string;
  hello(signal?: AbortSignal): Promise<HelloResponse>;
  push(clientId: string, mutations: readonly Mutation[], signal?: AbortSignal): Promise<PushResponse>;
  pull(cursor: string, limit: number, signal?: AbortSignal): Promise<PullResponse>;
  fetchRecords(ids: readonly string[], signal?: AbortSignal): Promise<FetchRecordsResponse>;
  /** Whether the server answers and reaches its database (`GET /healthz`); never throws. */
  probe(signal?: AbortSignal): Promise<boolean>;
}

/** A health probe with no answer after this long counts as no answer. */
export const PROBE_TIMEOUT_MS = 5_000;

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY_AFTER_MS = 30_000;

/**
 * Accepts what a rep types (`sync.acme.com`, `http://127.0.0.1:8787/`) and returns the base
 * address requests are built on, or why it cannot be one.
 */
export function normalizeBaseUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  let text = input.trim();
  if (!text) return { ok: false, reason: 'No server address is set.' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // Local addresses usually have no TLS; anything else should.
    const local = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(text);
    text = `${local ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${input.trim()}" is not a web address.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'The address must start with http:// or https://.' };
  if (url.username || url.password) return { ok: false, reason: 'Put the token in the token field, not in the address.' };
  if (url.search || url.hash) return { ok: false, reason: 'The address must not contain ? or #.' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The public id part of a token (`snt_<id>_<secret>`), safe to store and show. */
export function tokenId(token: string): string {
  return /^snt_([a-z0-9]+)_/.exec(token.trim())?.[1] ?? 'unknown';
}

function parseRetryAfter(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - Date.now());
}

async function failureFrom(response: Response): Promise<SyncTransportError> {
  const status = response.status;
  const text = await response.text().catch(() => '');
  let body: z.infer<typeof apiErrorSchema> | null = null;
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON: a proxy, a web page or another service answered.
  }
  const details: SyncFailureDetails = { status, ...(body ? { serverMessage: body.error.message, serverCode: body.error.code } : {}) };
  if (!body) {
    if (status === 502 || status === 503 || status === 504) return new SyncTransportError('unreachable', `The server is down (HTTP ${status} from the way in).`, details);
    // Node's own answer when a request did not arrive in time: a slow line, not a wrong address.
    if (status === 408) return new SyncTransportError('unreachable', 'The request reached the server too slowly (HTTP 408).', details);
    if (status >= 500) return new SyncTransportError('server_error', `The server failed (HTTP ${status}).`, details);
    return new SyncTransportError('bad_address', `Something answers at this address, but it is not a Sidenote server (HTTP ${status}).`, details);
  }
  const message = body.error.message;
  switch (body.error.code) {
    case 'unauthorized':
      return new SyncTransportError('bad_token', message, details);
    case 'unsupported_protocol':
      return new SyncTransportError('incompatible_version', message, details);
    case 'rate_limited':
      return new SyncTransportError('rate_limited', message, { ...details, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    case 'mutation_rejected':
      return new SyncTransportError('mutations_rejected', message, { ...details, rejected: body.error.rejected ?? [] });
    case 'bad_cursor':
      return new SyncTransportError('bad_cursor', message, details);
    case 'resync_required':
      return new SyncTransportError('resync_required', message, details);
    case 'not_found':
      return new SyncTransportError('bad_address', message, details);
    case 'internal':
      return new SyncTransportError(status === 503 ? 'unreachable' : 'server_error', message, details);
    default:
      return new SyncTransportError('bad_response', message, details);
  }
}

/** A Sidenote server's own 404 for a route it does not have (not a proxy's, nor a web page's). */
function isMissingRoute(error: unknown): boolean {
  return error instanceof SyncTransportError && error.details.status === 404 && error.details.serverCode === 'not_found';
}

export function createTransport(options: TransportOptions): SyncTransport {
  const normalized = normalizeBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const baseUrl = normalized.ok ? normalized.url : options.baseUrl;
  const token = options.token.trim();
  /** A server from before the POST pull answers it 404; this transport then pulls with GET. */
  let legacyPull = false;

  async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit, signal?: AbortSignal): Promise<T> {
    if (!normalized.ok) throw new SyncTransportError('bad_address', normalized.reason);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          ...(init.headers as Record<string, string> | undefined),
        },
        signal: timeout.signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const why = timeout.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : error instanceof Error ? error.message : String(error);
      throw new SyncTransportError('unreachable', `Cannot reach ${baseUrl} (${why}).`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (!response.ok) throw await failureFrom(response);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new SyncTransportError('bad_address', 'Something answers at this address, but not with the JSON a Sidenote server sends.', { status: response.status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new SyncTransportError('bad_response', `The server's answer to ${path.split('?')[0]} is not understood (${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}).`, {
        status: response.status,
      });
    }
    return parsed.data;
  }

  return {
    baseUrl,
    scopeKey: `${baseUrl}#${tokenId(token)}`,
    hello: (signal) => request('/v1/hello', helloResponseSchema, { method: 'GET' }, signal),
    push: (clientId, mutations, signal) =>
      request(
        '/v1/push',
        pushResponseSchema,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations }),
        },
        signal,
      ),
    async pull(cursor, limit, signal) {
      // The cursor travels in the body so every page has one URL, and Chromium's preflight
      // cache (keyed by URL) serves every page after the first.
      if (!legacyPull) {
        try {
          return await request(
            '/v1/pull',
            pullResponseSchema,
            { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cursor, limit }) },
            signal,
          );
        } catch (error) {
          if (!isMissingRoute(error)) throw error;
          legacyPull = true;
        }
      }
      return request(`/v1/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, pullResponseSchema, { method: 'GET' }, signal);
    },
    async probe(signal) {
      if (!normalized.ok) return false;
      // One controller for the timeout and the caller's signal (AbortSignal.any is too new for some browsers).
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), PROBE_TIMEOUT_MS);
      const onAbort = () => abort.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const response = await options.fetch(`${baseUrl}/healthz`, { method: 'GET', signal: abort.signal });
        await response.body?.cancel().catch(() => undefined);
        return response.ok;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
    fetchRecords: (ids, signal) =>
      request(
        '/v1/records',
        fetchRecordsResponseSchema,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids }) },
        signal,
      ),
  };
}
