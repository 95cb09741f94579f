/**
 * The lifecycle machine's `setup`: its types and actors (lifecycle-base.ts) with the
 * guards, context updates, effect slots and delays, each from the file named for it.
 * Kept apart from the chart so machines/lifecycle.ts reads as the state chart alone.
 * Pure: every effect is a placeholder that src/page/wiring.ts replaces with
 * `.provide()`.
 */
import { lifecycleAssigns } from './lifecycle-assigns.js';
import { lifecycleBase } from './lifecycle-base.js';
import { lifecycleDelays } from './lifecycle-delays.js';
import { announceAccept, effectSlots, requestSkipWaiting } from './lifecycle-effects.js';
import { isLeader, isLeaderOrInformedAccepter, lifecycleGuards } from './lifecycle-guards.js';

const baseSetup = lifecycleBase.extend({
  guards: lifecycleGuards,
  actions: { ...lifecycleAssigns, ...effectSlots },
  delays: lifecycleDelays,
});

/**
 * Actions that enqueue the effects above, added with a second `extend` so that
 * `enqueue` is typed against them (in the same call TypeScript cannot infer their params).
 */
export const lifecycleSetup = baseSetup.extend({
  actions: {
    notifyOfflineReadyIfPending: baseSetup.enqueueActions(({ context, enqueue }) => {
      if (!context.offlineReadyPending) return;
      enqueue.assign({ offlineReadyPending: false });
      enqueue('notifyOfflineReady');
    }),
    /** Only an accept made here is announced; the other tabs heard theirs already. */
    announceAcceptIfOwn: baseSetup.enqueueActions(({ event, enqueue }) => {
      if (event.type === 'USER_ACCEPTED') enqueue(announceAccept);
    }),
    /** `'auto'`: every tab applies by itself; one announcement (the leader's) is enough. */
    announceAcceptIfLeader: baseSetup.enqueueActions(({ check, enqueue }) => {
      if (check(isLeader)) enqueue(announceAccept);
    }),
    /**
     * Leaving `idle` or `installing`: an accept kept there is heard again, and the accept chain
     * (lifecycle-accept.ts) decides as for one heard now: applied if the worker now
     * waits, harmless anywhere else (a failed install, a first install's end).
     */
    replayKeptAccept: baseSetup.enqueueActions(({ context, enqueue }) => {
      const kept = context.keptAccept;
      if (kept === undefined) return;
      enqueue.assign({ keptAccept: undefined });
      enqueue.raise({ ...kept, replayed: true });
    }),
    /** A duplicate SKIP_WAITING is harmless. */
    requestSkipWaitingIfLeaderOrAccepter: baseSetup.enqueueActions(({ check, enqueue }) => {
      if (check(isLeaderOrInformedAccepter)) enqueue(requestSkipWaiting);
    }),
  },
});
