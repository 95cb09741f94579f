/**
 * Transition tables that several lifecycle states share (a worker that starts
 * waiting, reloading unless held, a worker that activated by itself), kept apart so
 * machines/lifecycle.ts reads as its states and the states refer to these by name.
 */
import { applyAutomatically } from './policy.js';

/** Reload now, or wait in `blocked.held` while this tab holds unsaved work. */
export const reloadUnlessHeld = [
  {
    guard: 'hasLocalHolds',
    target: '#lifecycle.blocked.held',
    actions: 'assignUpdateId',
  },
  { target: '#lifecycle.reloading', actions: 'assignUpdateId' },
] as const;

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
