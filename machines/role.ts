/**
 * The `role` region of `running`: follower or leader. Kept apart from the `lifecycle`
 * region because it holds what only the leader runs (the presenter hand-off, the
 * update poller, the checks), whatever the update's status.
 */
import type { LifecycleContext } from './lifecycle-context.js';
import type { PollerInput } from './lifecycle-effects.js';

export const roleRegion = {
  initial: 'follower',
  states: {
    follower: {
      on: { LEADERSHIP_GAINED: { target: 'leader', actions: 'assignLeaderEpoch' } },
    },
    leader: {
      entry: 'notifyOfflineReadyIfPending',
      invoke: [
        {
          id: 'presenter',
          src: 'presenter',
          input: ({ context }: { context: LifecycleContext }) => ({
            epoch: context.leaderEpoch,
            presenter: context.presenterAtElection,
            timing: context.timing,
          }),
        },
        {
          src: 'poller',
          input: ({ context }: { context: LifecycleContext }): PollerInput => ({
            interval: context.checkInterval,
          }),
        },
      ],
      on: {
        LEADERSHIP_LOST: 'follower',
        ROSTER_CHANGED: { actions: 'forwardToPresenter' },
        PRESENTER_RELEASED: { actions: 'forwardToPresenter' },
        CHECK_DUE: { actions: 'checkForUpdate' },
        CHECK_REQUESTED: { actions: 'checkForUpdateDebounced' },
      },
    },
  },
} as const;
