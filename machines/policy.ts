/**
 * Update policies: who decides that a waiting worker is applied. Pieces of the
 * lifecycle chart, kept here so machines/lifecycle.ts stays the `'prompt'` chart plus
 * a few references to these.
 *
 * - `'prompt'`: a user accepts in one tab (lifecycle.ts alone).
 * - `'auto'`: every tab treats a waiting worker as accepted, each on its own: they all
 *   see the same worker and the same holds, so they reach the same decision, and a tab
 *   opened meanwhile reaches it too. Only the leader announces it (for tabs of another
 *   release and for pages that come back from the back/forward cache).
 * - `'idle'`: as `'prompt'`, and the leader (it alone knows every tab's visibility)
 *   accepts on the user's behalf once every tab has been hidden for `idleDelay` with
 *   nothing held; a tab shown again, or a hold, stops the countdown.
 */
import { not } from 'xstate';
import { announceAccept } from './lifecycle-effects.js';

export { UPDATE_POLICIES, type UpdatePolicy } from './update-policy.js';

/**
 * `'auto'`: a worker started waiting. It is applied at once, or after the holds of
 * every tab are released. Goes before the prompting transitions (snooze does not apply).
 */
export const applyAutomatically = [
  {
    guard: 'isAutoPolicyWithHolds',
    target: '#lifecycle.blocked',
    actions: ['assignWaiting', 'assignPolicyUpdateId', 'announceAcceptIfLeader'],
  },
  {
    guard: 'isAutoPolicy',
    target: '#lifecycle.activating',
    actions: ['assignWaiting', 'assignPolicyUpdateId', 'announceAcceptIfLeader'],
  },
] as const;

/**
 * `'idle'`: the leader's countdown ran out (in `available` or `snoozed`). It accepts
 * for everyone, announced like a user's accept; a hold that arrived meanwhile wins.
 */
export const applyWhileAway = {
  IDLE_ELAPSED: [
    { guard: 'hasHolds' },
    {
      guard: 'isWaitingActivating',
      target: '#lifecycle.activating.applying',
      actions: ['assignPolicyUpdateId', announceAccept],
    },
    {
      target: '#lifecycle.activating',
      actions: ['assignPolicyUpdateId', announceAccept],
    },
  ],
} as const;

/**
 * The leader's countdown for `'idle'`, a region of `running` beside `lifecycle` and
 * `role`. It runs while this tab leads, every tab of its roster is hidden, nothing is
 * held and an update waits unapplied; anything else (a tab shown, a hold, an accept,
 * leadership lost) sends it back to `watching`.
 */
export const idleCountdown = {
  initial: 'watching',
  states: {
    watching: {
      always: { guard: 'isEveryoneAwayFromUpdate', target: 'counting' },
    },
    counting: {
      always: { guard: not('isEveryoneAwayFromUpdate'), target: 'watching' },
      after: { idleDelay: { actions: 'raiseIdleElapsed' } },
    },
  },
} as const;
