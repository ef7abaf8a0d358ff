import { describe, expect, it } from 'vitest';
import { SyncTransportError, createTransport, normalizeBaseUrl, tokenId } from './transport';

describe('normalizeBaseUrl', () => {
  it.each([
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['  https://sync.acme.example/sidenote/ ', 'https://sync.acme.example/sidenote'],
    ['sync.acme.example', 'https://sync.acme.example'],
    ['localhost:8787', 'http://localhost:8787'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
  ])('turns %s into %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', 'No server address'],
    ['ftp://files.acme.example', 'http:// or https://'],
    ['https://user:pw@sync.acme.example', 'token field'],
    ['https://sync.acme.example/?team=1', '? or #'],
    ['http://exa mple.com', 'not a web address'],
  ])('refuses %j', (input, words) => {
    const result = normalizeBaseUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(words);
  });
});

describe('tokenId', () => {
  it('takes the public id and never the secret', () => {
    expect(tokenId('snt_abcdefghijkl_secretsecretsecret')).toBe('abcdefghijkl');
    expect(tokenId('garbage')).toBe('unknown');
  });
});

/** Answers the way a reverse proxy or a foreign service would; the Sidenote server itself is tested against the real app. */
function answering(status: number, body: string, headers: Record<string, string> = {}) {
  return async () => new Response(body, { status, headers });
}

describe('transport failures', () => {
  const TOKEN = 'snt_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  async function failureOf(fetch: (input: string, init?: RequestInit) => Promise<Response>, baseUrl = 'http://127.0.0.1:8787') {
    try {
      await createTransport({ baseUrl, token: TOKEN, fetch }).hello();
    } catch (error) {
      expect(error).toBeInstanceOf(SyncTransportError);
      return error as SyncTransportError;
    }
    throw new Error('expected a failure');
  }

  it.each([
    ['a proxy saying the server is down', answering(502, '<html>Bad gateway</html>'), 'unreachable'],
    ['a web page where the server should be', answering(404, '<html>Not found</html>'), 'bad_address'],
    ['a web page answering 200', answering(200, '<html>Welcome</html>', { 'content-type': 'text/html' }), 'bad_address'],
    ['a bare server error', answering(500, 'oops'), 'server_error'],
    ['a request that arrived too slowly (408)', answering(408, ''), 'unreachable'],
    ['a server error whose body looks like a push result', answering(500, '{"results":[]}'), 'server_error'],
    ['JSON of the wrong shape', answering(200, '{"hello":"world"}'), 'bad_response'],
    ['a dead network', async () => Promise.reject(new TypeError('fetch failed')), 'unreachable'],
  ])('maps %s to %s', async (_name, fetch, code) => {
    expect((await failureOf(fetch)).code).toBe(code);
  });

  it('reads Retry-After on 429', async () => {
    const error = await failureOf(answering(429, JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { 'retry-after': '12' }));
    expect(error).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 12_000, status: 429 } });
  });

  it('refuses a bad address before sending anything', async () => {
    let called = false;
    const error = await failureOf(async () => {
      called = true;
      return new Response('{}');
    }, 'ftp://x');
    expect(error.code).toBe('bad_address');
    expect(called).toBe(false);
  });

  it('gives up on a server that does not answer in time', async () => {
    const hanging = (_input: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const transport = createTransport({ baseUrl: 'http://127.0.0.1:8787', token: TOKEN, fetch: hanging, timeoutMs: 50 });
    await expect(transport.hello()).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('no answer within') });
  });
});

describe('pull', () => {
  const TOKEN = 'snt_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const PAGE = JSON.stringify({ changes: [], cursor: '7', hasMore: false });
  const json = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'application/json' } });

  it('posts the cursor and limit to one fixed address', async () => {
    const sent: Array<{ url: string; method?: string; body?: unknown; type?: string }> = [];
    const transport = createTransport({
      baseUrl: 'http://127.0.0.1:8787',
      token: TOKEN,
      fetch: async (url, init) => {
        sent.push({ url, method: init?.method, body: JSON.parse(String(init?.body)), type: (init?.headers as Record<string, string>)['content-type'] });
        return json(200, PAGE);
      },
    });
    await transport.pull('', 500);
    await transport.pull('12.3', 500);
    expect(sent).toEqual([
      { url: 'http://127.0.0.1:8787/v1/pull', method: 'POST', body: { cursor: '', limit: 500 }, type: 'application/json' },
      { url: 'http://127.0.0.1:8787/v1/pull', method: 'POST', body: { cursor: '12.3', limit: 500 }, type: 'application/json' },
    ]);
  });

  it('falls back to the GET pull for the rest of the run on a server from before the POST pull', async () => {
    const sent: string[] = [];
    // What such a server answers: its own 404 for a route it does not have, and the GET pull.
    const olderServer = async (url: string, init?: RequestInit) => {
      sent.push(`${init?.method} ${url}`);
      if (init?.method === 'POST') return json(404, JSON.stringify({ error: { code: 'not_found', message: 'There is no POST /v1/pull on this server.' } }));
      return json(200, PAGE);
    };
    const transport = createTransport({ baseUrl: 'http://127.0.0.1:8787', token: TOKEN, fetch: olderServer });
    expect(await transport.pull('', 500)).toEqual({ changes: [], cursor: '7', hasMore: false });
    await transport.pull('7', 500);
    expect(sent).toEqual(['POST http://127.0.0.1:8787/v1/pull', 'GET http://127.0.0.1:8787/v1/pull?cursor=&limit=500', 'GET http://127.0.0.1:8787/v1/pull?cursor=7&limit=500']);
  });

  it('does not mistake a 404 from something other than a Sidenote server for an older server', async () => {
    let calls = 0;
    const transport = createTransport({
      baseUrl: 'http://127.0.0.1:8787',
      token: TOKEN,
      fetch: async () => {
        calls++;
        return new Response('<html>Not found</html>', { status: 404 });
      },
    });
    await expect(transport.pull('', 500)).rejects.toMatchObject({ code: 'bad_address' });
    expect(calls).toBe(1);
  });
});
