/**
 * The lifecycle states between an accept and the reload: `blocked` (some tab holds
 * unsaved work) and `activating` (the accepted worker is told to skip waiting), kept
 * apart because they are the one path from an accepted update to a reload.
 */
import { not } from 'xstate';
import { acceptIn } from './lifecycle-accept.js';
import { reloadUnlessHeld } from './lifecycle-transitions.js';
import { notifyError, requestSkipWaiting } from './lifecycle-effects.js';
import { describeStatus } from './statuses.js';

export const blocked = {
  description: describeStatus('blocked'),
  initial: 'waitingForHolds',
  states: {
    // Accepted, but some tab holds unsaved work: nobody reloads yet.
    waitingForHolds: {
      always: { guard: not('hasHolds'), target: '#lifecycle.activating' },
      on: {
        // A newer worker replaced the accepted one: the accept carries over to it.
        WORKER_WAITING: { actions: 'assignWaiting' },
        // Someone updated anyway: the update is applied, so this tab reloads
        // (or keeps waiting in `held` while it holds).
        WORKER_ACTIVATING: reloadUnlessHeld,
        CONTROLLER_CHANGED: reloadUnlessHeld,
        WORKER_ACTIVATED: reloadUnlessHeld,
        ...acceptIn('waitingForHolds'),
      },
    },
    // The update was applied; this tab reloads once its own holds are released.
    held: {
      always: { guard: not('hasLocalHolds'), target: '#lifecycle.reloading' },
      on: { RELOAD_REQUESTED: {} },
    },
  },
} as const;

export const activating = {
  description: describeStatus('activating'),
  after: {
    activateTimeout: {
      target: 'available',
      actions: ['assignActivateTimeoutError', notifyError],
    },
  },
  on: {
    CONTROLLER_CHANGED: reloadUnlessHeld,
    WORKER_ACTIVATED: reloadUnlessHeld,
  },
  initial: 'requested',
  states: {
    // SKIP_WAITING is posted on entry, by the tab where the user accepted (once it knows
    // the group) and by the leader (a duplicate is harmless): at once, with no round trip
    // to the other tabs and no timer, since each hop costs a hidden tab's wake-up. Holds
    // known then stopped the accept before it came here (lifecycle-accept.ts).
    requested: {
      entry: 'requestSkipWaitingIfLeaderOrAccepter',
      // Holds heard since (a tab that joined a moment ago learns the group now) keep this
      // tab from posting SKIP_WAITING again; one already posted goes on, and a held tab
      // still does not reload (blocked.held).
      always: { guard: 'mustWaitForHoldsNow', target: '#lifecycle.blocked' },
      after: {
        skipWaitingRetry: { actions: requestSkipWaiting },
        // Chromium may have dropped the activation (timing.activationNudge).
        activationNudge: { guard: 'isLeaderOrAccepter', actions: 'nudgeActivation' },
      },
      on: {
        WORKER_ACTIVATING: 'applying',
        LEADERSHIP_GAINED: { actions: requestSkipWaiting },
        // An accept made before this tab knew the group goes on once it does, unless the
        // holds it then learned took it to `blocked` first.
        GROUP_KNOWN: { actions: ['assignKnowsGroup', 'requestSkipWaitingIfLeaderOrAccepter'] },
        // Out of the group (the page went into the back/forward cache) it would
        // not hear holds: it drops its part; the tabs that heard the accept apply it.
        GROUP_LEFT: { target: '#lifecycle.available', actions: 'forgetGroup' },
        // A newer worker replaced the accepted one while it still waited:
        // "update" means the newest version, so the accept carries over.
        WORKER_WAITING: {
          target: '#lifecycle.activating',
          reenter: true,
          actions: 'assignWaiting',
        },
      },
    },
    // The accepted worker is activating: wait for it, then reload. A worker
    // that starts waiting now is the next update, prompted after the reload.
    applying: {},
  },
} as const;
