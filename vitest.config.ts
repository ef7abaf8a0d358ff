import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { scaledTimeout } from './test/support/timeouts';

// Two cores: keep workers to two so suites and the machine stay responsive. Timeouts are
// bounds for a 4-core machine, scaled by test/support/timeouts.ts (4 ÷ cores, or
// SIDENOTE_TEST_TIMEOUT_FACTOR): a bound against hangs, not a measurement (latency is for bench/).
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/setup/unit.ts'],
          testTimeout: scaledTimeout(20_000),
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'test/sync/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup/unit.ts'],
          testTimeout: scaledTimeout(60_000),
          hookTimeout: scaledTimeout(60_000),
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: scaledTimeout(120_000),
          hookTimeout: scaledTimeout(180_000),
        },
      },
    ],
  },
});
