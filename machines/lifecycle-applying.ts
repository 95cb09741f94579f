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
    // SKIP_WAITING is (about to be) posted; the accepted worker still waits.
    requested: {
      // Holds that arrive while the accept settles stop it before SKIP_WAITING.
      always: { guard: 'mustWaitForHoldsNow', target: '#lifecycle.blocked' },
      after: {
        skipWaitingRetry: { actions: requestSkipWaiting },
        // Chromium may have dropped the activation (timing.activationNudge).
        activationNudge: { guard: 'isLeaderOrAccepter', actions: 'nudgeActivation' },
      },
      initial: 'settling',
      states: {
        // Every tab answers the accept with its holds; the accepting tab goes on once all
        // have, with no timer (its own may run late in a hidden tab). The leader, and the
        // accepting tab if some tab never answers, go on after acceptSettle.
        settling: {
          on: { ACCEPT_SETTLED: { guard: 'isOwnAcceptSettled', target: 'posted', actions: requestSkipWaiting } },
          after: { acceptSettle: { target: 'posted', actions: 'requestSkipWaitingIfLeaderOrAccepter' } },
        },
        posted: {},
      },
      on: {
        WORKER_ACTIVATING: 'applying',
        LEADERSHIP_GAINED: { actions: requestSkipWaiting },
        // Out of the group (the page went into the back/forward cache) it would
        // not hear holds: it drops its part; the tabs that heard the accept apply it.
        GROUP_LEFT: '#lifecycle.available',
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
