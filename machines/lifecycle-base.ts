/**
 * The lifecycle machine's types and invoked actors: the `setup` that its context
 * updates are typed against (lifecycle-assigns.ts) and that lifecycle-setup.ts extends
 * with guards, actions and delays. (`extend` takes no actors, so they start here.)
 */
import { setup } from 'xstate';
import type { LifecycleContext, LifecycleInput } from './lifecycle-context.js';
import { actorSlots } from './lifecycle-effects.js';
import type { LifecycleEvent } from './lifecycle-events.js';

export const lifecycleBase = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  actors: actorSlots,
});
