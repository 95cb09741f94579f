/**
 * Transition tables that several lifecycle states share (accepting, a worker that
 * starts waiting, reloading unless held), kept apart so machines/lifecycle.ts reads
 * as its states and the states refer to these by name.
 */
import { and } from 'xstate';
import { applyAutomatically } from './policy.js';
import { announceAccept } from './lifecycle-logic.js';

/** Reload now, or wait in `blocked.held` while this tab holds unsaved work. */
export const reloadUnlessHeld = [
  {
    guard: 'hasLocalHolds',
    target: '#lifecycle.blocked.held',
    actions: 'assignUpdateId',
  },
  { target: '#lifecycle.reloading', actions: 'assignUpdateId' },
] as const;

/** Accepting, from `available` or `snoozed`, here or in another tab. */
export const acceptTransitions = {
  USER_ACCEPTED: [
    // The worker is already activating: the accept only decides that this tab reloads.
    {
      guard: 'isWaitingActivating',
      target: '#lifecycle.activating.applying',
      actions: ['assignUpdateId', announceAccept],
    },
    {
      guard: 'mustWaitForHolds',
      target: '#lifecycle.blocked',
      actions: ['assignUpdateId', announceAccept],
    },
    {
      target: '#lifecycle.activating',
      actions: ['assignUpdateId', announceAccept],
    },
  ],
  PEER_ACCEPTED: [
    // A late accept of the update that already applied: reload if this page is behind,
    // and never let it start the next update (the one waiting now).
    {
      guard: and(['isLateAccept', 'isBehind', 'hasLocalHolds']),
      target: '#lifecycle.blocked.held',
      actions: 'assignUpdateId',
    },
    {
      guard: and(['isLateAccept', 'isBehind']),
      target: '#lifecycle.reloading',
      actions: 'assignUpdateId',
    },
    { guard: 'isLateAccept' },
    {
      guard: 'isWaitingActivating',
      target: '#lifecycle.activating.applying',
      actions: 'assignUpdateId',
    },
    {
      guard: 'mustWaitForHolds',
      target: '#lifecycle.blocked',
      actions: 'assignUpdateId',
    },
    { target: '#lifecycle.activating', actions: 'assignUpdateId' },
  ],
} as const;

/** A worker is waiting: apply it (`'auto'`), or prompt unless the user dismissed this version. */
export const onWorkerWaiting = [
  ...applyAutomatically,
  { guard: 'isSnoozedUpdate', target: '#lifecycle.snoozed', actions: 'assignWaiting' },
  { target: '#lifecycle.available', actions: 'assignWaiting' },
] as const;

/**
 * The waiting worker activated without an accept here (the last tab on the old
 * version closed): nothing to apply any more, and no reason to reload.
 */
export const onActivatedByItself = {
  target: '#lifecycle.idle',
  actions: ['noteAppliedVersion', 'clearWaiting', 'markBehind'],
} as const;
