/**
 * Test projects: `unit` (machines, adapters and multi-tab runs on in-memory fakes, in
 * Node), `package` (the packed tarball: publint, attw, the published types compiled by
 * a consumer), `sim` (the seeded simulation's long run, test/sim/sim.test.ts) and one
 * browser project per engine: `browser:chromium`, `browser:firefox`, `browser:webkit`
 * (the same scenarios through the tab driver, test/browser/driver). `npm test` runs them
 * all: unit and package first, two files at a time (most of their time is waiting on
 * timers), then the sim alone (it forks a process per core), then the engines one after
 * another (two cores: one browser at a time). test/browser/engine-report.ts prints, per
 * engine, what ran and what was not applicable, and why.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
/** The simulation's 10,000-scenario run: a project of its own. */
const SIM_RUN = 'test/sim/sim.test.ts';
const SOLID_BROWSER_BUILD = [
  { find: /^solid-js$/, replacement: `${root}node_modules/solid-js/dist/solid.js` },
  { find: /^solid-js\/web$/, replacement: `${root}node_modules/solid-js/web/dist/web.js` },
  { find: /^solid-js\/store$/, replacement: `${root}node_modules/solid-js/store/dist/store.js` },
];

export default defineConfig({
  test: {
    root,
    reporters: ['default', './test/browser/engine-report.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          root,
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // test/bench/ is the measurement harness (`npm run bench`), not tests.
          exclude: ['test/browser/**', 'test/package/**', 'test/bench/**', SIM_RUN, 'node_modules/**'],
          // Two files at once even on two cores (vitest's default there is one): the fakes'
          // multi-tab runs mostly wait on their timers. Not beside the sim (see below).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // The fakes run on real timers, with hidden tabs' timers a second or more late as
          // in the engines; on a loaded two-core machine a whole update takes seconds. Hangs
          // are caught sooner, with what was awaited, by the tests' own waits.
          testTimeout: 15_000,
          // Solid's tests render in happy-dom, but Node resolves `solid-js` to its server
          // build (no reactivity). Only Solid's imports are pointed at the browser build;
          // the testing library is inlined so its own `solid-js` imports follow.
          server: { deps: { inline: [/[\\/]node_modules[\\/](solid-js|@solidjs[\\/]testing-library)[\\/]/] } },
        },
        resolve: { alias: SOLID_BROWSER_BUILD },
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
          // One group with unit, so the same worker count.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'sim',
          root,
          environment: 'node',
          include: [SIM_RUN],
          // Alone: its scenarios run in a child process per core, which leaves nothing for
          // files beside it (the fakes' real-timer waits would only stretch).
          sequence: { groupOrder: 1 },
        },
      },
      ...ENGINES.map((engine, i) => ({
        test: {
          name: `browser:${engine}`,
          root,
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          env: { ENGINE: engine },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores. The files run one after
          // another in one worker, which starts the engine once for all of them
          // (test/browser/shared-run.ts).
          fileParallelism: false,
          isolate: false,
          // A real engine on a loaded machine now and then leaves a scenario hanging until
          // the test's timeout (seen once in WebKitGTK in about 570 runs, passing alone
          // every time since): such a scenario gets one more run, which vitest reports as
          // retried. A scenario that fails twice fails the suite.
          retry: 1,
          sequence: { groupOrder: i + 2 },
        },
      })),
    ],
  },
});
