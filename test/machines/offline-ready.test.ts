/**
 * `offlineReady` in the lifecycle machine, as pure steps: where it comes from (the input,
 * REGISTERED with an active worker, OFFLINE_READY) and that nothing else sets it.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import { at, INPUT, step } from './lifecycle-harness.js';

describe('offlineReady', () => {
  it("starts false, or true when the input says this app's worker controls the page", () => {
    expect(initialTransition(lifecycleMachine, INPUT)[0].context.offlineReady).toBe(false);
    expect(initialTransition(lifecycleMachine, { ...INPUT, offlineReady: true })[0].context.offlineReady).toBe(true);
  });

  it('REGISTERED sets it only when the registration has an active worker', () => {
    expect(step(at('registering'), { type: 'REGISTERED', hasActiveWorker: true }).context.offlineReady).toBe(true);
    expect(step(at('registering'), { type: 'REGISTERED', hasActiveWorker: false }).context.offlineReady).toBe(false);
    expect(step(at('registering'), { type: 'REGISTERED' }).context.offlineReady).toBe(false);
  });

  it.each(['follower', 'leader'] as const)(
    'the first install activating sets it in a %s, which still notifies only as before',
    (role) => {
      const result = step(at('installing', {}, role), { type: 'OFFLINE_READY' });
      expect(result.context.offlineReady).toBe(true);
      expect(result.effects).toEqual(role === 'leader' ? ['notifyOfflineReady'] : []);
    },
  );

  it('OFFLINE_READY outside installing still sets it, without notifying', () => {
    const result = step(at('idle'), { type: 'OFFLINE_READY' });
    expect(result.context.offlineReady).toBe(true);
    expect(result.effects).toEqual([]);
  });

  it('no failure clears it', () => {
    const ready = at('idle', { offlineReady: true });
    expect(step(ready, { type: 'INSTALL_FAILED', error: new Error('x') }).context.offlineReady).toBe(true);
    expect(
      step(at('registering', { offlineReady: true }), { type: 'REGISTRATION_FAILED', error: new Error('x') }).context
        .offlineReady,
    ).toBe(true);
  });
});
