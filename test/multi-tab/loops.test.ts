/**
 * No reload loops and no reload without an accepted update: first-install claim,
 * workers that skip waiting on their own (as DevTools' "update on reload" does), a
 * worker that flips between builds, and a worker with no SKIP_WAITING listener.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handleUpdates } from '../../src/worker/index.js';
import type { WorkerScript } from '../fakes/index.js';
import { controlledApp, createApp, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => app.close());

type Scope = Parameters<Extract<WorkerScript, (...args: never[]) => unknown>>[0];
const onActivate = (scope: Scope, run: () => Promise<unknown>) =>
  scope.addEventListener('activate', (event) => event.waitUntil(run()));

describe('no reload loops', () => {
  it('a first install that claims its clients fires controllerchange but reloads nobody', async () => {
    app = createApp();
    app.deploy('1', (scope) => {
      handleUpdates({ version: '1' }, scope);
      onActivate(scope, () => scope.clients.claim());
    });
    const tabs = [app.open(), app.open()];
    await app.browser.waitFor(() => tabs.every((r) => r.tab.controller?.label === 'v1'));
    await app.allIn('idle');
    // The leader reports it, once elected (later where hidden tabs' timers run late).
    await app.browser.waitFor(() => app.offlineReady() > 0);
    await app.browser.settle({ quietMs: 200 });
    expect(tabs.map((r) => r.tab.reloads)).toEqual([0, 0]);
    expect(app.offlineReady()).toBe(1);
  });

  it('a worker that skips waiting by itself takes over without any tab reloading', async () => {
    app = await controlledApp(3);
    app.deploy('2', (scope) => {
      handleUpdates({ version: '2' }, scope);
      scope.addEventListener('install', () => void scope.skipWaiting());
    });
    await app.live()[0]!.updates!.checkForUpdate();
    await app.browser.waitFor(() => app.live().every((r) => r.tab.controller?.label === 'v2'));
    await app.browser.waitFor(() => app.live().every((r) => r.updates!.getSnapshot().version === '2'));
    await app.browser.settle({ quietMs: 200 });
    expect(app.live().map((r) => r.tab.reloads)).toEqual([0, 0, 0]);
    expect(app.live().every((r) => r.prompts === 0)).toBe(true);
  });

  it('a deploy that flips back to the old build after an update prompts again, it does not loop', async () => {
    app = await controlledApp(2);
    await waitingUpdate(app, '2');
    app.live()[0]!.updates!.accept();
    await app.browser.waitFor(() => app.live().every((r) => r.tab.loads === 2));
    await app.allIn('idle');
    await waitingUpdate(app, '1'); // the rolling deploy serves the old build again
    await app.browser.settle({ quietMs: 200 });
    expect(app.live().map((r) => r.tab.reloads)).toEqual([1, 1]);
    expect(app.presenting()).toBe(1);
  });

  // Waits out the activate timeout, then the prompt's return, in a hidden leader whose timers
  // run late: about 3 s alone, more on a loaded machine.
  it(
    'a worker with no SKIP_WAITING listener: accept fails with an error naming the listener; the prompt returns',
    { timeout: 15_000 },
    async () => {
      app = await controlledApp(2, { coordinator: { timing: { activateTimeout: 300 } } });
      app.deploy('2', () => {}); // answers nothing, never skips waiting
      await app.live()[0]!.updates!.checkForUpdate();
      await app.allIn('available');
      await app.browser.waitFor(() => app.presenting() === 1);
      app.presenter()!.prompt!.accept();
      await app.allIn('activating');
      await app.browser.waitFor(() => app.live().every((r) => r.errors.length === 1));
      await app.allIn('available');
      await app.browser.waitFor(() => app.presenting() === 1);
      expect(app.live()[0]!.errors[0]!.message).toContain("{ type: 'SKIP_WAITING' }");
      expect(app.live().map((r) => r.tab.reloads)).toEqual([0, 0]);
      expect(app.browser.inspect()?.waiting).toBe('v2');
    },
  );

  it('two apps on one origin with different scopes never affect each other', async () => {
    app = createApp();
    app.browser.deploy('/a/sw.js', (scope) => handleUpdates({ version: 'a1' }, scope), 'a1');
    app.browser.deploy('/b/sw.js', (scope) => handleUpdates({ version: 'b1' }, scope), 'b1');
    const seen: Record<string, number> = { a: 0, b: 0 };
    const { createCoordinator } = await import('../../src/page/coordinator.js');
    const { listenEarly } = await import('../../src/page/early-events.js');
    const open = (name: 'a' | 'b') =>
      app.browser.openTab(`/${name}/`, {
        onLoad(env) {
          const updates = createCoordinator(
            { scriptURL: `/${name}/sw.js`, onPrompt: () => void (seen[name] = (seen[name] ?? 0) + 1) },
            env,
            listenEarly(env),
          );
          return () => updates.destroy();
        },
      });
    const tabs = [open('a'), open('a'), open('b')];
    await app.browser.waitFor(
      () => app.browser.inspect('/a/')?.active === 'a1' && app.browser.inspect('/b/')?.active === 'b1',
    );
    await Promise.all(tabs.map((tab) => tab.refresh()));
    await app.browser.waitFor(() => tabs.every((tab) => tab.controller !== null));
    app.browser.deploy('/a/sw.js', (scope) => handleUpdates({ version: 'a2' }, scope), 'a2');
    await app.browser.waitFor(() => app.browser.inspect('/a/')?.waiting === 'a2');
    await app.browser.waitFor(() => seen.a === 1);
    await app.browser.settle({ quietMs: 200 });
    expect(seen).toEqual({ a: 1, b: 0 });
  });
});
