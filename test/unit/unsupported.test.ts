/**
 * Where service workers cannot run, the coordinator never throws: status is
 * 'unsupported' and every method is a safe no-op. Bad options fail loudly instead.
 */
import { describe, expect, it } from 'vitest';
import { createUpdateCoordinator } from '../../src/page/browser-shell.js';
import { createCoordinator } from '../../src/page/coordinator.js';
import { listenEarly } from '../../src/page/early-events.js';
import { createShell } from '../../src/page/shell.js';
import type { Environment } from '../../src/page/environment.js';

function insecureEnvironment(): Environment {
  return {
    serviceWorker: undefined,
    isSecureContext: false,
    href: 'http://app.test/',
    whenLoaded: () => Promise.resolve(),
    isVisible: () => true,
    on: () => () => {},
    reload: () => {
      throw new Error('must not reload');
    },
    now: () => 0,
    randomId: () => 'id',
    localStorage: undefined,
    sessionStorage: undefined,
    MessageChannel,
  };
}

/** Where the shell detects `unsupported`, it never loads the core. */
const coreNeverLoaded = () => Promise.reject(new Error('the core must not load where service workers cannot run'));

describe('unsupported environments', () => {
  it.each([
    ['no window (server rendering)', () => createUpdateCoordinator({ scriptURL: '/sw.js' })],
    ['an insecure context', () => createShell({ scriptURL: '/sw.js' }, insecureEnvironment(), coreNeverLoaded)],
    [
      'an insecure context (the core alone)',
      () => createCoordinator({ scriptURL: '/sw.js' }, insecureEnvironment(), listenEarly(insecureEnvironment())),
    ],
  ])('%s: status unsupported, methods are no-ops', async (_name, create) => {
    const updates = create();
    const snapshot = updates.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'unsupported', isLeader: false, isPrompting: false, holds: 0 });
    expect(Object.isFrozen(snapshot)).toBe(true);
    updates.accept();
    updates.dismiss();
    const release = updates.hold('draft');
    release();
    release();
    await expect(updates.checkForUpdate()).resolves.toBe(false);
    await expect(updates.getRegistration()).resolves.toBeUndefined();
    const off = updates.on('update-ready', () => {
      throw new Error('no events where nothing runs');
    });
    off();
    expect(snapshot.offlineReady).toBe(false);
    expect(updates.getSnapshot()).toBe(snapshot);
    await expect(updates.destroy()).resolves.toBeUndefined();
  });
});

describe('options', () => {
  it.each([
    ['a missing scriptURL', {}],
    ['an empty scriptURL', { scriptURL: '' }],
    ['a negative checkInterval', { scriptURL: '/sw.js', checkInterval: -1 }],
    ['a string snooze', { scriptURL: '/sw.js', snooze: '1h' }],
    ['an unknown policy', { scriptURL: '/sw.js', policy: 'sometimes' }],
    ['a negative idleDelay', { scriptURL: '/sw.js', policy: 'idle', idleDelay: -5 }],
  ])('rejects %s with a TypeError that names the option', (_name, options) => {
    expect(() => createUpdateCoordinator(options as never)).toThrow(TypeError);
    expect(() => createUpdateCoordinator(options as never)).toThrow(/options\.\w+/);
  });
});
