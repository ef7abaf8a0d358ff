import { execFileSync } from 'node:child_process';
import { E2E_GRANTED_HOSTS } from './support/hosts';

/**
 * Builds what the browser specs install: the shipped builds (installed by most specs, also
 * linted and measured) and the pre-granted Chrome build, which adds the fixture sites a rep
 * would allow with "Let Sidenote read …" (a headless browser cannot answer the permission
 * prompt), for the steps that read a site with no click. Set SIDENOTE_E2E_SKIP_BUILD=1 when
 * iterating on specs against existing builds.
 */
export default function setup(): void {
  if (process.env.SIDENOTE_E2E_SKIP_BUILD === '1') return;
  const builds: Array<{ args: string[]; env: Record<string, string> }> = [
    { args: ['wxt', 'build'], env: {} },
    { args: ['wxt', 'build', '-b', 'firefox'], env: {} },
    { args: ['wxt', 'build'], env: { SIDENOTE_E2E_GRANTED_HOSTS: E2E_GRANTED_HOSTS.join(',') } },
  ];
  for (const build of builds) {
    // Vitest runs with NODE_ENV=test, which Vite would inherit: an unminified build with React's
    // development bundle (204 KB gzipped of first-paint JS instead of 142), not what ships.
    execFileSync('npx', build.args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_NO_WARNINGS: '1', NODE_ENV: 'production', ...build.env } });
  }
}
