/**
 * The public snapshot, derived from the machine's state: status is the name of the
 * active `lifecycle` state, never a field kept beside it.
 */
import type { SnapshotFrom } from 'xstate';
import type { lifecycleMachine } from '../../machines/lifecycle.js';
import type { UpdateError } from './errors.js';
import { COORDINATOR_STATUSES, type LifecycleStatus } from '../../machines/statuses.js';
import type { CoordinatorSnapshot, CoordinatorStatus } from './types.js';

type MachineSnapshot = SnapshotFrom<typeof lifecycleMachine>;

const LIFECYCLE_STATUSES = (Object.keys(COORDINATOR_STATUSES) as CoordinatorStatus[]).filter(
  (status): status is LifecycleStatus => status !== 'unsupported',
);

export function statusOf(state: MachineSnapshot): CoordinatorStatus {
  for (const status of LIFECYCLE_STATUSES) {
    if (state.matches({ running: { lifecycle: status } })) return status;
  }
  // `starting` is transient and `unsupported` is the only other resting state.
  return 'unsupported';
}

export function toSnapshot(state: MachineSnapshot): CoordinatorSnapshot {
  const { context } = state;
  return Object.freeze({
    status: statusOf(state),
    isLeader: state.matches({ running: { role: 'leader' } }),
    isPrompting: state.matches({ running: { lifecycle: { available: 'presenting' } } }),
    version: context.version,
    waitingVersion: context.waitingVersion,
    holds: context.holds,
    offlineReady: context.offlineReady,
    // Every error the machine holds has a code: the adapters make them with updateError
    // (src/page/errors.ts), and the machine's own set 'skip-waiting-unheard' (activateTimeout)
    // and 'reload-cancelled' (reloadTimeout).
    error: context.error as UpdateError | undefined,
  });
}

/** Field-by-field equality, so an unchanged snapshot keeps its identity. */
export function sameSnapshot(a: CoordinatorSnapshot, b: CoordinatorSnapshot): boolean {
  const keys = Object.keys(a) as Array<keyof CoordinatorSnapshot>;
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
