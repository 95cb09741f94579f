/**
 * The lifecycle machine's context updates (and the two actions that only route an
 * event: raise, forward). Each reads the event it is named for and leaves the
 * context alone for any other.
 */
import { lifecycleBase } from './lifecycle-base.js';
import { isAccept } from './lifecycle-guards.js';

/**
 * An error the machine makes itself, coded as src/page/errors.ts codes the adapters' (the
 * machine may not import from src/); its codes are listed there with the others.
 */
const codedError = (code: 'skip-waiting-unheard' | 'reload-cancelled', message: string) =>
  Object.assign(new Error(message), { code });

export const lifecycleAssigns = {
  assignVersion: lifecycleBase.assign(({ event }) =>
    event.type === 'VERSION_KNOWN' ? { version: event.version } : {},
  ),
  assignWaiting: lifecycleBase.assign(({ event }) =>
    event.type === 'WORKER_WAITING'
      ? { waitingVersion: event.version, snoozeRemaining: event.snoozeRemaining, waitingActivating: false }
      : {},
  ),
  assignError: lifecycleBase.assign(({ event }) => ('error' in event ? { error: event.error } : {})),
  assignActivateTimeoutError: lifecycleBase.assign({
    error: ({ context }) =>
      codedError(
        'skip-waiting-unheard',
        'The waiting service worker did not activate after SKIP_WAITING, so the update was not applied. ' +
          "Make sure the worker calls self.skipWaiting() on { type: 'SKIP_WAITING' } messages: call " +
          "handleUpdates() from 'sw-update-coordinator/worker' in it, or add that message listener." +
          (context.waitingVersion ? ` (waiting version: ${context.waitingVersion})` : ''),
      ),
  }),
  /** Still here after `reloadTimeout`: the reload did not happen, and this update's is not asked again. */
  assignReloadCancelled: lifecycleBase.assign(({ context }) => ({
    cancelledUpdateId: context.updateId,
    error: codedError(
      'reload-cancelled',
      'This tab did not reload for the update (a beforeunload prompt kept the page, or the navigation failed): ' +
        'it runs its old version until reloaded. Take a hold() while work is unsaved instead.',
    ),
  })),
  assignHolds: lifecycleBase.assign(({ event }) => (event.type === 'ROSTER_CHANGED' ? { holds: event.holds } : {})),
  assignVisibility: lifecycleBase.assign(({ event }) =>
    event.type === 'ROSTER_CHANGED' ? { everyTabHidden: event.everyTabHidden === true } : {},
  ),
  /** An update applied by the policy, not by a user: named after this page, never forced. */
  assignPolicyUpdateId: lifecycleBase.assign(({ context }) => ({
    updateId: `${context.pageId}.${context.policyApplies + 1}`,
    policyApplies: context.policyApplies + 1,
    forced: false,
    acceptedHere: false,
  })),
  raiseIdleElapsed: lifecycleBase.raise({ type: 'IDLE_ELAPSED' }),
  assignLocalHolds: lifecycleBase.assign(({ event }) =>
    event.type === 'HOLDS_CHANGED' ? { localHolds: event.count } : {},
  ),
  assignGrant: lifecycleBase.assign(({ event }) =>
    event.type === 'PRESENTER_GRANTED' ? { isPresenter: true, grantEpoch: event.epoch } : {},
  ),
  releaseGrant: lifecycleBase.assign(({ event }) =>
    event.type === 'PRESENTER_REVOKED' ? { isPresenter: false, grantEpoch: event.epoch } : {},
  ),
  /** The update being applied: from an accept, or from the worker's RELOAD naming it. */
  assignUpdateId: lifecycleBase.assign(({ event }) =>
    isAccept(event)
      ? { updateId: event.updateId, forced: event.force === true, acceptedHere: event.type === 'USER_ACCEPTED' }
      : event.type === 'RELOAD_REQUESTED' && event.updateId !== undefined
        ? { updateId: event.updateId }
        : {},
  ),
  /** A peer's accept heard before the worker waits here: kept for when it does. */
  keepAccept: lifecycleBase.assign(({ event }) => (event.type === 'PEER_ACCEPTED' ? { keptAccept: event } : {})),
  clearWaiting: lifecycleBase.assign({ waitingVersion: undefined }),
  assignKnowsGroup: lifecycleBase.assign({ knowsGroup: true }),
  forgetGroup: lifecycleBase.assign({ knowsGroup: false }),
  markBehind: lifecycleBase.assign({ behind: true }),
  markWaitingActivating: lifecycleBase.assign(({ context }) => ({
    waitingActivating: true,
    appliedVersion: context.waitingVersion ?? context.appliedVersion,
  })),
  noteAppliedVersion: lifecycleBase.assign(({ context, event }) => ({
    appliedVersion: context.waitingVersion ?? context.appliedVersion,
    settledAt: event.type === 'WORKER_ACTIVATED' && event.at !== undefined ? event.at : context.settledAt,
  })),
  countRegistrationFailure: lifecycleBase.assign({
    registrationFailures: ({ context }) => context.registrationFailures + 1,
  }),
  resetRegistrationFailures: lifecycleBase.assign({ registrationFailures: 0 }),
  assignOwnSnooze: lifecycleBase.assign(({ context }) => ({ snoozeRemaining: context.snooze })),
  assignPeerSnooze: lifecycleBase.assign(({ event }) =>
    event.type === 'PEER_DISMISSED' ? { snoozeRemaining: event.remaining } : {},
  ),
  assignLeaderEpoch: lifecycleBase.assign(({ event }) =>
    event.type === 'LEADERSHIP_GAINED' ? { leaderEpoch: event.epoch, presenterAtElection: event.presenter } : {},
  ),
  markOfflineReadyPending: lifecycleBase.assign({ offlineReadyPending: true }),
  markOfflineReady: lifecycleBase.assign(({ event }) =>
    event.type === 'OFFLINE_READY' || (event.type === 'REGISTERED' && event.hasActiveWorker === true)
      ? { offlineReady: true }
      : {},
  ),
  forwardToPresenter: lifecycleBase.sendTo('presenter', ({ event }) => event),
};
