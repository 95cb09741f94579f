/**
 * Public types of the options of `createUpdateCoordinator`, and of the prompt it hands
 * to `onPrompt`. Type definitions only: no runtime code here.
 */
import type { InspectionEvent } from 'xstate';
import type { UpdatePolicy } from '../../machines/policy.js';
import type { Timing } from '../../machines/timing.js';
import type { UpdateError } from './errors.js';

/** The prompt handed to {@link UpdateCoordinatorOptions.onPrompt}. */
export interface UpdatePrompt {
  /** Version reported by the waiting worker, if it reports one. */
  readonly version?: string;
  /** Version reported by the worker controlling this tab, if it reports one. */
  readonly currentVersion?: string;
  /** Apply the update in every tab of the app. */
  accept(): void;
  /** Snooze the prompt in every tab of the app for {@link UpdateCoordinatorOptions.snooze} ms. */
  dismiss(): void;
}

/**
 * Returned by `onPrompt`: hides your UI. It runs when this tab stops presenting: the
 * prompt moves to another tab, the user accepts or dismisses (here or in another tab),
 * a newer worker replaces the waiting one, or the coordinator is destroyed.
 */
export type PromptCleanup = () => void;

/** Options of {@link createUpdateCoordinator}. */
export interface UpdateCoordinatorOptions {
  /** URL of the service-worker script, passed to `navigator.serviceWorker.register`. */
  scriptURL: string;
  /**
   * Passed through to `navigator.serviceWorker.register`.
   * @default undefined (the browser's default scope: the script's directory)
   */
  registration?: RegistrationOptions;
  /**
   * Milliseconds between update checks. Only the leader tab checks, so the app makes
   * one request per interval however many tabs are open, at the interval set here (no
   * floor: `timing.checkDebounce` merges only the checks that tabs trigger by being
   * shown again or coming back online). After a failed check the next ones wait with
   * backoff (`timing.checkBackoff`). `0` disables periodic checks. A hidden leader's
   * timer may fire late: browsers run hidden tabs' timers at most once a second.
   * @default 3_600_000 (one hour)
   */
  checkInterval?: number;
  /**
   * Milliseconds a dismissal lasts, for every tab of this app, across reloads.
   * @default 3_600_000 (one hour)
   */
  snooze?: number;
  /**
   * Who applies a waiting update (docs/guide.md, "Update policies", says when to pick which):
   *
   * - `'prompt'`: `onPrompt` in one tab; the update applies when a user accepts.
   * - `'auto'`: no prompt (`onPrompt` is never called); every tab applies the waiting
   *   worker at once and reloads together, unless a tab holds: then nothing reloads
   *   until every hold is released. Snooze does not apply. A tab opened meanwhile joins.
   * - `'idle'`: as `'prompt'`, and the update also applies by itself once every tab of
   *   the app has been hidden for `idleDelay` with nothing held; a tab shown again, or
   *   a hold, before then starts the wait over.
   * @default 'prompt'
   */
  policy?: UpdatePolicy;
  /**
   * `'idle'` policy: milliseconds every tab of the app must have been hidden, with
   * nothing held, before the waiting update applies by itself. Counted by the leader
   * tab, which is hidden too: browsers may run its timer up to a minute late.
   * @default 600_000 (ten minutes)
   */
  idleDelay?: number;
  /**
   * Called in exactly one tab of the app at a time (the one the user is looking at)
   * when an update is waiting. Return a cleanup that hides your UI: it runs before
   * the prompt appears in any other tab (a tab stuck in a long task for over a second,
   * or frozen, is not waited for: `timing.releaseTimeout`).
   * @default undefined (no prompt; use `subscribe` and `getSnapshot` instead)
   */
  onPrompt?: (prompt: UpdatePrompt) => PromptCleanup | void;
  /**
   * The first install finished: the app now works offline. Called once, in one tab.
   * Every tab, also one opened or reloaded later, reads the same fact from
   * {@link CoordinatorSnapshot.offlineReady}.
   * @default undefined
   */
  onOfflineReady?: () => void;
  /**
   * Registration or update-check failure, a failed install, a worker that did not
   * activate after SKIP_WAITING, a refused second reload. Called in the tab that saw it,
   * with a stable `error.code` ({@link UpdateErrorCode}). Every failed
   * `checkForUpdate()` is reported; the leader's automatic checks report once per
   * streak of failures, and again when a new kind of failure comes up.
   * @default undefined
   */
  onError?: (error: UpdateError) => void;
  /**
   * The service-worker registration, once `navigator.serviceWorker.register` resolved:
   * for push subscriptions, background sync, notifications. Called once in each tab (each
   * page load), after a retry if the first attempt failed. Never register the script a
   * second time yourself: {@link UpdateCoordinator.getRegistration} gives the same object.
   * @default undefined
   */
  onRegistered?: (registration: ServiceWorkerRegistration) => void;
  /**
   * Receives XState inspection events of this tab's machines (for Stately's inspector
   * or logging).
   * @default undefined
   */
  inspect?: (event: InspectionEvent) => void;
  /**
   * Overrides of the timing constants. Meant for tests and unusual deployments.
   * @default the defaults listed under {@link Timing}
   */
  timing?: Partial<Timing>;
}
