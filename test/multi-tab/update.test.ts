/**
 * The whole path in Node, on the fake browser: N tabs, one prompt, one accept, every
 * tab reloads exactly once onto the new version. Real timers, no timing asserts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, createApp, failingWorker, listenToGroup, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => app.close());

/** v1 installed and controlling `count` tabs. */
async function controlledTabs(count: number) {
  app = await controlledApp(count);
  return app.live();
}

async function deployV2() {
  await waitingUpdate(app, '2');
  await app.browser.settle({ quietMs: 150 });
}

describe.each([1, 2, 5, 20])('%i tab(s)', (count) => {
  it('get exactly one prompt, and an accept from another tab reloads every tab exactly once', async () => {
    const tabs = await controlledTabs(count);
    await deployV2();

    expect(app.presenting()).toBe(1);
    expect(app.maxPresenting()).toBe(1);
    expect(tabs.reduce((sum, r) => sum + r.prompts, 0)).toBe(1);
    const presenter = app.presenter()!;
    expect(presenter.prompt?.version).toBe('2');
    expect(presenter.prompt?.currentVersion).toBe('1');
    expect(tabs.filter((r) => r.updates!.getSnapshot().isPrompting)).toEqual([presenter]);

    // Accept where the prompt is not shown (when there is such a tab).
    const accepter = tabs.find((r) => r !== presenter) ?? presenter;
    accepter.updates!.accept();
    await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), {
      timeout: 5000,
      message: `not every tab reloaded: ${tabs.map((r) => r.tab.reloads).join(',')}`,
    });
    await app.allIn('idle');
    await app.browser.waitFor(() => tabs.every((r) => r.updates!.getSnapshot().version === '2'));
    await app.browser.settle({ quietMs: 200 });

    for (const record of tabs) {
      expect(record.tab.reloads).toBe(1);
      // As in Chromium, controllerchange comes ~10 ms after skipWaiting() and starts the
      // reload; the worker's RELOAD (sent from its activate event) is the signal for tabs
      // that missed the accept, and is never a second reload.
      expect(record.reloadMessages.length).toBeLessThanOrEqual(1);
      expect(record.tab.controller?.label).toBe('v2');
      expect(record.updates!.getSnapshot()).toMatchObject({ status: 'idle', version: '2', isPrompting: false });
    }
    expect(app.browser.inspect()).toMatchObject({ active: 'v2', waiting: null });
    expect(app.presenting()).toBe(0);
    expect(app.maxPresenting()).toBe(1);
  });
});

describe('first install', () => {
  it.each([1, 3])('with %i tab(s): onOfflineReady once, no prompt, no reload', async (count) => {
    app = createApp();
    app.deploy('1');
    for (let i = 0; i < count; i++) app.open();
    await app.browser.waitFor(() => app.offlineReady() === 1, { timeout: 5000 });
    await app.allIn('idle');
    await app.browser.settle({ quietMs: 200 });
    expect(app.offlineReady()).toBe(1);
    expect(app.records.every((r) => r.tab.reloads === 0 && r.prompts === 0)).toBe(true);
    expect(app.records.every((r) => r.errors.length === 0)).toBe(true);
  });
});

describe('a worker already waiting at load', () => {
  it('prompts in the freshly loaded page', async () => {
    const [tab] = await controlledTabs(1);
    app.deploy('2');
    await tab!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.browser.inspect()?.waiting === 'v2');
    // A new page of the same tab: the update is already waiting when it loads.
    await tab!.tab.refresh();
    await app.browser.waitFor(() => tab!.tab.loads === 2);
    await app.browser.waitFor(() => app.presenting() === 1, { timeout: 5000 });
    expect(tab!.updates!.getSnapshot()).toMatchObject({ status: 'available', waitingVersion: '2', isPrompting: true });
  });
});

describe('a worker that fails to install', () => {
  it('calls onError and leaves every tab idle on the old version', async () => {
    const tabs = await controlledTabs(3);
    app.deploy('2', failingWorker);
    await tabs[0]!.updates!.checkForUpdate();
    await app.browser.waitFor(() => tabs.every((r) => r.errors.length > 0), { timeout: 5000 });
    await app.allIn('idle');
    await app.browser.settle({ quietMs: 150 });
    expect(tabs.every((r) => r.prompts === 0 && r.tab.reloads === 0)).toBe(true);
    expect(tabs.every((r) => r.tab.controller?.label === 'v1')).toBe(true);
    expect(tabs[0]!.errors[0]!.message).toContain('failed to install');
    expect(tabs[0]!.updates!.getSnapshot().error).toBe(tabs[0]!.errors[0]);
  });

  it('a 404 makes checkForUpdate resolve false and report the error, without a crash', async () => {
    const [tab] = await controlledTabs(1);
    app.deploy('2', { status: 404 });
    await expect(tab!.updates!.checkForUpdate()).resolves.toBe(false);
    expect(tab!.errors[0]?.message).toContain('Checking /sw.js for an update failed');
    expect(tab!.updates!.getSnapshot().status).toBe('idle');
  });
});

describe('the accept goes on at once', () => {
  it(
    'the accepting tab posts SKIP_WAITING with no timer and no round trip: no tab answers the ACCEPT',
    { timeout: 15_000 },
    async () => {
      // Retry timers far beyond the wait below: only the accept itself can start the
      // update. Background tabs are hidden, so their timers would run late besides.
      const timing = { skipWaitingRetry: 60_000, activateTimeout: 120_000 };
      app = await controlledApp(5, { coordinator: { timing } });
      const tabs = app.live();
      await deployV2();
      const spy = await listenToGroup(app);
      const presenter = app.presenter()!;
      expect(presenter.tab.visible).toBe(true);

      presenter.updates!.accept();
      await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), {
        message: `not every tab reloaded: ${tabs.map((r) => r.tab.reloads).join(',')}`,
      });
      await app.allIn('idle');
      expect(app.browser.inspect()).toMatchObject({ active: 'v2', waiting: null });
      // Between the ACCEPT and the first tab leaving to reload, nobody spoke.
      const accept = spy.heard.findIndex((m) => m.type === 'ACCEPT');
      const firstBye = spy.heard.findIndex((m) => m.type === 'BYE');
      expect(accept).toBeGreaterThanOrEqual(0);
      expect(spy.heard.slice(accept + 1, firstBye).map((m) => m.type)).toEqual([]);
    },
  );
});
