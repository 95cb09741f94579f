/**
 * The lifecycle machine's `setup`: context, context updates, guards, delays and the
 * named slots for effects. Kept apart from the chart so machines/lifecycle.ts reads
 * as the state chart alone. Pure: every effect here is a placeholder that
 * src/page/coordinator.ts replaces with `.provide()`.
 */
import {
  and,
  assign,
  fromCallback,
  not,
  or,
  raise,
  sendTo,
  setup,
  stateIn,
  type CallbackActorLogic,
  type EventObject,
} from 'xstate';
import type { LifecycleEvent } from './lifecycle-events.js';
import type { UpdatePolicy } from './policy.js';
import { presenterMachine } from './presenter.js';
import { backoff, type Timing } from './timing.js';

export interface LifecycleContext {
  readonly supported: boolean;
  /** Snooze length (ms) for a dismissal made here. */
  readonly snooze: number;
  /** Update-check interval (ms) for the leader's poller; 0 = never. */
  readonly checkInterval: number;
  /** Who applies a waiting worker: a user (`'prompt'`), every tab at once (`'auto'`), or also the leader while everyone is away (`'idle'`). */
  readonly policy: UpdatePolicy;
  /** `'idle'`: how long (ms) every tab must have been hidden before the leader applies the update. */
  readonly idleDelay: number;
  /** Random id of this page: names the updates a policy applies here, so none repeats across reloads. */
  readonly pageId: string;
  /** Updates a policy applied from this page so far (makes their ids unique within the page). */
  policyApplies: number;
  /** Every tab in the roster is hidden (the leader's roster is the complete one). */
  everyTabHidden: boolean;
  /** Version of the worker controlling this tab. */
  version?: string;
  /** Version of the waiting worker. */
  waitingVersion?: string;
  error?: Error;
  /** Holds across all tabs (from the roster). */
  holds: number;
  /** Holds in this tab. */
  localHolds: number;
  /** The leader granted this tab the prompt. */
  isPresenter: boolean;
  /** Epoch of the last grant, echoed in RELEASED. */
  grantEpoch: number;
  /** The accepted update this tab is applying. */
  updateId?: string;
  /** The accept was "update anyway": holds in other tabs do not stop it. */
  forced: boolean;
  /**
   * The user accepted in this tab. Its timers run on time (the user is looking at it),
   * so it posts SKIP_WAITING once the accept settles, as the leader does: a hidden
   * leader's settle timer runs up to a second late.
   */
  acceptedHere: boolean;
  /**
   * A newer worker activated while this page kept running older code (the page was
   * not controlled by it, or the update applied itself): an accept reloads it.
   */
  behind: boolean;
  /** How long the current snooze still lasts (ms), as of entering `snoozed`. */
  snoozeRemaining: number;
  /** First install finished before this tab knew it leads; tell the app once it does. */
  offlineReadyPending: boolean;
  /** An active worker serves this app: it works offline (the first install finished). */
  offlineReady: boolean;
  /** Epoch handed to the presenter machine when this tab became leader. */
  leaderEpoch: number;
  /** Who presented when this tab became leader, as the group saw it (see LEADERSHIP_GAINED). */
  presenterAtElection?: string | null;
  /** The waiting worker began activating (someone's accept, or by itself). */
  waitingActivating: boolean;
  /** Version of the last waiting worker this tab saw activate. */
  appliedVersion?: string;
  /** When this page loaded, or later saw an update activate: older accepts are settled. */
  settledAt: number;
  /** Registration attempts that failed in a row; sets the retry backoff. */
  registrationFailures: number;
  /** Every timing, as merged from the defaults and the app's `timing` option; the delays read it. */
  readonly timing: Timing;
}

export interface LifecycleInput {
  /** False where service workers cannot run: the machine rests in `unsupported`. */
  supported: boolean;
  /** Snooze length in ms for a dismissal made in this tab. */
  snooze: number;
  /** Update-check interval in ms (0: never), handed to the poller. */
  checkInterval: number;
  /** @default 'prompt' */
  policy?: UpdatePolicy;
  /** @default 600_000 (DEFAULT_IDLE_DELAY: ten minutes) */
  idleDelay?: number;
  /** A random id of this page load. @default 'page' */
  pageId?: string;
  /** Wall-clock ms when the page loaded. @default 0 (every accept is news) */
  loadedAt?: number;
  /** This app's worker controls the page already, so it works offline. @default false */
  offlineReady?: boolean;
  /** The timings, merged from DEFAULT_TIMING and the app's option. @default DEFAULT_TIMING */
  timing?: Timing;
}

/** Input of the `prompt` actor: what the UI shows (the waiting version, and this page's). */
export interface PromptInput {
  waitingVersion?: string;
  version?: string;
}

/** Input of the `poller` actor. */
export interface PollerInput {
  interval: number;
}

type AcceptEvent = Extract<LifecycleEvent, { type: 'USER_ACCEPTED' | 'PEER_ACCEPTED' }>;
const isAccept = (event: LifecycleEvent): event is AcceptEvent =>
  event.type === 'USER_ACCEPTED' || event.type === 'PEER_ACCEPTED';
const isForcedAccept = (event: LifecycleEvent): boolean => isAccept(event) && event.force === true;

/**
 * What the effects are told, as `params`, so that their implementations
 * (src/page/coordinator.ts) read nothing of the machine's context. One function for
 * all (smaller than one each, and the prompt's input too); each slot's type below names the
 * part it reads.
 */
export const effectParams = ({ context }: { context: LifecycleContext }) => ({
  updateId: context.updateId,
  version: context.version,
  waitingVersion: context.waitingVersion,
  /** Set with the update id just before (assignUpdateId, assignPolicyUpdateId). */
  force: context.forced,
  epoch: context.grantEpoch,
  error: context.error,
});
const effect = <T extends string>(type: T) => ({ type, params: effectParams });
// The effects that take params, as the chart refers to them: `{ type, params }`.
export const notifyError = effect('notifyError');
export const announceAccept = effect('announceAccept');
export const announceDismiss = effect('announceDismiss');
export const announceReleased = effect('announceReleased');
export const requestSkipWaiting = effect('requestSkipWaiting');
export const reload = effect('reload');

const isLeader = stateIn({ running: { role: 'leader' } });
const isUpdateWaiting = or([
  stateIn({ running: { lifecycle: 'available' } }),
  stateIn({ running: { lifecycle: 'snoozed' } }),
]);
/** The longest delay setTimeout honours (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_DELAY = 2_147_483_647;
const noEffect = (): void => {};
/** The type of an effect slot that takes `params` (the placeholder ignores them). */
type Effect<Params> = (_: unknown, params: Params) => void;
/**
 * One placeholder for the adapter actors, typed per slot by its input so that the
 * coordinator's `.provide()` is checked: callback actors that send lifecycle events back.
 */
const adapter = fromCallback<EventObject>(() => noEffect);
type AdapterSlot<Input> = CallbackActorLogic<EventObject, Input>;

const baseSetup = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  guards: {
    isSupported: ({ context }) => context.supported,
    isLeader,
    isAutoPolicy: ({ context }) => context.policy === 'auto',
    isIdlePolicy: ({ context }) => context.policy === 'idle',
    /** `'auto'` never prompts: the waiting worker is applied, or waits for holds. */
    mayPresent: ({ context }) => context.isPresenter && context.policy !== 'auto',
    isEveryTabHidden: ({ context }) => context.everyTabHidden,
    isAutoPolicyWithHolds: ({ context }) => context.policy === 'auto' && (context.holds > 0 || context.localHolds > 0),
    /** `'idle'`, leader: nobody is looking, nothing is held, and an update waits to be applied. */
    isEveryoneAwayFromUpdate: and(['isIdlePolicy', isLeader, 'isEveryTabHidden', not('hasHolds'), isUpdateWaiting]),
    /** Own holds count at once; other tabs' arrive with the roster. */
    hasHolds: ({ context }) => context.holds > 0 || context.localHolds > 0,
    hasLocalHolds: ({ context }) => context.localHolds > 0,
    isBehind: ({ context }) => context.behind,
    isWaitingActivating: ({ context }) => context.waitingActivating,
    /**
     * A late accept of an update that already applied: it must not start the next one.
     * Either it names the version this tab saw activate, or it names another version
     * than the one waiting and was made before this page loaded or saw the last
     * activation (what it accepted applied, or was replaced by a worker that did).
     */
    isLateAccept: ({ context, event }) =>
      event.type === 'PEER_ACCEPTED' &&
      event.version !== undefined &&
      event.version !== context.waitingVersion &&
      (event.version === context.appliedVersion || (event.at !== undefined && event.at <= context.settledAt)),
    isFirstRegistrationFailure: ({ context }) => context.registrationFailures === 0,
    isForced: ({ event }) => isForcedAccept(event),
    mustWaitForHolds: ({ context, event }) => (context.holds > 0 || context.localHolds > 0) && !isForcedAccept(event),
    /** Holds reported after the accept (by tabs this one had not heard yet) still stop it. */
    mustWaitForHoldsNow: ({ context }) => (context.holds > 0 || context.localHolds > 0) && !context.forced,
    isSnoozedUpdate: ({ event }) => event.type === 'WORKER_WAITING' && event.snoozeRemaining > 0,
    /** A dismissal of the version waiting here; dismissing an older one does not snooze a newer. */
    isDismissOfWaiting: ({ context, event }) =>
      event.type === 'PEER_DISMISSED' && event.version === context.waitingVersion && event.remaining > 0,
  },
  actions: {
    assignVersion: assign(({ event }) => (event.type === 'VERSION_KNOWN' ? { version: event.version } : {})),
    assignWaiting: assign(({ event }) =>
      event.type === 'WORKER_WAITING'
        ? { waitingVersion: event.version, snoozeRemaining: event.snoozeRemaining, waitingActivating: false }
        : {},
    ),
    assignError: assign(({ event }) => ('error' in event ? { error: event.error } : {})),
    assignActivateTimeoutError: assign({
      // The only error the machine makes; its code is listed with the others in src/page/errors.ts.
      error: ({ context }) =>
        Object.assign(
          new Error(
            'The waiting service worker did not activate after SKIP_WAITING, so the update was not applied. ' +
              "Make sure the worker calls self.skipWaiting() on { type: 'SKIP_WAITING' } messages: call " +
              "handleUpdates() from 'sw-update-coordinator/worker' in it, or add that message listener." +
              (context.waitingVersion ? ` (waiting version: ${context.waitingVersion})` : ''),
          ),
          { code: 'skip-waiting-unheard' as const },
        ),
    }),
    assignHolds: assign(({ event }) => (event.type === 'ROSTER_CHANGED' ? { holds: event.holds } : {})),
    assignVisibility: assign(({ event }) =>
      event.type === 'ROSTER_CHANGED' ? { everyTabHidden: event.everyTabHidden === true } : {},
    ),
    /** An update applied by the policy, not by a user: named after this page, never forced. */
    assignPolicyUpdateId: assign(({ context }) => ({
      updateId: `${context.pageId}.${context.policyApplies + 1}`,
      policyApplies: context.policyApplies + 1,
      forced: false,
      acceptedHere: false,
    })),
    raiseIdleElapsed: raise({ type: 'IDLE_ELAPSED' }),
    assignLocalHolds: assign(({ event }) => (event.type === 'HOLDS_CHANGED' ? { localHolds: event.count } : {})),
    assignGrant: assign(({ event }) =>
      event.type === 'PRESENTER_GRANTED' ? { isPresenter: true, grantEpoch: event.epoch } : {},
    ),
    releaseGrant: assign(({ event }) =>
      event.type === 'PRESENTER_REVOKED' ? { isPresenter: false, grantEpoch: event.epoch } : {},
    ),
    /** The update being applied: from an accept, or from the worker's RELOAD naming it. */
    assignUpdateId: assign(({ event }) =>
      isAccept(event)
        ? { updateId: event.updateId, forced: event.force === true, acceptedHere: event.type === 'USER_ACCEPTED' }
        : event.type === 'RELOAD_REQUESTED' && event.updateId !== undefined
          ? { updateId: event.updateId }
          : {},
    ),
    clearWaiting: assign({ waitingVersion: undefined }),
    markBehind: assign({ behind: true }),
    markWaitingActivating: assign(({ context }) => ({
      waitingActivating: true,
      appliedVersion: context.waitingVersion ?? context.appliedVersion,
    })),
    noteAppliedVersion: assign(({ context, event }) => ({
      appliedVersion: context.waitingVersion ?? context.appliedVersion,
      settledAt: event.type === 'WORKER_ACTIVATED' && event.at !== undefined ? event.at : context.settledAt,
    })),
    countRegistrationFailure: assign({ registrationFailures: ({ context }) => context.registrationFailures + 1 }),
    resetRegistrationFailures: assign({ registrationFailures: 0 }),
    assignOwnSnooze: assign(({ context }) => ({ snoozeRemaining: context.snooze })),
    assignPeerSnooze: assign(({ event }) =>
      event.type === 'PEER_DISMISSED' ? { snoozeRemaining: event.remaining } : {},
    ),
    assignLeaderEpoch: assign(({ event }) =>
      event.type === 'LEADERSHIP_GAINED' ? { leaderEpoch: event.epoch, presenterAtElection: event.presenter } : {},
    ),
    markOfflineReadyPending: assign({ offlineReadyPending: true }),
    markOfflineReady: assign(({ event }) =>
      event.type === 'OFFLINE_READY' || (event.type === 'REGISTERED' && event.hasActiveWorker === true)
        ? { offlineReady: true }
        : {},
    ),
    forwardToPresenter: sendTo('presenter', ({ event }) => event),
    // Effects: placeholders, provided by src/page/coordinator.ts.
    notifyError: noEffect as Effect<{ error?: Error }>,
    notifyOfflineReady: noEffect,
    announceAccept: noEffect as Effect<{ updateId?: string; waitingVersion?: string; force: boolean }>,
    /** `waitingVersion`: the version dismissed; the snooze length is the app's option. */
    announceDismiss: noEffect as Effect<{ waitingVersion?: string }>,
    /** `epoch`: of the grant this tab gives up. */
    announceReleased: noEffect as Effect<{ epoch: number }>,
    requestSkipWaiting: noEffect as Effect<{ updateId?: string }>,
    /** The leader's interval elapsed: always checks (unless backing off after failures). */
    checkForUpdate: noEffect,
    /** A triggered check: merged with any check made within `checkDebounce`. */
    checkForUpdateDebounced: noEffect,
    /** `version`: the version this page runs, remembered across the reload. */
    reload: noEffect as Effect<{ updateId?: string; version?: string }>,
    leaveGroup: noEffect,
    rejoinGroup: noEffect,
    retryRegistration: noEffect,
  },
  actors: {
    registration: adapter,
    group: adapter,
    poller: adapter as AdapterSlot<PollerInput>,
    prompt: adapter as AdapterSlot<PromptInput>,
    presenter: presenterMachine,
  },
  delays: {
    activateTimeout: ({ context }) => context.timing.activateTimeout,
    acceptSettle: ({ context }) => context.timing.acceptSettle,
    skipWaitingRetry: ({ context }) => context.timing.skipWaitingRetry,
    snoozeRemaining: ({ context }) => context.snoozeRemaining,
    /** Browsers run a longer setTimeout at once (its delay overflows 32 bits): cap it. */
    idleDelay: ({ context }) => Math.min(context.idleDelay, MAX_TIMER_DELAY),
    /** Doubles per failure, like automatic update checks (see `checkBackoff`). */
    registrationRetry: ({ context }) => backoff(context.timing, context.registrationFailures),
  },
});

/**
 * Actions that enqueue the effects above, added with `extend` so that `enqueue` is
 * typed against them (inside `setup` itself TypeScript cannot infer their params).
 */
export const lifecycleSetup = baseSetup.extend({
  actions: {
    notifyOfflineReadyIfPending: baseSetup.enqueueActions(({ context, enqueue }) => {
      if (!context.offlineReadyPending) return;
      enqueue.assign({ offlineReadyPending: false });
      enqueue('notifyOfflineReady');
    }),
    /** `'auto'`: every tab applies by itself; one announcement (the leader's) is enough. */
    announceAcceptIfLeader: baseSetup.enqueueActions(({ check, enqueue }) => {
      if (check(isLeader)) enqueue(announceAccept);
    }),
    /** Only the leader talks to the waiting worker, so SKIP_WAITING is posted once. */
    /** Whoever may be on time: the leader, and the tab where the user accepted. */
    requestSkipWaitingIfLeaderOrAccepter: baseSetup.enqueueActions(({ context, check, enqueue }) => {
      if (context.acceptedHere || check(isLeader)) {
        enqueue(requestSkipWaiting);
      }
    }),
  },
});
