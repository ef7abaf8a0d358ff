import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

/**
 * The app on Node's HTTP server. A request must arrive whole, headers and body, within
 * REQUEST_TIMEOUT_MS: a client that trickles a body a byte at a time would otherwise hold a
 * socket and a request's memory as long as it likes. Node answers 408 and closes the
 * connection. A response may take as long as it needs (event streams stay open for minutes).
 */

export const REQUEST_TIMEOUT_MS = 30_000;

export interface ServeOptions {
  hostname: string;
  port: number;
  requestTimeoutMs?: number;
}

export function serveApp(app: { fetch: (request: Request) => Response | Promise<Response> }, options: ServeOptions, onListening?: (info: AddressInfo) => void): ServerType {
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  return serve(
    {
      fetch: app.fetch,
      hostname: options.hostname,
      port: options.port,
      serverOptions: {
        requestTimeout: requestTimeoutMs,
        // Node refuses a headers timeout longer than the whole request's.
        headersTimeout: requestTimeoutMs,
        // How often Node looks for overdue requests; the default (30 s) would let one run up to twice the limit.
        connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(requestTimeoutMs / 6))),
      },
    },
    onListening,
  );
}
