/**
 * A hidden tab hears of a new worker late (Chromium: up to about 170 ms after the visible
 * tab), so another tab's accept can reach it before it has seen the worker installing,
 * or while it still does. The accept is kept and applied once the worker waits there:
 * the tab joins the others (here held by unsaved work) instead of offering the update
 * again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerScriptBody } from '../fakes/index.js';
import { controlledApp, goodWorker, type App, type TabRecord } from './app.js';

/** Our worker; v2's install step (a precache, say) ends when the test says so. */
let endInstall = () => {};
const gatedInstall =
  (version: string): WorkerScriptBody =>
  (scope) => {
    goodWorker(version)(scope);
    if (version === '1') return;
    const installed = new Promise<void>((done) => (endInstall = done));
    scope.addEventListener('install', (event) => event.waitUntil(installed));
  };

let app: App;
afterEach(() => app.close());

describe('an accept heard before the worker waits in this tab is kept: held with the others, then one reload each', () => {
  for (const seen of ['idle', 'installing'] as const) {
    it(`the late tab's status at the accept: ${seen}`, async () => {
      app = await controlledApp(3, { worker: gatedInstall });
      // Opened in turn, each in front: the last one is visible, the first two hidden.
      const [late, holding, front] = app.live() as [TabRecord, TabRecord, TabRecord];
      // It hears of the new worker a second after the others.
      late.tab.lateTasksMs = 1_000;
      const release = holding.updates!.hold('unsaved draft');
      await app.browser.waitFor(
        () => front.updates!.getSnapshot().holds === 1 && late.updates!.getSnapshot().holds === 1,
      );

      app.deploy('2');
      await front.updates!.checkForUpdate();
      if (seen === 'installing') await app.browser.waitFor(() => late.updates!.getSnapshot().status === 'installing');
      endInstall();
      await app.browser.waitFor(() => front.prompt !== undefined, { message: 'the front tab to present' });
      // The late tab has not heard of the new worker yet, or still sees it installing.
      expect(late.updates!.getSnapshot().status).toBe(seen);
      front.updates!.accept();

      await app.browser.waitFor(() => app.live().every((r) => r.updates!.getSnapshot().status === 'blocked'), {
        message: 'every tab blocked by the hold',
      });
      await app.browser.settle({ quietMs: 500 });
      expect(app.live().map((r) => r.updates!.getSnapshot().status)).toEqual(['blocked', 'blocked', 'blocked']);
      // One prompt in all: the late tab never offered the update it had heard accepted.
      expect(app.live().map((r) => r.prompts)).toEqual([0, 0, 1]);
      expect(app.live().map((r) => r.tab.reloads)).toEqual([0, 0, 0]);

      release();
      await app.browser.waitFor(() => app.live().every((r) => r.tab.loads === 2), { message: 'every tab reloaded' });
      await app.browser.settle({ quietMs: 500 });
      expect(app.live().map((r) => r.tab.reloads)).toEqual([1, 1, 1]);
      expect(app.live().every((r) => r.tab.controller?.label === 'v2')).toBe(true);
    });
  }
});
