import { DEFAULT_PULL_PAGE_SIZE, MAX_PULL_PAGE_SIZE, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type Mutation } from '../../lib/schemas';
import type { SidenoteApp } from '../app';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke into answers freely
  body: any;
}

/** Drives the app in-process with `app.request`, the way the extension would over HTTP. */
export function apiClient(app: SidenoteApp, token?: string, clientId = 'testclient01') {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    ...extra,
  });
  const answer = async (response: Response): Promise<ApiAnswer> => {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: leave the text for the assertion to show.
    }
    return { status: response.status, headers: response.headers, body };
  };
  const postPull = (cursor: string, limit: number) =>
    app.request('/v1/pull', { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ cursor, limit }) });
  return {
    get: async (path: string, extra?: Record<string, string>) => answer(await app.request(path, { headers: headers(extra) })),
    post: async (path: string, body: unknown, extra?: Record<string, string>) =>
      answer(
        await app.request(path, {
          method: 'POST',
          headers: headers({ 'content-type': 'application/json', ...extra }),
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    push: async (mutations: Mutation[], client = clientId) =>
      answer(
        await app.request('/v1/push', {
          method: 'POST',
          headers: headers({ 'content-type': 'application/json' }),
          body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId: client, mutations }),
        }),
      ),
    /** A page as the extension asks for it: `POST /v1/pull { cursor, limit }`. */
    pull: async (cursor = '', limit = DEFAULT_PULL_PAGE_SIZE) => answer(await postPull(cursor, limit)),
    /** A page as extensions before the POST pull asked for it (kept answering for one transition). */
    pullWithGet: async (cursor = '', limit?: number) =>
      answer(await app.request(`/v1/pull?cursor=${encodeURIComponent(cursor)}${limit ? `&limit=${limit}` : ''}`, { headers: headers() })),
    /** Every change visible to this rep, following pages to the end. */
    pullAll: async () => {
      const changes: Array<{ entity: string; id: string; seq: number; record: Record<string, unknown> | null }> = [];
      let cursor = '';
      for (;;) {
        const page = await answer(await postPull(cursor, MAX_PULL_PAGE_SIZE));
        if (page.status !== 200) throw new Error(`pull failed: ${page.status} ${JSON.stringify(page.body)}`);
        changes.push(...page.body.changes);
        cursor = page.body.cursor;
        if (!page.body.hasMore) return { changes, cursor };
      }
    },
  };
}
