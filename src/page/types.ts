/**
 * Public types of the page entry: the coordinator, its snapshot and statuses. Type
 * definitions only: no runtime code here. The options' types: ./options-types.ts.
 */
import type { UpdatePolicy } from '../../machines/policy.js';
import type { StatusName } from '../../machines/statuses.js';
import type { UpdateError } from './errors.js';
import type { PromptCleanup, UpdateCoordinatorOptions, UpdatePrompt } from './options-types.js';
import type { UpdateEventListener, UpdateEventType } from './update-events.js';

export type { PromptCleanup, UpdateCoordinatorOptions, UpdatePolicy, UpdatePrompt };

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
