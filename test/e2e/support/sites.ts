import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Local stand-ins for the sites a rep works on. Chromium resolves their real host names to
 * this machine (--host-resolver-rules), so domain matching sees www.acme-robotics.com, not
 * 127.0.0.1. Webmail is served over HTTPS because mail.google.com is HSTS-preloaded.
 */
const SITES_DIR = path.join(import.meta.dirname, '..', 'sites');

export const SITE_PAGES: Record<string, string> = {
  'www.acme-robotics.com': 'acme.html',
  'www.globex.cn': 'globex.html',
  'www.xinghe.com.cn': 'xinghe.html',
  'mail.google.com': 'gmail-thread.html',
};

export interface FixtureSites {
  httpPort: number;
  httpsPort: number;
  url(host: string, pathname?: string): string;
  /** The Chromium flag that sends every fixture host here. */
  hostResolverRules: string;
  close(): Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sidenote-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=mail.google.com'], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function handler(request: http.IncomingMessage, response: http.ServerResponse): void {
  const host = (request.headers.host ?? '').split(':')[0] ?? '';
  const page = SITE_PAGES[host];
  if (!page) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`No fixture site for ${host}`);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(path.join(SITES_DIR, page)));
}

export async function startFixtureSites(): Promise<FixtureSites> {
  const plain = http.createServer(handler);
  const secure = https.createServer(selfSignedCertificate(), handler);
  await Promise.all([new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve)), new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve))]);
  const httpPort = (plain.address() as AddressInfo).port;
  const httpsPort = (secure.address() as AddressInfo).port;
  return {
    httpPort,
    httpsPort,
    url: (host, pathname = '/') => (host === 'mail.google.com' ? `https://${host}:${httpsPort}${pathname}` : `http://${host}:${httpPort}${pathname}`),
    hostResolverRules: `${Object.keys(SITE_PAGES).map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
    close: async () => {
      await Promise.all([new Promise((resolve) => plain.close(resolve)), new Promise((resolve) => secure.close(resolve))]);
    },
  };
}
