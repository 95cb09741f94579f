/**
 * Every transition of the lifecycle machine, as pure steps: state + event → next
 * state and the effects it would run. No actors run and no timers are real.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import type { LifecycleEvent } from '../../machines/lifecycle-events.js';
import { at, INPUT, lifecycleOf, step } from './lifecycle-harness.js';

type Row = [name: string, from: Parameters<typeof at>, event: LifecycleEvent, lifecycle: unknown, effects: string[]];

const err = new Error('boom');
const waiting = (version: string, snoozeRemaining = 0): LifecycleEvent => ({
  type: 'WORKER_WAITING',
  version,
  snoozeRemaining,
});

const rows: Row[] = [
  [
    'registered (rejoins the group after a failed attempt)',
    ['registering'],
    { type: 'REGISTERED' },
    'idle',
    ['rejoinGroup'],
  ],
  [
    'a retry fails again: not reported twice',
    ['registering', { registrationFailures: 1 }],
    { type: 'REGISTRATION_FAILED', error: err },
    'failed',
    ['leaveGroup'],
  ],
  [
    'the leader leaves the group',
    [{ available: 'quiet' }, {}, 'leader'],
    { type: 'LEADERSHIP_LOST' },
    { available: 'quiet' },
    [],
  ],
  [
    'behind, a peer accepts: reload',
    ['idle', { behind: true }],
    { type: 'PEER_ACCEPTED', updateId: 'u' },
    'reloading',
    ['reload'],
  ],
  [
    'behind and holding, a peer accepts: held',
    ['idle', { behind: true, localHolds: 1 }],
    { type: 'PEER_ACCEPTED', updateId: 'u' },
    { blocked: 'held' },
    [],
  ],
  [
    'an accept after the waiting worker began activating: only reload',
    [{ available: 'quiet' }, { waitingActivating: true }],
    { type: 'PEER_ACCEPTED', updateId: 'u' },
    { activating: 'applying' },
    [],
  ],
  [
    'a late accept of the version already applied does not start the next update',
    [{ available: 'quiet' }, { waitingVersion: '3', appliedVersion: '2' }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '2' },
    { available: 'quiet' },
    [],
  ],
  [
    'a late accept of the version already applied reloads a page left behind',
    [{ available: 'quiet' }, { waitingVersion: '3', appliedVersion: '2', behind: true }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '2' },
    'reloading',
    ['reload'],
  ],
  [
    'an accept of a replaced version, made before this page saw the last activation: settled, nothing starts',
    [{ available: 'quiet' }, { waitingVersion: '4', appliedVersion: '3', settledAt: 1_000 }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '2', at: 1_000 },
    { available: 'quiet' },
    [],
  ],
  [
    'an accept of a replaced version, made after the last activation here: carried over to what waits',
    [{ available: 'quiet' }, { waitingVersion: '4', appliedVersion: '3', settledAt: 1_000 }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '2', at: 1_001 },
    { activating: 'requested' },
    [],
  ],
  [
    'an accept of another version from before this page loaded: settled, nothing starts',
    [{ available: 'quiet' }, { waitingVersion: '4', settledAt: 5_000 }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '3', at: 4_999 },
    { available: 'quiet' },
    [],
  ],
  [
    'left the group mid-accept (back/forward cache): it posts no SKIP_WAITING it could not stop',
    [{ activating: 'requested' }],
    { type: 'GROUP_LEFT' },
    { available: 'quiet' },
    [],
  ],
  [
    'blocked, and someone updated anyway: reload',
    [{ blocked: 'waitingForHolds' }, { holds: 1 }],
    { type: 'WORKER_ACTIVATING' },
    'reloading',
    ['reload'],
  ],
  [
    'blocked by its own hold, and someone updated anyway: held',
    [{ blocked: 'waitingForHolds' }, { localHolds: 1 }],
    { type: 'CONTROLLER_CHANGED' },
    { blocked: 'held' },
    [],
  ],
  [
    'the waiting worker begins activating without an accept here: no reload',
    [{ available: 'quiet' }],
    { type: 'WORKER_ACTIVATING' },
    { available: 'quiet' },
    [],
  ],
  [
    'not behind, a peer accepts: nothing to apply here yet',
    ['idle'],
    { type: 'PEER_ACCEPTED', updateId: 'u' },
    'idle',
    [],
  ],
  [
    'registration fails: the tab leaves the group',
    ['registering'],
    { type: 'REGISTRATION_FAILED', error: err },
    'failed',
    ['notifyError', 'leaveGroup'],
  ],
  ['no reload before registering', ['registering'], { type: 'RELOAD_REQUESTED' }, 'registering', []],
  ['update starts installing', ['idle'], { type: 'WORKER_INSTALLING' }, 'installing', []],
  ['waiting at load', ['idle'], waiting('2'), { available: 'quiet' }, []],
  ['waiting at load, snoozed', ['idle'], waiting('2', 500), 'snoozed', []],
  ['installed, waiting', ['installing'], waiting('2'), { available: 'quiet' }, []],
  ['installed, snoozed version', ['installing'], waiting('2', 500), 'snoozed', []],
  ['install fails', ['installing'], { type: 'INSTALL_FAILED', error: err }, 'idle', ['notifyError']],
  ['first install, follower', ['installing'], { type: 'OFFLINE_READY' }, 'idle', []],
  ['first install, leader', ['installing', {}, 'leader'], { type: 'OFFLINE_READY' }, 'idle', ['notifyOfflineReady']],
  [
    'granted while waiting',
    [{ available: 'quiet' }],
    { type: 'PRESENTER_GRANTED', epoch: 2 },
    { available: 'presenting' },
    [],
  ],
  [
    'granted once the waiting worker began activating (an accept elsewhere): no prompt',
    [{ available: 'quiet' }, { waitingActivating: true }],
    { type: 'PRESENTER_GRANTED', epoch: 2 },
    { available: 'quiet' },
    [],
  ],
  [
    'presenting, the waiting worker begins activating: the prompt goes',
    [{ available: 'presenting' }, { isPresenter: true }],
    { type: 'WORKER_ACTIVATING' },
    { available: 'quiet' },
    [],
  ],
  [
    'revoked while presenting',
    [{ available: 'presenting' }, { isPresenter: true }],
    { type: 'PRESENTER_REVOKED', epoch: 3 },
    { available: 'quiet' },
    ['announceReleased'],
  ],
  [
    'revoked while idle still answers',
    ['idle', { isPresenter: true }],
    { type: 'PRESENTER_REVOKED', epoch: 3 },
    'idle',
    ['announceReleased'],
  ],
  ['newer worker while available', [{ available: 'quiet' }], waiting('3'), { available: 'quiet' }, []],
  [
    'accept, follower that knows the group',
    [{ available: 'quiet' }, { knowsGroup: true }],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { activating: 'requested' },
    ['announceAccept', 'requestSkipWaiting'],
  ],
  [
    'accept, leader',
    [{ available: 'presenting' }, { isPresenter: true }, 'leader'],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { activating: 'requested' },
    ['announceAccept', 'requestSkipWaiting'],
  ],
  [
    'accept, in a tab that does not know the group yet: SKIP_WAITING waits for it',
    [{ available: 'quiet' }],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { activating: 'requested' },
    ['announceAccept'],
  ],
  [
    'the group becomes known after the accept',
    [{ activating: 'requested' }, { acceptedHere: true }],
    { type: 'GROUP_KNOWN' },
    { activating: 'requested' },
    ['requestSkipWaiting'],
  ],
  [
    'accept with only a hold of this tab',
    [{ available: 'quiet' }, { localHolds: 1 }],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { blocked: 'waitingForHolds' },
    ['announceAccept'],
  ],
  [
    'peer accepts the version shown here',
    [{ available: 'quiet' }, { waitingVersion: '2' }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '2' },
    { activating: 'requested' },
    [],
  ],
  [
    'peer accepted before it saw the newer worker waiting here: update means the newest',
    [{ available: 'quiet' }, { waitingVersion: '3' }],
    { type: 'PEER_ACCEPTED', updateId: 'u', version: '2' },
    { activating: 'requested' },
    [],
  ],
  [
    'holds reported after the accept: this tab posts SKIP_WAITING no more',
    [{ activating: 'requested' }, { holds: 1 }],
    { type: 'ROSTER_CHANGED', holds: 1, tabIds: [] },
    { blocked: 'waitingForHolds' },
    [],
  ],
  [
    'holds do not stop a forced accept',
    [{ activating: 'requested' }, { holds: 1, forced: true }],
    { type: 'ROSTER_CHANGED', holds: 1, tabIds: [] },
    { activating: 'requested' },
    [],
  ],
  [
    'a newer worker replaces the accepted one: the accept carries over',
    [{ activating: 'requested' }, { waitingVersion: '2' }],
    waiting('3'),
    { activating: 'requested' },
    [],
  ],
  [
    'a newer worker while blocked: still blocked, now for it',
    [{ blocked: 'waitingForHolds' }, { holds: 1 }],
    waiting('3'),
    { blocked: 'waitingForHolds' },
    [],
  ],
  [
    'the waiting worker activated by itself',
    [{ available: 'quiet' }, { waitingVersion: '2' }],
    { type: 'WORKER_ACTIVATED' },
    'idle',
    [],
  ],
  ['activated by itself while snoozed', ['snoozed', { waitingVersion: '2' }], { type: 'WORKER_ACTIVATED' }, 'idle', []],
  [
    'accept with holds',
    [{ available: 'quiet' }, { holds: 2 }],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { blocked: 'waitingForHolds' },
    ['announceAccept'],
  ],
  [
    'forced accept with holds',
    [{ available: 'quiet' }, { holds: 2, knowsGroup: true }],
    { type: 'USER_ACCEPTED', updateId: 'u', force: true },
    { activating: 'requested' },
    ['announceAccept', 'requestSkipWaiting'],
  ],
  ['peer accepts', [{ available: 'quiet' }], { type: 'PEER_ACCEPTED', updateId: 'u' }, { activating: 'requested' }, []],
  [
    'peer accepts with holds',
    ['snoozed', { holds: 1 }],
    { type: 'PEER_ACCEPTED', updateId: 'u' },
    { blocked: 'waitingForHolds' },
    [],
  ],
  [
    'accept while snoozed',
    ['snoozed', { knowsGroup: true }],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { activating: 'requested' },
    ['announceAccept', 'requestSkipWaiting'],
  ],
  [
    'dismiss',
    [{ available: 'presenting' }, { isPresenter: true }],
    { type: 'USER_DISMISSED' },
    'snoozed',
    ['announceDismiss'],
  ],
  [
    'peer dismisses this version',
    [{ available: 'quiet' }, { waitingVersion: '2' }],
    { type: 'PEER_DISMISSED', version: '2', remaining: 1000 },
    'snoozed',
    [],
  ],
  [
    'peer dismissed an older version',
    [{ available: 'quiet' }, { waitingVersion: '3' }],
    { type: 'PEER_DISMISSED', version: '2', remaining: 1000 },
    { available: 'quiet' },
    [],
  ],
  ['newer version ends the snooze', ['snoozed', { waitingVersion: '2' }], waiting('3'), { available: 'quiet' }, []],
  ['same version stays snoozed', ['snoozed', { waitingVersion: '2' }], waiting('2', 900), 'snoozed', []],
  [
    'holds released',
    [{ blocked: 'waitingForHolds' }, { holds: 1 }],
    { type: 'ROSTER_CHANGED', holds: 0, tabIds: [] },
    { activating: 'requested' },
    [],
  ],
  [
    'holds remain',
    [{ blocked: 'waitingForHolds' }, { holds: 2 }],
    { type: 'ROSTER_CHANGED', holds: 1, tabIds: [] },
    { blocked: 'waitingForHolds' },
    [],
  ],
  [
    'update anyway',
    [{ blocked: 'waitingForHolds' }, { holds: 1, knowsGroup: true }],
    { type: 'USER_ACCEPTED', updateId: 'u', force: true },
    { activating: 'requested' },
    ['announceAccept', 'requestSkipWaiting'],
  ],
  [
    'peer updates anyway',
    [{ blocked: 'waitingForHolds' }, { holds: 1 }],
    { type: 'PEER_ACCEPTED', updateId: 'u', force: true },
    { activating: 'requested' },
    [],
  ],
  [
    'plain accept while blocked',
    [{ blocked: 'waitingForHolds' }, { holds: 1 }],
    { type: 'USER_ACCEPTED', updateId: 'u' },
    { blocked: 'waitingForHolds' },
    [],
  ],
  [
    'controller changed after accept',
    [{ activating: 'requested' }],
    { type: 'CONTROLLER_CHANGED' },
    'reloading',
    ['reload'],
  ],
  [
    'worker activated after accept',
    [{ activating: 'requested' }],
    { type: 'WORKER_ACTIVATED' },
    'reloading',
    ['reload'],
  ],
  [
    'told to reload after accept',
    [{ activating: 'requested' }],
    { type: 'RELOAD_REQUESTED', updateId: 'u' },
    'reloading',
    ['reload'],
  ],
  [
    'activated while this tab holds',
    [{ activating: 'requested' }, { localHolds: 1 }],
    { type: 'CONTROLLER_CHANGED' },
    { blocked: 'held' },
    [],
  ],
  [
    'the accepted worker begins activating',
    [{ activating: 'requested' }],
    { type: 'WORKER_ACTIVATING' },
    { activating: 'applying' },
    [],
  ],
  [
    'a worker waiting while the accepted one activates is the next update',
    [{ activating: 'applying' }, { waitingVersion: '2' }],
    waiting('3'),
    { activating: 'applying' },
    [],
  ],
  [
    'applying, the controller changes: reload',
    [{ activating: 'applying' }],
    { type: 'CONTROLLER_CHANGED' },
    'reloading',
    ['reload'],
  ],
  [
    'new leader re-sends SKIP_WAITING',
    [{ activating: 'requested' }],
    { type: 'LEADERSHIP_GAINED', epoch: 9 },
    { activating: 'requested' },
    ['requestSkipWaiting'],
  ],
  [
    'held tab released',
    [{ blocked: 'held' }, { localHolds: 1 }],
    { type: 'HOLDS_CHANGED', count: 0 },
    'reloading',
    ['reload'],
  ],
  [
    'held tab ignores more reloads',
    [{ blocked: 'held' }, { localHolds: 1 }],
    { type: 'RELOAD_REQUESTED' },
    { blocked: 'held' },
    [],
  ],
  ['worker says reload while idle', ['idle'], { type: 'RELOAD_REQUESTED', updateId: 'u' }, 'reloading', ['reload']],
  ['worker says reload, tab holds', ['idle', { localHolds: 1 }], { type: 'RELOAD_REQUESTED' }, { blocked: 'held' }, []],
  ['reloading ignores a second request', ['reloading'], { type: 'RELOAD_REQUESTED' }, 'reloading', []],
  ['reload refused', ['reloading'], { type: 'RELOAD_REFUSED', error: err }, 'idle', ['notifyError']],
  ['controller change without accept', ['idle'], { type: 'CONTROLLER_CHANGED' }, 'idle', []],
  ['check failure is reported', ['idle'], { type: 'CHECK_FAILED', error: err }, 'idle', ['notifyError']],
  [
    'failed install while another waits',
    [{ available: 'quiet' }],
    { type: 'INSTALL_FAILED', error: err },
    { available: 'quiet' },
    ['notifyError'],
  ],
];

describe('lifecycle machine transitions', () => {
  it.each(rows)('%s', (_name, from, event, lifecycle, effects) => {
    const result = step(at(...from), event);
    expect((result.next.value as { running: { lifecycle: unknown } }).running.lifecycle).toEqual(lifecycle);
    expect(result.effects).toEqual(effects);
  });

  it('rests in unsupported when service workers are unavailable', () => {
    const [snapshot] = initialTransition(lifecycleMachine, { ...INPUT, supported: false });
    expect(snapshot.value).toBe('unsupported');
  });

  it('starts registering, as a follower', () => {
    const [snapshot] = initialTransition(lifecycleMachine, INPUT);
    expect(snapshot.value).toEqual({
      running: { lifecycle: 'registering', role: 'follower', awayCountdown: 'watching' },
    });
  });

  it('keeps the waiting version and the error in context', () => {
    expect(step(at('idle'), waiting('2.4')).context.waitingVersion).toBe('2.4');
    expect(step(at('registering'), { type: 'REGISTRATION_FAILED', error: err }).context.error).toBe(err);
    expect(step(at('idle'), { type: 'VERSION_KNOWN', version: '1' }).context.version).toBe('1');
  });

  it('remembers a first install seen before leading, and reports it on becoming leader', () => {
    const pending = step(at('installing'), { type: 'OFFLINE_READY' });
    expect(pending.context.offlineReadyPending).toBe(true);
    const led = step(pending.next, { type: 'LEADERSHIP_GAINED', epoch: 1 });
    expect(led.effects).toEqual(['notifyOfflineReady']);
    expect(led.context.offlineReadyPending).toBe(false);
  });

  it('a dismissal here snoozes for the configured length', () => {
    expect(step(at({ available: 'quiet' }), { type: 'USER_DISMISSED' }).context.snoozeRemaining).toBe(INPUT.snooze);
  });

  it('the leader checks for updates when its interval elapses; a follower does not', () => {
    expect(step(at('idle', {}, 'leader'), { type: 'CHECK_DUE' }).effects).toEqual(['checkForUpdate']);
    expect(step(at('idle'), { type: 'CHECK_DUE' }).effects).toEqual([]);
  });

  it('a requested check goes through the debounce, the interval does not; only the leader checks', () => {
    expect(step(at('idle', {}, 'leader'), { type: 'CHECK_REQUESTED' }).effects).toEqual(['checkForUpdateDebounced']);
    expect(step(at('available', {}, 'leader'), { type: 'CHECK_DUE' }).effects).toEqual(['checkForUpdate']);
    expect(step(at('idle'), { type: 'CHECK_REQUESTED' }).effects).toEqual([]);
  });
});

describe('the update being applied', () => {
  it('is taken from the worker RELOAD when this tab missed the accept', () => {
    expect(step(at('idle'), { type: 'RELOAD_REQUESTED', updateId: 'u9' }).context.updateId).toBe('u9');
    expect(step(at('idle', { localHolds: 1 }), { type: 'RELOAD_REQUESTED', updateId: 'u9' }).context.updateId).toBe(
      'u9',
    );
  });
  it('keeps the accepted id when the RELOAD names none (a worker that does not echo it)', () => {
    expect(
      step(at({ activating: 'requested' }, { updateId: 'u1' }), { type: 'RELOAD_REQUESTED' }).context.updateId,
    ).toBe('u1');
  });
});

describe('an accept heard while the worker still installs here', () => {
  // A hidden tab hears of the waiting worker up to a second after the tab in front, where
  // the user may already have accepted.
  const accept: LifecycleEvent = { type: 'PEER_ACCEPTED', updateId: 'u1', version: '2', at: 1_000 };

  it('is kept, and applied once the worker waits: blocked while a tab holds work', () => {
    const heard = step(at('installing', { holds: 1 }), accept);
    expect(lifecycleOf(heard.lifecycle)).toBe('installing');
    expect(heard.context.keptAccept).toEqual(accept);
    const waits = step(heard.next, waiting('2'));
    expect(lifecycleOf(waits.lifecycle)).toEqual({ blocked: 'waitingForHolds' });
    // The accept applied is the one kept: the chain assigns its id as it is heard again.
    expect(waits.context).toMatchObject({ keptAccept: undefined, updateId: 'u1' });
  });

  it('goes on to activating when nothing is held; a follower posts no SKIP_WAITING, the leader does', () => {
    const waits = step(step(at('installing'), accept).next, waiting('2'));
    expect(lifecycleOf(waits.lifecycle)).toEqual({ activating: 'requested' });
    expect(waits.effects).not.toContain('requestSkipWaiting');
    // The leader does post it: the effect is visible here when it runs.
    const leads = step(step(at('installing', {}, 'leader'), accept).next, waiting('2'));
    expect(leads.effects).toContain('requestSkipWaiting');
  });

  it('is heard again, harmlessly, when the install fails: the next update waits for its own accept', () => {
    const failed = step(step(at('installing'), accept).next, { type: 'INSTALL_FAILED', error: err });
    expect(lifecycleOf(failed.lifecycle)).toBe('idle');
    expect(failed.context.keptAccept).toBeUndefined();
    expect(lifecycleOf(step(failed.next, waiting('3')).lifecycle)).toEqual({ available: 'quiet' });
  });

  it('without one, a waiting worker prompts as before', () => {
    expect(lifecycleOf(step(at('installing'), waiting('2')).lifecycle)).toEqual({ available: 'quiet' });
  });
});

describe('an accept heard before this tab has seen the new worker', () => {
  // A hidden tab can hear of a new worker after another tab accepted it.
  const accept = { type: 'PEER_ACCEPTED', updateId: 'u1', version: '2', at: 1_000 } as const;
  const onV1 = { version: '1', settledAt: 500 };

  it('is kept in idle, kept again while the worker installs, and applied once it waits', () => {
    const heard = step(at('idle', { ...onV1, holds: 1 }), accept);
    expect(lifecycleOf(heard.lifecycle)).toBe('idle');
    expect(heard.context.keptAccept).toEqual(accept);
    const installs = step(heard.next, { type: 'WORKER_INSTALLING' });
    expect(lifecycleOf(installs.lifecycle)).toBe('installing');
    expect(installs.context.keptAccept).toMatchObject({ ...accept, replayed: true });
    const waits = step(installs.next, waiting('2'));
    expect(lifecycleOf(waits.lifecycle)).toEqual({ blocked: 'waitingForHolds' });
    expect(waits.context.keptAccept).toBeUndefined();
  });

  it('is applied when the worker is heard of already waiting', () => {
    const waits = step(step(at('idle', onV1), accept).next, waiting('2'));
    expect(lifecycleOf(waits.lifecycle)).toEqual({ activating: 'requested' });
  });

  it('is not kept when it names the version this page runs or saw activate, or was made before the page loaded', () => {
    for (const context of [
      { ...onV1, version: '2' },
      { ...onV1, appliedVersion: '2' },
      { ...onV1, settledAt: 1_000 },
    ]) {
      const heard = step(at('idle', context), accept);
      expect(heard.context.keptAccept).toBeUndefined();
      expect(lifecycleOf(step(heard.next, waiting('3')).lifecycle)).toEqual({ available: 'quiet' });
    }
  });

  it('is dropped when the worker it names fails to install: the next update waits for its own accept', () => {
    const installs = step(step(at('idle', onV1), accept).next, { type: 'WORKER_INSTALLING' });
    const failed = step(installs.next, { type: 'INSTALL_FAILED', error: err });
    expect(lifecycleOf(failed.lifecycle)).toBe('idle');
    expect(failed.context.keptAccept).toBeUndefined();
    expect(lifecycleOf(step(failed.next, waiting('3')).lifecycle)).toEqual({ available: 'quiet' });
  });
});
