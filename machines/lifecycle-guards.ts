/**
 * The lifecycle machine's guards: questions about its context, the event, and the
 * state of the other regions. Pure predicates; the chart names them.
 */
import { and, not, or, stateIn } from 'xstate';
import type { LifecycleContext } from './lifecycle-context.js';
import type { LifecycleEvent } from './lifecycle-events.js';

type AcceptEvent = Extract<LifecycleEvent, { type: 'USER_ACCEPTED' | 'PEER_ACCEPTED' }>;
export const isAccept = (event: LifecycleEvent): event is AcceptEvent =>
  event.type === 'USER_ACCEPTED' || event.type === 'PEER_ACCEPTED';
const isForcedAccept = (event: LifecycleEvent): boolean => isAccept(event) && event.force === true;

type Guard = (args: { context: LifecycleContext; event: LifecycleEvent }) => boolean;

type PeerAccept = Extract<LifecycleEvent, { type: 'PEER_ACCEPTED' }>;
/** Another tab's accept that names the version it accepted. */
const isPeerAcceptOf = (event: LifecycleEvent): event is PeerAccept & { version: string } =>
  event.type === 'PEER_ACCEPTED' && event.version !== undefined;
/**
 * What the accept names has settled here: this tab saw that version activate, or the
 * accept was made before this page loaded or saw the last activation (what it accepted
 * applied, or was replaced by a worker that did).
 */
const settledHere = (context: LifecycleContext, event: PeerAccept): boolean =>
  event.version === context.appliedVersion || (event.at !== undefined && event.at <= context.settledAt);

/** Own holds count at once; other tabs' arrive with the roster. */
const holdsAnywhere = (context: LifecycleContext): boolean => context.holds > 0 || context.localHolds > 0;

/** In a region of `running`, for guards that ask about another region than their own. */
const isIn = (region: 'lifecycle' | 'role', state: string) =>
  stateIn<LifecycleContext, LifecycleEvent, unknown>({ running: { [region]: state } });

export const isLeader = isIn('role', 'leader');
/** Whoever may be on time after an accept: the leader, and the tab where the user accepted. */
export const isLeaderOrAccepter = or<LifecycleContext, LifecycleEvent, unknown[]>([
  ({ context }) => context.acceptedHere,
  isLeader,
]);
/** The leader, or the tab where the user accepted once it knows every tab's holds. */
export const isLeaderOrInformedAccepter = or<LifecycleContext, LifecycleEvent, unknown[]>([
  ({ context }) => context.acceptedHere && context.knowsGroup,
  isLeader,
]);
const isUpdateWaiting = or<LifecycleContext, LifecycleEvent, unknown[]>([
  isIn('lifecycle', 'available'),
  isIn('lifecycle', 'snoozed'),
]);

/** Guards on the context and the event alone. */
const predicates = {
  isSupported: ({ context }) => context.supported,
  isAutoPolicy: ({ context }) => context.policy === 'auto',
  isIdlePolicy: ({ context }) => context.policy === 'idle',
  /**
   * `'auto'` never prompts: the waiting worker is applied, or waits for holds. Nor does a
   * worker already activating (someone's accept): the accepter leaves the group as it
   * reloads, and Web Locks tell the leader so before a polled transport delivers the ACCEPT.
   */
  mayPresent: ({ context }) => context.isPresenter && context.policy !== 'auto' && !context.waitingActivating,
  isEveryTabHidden: ({ context }) => context.everyTabHidden,
  isAutoPolicyWithHolds: ({ context }) => context.policy === 'auto' && holdsAnywhere(context),
  hasHolds: ({ context }) => holdsAnywhere(context),
  hasLocalHolds: ({ context }) => context.localHolds > 0,
  isBehind: ({ context }) => context.behind,
  isWaitingActivating: ({ context }) => context.waitingActivating,
  /**
   * A late accept of an update that already applied: it must not start the next one.
   * It names another version than the one waiting, and one that settled here.
   */
  isLateAccept: ({ context, event }) =>
    isPeerAcceptOf(event) && event.version !== context.waitingVersion && settledHere(context, event),
  /**
   * An accept of an update this tab has not seen yet (a hidden tab can hear of a new
   * worker after another tab accepted it): it names a version this page does not run
   * and that has not settled here, and it was not kept once already (heard again after
   * the worker it named failed to install).
   */
  isAcceptOfUnseenUpdate: ({ context, event }) =>
    isPeerAcceptOf(event) && !event.replayed && event.version !== context.version && !settledHere(context, event),
  /** A RELOAD for the update whose reload this page's user already cancelled. */
  isCancelledReload: ({ context, event }) =>
    event.type === 'RELOAD_REQUESTED' && event.updateId !== undefined && event.updateId === context.cancelledUpdateId,
  isFirstRegistrationFailure: ({ context }) => context.registrationFailures === 0,
  isForced: ({ event }) => isForcedAccept(event),
  mustWaitForHolds: ({ context, event }) => holdsAnywhere(context) && !isForcedAccept(event),
  /** Holds reported after the accept (by tabs this one had not heard yet) still stop it here. */
  mustWaitForHoldsNow: ({ context }) => holdsAnywhere(context) && !context.forced,
  isSnoozedUpdate: ({ event }) => event.type === 'WORKER_WAITING' && event.snoozeRemaining > 0,
  /** A dismissal of the version waiting here; dismissing an older one does not snooze a newer. */
  isDismissOfWaiting: ({ context, event }) =>
    event.type === 'PEER_DISMISSED' && event.version === context.waitingVersion && event.remaining > 0,
} satisfies Record<string, Guard>;

export const lifecycleGuards = {
  ...predicates,
  isLeader,
  isLeaderOrAccepter,
  /** `'idle'`, leader: nobody is looking, nothing is held, and an update waits to be applied. */
  isEveryoneAwayFromUpdate: and<LifecycleContext, LifecycleEvent, unknown[]>([
    predicates.isIdlePolicy,
    isLeader,
    predicates.isEveryTabHidden,
    not<LifecycleContext, LifecycleEvent, unknown>(predicates.hasHolds),
    isUpdateWaiting,
  ]),
};
