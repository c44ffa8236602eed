import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['src/**/__tests__/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/setup/global.ts'],
    pool: 'forks',
    // Vitest's default on a 2-core machine is one fork (cores − 1): the files ran one after another
    // while most of each file's time is spent waiting on PostgreSQL and Chromium. Two forks run two
    // files at once; every file has its own cloned database, data folder, random ports and browser.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
    reporters: ['default', './test/setup/summary-reporter.ts'],
  },
});
