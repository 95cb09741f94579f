/**
 * The registration, offline readiness and typed lifecycle events in a real browser (each
 * engine of the run): what the fakes model for `getRegistration`, `offlineReady` and
 * `on()`, checked against real service workers.
 */
import { describe, expect, test } from 'vitest';
import { QUIET_MS, sleep, useDemo, type App } from './harness.js';
import { checkAfterDeploy } from './deploy-check.js';

const demo = useDemo();

const offlineReady = (app: App, page: number): Promise<boolean> =>
  app.run(page, (d) => d.updates.getSnapshot().offlineReady);

describe('the registration', () => {
  test('getRegistration() resolves the registration the browser holds, and onRegistered got it once per page', async () => {
    const app = await demo.app({ tabs: 2 });
    for (const page of [0, 1]) {
      const seen = await app.run(page, async (d) => {
        const registration = await d.updates.getRegistration();
        const browsers = await navigator.serviceWorker.getRegistration();
        return {
          scope: registration?.scope ?? null,
          sameObject: registration !== undefined && registration === browsers,
          active: registration?.active?.state ?? null,
        };
      });
      const origin = await app.run(page, () => location.origin);
      expect(seen).toEqual({ scope: `${origin}/`, sameObject: true, active: 'activated' });
      expect(app.eventsOf('registered', page)).toMatchObject([{ scope: `${origin}/` }]);
    }
  });
});

describe('offlineReady', () => {
  test('true in the tab of the first install, in a tab opened later and after reloads; onOfflineReady once', async () => {
    const app = await demo.app({ tabs: 0, controlled: false });
    await app.open();
    await app.waitFor('the first install', () => app.eventsOf('offline-ready').length > 0);
    expect(await app.controllerVersion(0)).toBe('uncontrolled');
    expect(await offlineReady(app, 0)).toBe(true);

    await app.open();
    // This app's worker controls the new tab: offline-ready from its first snapshot on.
    expect(await offlineReady(app, 1)).toBe(true);
    for (const page of [1, 0]) {
      await app.pages[page]!.reload();
      expect(await offlineReady(app, page)).toBe(true);
    }
    await app.waitFor('both reloaded pages idle', async () =>
      (await app.snapshots()).every((s) => s?.status === 'idle'),
    );
    await sleep(QUIET_MS);
    expect(await Promise.all([offlineReady(app, 0), offlineReady(app, 1)])).toEqual([true, true]);
    expect(app.eventsOf('offline-ready')).toHaveLength(1);
    expect(app.loads()).toEqual([2, 2]);
    expect(app.eventsOf('error')).toEqual([]);
  });
});

describe('typed events', () => {
  test('update-found and update-ready in every tab, then update-applied in every tab after an accept', async () => {
    const app = await demo.app({ tabs: 2 });
    await demo.server.deploy('good', '2');
    expect(await checkAfterDeploy(demo.server, app)).toBe(true);
    await app.waitFor('update-ready in both tabs', () =>
      [0, 1].every((page) => app.eventsOf('update-ready', page).length > 0),
    );
    for (const page of [0, 1]) {
      expect(app.eventsOf('update-found', page)).toMatchObject([{ load: 1 }]);
      expect(app.eventsOf('update-ready', page)).toMatchObject([{ load: 1, version: '2', currentVersion: '1' }]);
      expect(app.eventsOf('update-applied', page)).toEqual([]);
    }
    const presenter = await app.waitFor(
      'a presenter',
      () => app.presenters().length === 1 && String(app.presenters()[0]),
    );
    await app.run(Number(presenter), (d) => d.prompt!.accept());
    await app.waitFor('update-applied in both tabs', () =>
      [0, 1].every((page) => app.eventsOf('update-applied', page).length > 0),
    );
    await sleep(QUIET_MS);
    for (const page of [0, 1]) {
      expect(app.eventsOf('update-applied', page)).toMatchObject([{ load: 2, version: '2', previousVersion: '1' }]);
      expect(await app.controllerVersion(page)).toBe('2');
    }
    expect(app.loads()).toEqual([2, 2]);
    expect(app.eventsOf('update-failed')).toEqual([]);
    expect(app.eventsOf('error')).toEqual([]);
  });

  test('a refused update: update-failed with install-failed, and the error code, in every tab', async () => {
    const app = await demo.app({ tabs: 2 });
    await demo.server.deploy('install-rejects', '2');
    await app.run(0, (d) => d.updates.checkForUpdate());
    // Each event reaches the log in a request of its own, so they may arrive in any order.
    await app.waitFor('update-failed and error in both tabs', () =>
      [0, 1].every((page) => app.eventsOf('update-failed', page).length > 0 && app.eventsOf('error', page).length > 0),
    );
    for (const page of [0, 1]) {
      expect(app.eventsOf('update-failed', page)).toMatchObject([{ code: 'install-failed' }]);
      expect(app.eventsOf('error', page)).toMatchObject([{ code: 'install-failed' }]);
    }
    expect(app.eventsOf('update-ready')).toEqual([]);
  });
});
