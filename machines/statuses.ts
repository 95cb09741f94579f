/**
 * The coordinator's statuses, in one list: each is the name of a state the machine
 * rests in (a child of the `lifecycle` region, or `unsupported`), so a snapshot's
 * status is read off the state. From this list come the public `CoordinatorStatus`
 * type (src/page/types.ts), the snapshot's reading of the state (src/page/snapshot.ts),
 * which statuses depend on noticing dead tabs (src/page/group/liveness.ts), each
 * state's `description`, and the status tables in the guide and in the TSDoc of
 * `CoordinatorStatus` (`npm run docs` writes them; test/docs.test.ts checks them).
 */

/** One status: what it means to an app, and whether a dead tab would cost something in it. */
interface StatusEntry {
  /** One or two sentences for the app's developer (Markdown). */
  readonly meaning: string;
  /**
   * A dead tab would cost the user something here: it could be chosen to present, or
   * its holds could block an accept. (Holds anywhere count too; the group adds them.)
   */
  readonly needsLiveness: boolean;
}

export const COORDINATOR_STATUSES = {
  unsupported: {
    meaning:
      'No service workers here (insecure context, disabled, old browser, server rendering). Every method is a safe no-op.',
    needsLiveness: false,
  },
  registering: {
    meaning:
      "Waiting for the page's `load` event and the coordinator's core chunk, then for `navigator.serviceWorker.register`.",
    needsLiveness: false,
  },
  idle: { meaning: 'Registered; no newer worker is installing or waiting.', needsLiveness: false },
  installing: { meaning: 'A newer worker is installing.', needsLiveness: true },
  available: {
    meaning:
      "A newer worker is waiting. One tab of the app presents the prompt (`isPrompting`); under `'auto'`, only after it failed to activate.",
    needsLiveness: true,
  },
  snoozed: {
    meaning: 'A newer worker is waiting, and a tab dismissed its prompt; it returns when the snooze ends.',
    needsLiveness: true,
  },
  blocked: {
    meaning:
      "Accepted (by a user, or by the `'auto'` or `'idle'` policy), but some tab holds unsaved work. Every tab waits; a tab whose own holds remain after the update was applied (or forced) also shows `blocked` until it releases.",
    needsLiveness: true,
  },
  activating: {
    meaning: 'Accepted: `SKIP_WAITING` is posted; every tab waits for the new worker to take over.',
    needsLiveness: true,
  },
  reloading: { meaning: 'This tab is reloading onto the new version.', needsLiveness: false },
  failed: {
    meaning:
      "Registration failed, or the core's chunk could not be loaded; `error` says why. Nothing else happens in this page.",
    needsLiveness: false,
  },
} as const satisfies Record<string, StatusEntry>;

/** A status's name; the public type is `CoordinatorStatus` (src/page/types.ts). */
export type StatusName = keyof typeof COORDINATOR_STATUSES;

/** The statuses that are states of the `lifecycle` region (`unsupported` is the machine's own). */
export type LifecycleStatus = Exclude<StatusName, 'unsupported'>;

/** The `description` of the state named `status`. */
export const describeStatus = (status: StatusName): string => COORDINATOR_STATUSES[status].meaning;
