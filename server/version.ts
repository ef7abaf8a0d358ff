import { readFileSync } from 'node:fs';

/** The server's version is the package version, so `hello` tells a rep what they talk to. */
export const SERVER_VERSION: string = (() => {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
