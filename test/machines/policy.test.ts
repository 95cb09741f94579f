/**
 * The update policies in the lifecycle machine: pure steps for `'auto'`, and the
 * leader's `'idle'` countdown on XState's SimulatedClock (time moves only when told).
 */
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import type { LifecycleEvent } from '../../machines/lifecycle-events.js';
import { at, INPUT, lifecycleOf, step } from './lifecycle-harness.js';

const waiting = (version: string, snoozeRemaining = 0): LifecycleEvent => ({
  type: 'WORKER_WAITING',
  version,
  snoozeRemaining,
});
const auto = { policy: 'auto' as const, pageId: 'p' };

describe("'auto' policy", () => {
  it('a waiting worker is applied at once: no prompt state, the leader announces it and posts SKIP_WAITING', () => {
    const follower = step(at('idle', auto), waiting('2'));
    expect(lifecycleOf(follower.next.value)).toEqual({ activating: 'requested' });
    expect(follower.effects).toEqual([]);
    expect(follower.context.updateId).toBe('p.1');

    const leader = step(at('installing', auto, 'leader'), waiting('2'));
    expect(lifecycleOf(leader.next.value)).toEqual({ activating: 'requested' });
    expect(leader.effects).toEqual(['announceAccept', 'requestSkipWaiting']);
  });

  it('a hold anywhere blocks it; released, it goes on', () => {
    const held = step(at('idle', { ...auto, holds: 1 }), waiting('2'));
    expect(lifecycleOf(held.next.value)).toEqual({ blocked: 'waitingForHolds' });
    const released = step(held.next, { type: 'ROSTER_CHANGED', holds: 0, tabIds: [] });
    expect(lifecycleOf(released.next.value)).toEqual({ activating: 'requested' });
    expect(lifecycleOf(step(at('idle', { ...auto, localHolds: 1 }), waiting('2')).next.value)).toEqual({
      blocked: 'waitingForHolds',
    });
  });

  it('snooze does not apply', () => {
    expect(lifecycleOf(step(at('idle', auto), waiting('2', 5_000)).next.value)).toEqual({
      activating: 'requested',
    });
    expect(lifecycleOf(step(at('snoozed', auto), waiting('3')).next.value)).toEqual({
      activating: 'requested',
    });
  });

  it('never presents, even granted the prompt (after a failed activation it rests in available)', () => {
    const granted = step(at({ available: 'quiet' }, auto), { type: 'PRESENTER_GRANTED', epoch: 1 });
    expect(lifecycleOf(granted.next.value)).toEqual({ available: 'quiet' });
    const prompt = step(at({ available: 'quiet' }), { type: 'PRESENTER_GRANTED', epoch: 1 });
    expect(lifecycleOf(prompt.next.value)).toEqual({ available: 'presenting' });
  });

  it('ids of updates it applies are unique within the page', () => {
    const first = step(at('idle', auto), waiting('2'));
    const again = step(at({ available: 'quiet' }, { ...first.context }), waiting('3'));
    expect([first.context.updateId, again.context.updateId]).toEqual(['p.1', 'p.2']);
  });

  it("'prompt' and 'idle' still prompt", () => {
    expect(lifecycleOf(step(at('idle'), waiting('2')).next.value)).toEqual({ available: 'quiet' });
    expect(lifecycleOf(step(at('idle', { policy: 'idle' }), waiting('2')).next.value)).toEqual({ available: 'quiet' });
  });
});

/** A leader of an app with `'idle'` policy and v2 waiting, on a simulated clock. */
function idleLeader(idleDelay = 1_000) {
  const clock = new SimulatedClock();
  const announced: string[] = [];
  const machine = lifecycleMachine.provide({
    actions: { announceAccept: ({ context }) => void announced.push(context.updateId ?? '') },
  });
  const actor = createActor(machine, { input: { ...INPUT, policy: 'idle', idleDelay, pageId: 'p' }, clock }).start();
  actor.send({ type: 'REGISTERED' });
  actor.send({ type: 'LEADERSHIP_GAINED', epoch: 1 });
  actor.send({ type: 'WORKER_WAITING', version: '2', snoozeRemaining: 0 });
  const roster = (everyTabHidden: boolean, holds = 0) =>
    actor.send({ type: 'ROSTER_CHANGED', holds, tabIds: ['a', 'b'], everyTabHidden });
  const lifecycle = () => lifecycleOf(actor.getSnapshot().value);
  return { clock, actor, announced, roster, lifecycle };
}

describe("'idle' policy, the leader's countdown", () => {
  it('applies once every tab has been hidden for idleDelay, announced to every tab', () => {
    const { clock, announced, roster, lifecycle } = idleLeader();
    roster(true);
    clock.increment(999);
    expect(lifecycle()).toEqual({ available: 'quiet' });
    clock.increment(1);
    expect(lifecycle()).toEqual({ activating: 'requested' });
    expect(announced).toEqual(['p.1']);
  });

  it('a tab shown before the delay ends stops it; hidden again, the wait starts over', () => {
    const { clock, roster, lifecycle } = idleLeader();
    roster(true);
    clock.increment(900);
    roster(false);
    clock.increment(5_000);
    expect(lifecycle()).toEqual({ available: 'quiet' });
    roster(true);
    clock.increment(999);
    expect(lifecycle()).toEqual({ available: 'quiet' });
    clock.increment(1);
    expect(lifecycle()).toEqual({ activating: 'requested' });
  });

  it('a hold stops it, and so does a hold in this tab', () => {
    const { clock, actor, roster, lifecycle } = idleLeader();
    roster(true, 1);
    clock.increment(5_000);
    expect(lifecycle()).toEqual({ available: 'quiet' });
    roster(true, 0);
    actor.send({ type: 'HOLDS_CHANGED', count: 1 });
    clock.increment(5_000);
    expect(lifecycle()).toEqual({ available: 'quiet' });
  });

  it('applies a snoozed update too (a snooze is for while someone looks)', () => {
    const { clock, actor, roster, lifecycle } = idleLeader();
    actor.send({ type: 'USER_DISMISSED' });
    roster(true);
    clock.increment(1_000);
    expect(lifecycle()).toEqual({ activating: 'requested' });
  });

  it('an idleDelay past what setTimeout can hold (browsers fire those at once) is capped, not zero', () => {
    const delay = lifecycleMachine.implementations.delays.idleDelay as (args: {
      context: { idleDelay: number };
    }) => number;
    expect(delay({ context: { idleDelay: Number.POSITIVE_INFINITY } })).toBe(2 ** 31 - 1);
    expect(delay({ context: { idleDelay: 2 ** 40 } })).toBe(2 ** 31 - 1);
    expect(delay({ context: { idleDelay: 1_000 } })).toBe(1_000);
  });

  it('a follower does not count; neither does a leader of the prompt policy', () => {
    const clock = new SimulatedClock();
    const follower = createActor(lifecycleMachine, {
      input: { ...INPUT, policy: 'idle', idleDelay: 10 },
      clock,
    }).start();
    const prompt = createActor(lifecycleMachine, { input: { ...INPUT, idleDelay: 10 }, clock }).start();
    prompt.send({ type: 'LEADERSHIP_GAINED', epoch: 1 });
    for (const actor of [follower, prompt]) {
      actor.send({ type: 'REGISTERED' });
      actor.send({ type: 'WORKER_WAITING', version: '2', snoozeRemaining: 0 });
      actor.send({ type: 'ROSTER_CHANGED', holds: 0, tabIds: ['a'], everyTabHidden: true });
    }
    clock.increment(1_000);
    expect([follower, prompt].map((actor) => lifecycleOf(actor.getSnapshot().value))).toEqual([
      { available: 'quiet' },
      { available: 'quiet' },
    ]);
  });
});
