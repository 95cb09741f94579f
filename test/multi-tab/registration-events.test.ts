/**
 * The registration (`onRegistered`, `getRegistration`), `snapshot.offlineReady`, the typed
 * lifecycle events of `on()` and the error codes, across tabs on the fake browser: each
 * in the tabs it belongs to, and never in the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCoordinator } from '../../src/page/coordinator.js';
import { listenEarly } from '../../src/page/early-events.js';
import { UPDATE_ERROR_CODES, type UpdateError } from '../../src/page/errors.js';
import type { FakeEnvironment } from '../fakes/index.js';
import { controlledApp, createApp, failingWorker, waitingUpdate, type App, type TabRecord } from './app.js';

let app: App;
afterEach(() => app.close());

const types = (record: TabRecord) => record.events.map((event) => event.type);
const codes = (record: TabRecord) => record.errors.map((error) => (error as UpdateError).code);

describe('the registration', () => {
  it('getRegistration() waits for registration and resolves what onRegistered got, in every tab, registering once', async () => {
    app = createApp();
    app.deploy('1');
    const registerCalls: string[] = [];
    const pending: Array<Promise<unknown>> = [];
    const seen: unknown[] = [];
    const tabs = [0, 1, 2].map(() =>
      app.browser.openTab('/', {
        onLoad(env) {
          const register = env.serviceWorker.register.bind(env.serviceWorker);
          env.serviceWorker.register = (url, options) => (registerCalls.push(String(url)), register(url, options));
          const updates = createCoordinator(
            { scriptURL: '/sw.js', onRegistered: (r) => void seen.push(r) },
            env,
            listenEarly(env),
          );
          // Asked before registration settled, and again: neither registers again.
          pending.push(updates.getRegistration(), updates.getRegistration());
          return () => updates.destroy();
        },
      }),
    );
    await app.browser.waitFor(() => pending.length === 6);
    const registrations = await Promise.all(pending);
    expect(seen).toHaveLength(3);
    for (const [i, registration] of registrations.entries()) {
      expect(registration).toBe(seen[Math.floor(i / 2)]);
      expect((registration as ServiceWorkerRegistration).scope).toBe(new URL('/', tabs[0]!.url).href);
    }
    expect(registerCalls).toEqual(['/sw.js', '/sw.js', '/sw.js']);
  });

  it('onRegistered: once per page, in each tab, again on the page that loads after the update', async () => {
    app = await controlledApp(3);
    const tabs = app.live();
    expect(tabs.map((r) => r.registered.length)).toEqual([1, 1, 1]);
    await waitingUpdate(app, '2');
    app.presenter()!.prompt!.accept();
    await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), { timeout: 5000 });
    await app.browser.waitFor(() => tabs.every((r) => r.registered.length === 2));
    await app.browser.settle({ quietMs: 150 });
    expect(tabs.map((r) => r.registered.length)).toEqual([2, 2, 2]);
    await expect(tabs[0]!.updates!.getRegistration()).resolves.toBe(tabs[0]!.registered[1]);
  });

  it('a failed registration: getRegistration() resolves undefined, onRegistered is not called, the error has its code', async () => {
    app = createApp();
    app.deploy('1', { status: 404 });
    const [tab] = [app.open()];
    await app.browser.waitFor(() => tab!.errors.length === 1, { timeout: 5000 });
    await expect(tab!.updates!.getRegistration()).resolves.toBeUndefined();
    expect(tab!.registered).toEqual([]);
    expect(codes(tab!)).toEqual(['registration-failed']);
    expect(tab!.updates!.getSnapshot()).toMatchObject({
      status: 'failed',
      offlineReady: false,
      error: { code: 'registration-failed' },
    });
    // Registration failures are onError's alone: not an update that failed.
    expect(types(tab!)).toEqual([]);
  });

  it('destroy() settles a pending getRegistration() with undefined', async () => {
    app = createApp();
    app.deploy('1');
    let pending: Promise<unknown> | undefined;
    app.browser.openTab('/', {
      onLoad(env) {
        const updates = createCoordinator({ scriptURL: '/sw.js' }, env, listenEarly(env));
        pending = updates.getRegistration();
        void updates.destroy();
      },
    });
    await app.browser.waitFor(() => pending !== undefined);
    await expect(pending).resolves.toBeUndefined();
  });

  it('after destroy(), getRegistration() resolves undefined, also once registered', async () => {
    app = await controlledApp(1);
    const { updates } = app.live()[0]!;
    await expect(updates!.getRegistration()).resolves.toBeDefined();
    await updates!.destroy();
    await expect(updates!.getRegistration()).resolves.toBeUndefined();
  });
});

describe('offlineReady', () => {
  it('is true in every tab open during the first install; onOfflineReady is still called once, in one tab', async () => {
    app = createApp();
    app.deploy('1');
    const tabs = [app.open(), app.open(), app.open('/', false)];
    expect(tabs.every((r) => r.updates?.getSnapshot().offlineReady !== true)).toBe(true);
    await app.browser.waitFor(() => tabs.every((r) => r.updates?.getSnapshot().offlineReady), { timeout: 5000 });
    // The leader calls it, once elected: with hidden tabs' timers late that can come
    // after every tab knows (broadcast-channel's election without Web Locks waits on timers).
    await app.browser.waitFor(() => app.offlineReady() > 0, { timeout: 5000, message: 'onOfflineReady never called' });
    await app.browser.settle({ quietMs: 200 });
    expect(app.offlineReady()).toBe(1);
    expect(tabs.map((r) => r.tab.controller)).toEqual([null, null, null]);
  });

  it("is true at once in a tab opened later and after a reload (this app's worker controls them)", async () => {
    app = await controlledApp(1);
    const fresh = app.open();
    await app.browser.waitFor(() => fresh.updates !== undefined);
    // Before registration settles: the controller tells.
    expect(fresh.updates!.getSnapshot()).toMatchObject({ status: 'registering', offlineReady: true });
    fresh.tab.refresh();
    await app.browser.waitFor(() => fresh.tab.loads === 2);
    expect(fresh.updates!.getSnapshot().offlineReady).toBe(true);
    await app.allIn('idle');
    expect(app.live().every((r) => r.updates!.getSnapshot().offlineReady)).toBe(true);
  });

  it('is true in an uncontrolled page once registration finds the active worker', async () => {
    app = createApp();
    app.deploy('1');
    let env: FakeEnvironment | undefined;
    const tab = app.browser.openTab('/', { onLoad: (e) => void (env = e) });
    await app.browser.waitFor(() => env !== undefined);
    const installer = createCoordinator({ scriptURL: '/sw.js' }, env!, listenEarly(env!));
    await app.browser.waitFor(() => app.inspect()?.active === 'v1', { timeout: 5000 });
    // The page that made the first install stays uncontrolled (no clients.claim()): a
    // coordinator started now learns it from the registration's active worker.
    expect(tab.controller).toBeNull();
    const later = createCoordinator({ scriptURL: '/sw.js' }, env!, listenEarly(env!));
    expect(later.getSnapshot().offlineReady).toBe(false);
    await app.browser.waitFor(() => later.getSnapshot().status === 'idle', { timeout: 5000 });
    expect(later.getSnapshot().offlineReady).toBe(true);
    expect(installer.getSnapshot().offlineReady).toBe(true);
    await Promise.all([installer.destroy(), later.destroy()]);
  });

  it('stays false when the first install fails', async () => {
    app = createApp();
    app.deploy('1', failingWorker);
    const tabs = [app.open(), app.open()];
    await app.browser.waitFor(() => tabs.every((r) => r.errors.length > 0), { timeout: 5000 });
    await app.browser.settle({ quietMs: 150 });
    expect(tabs.map((r) => r.updates!.getSnapshot().offlineReady)).toEqual([false, false]);
    expect(tabs.map(codes)).toEqual([['install-failed'], ['install-failed']]);
    expect(app.offlineReady()).toBe(0);
  });
});

describe('typed events', () => {
  it.each([1, 2, 3])(
    'with %i tab(s): update-found and update-ready in every tab, update-applied in every reloaded page',
    async (count) => {
      app = await controlledApp(count);
      const tabs = app.live();
      await waitingUpdate(app, '2');
      await app.browser.waitFor(() => tabs.every((r) => types(r).includes('update-ready')));
      for (const record of tabs) {
        expect(types(record)).toEqual(['update-found', 'update-ready']);
        expect(record.events[1]).toEqual({ type: 'update-ready', version: '2', currentVersion: '1', load: 1 });
      }
      tabs[0]!.updates!.accept();
      await app.browser.waitFor(() => tabs.every((r) => types(r).includes('update-applied')), { timeout: 5000 });
      await app.browser.settle({ quietMs: 200 });
      for (const record of tabs) {
        expect(record.events.filter((e) => e.load === 2)).toEqual([
          { type: 'update-applied', version: '2', previousVersion: '1', load: 2 },
        ]);
        expect(record.updates!.getSnapshot()).toMatchObject({ status: 'idle', version: '2', offlineReady: true });
      }
      expect(tabs.flatMap((r) => r.errors)).toEqual([]);
    },
  );

  it('update-applied names the version the page ran, though the new worker took control before its reload', async () => {
    app = await controlledApp(2);
    const [a, b] = app.live();
    await waitingUpdate(app, '2');
    const release = b!.updates!.hold('unsaved draft');
    await app.browser.waitFor(() => a!.updates!.getSnapshot().holds === 1);
    a!.updates!.accept({ force: true });
    // The held page stays, now controlled by v2: its snapshot says so, its code is still v1's.
    await app.browser.waitFor(() => b!.updates!.getSnapshot().version === '2');
    expect(b!.tab.loads).toBe(1);
    release();
    await app.browser.waitFor(() => types(b!).includes('update-applied'), { timeout: 5000 });
    expect(b!.events.filter((e) => e.type === 'update-applied')).toEqual([
      { type: 'update-applied', version: '2', previousVersion: '1', load: 2 },
    ]);
  });

  it('update-applied is not raised by a reload by hand, nor by a second page load', async () => {
    app = await controlledApp(1);
    const [tab] = app.live();
    await waitingUpdate(app, '2');
    tab!.updates!.accept();
    await app.browser.waitFor(() => types(tab!).includes('update-applied'), { timeout: 5000 });
    tab!.tab.refresh();
    await app.browser.waitFor(() => tab!.tab.loads === 3);
    await app.browser.waitFor(() => tab!.updates!.getSnapshot().version === '2');
    await app.browser.settle({ quietMs: 200 });
    expect(tab!.events.filter((e) => e.type === 'update-applied').map((e) => e.load)).toEqual([2]);
  });

  it('a worker already waiting at load: update-ready in the new page, without update-found', async () => {
    app = await controlledApp(1);
    const [tab] = app.live();
    app.deploy('2');
    await tab!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.inspect()?.waiting === 'v2');
    tab!.tab.refresh();
    await app.browser.waitFor(() => tab!.events.some((e) => e.load === 2 && e.type === 'update-ready'), {
      timeout: 5000,
    });
    expect(tab!.events.filter((e) => e.load === 2).map((e) => e.type)).toEqual(['update-ready']);
    expect(tab!.events.find((e) => e.load === 2)).toMatchObject({ version: '2' });
  });

  it('update-failed, with install-failed, in every tab that saw the install fail', async () => {
    app = await controlledApp(3);
    app.deploy('2', failingWorker);
    await app.live()[0]!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => types(r).includes('update-failed')), { timeout: 5000 });
    for (const record of app.live()) {
      const failed = record.events.find((e) => e.type === 'update-failed');
      expect(failed).toMatchObject({ error: { code: 'install-failed' } });
      expect(failed && 'error' in failed && failed.error).toBe(record.errors[0]);
      expect(record.updates!.getSnapshot().error?.code).toBe('install-failed');
    }
  });

  it('an install that fails again soon after (WebKit updates on its own after a page load) is reported once; later, again', async () => {
    app = await controlledApp(2, { coordinator: { timing: { checkDebounce: 1_000 } } });
    app.deploy('2', failingWorker);
    const [checker] = app.live();
    await checker!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => r.errors.length === 1), { timeout: 5000 });
    // The same script installs and fails again at once: the same failure.
    await checker!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => r.updates!.getSnapshot().status === 'idle'));
    await app.browser.settle({ quietMs: 150 });
    expect(app.live().map(codes)).toEqual([['install-failed'], ['install-failed']]);
    // Past checkDebounce of the last failure it is news again (a new broken deploy, say).
    await new Promise((done) => setTimeout(done, 1_100));
    await checker!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => r.errors.length === 2), { timeout: 5000 });
    expect(app.live().map(codes)).toEqual([
      ['install-failed', 'install-failed'],
      ['install-failed', 'install-failed'],
    ]);
    expect(app.live().map((r) => types(r).filter((type) => type === 'update-failed').length)).toEqual([2, 2]);
  });

  it('an install that fails after another worker installed fine is news, however soon', async () => {
    app = await controlledApp(2);
    const [checker] = app.live();
    app.deploy('2', failingWorker);
    await checker!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => r.errors.length === 1), { timeout: 5000 });
    // A good version installs and waits, then a broken one fails: within checkDebounce
    // (10 s) of the first failure, yet a failure of its own.
    await waitingUpdate(app, '3');
    app.deploy('4', failingWorker);
    await checker!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => r.errors.length === 2), { timeout: 5000 });
    expect(app.live().map(codes)).toEqual([
      ['install-failed', 'install-failed'],
      ['install-failed', 'install-failed'],
    ]);
  });

  it('update-failed, with check-failed, only in the tab whose check failed', async () => {
    app = await controlledApp(2);
    const [checker, other] = app.live();
    app.deploy('2', { status: 404 });
    await expect(checker!.updates!.checkForUpdate()).resolves.toBe(false);
    await app.browser.settle({ quietMs: 100 });
    expect(checker!.events).toMatchObject([{ type: 'update-failed', error: { code: 'check-failed' } }]);
    expect(codes(checker!)).toEqual(['check-failed']);
    expect(other!.events).toEqual([]);
  });

  it('update-failed, with skip-waiting-unheard, when the accepted worker never activates', async () => {
    app = await controlledApp(2, { coordinator: { timing: { activateTimeout: 300 } } });
    app.deploy('2', () => {});
    await app.live()[0]!.updates!.checkForUpdate();
    await app.allIn('available');
    app.live()[1]!.updates!.accept();
    // Hidden tabs' timers run late: the hidden tab's activateTimeout ends a second or more after.
    await app.browser.waitFor(() => app.live().every((r) => r.errors.length === 1), { timeout: 10_000 });
    for (const record of app.live()) {
      expect(codes(record)).toEqual(['skip-waiting-unheard']);
      expect(types(record)).toContain('update-failed');
    }
  });

  it('update-failed, with reload-refused, in the tab asked to reload twice for one update', async () => {
    app = await controlledApp(2);
    const [accepter, repeated] = app.live();
    await waitingUpdate(app, '2');
    await app.browser.settle({ quietMs: 150 });
    accepter!.updates!.accept();
    // As if this tab had already reloaded for the accepted update (a worker replaced again and again).
    const env = repeated!.tab.env;
    const scope = new URL('/', env.href).href;
    const { updateId } = JSON.parse(env.localStorage!.getItem(`sw-update-coordinator:applied:${scope}`)!) as {
      updateId: string;
    };
    env.sessionStorage!.setItem(`sw-update-coordinator:reloads:${scope}`, JSON.stringify({ ids: [updateId], at: 0 }));
    await app.browser.waitFor(() => accepter!.tab.loads === 2 && repeated!.errors.length > 0, { timeout: 3000 });
    await app.browser.settle({ quietMs: 150 });
    // Each signal of the update (controllerchange, activated, the worker's RELOAD) is refused.
    expect(new Set(codes(repeated!))).toEqual(new Set(['reload-refused']));
    expect(repeated!.events.at(-1)).toMatchObject({ type: 'update-failed', error: { code: 'reload-refused' } });
    expect(repeated!.updates!.getSnapshot()).toMatchObject({ status: 'idle', error: { code: 'reload-refused' } });
    expect(repeated!.tab.reloads).toBe(0);
    expect(repeated!.tab.loads).toBe(1);
    expect(accepter!.errors).toEqual([]);
    // A refused reload has not departed: the tab is still in the group, which hears its hold.
    repeated!.updates!.hold('draft');
    await app.browser.waitFor(() => accepter!.updates?.getSnapshot().holds === 1, {
      timeout: 3000,
      message: 'the tab whose reload was refused is not in the group',
    });
    expect(accepter!.updates!.getSnapshot().holds).toBe(1);
  });

  it('on() returns an unsubscribe; a listener that throws does not stop the others', async () => {
    app = await controlledApp(1);
    const [tab] = app.live();
    const heard: string[] = [];
    const off = tab!.updates!.on('update-ready', () => heard.push('removed'));
    tab!.updates!.on('update-ready', () => {
      throw new Error('listener bug');
    });
    tab!.updates!.on('update-ready', (event) => heard.push(`kept ${event.version}`));
    off();
    off();
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => void reported.push(error);
    try {
      await waitingUpdate(app, '2');
      await app.browser.waitFor(() => heard.length > 0);
    } finally {
      console.error = original;
    }
    expect(heard).toEqual(['kept 2']);
    expect(reported).toHaveLength(1);
    expect(() => tab!.updates!.on('update-ready', undefined as never)).toThrow(TypeError);
  });
});

describe('error codes', () => {
  it('every code the tabs report is one of UPDATE_ERROR_CODES', () => {
    const seen: readonly string[] = [
      'registration-failed',
      'check-failed',
      'install-failed',
      'skip-waiting-unheard',
      'reload-refused',
    ];
    expect(UPDATE_ERROR_CODES).toEqual(expect.arrayContaining([...seen]));
  });
});
