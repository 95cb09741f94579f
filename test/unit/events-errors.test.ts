/**
 * The small pieces behind the lifecycle events and error codes: the emitter, the
 * reload mark that tells a page it loaded from an update's reload, and updateError.
 */
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type {
  CoordinatorSnapshot,
  UpdateCoordinator,
  UpdateCoordinatorOptions,
  UpdateError,
  UpdateErrorCode,
  UpdateEventMap,
  UpdateEventType,
} from '../../src/page/index.js';
import { createEmitter } from '../../src/page/emitter.js';
import { UPDATE_ERROR_CODES, updateError } from '../../src/page/errors.js';
import { createReloadGuard } from '../../src/page/storage/reload-guard.js';
import { createReloadMark, RELOAD_MARK_TTL } from '../../src/page/storage/reload-mark.js';
import { FakeStorage } from '../fakes/storage.js';

describe('createEmitter', () => {
  it('calls the listeners of the emitted type only, each once per on(), until removed', () => {
    const events = createEmitter<{ a: { n: number }; b: { s: string } }>();
    const a = vi.fn();
    const b = vi.fn();
    const offA = events.on('a', a);
    events.on('a', a);
    events.on('b', b);
    events.emit('a', { n: 1 });
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).not.toHaveBeenCalled();
    offA();
    offA();
    events.emit('a', { n: 2 });
    expect(a).toHaveBeenCalledTimes(3);
    expect(a).toHaveBeenLastCalledWith({ n: 2 });
    events.clear();
    events.emit('b', { s: 'x' });
    expect(b).not.toHaveBeenCalled();
  });

  it('a listener removed by an earlier one during emit still runs this time; one added does not', () => {
    const events = createEmitter<{ a: object }>();
    const late = vi.fn();
    let offSecond = () => {};
    events.on('a', () => {
      offSecond();
      events.on('a', late);
    });
    const second = vi.fn();
    offSecond = events.on('a', second);
    events.emit('a', {});
    expect(second).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
  });

  it('rejects a listener that is not a function, naming the event', () => {
    const events = createEmitter<{ a: object }>();
    expect(() => events.on('a', 'nope' as never)).toThrow(/on\('a', listener\) needs a function/);
  });
});

describe('createReloadMark', () => {
  it('is taken once, by the next page, with the version the reloading page ran', () => {
    const storage = new FakeStorage();
    let now = 1_000;
    const mark = createReloadMark(storage, 's', () => now);
    expect(mark.take()).toBeUndefined();
    mark.set('1.0');
    now += 500;
    expect(createReloadMark(storage, 's', () => now).take()).toEqual({ previousVersion: '1.0' });
    expect(createReloadMark(storage, 's', () => now).take()).toBeUndefined();
  });

  it('is stale after RELOAD_MARK_TTL (the reload did not happen), and per scope', () => {
    const storage = new FakeStorage();
    let now = 0;
    createReloadMark(storage, 's', () => now).set(undefined);
    expect(createReloadMark(storage, 'other', () => now).take()).toBeUndefined();
    now = RELOAD_MARK_TTL;
    expect(createReloadMark(storage, 's', () => now).take()).toBeUndefined();
  });

  it('ignores a malformed mark and works without storage', () => {
    const storage = new FakeStorage();
    storage.setItem('sw-update-coordinator:reloaded:s', '{"at":"soon"}');
    expect(createReloadMark(storage, 's', () => 0).take()).toBeUndefined();
    storage.setItem('sw-update-coordinator:reloaded:s', '{');
    expect(createReloadMark(storage, 's', () => 0).take()).toBeUndefined();
    const none = createReloadMark(undefined, 's', () => 0);
    none.set('1');
    expect(none.take()).toBeUndefined();
  });
});

describe('updateError', () => {
  it('is an Error with the code, the message and the cause', () => {
    const cause = new TypeError('404');
    const error = updateError('check-failed', 'Checking failed: 404', cause);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'check-failed', message: 'Checking failed: 404', cause });
    expect('cause' in updateError('unexpected', 'x')).toBe(false);
  });

  it('lists each code once; the reload guard refuses with reload-refused', () => {
    expect(new Set(UPDATE_ERROR_CODES).size).toBe(UPDATE_ERROR_CODES.length);
    const guard = createReloadGuard(new FakeStorage(), 's', () => 0);
    expect(guard.reloadOnce('u', () => {})).toBeUndefined();
    expect(guard.reloadOnce('u', () => {})?.code).toBe('reload-refused');
  });
});

describe('public types', () => {
  it('on() types each listener by its event, and the page entry exports the map and codes', () => {
    expectTypeOf<UpdateEventType>().toEqualTypeOf<
      'update-found' | 'update-ready' | 'update-failed' | 'update-applied'
    >();
    expectTypeOf<Parameters<UpdateCoordinator['on']>>().toMatchTypeOf<[UpdateEventType, (event: never) => void]>();
    expectTypeOf<UpdateEventMap['update-failed']['error']['code']>().toEqualTypeOf<UpdateErrorCode>();
    expectTypeOf<UpdateEventMap['update-ready']>().toHaveProperty('currentVersion');
    expectTypeOf<NonNullable<CoordinatorSnapshot['error']>>().toMatchTypeOf<Error & { code: UpdateErrorCode }>();
    expectTypeOf<CoordinatorSnapshot['offlineReady']>().toEqualTypeOf<boolean>();
    expectTypeOf<ReturnType<UpdateCoordinator['getRegistration']>>().toEqualTypeOf<
      Promise<ServiceWorkerRegistration | undefined>
    >();
    expectTypeOf<Parameters<NonNullable<UpdateCoordinatorOptions['onError']>>[0]>().toEqualTypeOf<UpdateError>();
    expect(UPDATE_ERROR_CODES).toContain('skip-waiting-unheard');
  });
});
