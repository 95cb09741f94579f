/**
 * `useDemo()`: the hooks of a browser test file (the build checked, the run's engine and
 * server, apps and contexts closed after each test) and the `Demo` they return, whose
 * `app()` opens the demo app in some tabs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { FixtureServer, WorkerKind } from '../../fixtures/server.js';
import { POWERS, type Context, type Engine } from '../driver/index.js';
import { sharedRun } from '../shared-run.js';
import { createApp } from './app.js';
import { ENGINE } from './engine.js';
import type { App, AppTab, Demo } from './types.js';
import { timings } from './waits.js';

/** The build under test: ./dist, or DEMO_DIST (to run the suite against another build). */
const DIST = process.env.DEMO_DIST
  ? `${resolve(process.env.DEMO_DIST)}/`
  : fileURLToPath(new URL('../../../dist/', import.meta.url));

/** Registers the hooks of this test file (the run's engine and server, its apps closed after each test); returns accessors. */
export function useDemo(): Demo {
  let engine: Engine | undefined;
  let server: FixtureServer | undefined;
  const apps: App[] = [];
  const contexts: Context[] = [];

  beforeAll(async () => {
    if (!existsSync(`${DIST}index.js`) || !existsSync(`${DIST}worker-global.iife.js`)) {
      throw new Error(
        `${DIST} has no build: run \`npm run build\` before the browser tests (the demo serves the built package).`,
      );
    }
    ({ server, engine } = await sharedRun(ENGINE));
  });

  afterEach(async () => {
    if (process.env.DEMO_DEBUG) for (const app of apps) console.log(app.eventLog());
    for (const app of apps.splice(0)) await app.close();
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(() => {
    // This file's timings: the module, and the list, outlive it (shared-run.ts).
    if (timings.length > 0) console.log(`[timing] summary\n  ${timings.splice(0).join('\n  ')}`);
  });

  const demo: Demo = {
    get server() {
      if (server === undefined) throw new Error('the demo server is not running (beforeAll failed?)');
      return server;
    },
    get engine() {
      if (engine === undefined) throw new Error(`${ENGINE} is not running (beforeAll failed?)`);
      return engine;
    },
    async app({ tabs = 1, initial = { kind: 'good' as WorkerKind, version: '1' }, controlled = true, query } = {}) {
      await demo.server.deploy(initial.kind, initial.version);
      const app = await createApp(demo.engine, demo.server);
      apps.push(app);
      const canBringToFront = POWERS[ENGINE].includes('bringToFront');
      let closeLater: AppTab | undefined;
      if (controlled) {
        // The first install leaves its own tab uncontrolled (no clients.claim()), so a
        // bootstrap tab installs the worker and leaves; the app's tabs open controlled.
        const bootstrap = await app.bootstrap({ query });
        await app.waitFor(
          'the first install to finish (onOfflineReady)',
          () => app.eventsOf('offline-ready').length > 0,
        );
        // Where tabs cannot be brought to the front (WebKit), the first tab of the window
        // stays the visible one: the bootstrap tab leaves after the app's tabs opened, so
        // the app's first tab takes its place in front.
        if (canBringToFront || tabs === 0) await bootstrap.close();
        else closeLater = bootstrap;
      }
      if (canBringToFront) {
        // Opened together, as a restored session opens them, then the last brought to
        // the front as if opened last. Three tabs: about 1 s sooner in Chromium, about
        // the same in Firefox (its driver opens one tab at a time either way).
        const opened = await Promise.all(Array.from({ length: tabs }, () => app.open({ query })));
        await opened.at(-1)?.bringToFront();
      } else {
        for (let i = 0; i < tabs; i++) await app.open({ query });
      }
      await closeLater?.close();
      if (controlled) {
        await app.waitFor(`every tab to be idle on version ${initial.version}`, async () => {
          const snapshots = await app.snapshots();
          return snapshots.every(
            (s) =>
              s !== undefined &&
              s.status === 'idle' &&
              (s.version === initial.version || !answersVersion(initial.kind)),
          );
        });
      }
      return app;
    },
    async context() {
      const context = await demo.engine.newContext();
      contexts.push(context);
      return context;
    },
  };
  return demo;
}

/** Workers that answer the page's version question (they run our worker module). */
export const answersVersion = (kind: WorkerKind): boolean =>
  kind === 'good' ||
  kind === 'workbox' ||
  kind === 'no-reload' ||
  kind === 'slow-skip' ||
  kind === 'install-rejects' ||
  kind === 'syntax';
