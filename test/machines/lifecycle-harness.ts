/**
 * Helpers for driving the lifecycle machine in unit tests: resolve a state with a
 * given context, take one pure transition, and list the effects it would run.
 */
import { initialTransition, transition, type StateValue } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import type { LifecycleContext } from '../../machines/lifecycle-context.js';
import type { LifecycleEvent } from '../../machines/lifecycle-events.js';

export const INPUT = { supported: true, snooze: 60_000, checkInterval: 0 };

export function initialContext(): LifecycleContext {
  const [snapshot] = initialTransition(lifecycleMachine, INPUT);
  return snapshot.context;
}

/** A snapshot resting in `lifecycle` and `role`, with context overrides. */
export function at(
  lifecycle: StateValue,
  context: Partial<LifecycleContext> = {},
  role: 'follower' | 'leader' = 'follower',
) {
  return lifecycleMachine.resolveState({
    value: { running: { lifecycle, role } },
    context: { ...initialContext(), ...context },
  });
}

/** One pure transition: the next snapshot and the names of the effects it runs. */
export function step(snapshot: ReturnType<typeof at>, event: LifecycleEvent) {
  const [next, actions] = transition(lifecycleMachine, snapshot, event);
  const effects = actions.map((action) => action.type).filter((type) => !type.startsWith('xstate.'));
  return { next, lifecycle: next.value, effects, context: next.context };
}

export const lifecycleOf = (value: StateValue): unknown =>
  typeof value === 'object' && 'running' in value ? (value.running as Record<string, StateValue>).lifecycle : value;
