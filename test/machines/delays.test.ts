/**
 * Delayed transitions of the lifecycle machine, on XState's SimulatedClock:
 * time moves only when the test says so.
 */
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import { DEFAULT_TIMING } from '../../machines/timing.js';
import { INPUT } from './lifecycle-harness.js';

function start(input: typeof INPUT & { timing?: typeof DEFAULT_TIMING } = INPUT) {
  const clock = new SimulatedClock();
  const errors: string[] = [];
  const machine = lifecycleMachine.provide({
    actions: { notifyError: ({ context }) => errors.push(context.error?.message ?? '') },
  });
  const actor = createActor(machine, { input, clock }).start();
  actor.send({ type: 'REGISTERED' });
  actor.send({ type: 'WORKER_WAITING', version: '2', snoozeRemaining: 0 });
  const lifecycle = () => (actor.getSnapshot().value as { running: { lifecycle: unknown } }).running.lifecycle;
  return { clock, actor, errors, lifecycle };
}

/** A tab (the leader, or not) that knows version 2 waits, counting the SKIP_WAITING it posts. */
function withUpdateWaiting({ leader = false, knowsGroup = true } = {}) {
  const clock = new SimulatedClock();
  let posted = 0;
  let nudged = 0;
  const machine = lifecycleMachine.provide({
    actions: { requestSkipWaiting: () => void posted++, nudgeActivation: () => void nudged++ },
  });
  const actor = createActor(machine, { input: INPUT, clock }).start();
  actor.send({ type: 'REGISTERED' });
  if (knowsGroup) actor.send({ type: 'GROUP_KNOWN' });
  if (leader) actor.send({ type: 'LEADERSHIP_GAINED', epoch: 1 });
  actor.send({ type: 'WORKER_WAITING', version: '2', snoozeRemaining: 0 });
  return { clock, actor, posted: () => posted, nudged: () => nudged };
}

describe('lifecycle machine delays', () => {
  it('a snooze ends after its remaining time and the update is available again', () => {
    const { clock, actor, lifecycle } = start();
    actor.send({ type: 'USER_DISMISSED' });
    expect(lifecycle()).toBe('snoozed');
    clock.increment(INPUT.snooze - 1);
    expect(lifecycle()).toBe('snoozed');
    clock.increment(1);
    expect(lifecycle()).toEqual({ available: 'quiet' });
  });

  it('a snooze carried over from another tab lasts only what remains of it', () => {
    const { clock, actor, lifecycle } = start();
    actor.send({ type: 'PEER_DISMISSED', version: '2', remaining: 500 });
    clock.increment(500);
    expect(lifecycle()).toEqual({ available: 'quiet' });
  });

  it('a worker that never activates after SKIP_WAITING gives an error naming the listener, and the prompt returns', () => {
    const { clock, actor, errors, lifecycle } = start();
    actor.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    expect(lifecycle()).toEqual({ activating: 'requested' });
    clock.increment(DEFAULT_TIMING.activateTimeout);
    expect(lifecycle()).toEqual({ available: 'quiet' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("{ type: 'SKIP_WAITING' }");
    expect(actor.getSnapshot().context.error?.message).toContain('waiting version: 2');
  });

  it('the tab where the user accepted posts SKIP_WAITING at once, with no timer; while nothing moves, again after the retry delay', () => {
    // No round trip and no timer: a hidden tab's timers run a second late, and each hop
    // to the other tabs costs their wake-ups.
    const { clock, actor: accepter, posted } = withUpdateWaiting();
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    expect(posted()).toBe(1);
    clock.increment(DEFAULT_TIMING.skipWaitingRetry - 1);
    expect(posted()).toBe(1);
    clock.increment(1);
    expect(posted()).toBe(2);
  });

  it('the leader posts SKIP_WAITING at once when it hears another tab accept (a duplicate is harmless)', () => {
    const { actor: leader, posted } = withUpdateWaiting({ leader: true });
    leader.send({ type: 'PEER_ACCEPTED', updateId: 'u', version: '2' });
    expect(posted()).toBe(1);
  });

  it('holds known when the user accepts stop the accept before SKIP_WAITING', () => {
    const { clock, actor: accepter, posted } = withUpdateWaiting();
    accepter.send({ type: 'ROSTER_CHANGED', holds: 1, tabIds: ['a', 'b'], everyTabHidden: false });
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    clock.increment(DEFAULT_TIMING.skipWaitingRetry);
    expect(posted()).toBe(0);
    expect(accepter.getSnapshot().matches({ running: { lifecycle: 'blocked' } })).toBe(true);
  });

  it('a hold heard after SKIP_WAITING went out: no retry; the update already under way still reloads this tab', () => {
    const { clock, actor: accepter, posted } = withUpdateWaiting();
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    accepter.send({ type: 'ROSTER_CHANGED', holds: 1, tabIds: ['a', 'b'], everyTabHidden: false });
    clock.increment(DEFAULT_TIMING.skipWaitingRetry);
    expect(posted()).toBe(1);
    expect(accepter.getSnapshot().matches({ running: { lifecycle: 'blocked' } })).toBe(true);
    accepter.send({ type: 'WORKER_ACTIVATING' });
    expect(accepter.getSnapshot().matches({ running: { lifecycle: 'reloading' } })).toBe(true);
  });

  it('an accept made before this tab knew the group waits for it: the holds in the ROSTER stop it before SKIP_WAITING', () => {
    const { clock, actor: accepter, posted } = withUpdateWaiting({ knowsGroup: false });
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    expect(posted()).toBe(0);
    // The group adapter reports the ROSTER's holds, then that the group is known.
    accepter.send({ type: 'ROSTER_CHANGED', holds: 1, tabIds: ['a', 'b'], everyTabHidden: false });
    accepter.send({ type: 'GROUP_KNOWN' });
    clock.increment(DEFAULT_TIMING.skipWaitingRetry);
    expect(posted()).toBe(0);
    expect(accepter.getSnapshot().matches({ running: { lifecycle: 'blocked' } })).toBe(true);
  });

  it('an accept made before this tab knew the group, with no holds in it, posts SKIP_WAITING once it does', () => {
    const { actor: accepter, posted } = withUpdateWaiting({ knowsGroup: false });
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    accepter.send({ type: 'GROUP_KNOWN' });
    expect(posted()).toBe(1);
  });

  it('a tab that joined a moment ago and did not accept learns of holds before its retry: it never posts', () => {
    const { clock, actor: newcomer, posted } = withUpdateWaiting();
    newcomer.send({ type: 'PEER_ACCEPTED', updateId: 'u', version: '2' });
    newcomer.send({ type: 'ROSTER_CHANGED', holds: 1, tabIds: ['a', 'b'], everyTabHidden: false });
    clock.increment(DEFAULT_TIMING.skipWaitingRetry);
    expect(posted()).toBe(0);
  });

  it('a follower posts SKIP_WAITING only if the update has not moved after the retry delay', () => {
    const { clock, actor: follower, posted } = withUpdateWaiting();
    follower.send({ type: 'PEER_ACCEPTED', updateId: 'u', version: '2' });
    clock.increment(DEFAULT_TIMING.skipWaitingRetry - 1);
    expect(posted()).toBe(0);
    clock.increment(1);
    expect(posted()).toBe(1);
  });

  it('only an activation still late after activationNudge makes the accepting tab nudge it, once, not before', () => {
    // Earlier, the navigation would slow down Chromium's own activation (about 1 s).
    const { clock, actor: accepter, nudged } = withUpdateWaiting();
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    clock.increment(DEFAULT_TIMING.activationNudge - 1);
    expect(nudged()).toBe(0);
    clock.increment(1);
    expect(nudged()).toBe(1);
    clock.increment(DEFAULT_TIMING.activateTimeout - DEFAULT_TIMING.activationNudge - 1);
    expect(nudged()).toBe(1);
  });

  it('the leader nudges a late activation too; a follower that did not accept leaves it to them', () => {
    const leader = withUpdateWaiting({ leader: true });
    const follower = withUpdateWaiting();
    for (const { actor } of [leader, follower]) actor.send({ type: 'PEER_ACCEPTED', updateId: 'u', version: '2' });
    for (const { clock } of [leader, follower]) clock.increment(DEFAULT_TIMING.activationNudge);
    expect({ leader: leader.nudged(), follower: follower.nudged() }).toEqual({ leader: 1, follower: 0 });
  });

  it('an activation that began in time is not nudged', () => {
    const { clock, actor: accepter, nudged } = withUpdateWaiting();
    accepter.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    accepter.send({ type: 'WORKER_ACTIVATING' });
    clock.increment(DEFAULT_TIMING.activationNudge);
    expect(nudged()).toBe(0);
  });

  it('a failed registration is retried with backoff', () => {
    const clock = new SimulatedClock();
    let retries = 0;
    const machine = lifecycleMachine.provide({ actions: { retryRegistration: () => void retries++ } });
    const actor = createActor(machine, { input: INPUT, clock }).start();
    const lifecycle = () => (actor.getSnapshot().value as { running: { lifecycle: unknown } }).running.lifecycle;
    actor.send({ type: 'REGISTRATION_FAILED', error: new Error('404') });
    clock.increment(DEFAULT_TIMING.checkBackoff);
    expect([lifecycle(), retries]).toEqual(['registering', 1]);
    actor.send({ type: 'REGISTRATION_FAILED', error: new Error('404') });
    clock.increment(DEFAULT_TIMING.checkBackoff);
    expect([lifecycle(), retries]).toEqual(['failed', 1]);
    clock.increment(DEFAULT_TIMING.checkBackoff);
    expect([lifecycle(), retries]).toEqual(['registering', 2]);
    actor.send({ type: 'REGISTERED' });
    expect(lifecycle()).toBe('idle');
  });

  it('activation in time cancels the timeout', () => {
    // A reload that does not happen has its own timeout (below): later than this one here.
    const { clock, actor, errors, lifecycle } = start({
      ...INPUT,
      timing: { ...DEFAULT_TIMING, reloadTimeout: DEFAULT_TIMING.activateTimeout * 3 },
    });
    actor.send({ type: 'USER_ACCEPTED', updateId: 'u' });
    actor.send({ type: 'CONTROLLER_CHANGED' });
    clock.increment(DEFAULT_TIMING.activateTimeout * 2);
    expect(lifecycle()).toBe('reloading');
    expect(errors).toEqual([]);
  });
});

describe('a reload that did not happen', () => {
  /** A tab reloading for update `u`, counting the effects that start it over. */
  function reloadingFor(updateId = 'u') {
    const { clock, actor, errors, lifecycle } = start();
    actor.send({ type: 'USER_ACCEPTED', updateId });
    actor.send({ type: 'CONTROLLER_CHANGED' });
    expect(lifecycle()).toBe('reloading');
    return { clock, actor, errors, lifecycle };
  }

  it('still here after reloadTimeout: the tab says so, registers and joins again, and is behind', () => {
    const { clock, actor, errors, lifecycle } = reloadingFor();
    clock.increment(DEFAULT_TIMING.reloadTimeout - 1);
    expect(lifecycle()).toBe('reloading');
    clock.increment(1);
    // `running` started over: the registration and the group adapters run again.
    expect(lifecycle()).toBe('registering');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('beforeunload');
    const { context } = actor.getSnapshot();
    expect(context.error).toMatchObject({ code: 'reload-cancelled' });
    expect([context.behind, context.knowsGroup, context.cancelledUpdateId]).toEqual([true, false, 'u']);
    actor.send({ type: 'REGISTERED' });
    expect(lifecycle()).toBe('idle');
  });

  it('the update whose reload was cancelled does not ask again; the next one does', () => {
    const { clock, actor, lifecycle } = reloadingFor('u');
    clock.increment(DEFAULT_TIMING.reloadTimeout);
    actor.send({ type: 'REGISTERED' });
    // Heard again as the tab registers (the applied record, a RELOAD kept meanwhile).
    actor.send({ type: 'RELOAD_REQUESTED', updateId: 'u' });
    expect(lifecycle()).toBe('idle');
    actor.send({ type: 'RELOAD_REQUESTED', updateId: 'v' });
    expect(lifecycle()).toBe('reloading');
  });
});
