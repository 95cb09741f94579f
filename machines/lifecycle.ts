/**
 * The per-tab lifecycle machine.
 *
 * `running` has two regions: `lifecycle`, whose state names are the snapshot's
 * `status` values (so status is read off the state, never kept beside it), and
 * `role`, follower or leader. Effects are injected: the registration and group
 * adapters are invoked callback actors, the prompt is an actor whose cleanup runs
 * when this tab stops presenting, and every side effect is a named action that
 * src/ provides. Every accept is decided by one guard chain, lifecycle-accept.ts. Its
 * `setup` is lifecycle-setup.ts (guards, context updates, effect slots
 * and delays, each in the file named for it);
 * the shared transition tables in lifecycle-transitions.ts, the `available` and
 * `snoozed` states in lifecycle-waiting.ts, the `blocked` and `activating` states in
 * lifecycle-applying.ts, the `role` region in role.ts.
 */
import { acceptIn } from './lifecycle-accept.js';
import { activating, blocked } from './lifecycle-applying.js';
import { available, snoozed } from './lifecycle-waiting.js';
import { announceReleased, notifyError, reload } from './lifecycle-effects.js';
import { lifecycleSetup } from './lifecycle-setup.js';
import { onWorkerWaiting, reloadUnlessHeld } from './lifecycle-transitions.js';
import { idleCountdown } from './policy.js';
import { roleRegion } from './role.js';
import { describeStatus } from './statuses.js';
import { DEFAULT_IDLE_DELAY, DEFAULT_TIMING } from './timing.js';

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
    knowsGroup: false,
    behind: false,
    settledAt: input.loadedAt ?? 0,
    waitingActivating: false,
    registrationFailures: 0,
    timing: input.timing ?? DEFAULT_TIMING,
  }),
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'isSupported', target: 'running' }, { target: 'unsupported' }],
    },
    unsupported: { description: describeStatus('unsupported') },
    running: {
      type: 'parallel',
      invoke: [
        { id: 'registration', src: 'registration' },
        { id: 'group', src: 'group' },
      ],
      states: {
        lifecycle: {
          // Targets elsewhere read `#lifecycle.blocked`, not the full path.
          id: 'lifecycle',
          initial: 'registering',
          on: {
            VERSION_KNOWN: { actions: 'assignVersion' },
            GROUP_KNOWN: { actions: 'assignKnowsGroup' },
            GROUP_LEFT: { actions: 'forgetGroup' },
            ROSTER_CHANGED: { actions: ['assignHolds', 'assignVisibility'] },
            HOLDS_CHANGED: { actions: 'assignLocalHolds' },
            PRESENTER_GRANTED: { actions: 'assignGrant' },
            PRESENTER_REVOKED: { actions: ['releaseGrant', announceReleased] },
            INSTALL_FAILED: { actions: ['assignError', notifyError] },
            OFFLINE_READY: { actions: 'markOfflineReady' },
            CHECK_FAILED: { actions: ['assignError', notifyError] },
            // Every accept, in every state, is decided by one chain (lifecycle-accept.ts).
            ...acceptIn('lifecycle'),
            // The new worker only says this after some tab accepted: obey it anywhere, but
            // for the update whose reload the user cancelled here.
            RELOAD_REQUESTED: [{ guard: 'isCancelledReload' }, ...reloadUnlessHeld],
            WORKER_ACTIVATED: { actions: ['noteAppliedVersion', 'markBehind'] },
            WORKER_ACTIVATING: { actions: 'markWaitingActivating' },
          },
          states: {
            registering: {
              description: describeStatus('registering'),
              on: {
                REGISTERED: {
                  target: 'idle',
                  actions: ['resetRegistrationFailures', 'markOfflineReady', 'rejoinGroup'],
                },
                // Reported once; the retries back off quietly until one succeeds.
                REGISTRATION_FAILED: [
                  {
                    guard: 'isFirstRegistrationFailure',
                    target: 'failed',
                    actions: ['assignError', 'countRegistrationFailure', notifyError],
                  },
                  { target: 'failed', actions: ['assignError', 'countRegistrationFailure'] },
                ],
                RELOAD_REQUESTED: {},
              },
            },
            idle: {
              description: describeStatus('idle'),
              // An accept of a worker not seen here yet (kept, lifecycle-accept.ts) is
              // heard again in the state the worker's news leads to.
              exit: 'replayKeptAccept',
              on: {
                WORKER_INSTALLING: 'installing',
                WORKER_WAITING: onWorkerWaiting,
                ...acceptIn('idle'),
              },
            },
            installing: {
              description: describeStatus('installing'),
              // An accept another tab made meanwhile (kept, lifecycle-accept.ts) is heard
              // again in the state this one leads to: applied once the worker waits.
              exit: 'replayKeptAccept',
              on: {
                WORKER_WAITING: onWorkerWaiting,
                INSTALL_FAILED: { target: 'idle', actions: ['assignError', notifyError] },
                OFFLINE_READY: [
                  { guard: 'isLeader', target: 'idle', actions: ['markOfflineReady', 'notifyOfflineReady'] },
                  { target: 'idle', actions: ['markOfflineReady', 'markOfflineReadyPending'] },
                ],
                ...acceptIn('installing'),
              },
            },
            available,
            snoozed,
            blocked,
            activating,

            reloading: {
              description: describeStatus('reloading'),
              // The reload departs too (lifecycle-effects.ts): until the new page arrives
              // this page would handle every tab's news and its worker's events for
              // nothing, and the browser starts the navigation only once it is idle.
              // Its BYE waits for pagehide, when the navigation is under way. A refused
              // reload has not departed: the tab goes on, still in the group.
              entry: reload,
              // Still here: the reload did not happen (a beforeunload prompt answered
              // "Stay", a failed navigation). The departed page starts over: it registers
              // and joins the group again, so it hears the next update, and goes on with
              // the version it runs.
              after: {
                reloadTimeout: {
                  target: '#coordinator.running',
                  reenter: true,
                  actions: ['assignReloadCancelled', 'clearWaiting', 'markBehind', 'forgetGroup', notifyError],
                },
              },
              on: {
                RELOAD_REQUESTED: {},
                RELOAD_REFUSED: { target: 'idle', actions: ['assignError', notifyError] },
              },
            },
            failed: {
              description: describeStatus('failed'),
              // Without a registration this tab can neither present nor apply: it leaves
              // the group so it is never chosen to do either, and tries again later.
              entry: 'leaveGroup',
              after: { registrationRetry: { target: 'registering', actions: 'retryRegistration' } },
              on: { RELOAD_REQUESTED: {} },
            },
          },
        },
        role: roleRegion,

        // `'idle'` policy: the leader's countdown while every tab is hidden (machines/policy.ts).
        awayCountdown: idleCountdown,
      },
    },
  },
});
