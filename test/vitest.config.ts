/**
 * Test projects: `unit` (machines, adapters and multi-tab runs on in-memory fakes,
 * in Node), `package` (the packed tarball: publint, attw, the published types compiled
 * by a consumer) and `browser` (real Chromium through playwright-core). `npm test` runs
 * all three.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  test: {
    root,
    projects: [
      {
        test: {
          name: 'unit',
          root,
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/package/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'package',
          root,
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          // Packs once per run; every file here reads that tarball.
          globalSetup: ['test/package/pack.ts'],
          // The compilers run in the background; a loaded machine can take a minute.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          root,
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
