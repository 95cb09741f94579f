/**
 * Public types of the page entry. Type definitions only: no runtime code here.
 */
import type { InspectionEvent } from 'xstate';
import type { UpdatePolicy } from '../../machines/policy.js';
import type { StatusName } from '../../machines/statuses.js';
import type { Timing } from '../../machines/timing.js';
import type { UpdateError } from './errors.js';
import type { UpdateEventListener, UpdateEventType } from './update-events.js';

export type { UpdatePolicy };

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

/**
 * Lifecycle status of this tab. docs/guide.md ("Statuses") says when each one begins and
 * ends; docs/state-charts.md shows every transition. The statuses and their meanings
 * come from one list, machines/statuses.ts.
 *
 * <!-- statuses: generated from machines/statuses.ts by `npm run docs` -->
 * | status | meaning |
 * |---|---|
 * | `unsupported` | No service workers here (insecure context, disabled, old browser, server rendering). Every method is a safe no-op. |
 * | `registering` | Waiting for the page's `load` event and the coordinator's core chunk, then for `navigator.serviceWorker.register`. |
 * | `idle` | Registered; no newer worker is installing or waiting. |
 * | `installing` | A newer worker is installing. |
 * | `available` | A newer worker is waiting. One tab of the app presents the prompt (`isPrompting`); under `'auto'`, only after it failed to activate. |
 * | `snoozed` | A newer worker is waiting, and a tab dismissed its prompt; it returns when the snooze ends. |
 * | `blocked` | Accepted (by a user, or by the `'auto'` or `'idle'` policy), but some tab holds unsaved work. Every tab waits; a tab whose own holds remain after the update was applied (or forced) also shows `blocked` until it releases. |
 * | `activating` | Accepted: `SKIP_WAITING` is posted; every tab waits for the new worker to take over. |
 * | `reloading` | This tab is reloading onto the new version. |
 * | `failed` | Registration failed, or the core's chunk could not be loaded; `error` says why. Nothing else happens in this page. |
 * <!-- end of statuses -->
 *
 * @useDeclaredType
 */
export type CoordinatorStatus = StatusName;

/** An immutable view of the coordinator; the same object until something changes. */
export interface CoordinatorSnapshot {
  /** Where this tab is in the update lifecycle (see {@link CoordinatorStatus}). */
  readonly status: CoordinatorStatus;
  /** This tab is the elected leader (it alone polls for updates). */
  readonly isLeader: boolean;
  /** This tab presents the prompt right now. */
  readonly isPrompting: boolean;
  /** Version of the worker controlling this tab, if it reports one. */
  readonly version?: string;
  /** Version of the waiting worker, if it reports one. */
  readonly waitingVersion?: string;
  /** Active holds across all tabs of the app. */
  readonly holds: number;
  /**
   * The first install has finished: an active worker serves this app, so it works
   * offline. True in every tab, also in one opened or reloaded later (as soon as this
   * app's worker controls the page, or once registration finds an active worker).
   */
  readonly offlineReady: boolean;
  /** The last error, with its stable {@link UpdateErrorCode} in `code`. */
  readonly error?: UpdateError;
}

/** Options of {@link UpdateCoordinator.accept}. */
export interface AcceptOptions {
  /**
   * Update even though some tabs hold unsaved work ("update anyway"). Tabs that hold
   * are still not reloaded until they release.
   * @default false
   */
  force?: boolean;
}

/** The object returned by {@link createUpdateCoordinator}. */
export interface UpdateCoordinator {
  /** The current snapshot; the same object until something changes. */
  getSnapshot(): CoordinatorSnapshot;
  /** Calls `listener` after every snapshot change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * From any tab: apply the waiting update in every tab. While some tab holds unsaved
   * work every tab waits (status `'blocked'`); `{ force: true }` updates anyway, and
   * held tabs still wait until they release.
   */
  accept(options?: AcceptOptions): void;
  /** From any tab: snooze the prompt in every tab. */
  dismiss(): void;
  /**
   * Asks the browser to check for a new worker now, whatever the interval, debounce or
   * backoff of the automatic checks. Resolves `true` when the check found a newer worker:
   * installing, waiting, or (under the `'auto'` policy) already taking over. Never rejects: every failure goes to `onError` and `snapshot.error`,
   * even one of the same kind as the last, and resolves `false`.
   */
  checkForUpdate(): Promise<boolean>;
  /**
   * Marks unsaved work in this tab: while any hold is active, no tab reloads for an
   * update. Returns `release()`; calling it more than once is harmless.
   */
  hold(reason?: string): () => void;
  /**
   * The service-worker registration this coordinator made, for push subscriptions and
   * background sync (never register the script a second time). Resolves once
   * registration settled: `undefined` where service workers are unsupported, while
   * registration fails (retries go on; `onRegistered` tells when one succeeds), or after
   * `destroy()`.
   *
   * @example
   * ```ts
   * const registration = await updates.getRegistration();
   * await registration?.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
   * ```
   */
  getRegistration(): Promise<ServiceWorkerRegistration | undefined>;
  /**
   * Listens to one typed lifecycle event of this tab; returns the function that removes
   * the listener. The events and their payloads: {@link UpdateEventMap}.
   *
   * @example
   * ```ts
   * const off = updates.on('update-ready', ({ version }) => console.log(`version ${version} waits`));
   * off();
   * ```
   */
  on<K extends UpdateEventType>(type: K, listener: UpdateEventListener<K>): () => void;
  /** Leaves the group, stops timers and closes channels. The coordinator is inert after. */
  destroy(): Promise<void>;
}
