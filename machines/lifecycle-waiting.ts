/**
 * The lifecycle states while a newer worker waits and nobody has accepted it:
 * `available` (one tab presents the prompt) and `snoozed` (dismissed until the snooze
 * ends), kept apart as machines/lifecycle-applying.ts keeps the states after an accept.
 */
import { not } from 'xstate';
import { acceptIn } from './lifecycle-accept.js';
import { announceDismiss, announceReleased, effectParams } from './lifecycle-effects.js';
import { onActivatedByItself } from './lifecycle-transitions.js';
import { applyAutomatically, applyWhileAway } from './policy.js';
import { describeStatus } from './statuses.js';

export const available = {
  description: describeStatus('available'),
  initial: 'quiet',
  on: {
    ...acceptIn('available'),
    ...applyWhileAway,
    // A newer worker replaced the waiting one: prompt again, with its version.
    WORKER_WAITING: [
      ...applyAutomatically,
      { guard: 'isSnoozedUpdate', target: '#lifecycle.snoozed', actions: 'assignWaiting' },
      { target: '#lifecycle.available', reenter: true, actions: 'assignWaiting' },
    ],
    WORKER_ACTIVATED: onActivatedByItself,
    USER_DISMISSED: {
      target: '#lifecycle.snoozed',
      actions: ['assignOwnSnooze', announceDismiss],
    },
    PEER_DISMISSED: [{ guard: 'isDismissOfWaiting', target: '#lifecycle.snoozed', actions: 'assignPeerSnooze' }],
  },
  states: {
    quiet: {
      always: { guard: 'mayPresent', target: 'presenting' },
    },
    presenting: {
      invoke: {
        src: 'prompt',
        input: effectParams,
      },
      always: { guard: not('mayPresent'), target: 'quiet' },
      on: {
        // Leaving `presenting` stops the prompt actor, so its cleanup runs;
        // the adapter sends RELEASED only after that step completes.
        PRESENTER_REVOKED: {
          target: 'quiet',
          actions: ['releaseGrant', announceReleased],
        },
      },
    },
  },
} as const;

export const snoozed = {
  description: describeStatus('snoozed'),
  after: { snoozeRemaining: '#lifecycle.available' },
  on: {
    ...acceptIn('snoozed'),
    ...applyWhileAway,
    WORKER_WAITING: [
      ...applyAutomatically,
      { guard: 'isSnoozedUpdate', actions: 'assignWaiting' },
      { target: '#lifecycle.available', actions: 'assignWaiting' },
    ],
    WORKER_ACTIVATED: onActivatedByItself,
    PEER_DISMISSED: {
      guard: 'isDismissOfWaiting',
      target: '#lifecycle.snoozed',
      reenter: true,
      actions: 'assignPeerSnooze',
    },
  },
} as const;
