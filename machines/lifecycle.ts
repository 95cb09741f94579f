/**
 * The per-tab lifecycle machine.
 *
 * `running` has two regions: `lifecycle`, whose state names are the snapshot's
 * `status` values (so status is read off the state, never kept beside it), and
 * `role`, follower or leader. Effects are injected: the registration and group
 * adapters are invoked callback actors, the prompt is an actor whose cleanup runs
 * when this tab stops presenting, and every side effect is a named action that
 * src/ provides. Guards, context updates and effect slots live in lifecycle-logic.ts.
 */
import { and, not } from 'xstate';
import {
  lifecycleSetup,
  type LifecycleContext,
  type PollerInput,
  type PromptInput,
} from './lifecycle-logic.js';
import { applyAutomatically, applyWhileAway, idleCountdown } from './policy.js';
import { DEFAULT_IDLE_DELAY } from './timing.js';

/** Reload now, or wait in `blocked.held` while this tab holds unsaved work. */
const reloadUnlessHeld = [
  {
    guard: 'hasLocalHolds',
    target: '#coordinator.running.lifecycle.blocked.held',
    actions: 'assignUpdateId',
  },
  { target: '#coordinator.running.lifecycle.reloading', actions: 'assignUpdateId' },
] as const;

/** Accepting, from `available` or `snoozed`, here or in another tab. */
const acceptTransitions = {
  USER_ACCEPTED: [
    // The worker is already activating: the accept only decides that this tab reloads.
    {
      guard: 'isWaitingActivating',
      target: '#coordinator.running.lifecycle.activating.applying',
      actions: ['assignUpdateId', 'announceAccept'],
    },
    {
      guard: 'mustWaitForHolds',
      target: '#coordinator.running.lifecycle.blocked',
      actions: ['assignUpdateId', 'announceAccept'],
    },
    {
      target: '#coordinator.running.lifecycle.activating',
      actions: ['assignUpdateId', 'announceAccept'],
    },
  ],
  PEER_ACCEPTED: [
    // A late accept of the update that already applied: reload if this page is behind,
    // and never let it start the next update (the one waiting now).
    {
      guard: and(['isLateAccept', 'isBehind', 'hasLocalHolds']),
      target: '#coordinator.running.lifecycle.blocked.held',
      actions: 'assignUpdateId',
    },
    {
      guard: and(['isLateAccept', 'isBehind']),
      target: '#coordinator.running.lifecycle.reloading',
      actions: 'assignUpdateId',
    },
    { guard: 'isLateAccept' },
    {
      guard: 'isWaitingActivating',
      target: '#coordinator.running.lifecycle.activating.applying',
      actions: 'assignUpdateId',
    },
    {
      guard: 'mustWaitForHolds',
      target: '#coordinator.running.lifecycle.blocked',
      actions: 'assignUpdateId',
    },
    { target: '#coordinator.running.lifecycle.activating', actions: 'assignUpdateId' },
  ],
} as const;

/** A worker is waiting: apply it (`'auto'`), or prompt unless the user dismissed this version. */
const onWorkerWaiting = [
  ...applyAutomatically,
  { guard: 'isSnoozedUpdate', target: '#coordinator.running.lifecycle.snoozed', actions: 'assignWaiting' },
  { target: '#coordinator.running.lifecycle.available', actions: 'assignWaiting' },
] as const;

/**
 * The waiting worker activated without an accept here (the last tab on the old
 * version closed): nothing to apply any more, and no reason to reload.
 */
const onActivatedByItself = {
  target: '#coordinator.running.lifecycle.idle',
  actions: ['noteAppliedVersion', 'clearWaiting', 'markBehind'],
} as const;

export const lifecycleMachine = lifecycleSetup.createMachine({
  id: 'coordinator',
  context: ({ input }) => ({
    supported: input.supported,
    snooze: input.snooze,
    checkInterval: input.checkInterval,
    policy: input.policy ?? 'prompt',
    idleDelay: input.idleDelay ?? DEFAULT_IDLE_DELAY,
    pageId: input.pageId ?? 'page',
    policyApplies: 0,
    everyTabHidden: false,
    holds: 0,
    localHolds: 0,
    isPresenter: false,
    grantEpoch: 0,
    snoozeRemaining: 0,
    offlineReadyPending: false,
    offlineReady: input.offlineReady ?? false,
    leaderEpoch: 0,
    forced: false,
    acceptedHere: false,
    behind: false,
    settledAt: input.loadedAt ?? 0,
    waitingActivating: false,
    registrationFailures: 0,
  }),
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'isSupported', target: 'running' }, { target: 'unsupported' }],
    },
    unsupported: {},
    running: {
      type: 'parallel',
      invoke: [
        { id: 'registration', src: 'registration' },
        { id: 'group', src: 'group' },
      ],
      states: {
        lifecycle: {
          initial: 'registering',
          on: {
            VERSION_KNOWN: { actions: 'assignVersion' },
            ROSTER_CHANGED: { actions: ['assignHolds', 'assignVisibility'] },
            HOLDS_CHANGED: { actions: 'assignLocalHolds' },
            PRESENTER_GRANTED: { actions: 'assignGrant' },
            PRESENTER_REVOKED: { actions: ['releaseGrant', 'announceReleased'] },
            INSTALL_FAILED: { actions: ['assignError', 'notifyError'] },
            OFFLINE_READY: { actions: 'markOfflineReady' },
            CHECK_FAILED: { actions: ['assignError', 'notifyError'] },
            PEER_ACCEPTED: { actions: 'assignUpdateId' },
            // The new worker only says this after some tab accepted: obey it anywhere.
            RELOAD_REQUESTED: reloadUnlessHeld,
            WORKER_ACTIVATED: { actions: ['noteAppliedVersion', 'markBehind'] },
            WORKER_ACTIVATING: { actions: 'markWaitingActivating' },
          },
          states: {
            registering: {
              on: {
                REGISTERED: { target: 'idle', actions: ['resetRegistrationFailures', 'markOfflineReady', 'rejoinGroup'] },
                // Reported once; the retries back off quietly until one succeeds.
                REGISTRATION_FAILED: [
                  {
                    guard: 'isFirstRegistrationFailure',
                    target: 'failed',
                    actions: ['assignError', 'countRegistrationFailure', 'notifyError'],
                  },
                  { target: 'failed', actions: ['assignError', 'countRegistrationFailure'] },
                ],
                RELOAD_REQUESTED: {},
              },
            },
            idle: {
              on: {
                WORKER_INSTALLING: 'installing',
                WORKER_WAITING: onWorkerWaiting,
                // The update applied itself before this tab heard of the accept: nothing
                // waits any more, this page just runs older code.
                PEER_ACCEPTED: [
                  { guard: and(['isBehind', 'hasLocalHolds']), target: 'blocked.held', actions: 'assignUpdateId' },
                  { guard: 'isBehind', target: 'reloading', actions: 'assignUpdateId' },
                ],
              },
            },
            installing: {
              on: {
                WORKER_WAITING: onWorkerWaiting,
                INSTALL_FAILED: { target: 'idle', actions: ['assignError', 'notifyError'] },
                OFFLINE_READY: [
                  { guard: 'isLeader', target: 'idle', actions: ['markOfflineReady', 'notifyOfflineReady'] },
                  { target: 'idle', actions: ['markOfflineReady', 'markOfflineReadyPending'] },
                ],
              },
            },
            available: {
              initial: 'quiet',
              on: {
                ...acceptTransitions,
                ...applyWhileAway,
                // A newer worker replaced the waiting one: prompt again, with its version.
                WORKER_WAITING: [
                  ...applyAutomatically,
                  { guard: 'isSnoozedUpdate', target: 'snoozed', actions: 'assignWaiting' },
                  { target: 'available', reenter: true, actions: 'assignWaiting' },
                ],
                WORKER_ACTIVATED: onActivatedByItself,
                USER_DISMISSED: {
                  target: 'snoozed',
                  actions: ['assignOwnSnooze', 'announceDismiss'],
                },
                PEER_DISMISSED: [
                  { guard: 'isDismissOfWaiting', target: 'snoozed', actions: 'assignPeerSnooze' },
                ],
              },
              states: {
                quiet: {
                  always: { guard: 'mayPresent', target: 'presenting' },
                },
                presenting: {
                  invoke: {
                    src: 'prompt',
                    input: ({ context }: { context: LifecycleContext }): PromptInput => ({
                      version: context.waitingVersion,
                      currentVersion: context.version,
                    }),
                  },
                  always: { guard: not('mayPresent'), target: 'quiet' },
                  on: {
                    // Leaving `presenting` stops the prompt actor, so its cleanup runs;
                    // the adapter sends RELEASED only after that step completes.
                    PRESENTER_REVOKED: {
                      target: 'quiet',
                      actions: ['releaseGrant', 'announceReleased'],
                    },
                  },
                },
              },
            },
            snoozed: {
              after: { snoozeRemaining: 'available' },
              on: {
                ...acceptTransitions,
                ...applyWhileAway,
                WORKER_WAITING: [
                  ...applyAutomatically,
                  { guard: 'isSnoozedUpdate', actions: 'assignWaiting' },
                  { target: 'available', actions: 'assignWaiting' },
                ],
                WORKER_ACTIVATED: onActivatedByItself,
                PEER_DISMISSED: {
                  guard: 'isDismissOfWaiting',
                  target: 'snoozed',
                  reenter: true,
                  actions: 'assignPeerSnooze',
                },
              },
            },
            blocked: {
              initial: 'waitingForHolds',
              states: {
                // Accepted, but some tab holds unsaved work: nobody reloads yet.
                waitingForHolds: {
                  always: { guard: not('hasHolds'), target: '#coordinator.running.lifecycle.activating' },
                  on: {
                    // A newer worker replaced the accepted one: the accept carries over to it.
                    WORKER_WAITING: { actions: 'assignWaiting' },
                    // Someone updated anyway: the update is applied, so this tab reloads
                    // (or keeps waiting in `held` while it holds).
                    WORKER_ACTIVATING: reloadUnlessHeld,
                    CONTROLLER_CHANGED: reloadUnlessHeld,
                    WORKER_ACTIVATED: reloadUnlessHeld,
                    USER_ACCEPTED: {
                      guard: 'isForced',
                      target: '#coordinator.running.lifecycle.activating',
                      actions: ['assignUpdateId', 'announceAccept'],
                    },
                    PEER_ACCEPTED: {
                      guard: 'isForced',
                      target: '#coordinator.running.lifecycle.activating',
                      actions: 'assignUpdateId',
                    },
                  },
                },
                // The update was applied; this tab reloads once its own holds are released.
                held: {
                  always: { guard: not('hasLocalHolds'), target: '#coordinator.running.lifecycle.reloading' },
                  on: { RELOAD_REQUESTED: {} },
                },
              },
            },
            activating: {
              after: {
                activateTimeout: {
                  target: 'available',
                  actions: ['assignActivateTimeoutError', 'notifyError'],
                },
              },
              on: {
                CONTROLLER_CHANGED: reloadUnlessHeld,
                WORKER_ACTIVATED: reloadUnlessHeld,
              },
              initial: 'requested',
              states: {
                // SKIP_WAITING is (about to be) posted; the accepted worker still waits.
                requested: {
                  // Holds that arrive while the accept settles stop it before SKIP_WAITING.
                  always: { guard: 'mustWaitForHoldsNow', target: '#coordinator.running.lifecycle.blocked' },
                  after: {
                    acceptSettle: { actions: 'requestSkipWaitingIfLeaderOrAccepter' },
                    skipWaitingRetry: { actions: 'requestSkipWaiting' },
                  },
                  on: {
                    WORKER_ACTIVATING: 'applying',
                    LEADERSHIP_GAINED: { actions: 'requestSkipWaiting' },
                    // Out of the group (the page went into the back/forward cache) it would
                    // not hear holds: it drops its part; the tabs that heard the accept apply it.
                    GROUP_LEFT: '#coordinator.running.lifecycle.available',
                    // A newer worker replaced the accepted one while it still waited:
                    // "update" means the newest version, so the accept carries over.
                    WORKER_WAITING: {
                      target: '#coordinator.running.lifecycle.activating',
                      reenter: true,
                      actions: 'assignWaiting',
                    },
                  },
                },
                // The accepted worker is activating: wait for it, then reload. A worker
                // that starts waiting now is the next update, prompted after the reload.
                applying: {},
              },
            },
            reloading: {
              entry: 'reload',
              on: {
                RELOAD_REQUESTED: {},
                RELOAD_REFUSED: { target: 'idle', actions: ['assignError', 'notifyError'] },
              },
            },
            failed: {
              // Without a registration this tab can neither present nor apply: it leaves
              // the group so it is never chosen to do either, and tries again later.
              entry: 'leaveGroup',
              after: { registrationRetry: { target: 'registering', actions: 'retryRegistration' } },
              on: { RELOAD_REQUESTED: {} },
            },
          },
        },
        role: {
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
                  input: ({ context }) => ({
                    epoch: context.leaderEpoch,
                    presenter: context.presenterAtElection,
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
        },
        // `'idle'` policy: the leader's countdown while every tab is hidden (machines/policy.ts).
        awayCountdown: idleCountdown,
      },
    },
  },
});
