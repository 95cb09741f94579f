/**
 * The shell alone, over a stub core: what it answers before the core runs, the order in
 * which it hands calls and events over, and what happens when the core never comes.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ContainerLike } from '../../src/page/environment.js';
import type { EarlyEvents, ShellEnvironment } from '../../src/page/early-events.js';
import { createShell, type CoreModule } from '../../src/page/shell.js';
import type { CoordinatorSnapshot, UpdateCoordinator } from '../../src/page/types.js';

function shellEnvironment() {
  const container = Object.assign(new EventTarget(), {
    controller: null,
    register: () => Promise.reject(new Error('not in these tests')),
    startMessages: vi.fn(),
  });
  let load: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (load = resolve));
  const env: ShellEnvironment = {
    serviceWorker: container as unknown as ContainerLike,
    isSecureContext: true,
    whenLoaded: () => loaded,
    now: () => 1000,
    href: 'https://app.example/',
  };
  return { env, container, load };
}

/** A core that records the calls it gets and the events the shell hands it. */
function stubCore() {
  const calls: string[] = [];
  const heard: string[] = [];
  let snapshot: CoordinatorSnapshot = Object.freeze({
    status: 'idle',
    isLeader: true,
    isPrompting: false,
    holds: 0,
    offlineReady: true,
  });
  const listeners = new Set<() => void>();
  let early: EarlyEvents | undefined;
  const core: UpdateCoordinator = {
    getSnapshot: () => snapshot,
    subscribe: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    accept: () => void calls.push('accept'),
    dismiss: () => void calls.push('dismiss'),
    checkForUpdate: () => (calls.push('check'), Promise.resolve(true)),
    hold: (reason) => (calls.push(`hold ${reason}`), () => void calls.push(`release ${reason}`)),
    getRegistration: () => (calls.push('getRegistration'), Promise.resolve(undefined)),
    on: (type) => (calls.push(`on ${type}`), () => void calls.push(`off ${type}`)),
    destroy: () => (calls.push('destroy'), Promise.resolve()),
  };
  const module: CoreModule = {
    startCore(_options, events) {
      early = events;
      events.receive((event) =>
        heard.push(event.type === 'message' ? `message ${String((event as MessageEvent).data)}` : event.type),
      );
      return core;
    },
  };
  const change = (next: Partial<CoordinatorSnapshot>) => {
    snapshot = Object.freeze({ ...snapshot, ...next });
    listeners.forEach((listener) => listener());
  };
  return { module, calls, heard, change, early: () => early };
}

const options = { scriptURL: '/sw.js' };
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the shell', () => {
  it('says registering, with one unchanging snapshot, until the core runs', async () => {
    const { env, load } = shellEnvironment();
    const stub = stubCore();
    const updates = createShell(options, env, () => Promise.resolve(stub.module));
    const first = updates.getSnapshot();
    expect(first).toEqual({
      status: 'registering',
      isLeader: false,
      isPrompting: false,
      holds: 0,
      offlineReady: false,
    });
    expect(Object.isFrozen(first)).toBe(true);
    await macrotask();
    expect(updates.getSnapshot()).toBe(first);
    expect(stub.early()).toBeUndefined(); // not before `load`

    const changes = vi.fn();
    updates.subscribe(changes);
    load();
    await macrotask();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(updates.getSnapshot().status).toBe('idle');
    stub.change({ holds: 2 });
    expect(changes).toHaveBeenCalledTimes(2);
    expect(updates.getSnapshot().holds).toBe(2);
  });

  it('replays calls made before the core runs, in order, and forwards the later ones at once', async () => {
    const { env, load } = shellEnvironment();
    const stub = stubCore();
    const updates = createShell(options, env, () => Promise.resolve(stub.module));
    const releaseA = updates.hold('a');
    updates.dismiss();
    const releaseB = updates.hold('b');
    releaseB(); // released before the core ran: the core never holds it
    const checked = updates.checkForUpdate();
    updates.accept();
    expect(stub.calls).toEqual([]);

    load();
    await expect(checked).resolves.toBe(true);
    expect(stub.calls).toEqual(['hold a', 'dismiss', 'check', 'accept']);
    releaseA();
    releaseA();
    updates.dismiss();
    expect(stub.calls.slice(4)).toEqual(['release a', 'release a', 'dismiss']);
  });

  it('forwards on() and getRegistration() made before the core runs; an early unsubscribe means never subscribed', async () => {
    const { env, load } = shellEnvironment();
    const stub = stubCore();
    const updates = createShell(options, env, () => Promise.resolve(stub.module));
    const offReady = updates.on('update-ready', () => {});
    const offFailed = updates.on('update-failed', () => {});
    offFailed();
    const registration = updates.getRegistration();
    expect(stub.calls).toEqual([]);
    load();
    await expect(registration).resolves.toBeUndefined();
    expect(stub.calls).toEqual(['on update-ready', 'getRegistration']);
    offReady();
    expect(stub.calls.at(-1)).toBe('off update-ready');
  });

  it("hands the core the container's events heard before it ran, in order, then the new ones", async () => {
    const { env, container, load } = shellEnvironment();
    const stub = stubCore();
    createShell(options, env, () => Promise.resolve(stub.module));
    expect(container.startMessages).toHaveBeenCalledTimes(1);
    container.dispatchEvent(new MessageEvent('message', { data: 'RELOAD 1' }));
    container.dispatchEvent(new Event('controllerchange'));
    container.dispatchEvent(new MessageEvent('message', { data: 'RELOAD 2' }));
    load();
    await macrotask();
    expect(stub.heard).toEqual(['message RELOAD 1', 'controllerchange', 'message RELOAD 2']);
    container.dispatchEvent(new MessageEvent('message', { data: 'later' }));
    expect(stub.heard.at(-1)).toBe('message later');
    expect(stub.early()?.startedAt).toBe(1000);
  });

  it('destroyed before the core loaded: the core never starts and pending answers resolve', async () => {
    const { env, container, load } = shellEnvironment();
    const stub = stubCore();
    const updates = createShell(options, env, () => Promise.resolve(stub.module));
    const checked = updates.checkForUpdate();
    await updates.destroy();
    await expect(checked).resolves.toBe(false);
    load();
    await macrotask();
    expect(stub.early()).toBeUndefined();
    container.dispatchEvent(new MessageEvent('message', { data: 'RELOAD' }));
    expect(stub.heard).toEqual([]);
    expect(updates.getSnapshot().status).toBe('registering');
  });

  it('a core that fails to load: status failed, onError told, pending answers resolve', async () => {
    const { env, load } = shellEnvironment();
    const onError = vi.fn();
    const updates = createShell({ ...options, onError }, env, () => Promise.reject(new Error('chunk 404')));
    const checked = updates.checkForUpdate();
    load();
    await expect(checked).resolves.toBe(false);
    expect(updates.getSnapshot().status).toBe('failed');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/core failed.*chunk 404/);
    expect(updates.hold('draft')).toBeTypeOf('function');
  });
});

describe('a page that loaded hidden by a reload (whenUnhurried)', () => {
  /** The shell over an environment whose unhurried moment comes only when the test says. */
  function waiting() {
    const shell = shellEnvironment();
    let unhurried: () => void = () => {};
    const delays: number[] = [];
    shell.env.whenUnhurried = (delay) => {
      delays.push(delay);
      return new Promise<void>((resolve) => (unhurried = resolve));
    };
    return { ...shell, delays, unhurry: () => unhurried() };
  }

  it('loads the core only once the environment says so, with the default delay or timing.hiddenReloadDelay', async () => {
    const { env, load, unhurry, delays } = waiting();
    const stub = stubCore();
    const updates = createShell(options, env, () => Promise.resolve(stub.module));
    updates.on('update-ready', () => {}); // listening needs no core yet
    updates.subscribe(() => {});
    load();
    await macrotask();
    expect(delays).toEqual([2_000]);
    expect(stub.early()).toBeUndefined();
    unhurry();
    await macrotask();
    expect(stub.calls).toEqual(['on update-ready']);

    const other = waiting();
    createShell({ ...options, timing: { hiddenReloadDelay: 0 } }, other.env, () => Promise.resolve(stubCore().module));
    other.load();
    await macrotask();
    expect(other.delays).toEqual([0]);
  });

  it.each([
    ['a hold', (u: UpdateCoordinator) => void u.hold('draft'), 'hold draft'],
    ['an accept', (u: UpdateCoordinator) => u.accept(), 'accept'],
    ['a check', (u: UpdateCoordinator) => void u.checkForUpdate(), 'check'],
    ['a dismiss', (u: UpdateCoordinator) => u.dismiss(), 'dismiss'],
    ['getRegistration()', (u: UpdateCoordinator) => void u.getRegistration(), 'getRegistration'],
  ])('%s ends the wait (after load, never before)', async (_what, call, recorded) => {
    const { env, load } = waiting();
    const stub = stubCore();
    const updates = createShell(options, env, () => Promise.resolve(stub.module));
    call(updates);
    await macrotask();
    expect(stub.early()).toBeUndefined(); // the page has not loaded
    load();
    await macrotask();
    expect(stub.calls).toEqual([recorded]);
  });

  it("the controlling worker's message does not end the wait; the core still gets it", async () => {
    const { env, container, load, unhurry } = waiting();
    const controller = new EventTarget();
    Object.assign(container, { controller });
    const stub = stubCore();
    createShell(options, env, () => Promise.resolve(stub.module));
    load();
    // Node's MessageEvent takes only a MessagePort as source: an Event with the fields instead.
    container.dispatchEvent(Object.assign(new Event('message'), { data: 'RELOAD', source: controller }));
    await macrotask();
    expect(stub.early()).toBeUndefined();
    unhurry();
    await macrotask();
    expect(stub.heard).toEqual(['message RELOAD']);
  });

  it("another worker's message ends the wait and reaches the core", async () => {
    const { env, container, load } = waiting();
    const stub = stubCore();
    createShell(options, env, () => Promise.resolve(stub.module));
    load();
    await macrotask();
    expect(stub.early()).toBeUndefined();
    container.dispatchEvent(new MessageEvent('message', { data: 'RELOAD' }));
    await macrotask();
    expect(stub.heard).toEqual(['message RELOAD']);
  });
});
