/**
 * The slice of the browser the coordinator touches, as one injectable object.
 *
 * The page adapters never read globals directly: `browserEnvironment()` builds this
 * from `window` in production, and tests build it from in-memory fakes so many
 * "tabs" can run in one process. The interfaces name only what we use, so a fake
 * that satisfies them cannot silently lean on something a browser lacks.
 */
import type { BroadcastChannelOptions, LeaderElectionOptions } from 'broadcast-channel';
import type { ShellEnvironment } from './early-events.js';

/** The subset of `ServiceWorker` the coordinator uses. */
export interface WorkerLike extends EventTarget {
  readonly scriptURL: string;
  readonly state: ServiceWorkerState;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** The subset of `ServiceWorkerRegistration` the coordinator uses. */
export interface RegistrationLike extends EventTarget {
  readonly scope: string;
  readonly installing: WorkerLike | null;
  readonly waiting: WorkerLike | null;
  readonly active: WorkerLike | null;
  update(): Promise<unknown>;
}

/** The subset of `ServiceWorkerContainer` the coordinator uses. */
export interface ContainerLike extends EventTarget {
  readonly controller: WorkerLike | null;
  register(scriptURL: string, options?: RegistrationOptions): Promise<RegistrationLike>;
  startMessages(): void;
}

/** The subset of `Storage` used for the snooze record and the reload guard. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The subset of `LockManager` used to notice tabs that died (Web Locks are freed at once). */
export interface LocksLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/** Page-level events the coordinator listens to. */
export type PageEvent = 'visibilitychange' | 'focus' | 'online' | 'pagehide' | 'pageshow';

export interface Environment {
  /** `navigator.serviceWorker`, or undefined where service workers are unavailable. */
  readonly serviceWorker: ContainerLike | undefined;
  readonly isSecureContext: boolean;
  /** The page URL, used to resolve the script URL and the scope. */
  readonly href: string;
  /** Resolves once the page's `load` event has fired (at once if it already has). */
  whenLoaded(): Promise<void>;
  isVisible(): boolean;
  /** Subscribes to a page-level event; returns the unsubscribe function. */
  on(event: PageEvent, listener: () => void): () => void;
  reload(): void;
  /** Wall-clock ms; shared across tabs, so snooze deadlines can be broadcast. */
  now(): number;
  randomId(): string;
  /** `localStorage`, or undefined where storage is blocked. */
  readonly localStorage: StorageLike | undefined;
  /** `sessionStorage`, or undefined where storage is blocked. */
  readonly sessionStorage: StorageLike | undefined;
  readonly MessageChannel: typeof MessageChannel;
  /** `navigator.locks`, or undefined where Web Locks are missing. */
  readonly locks?: LocksLike;
  /** Passed to broadcast-channel; tests force `{ type: 'simulate' }`. */
  readonly channelOptions?: BroadcastChannelOptions;
  /** Passed to broadcast-channel's `createLeaderElection`. */
  readonly leaderElection?: LeaderElectionOptions;
  /**
   * Starts a navigation to `url` in a hidden frame that runs no script; returns its
   * removal. Used to make Chromium retry a dropped activation (registration/activation-nudge.ts).
   */
  visitHidden?(url: string): () => void;
}

/** Storage access throws in some privacy modes; treat that as "no storage". */
function storage(get: () => Storage): StorageLike | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/**
 * The real browser, read from globals, over the slice the shell already read
 * (src/page/browser-shell.ts). Only call where `window` exists.
 */
export function browserEnvironment(shell: ShellEnvironment, channelOptions?: BroadcastChannelOptions): Environment {
  const target = (event: PageEvent): EventTarget => (event === 'visibilitychange' ? document : window);
  return {
    serviceWorker: shell.serviceWorker,
    isSecureContext: shell.isSecureContext,
    href: location.href,
    whenLoaded: shell.whenLoaded,
    isVisible: () => document.visibilityState === 'visible',
    on(event, listener) {
      target(event).addEventListener(event, listener);
      return () => target(event).removeEventListener(event, listener);
    },
    reload: () => location.reload(),
    now: shell.now,
    randomId: () =>
      typeof crypto.randomUUID === 'function'
        ? crypto.randomUUID()
        : Math.random().toString(36).slice(2) + Date.now().toString(36),
    localStorage: storage(() => window.localStorage),
    sessionStorage: storage(() => window.sessionStorage),
    MessageChannel,
    locks: (navigator as { locks?: LocksLike | null }).locks ?? undefined,
    channelOptions,
    visitHidden(url) {
      const frame = document.createElement('iframe');
      // Same origin, so the registration's worker sees the navigation; no scripts, so
      // whatever the server answers never runs.
      frame.setAttribute('sandbox', 'allow-same-origin');
      frame.setAttribute('aria-hidden', 'true');
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.src = url;
      (document.body ?? document.documentElement).append(frame);
      return () => frame.remove();
    },
  };
}
