/**
 * Service-worker side: answer version questions, skip waiting on request, and after
 * a coordinated update tell every window of its scope to reload. No page code, no
 * dependencies.
 *
 * @module sw-update-coordinator/worker
 */
import { message, type ReloadMessage, type VersionMessage } from '../protocol/messages.js';
import { isWorkerInboundMessage } from '../protocol/checks.js';

/** Options of {@link handleUpdates}. */
export interface HandleUpdatesOptions {
  /**
   * This worker's version, shown to users in the prompt ("Version 2.4 is ready").
   * @default undefined (pages see no version)
   */
  version?: string;
}

/** An `ExtendableEvent` as far as this module cares. */
export interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}

/** An `ExtendableMessageEvent` as far as this module cares. */
export interface MessageEventLike extends ExtendableEventLike {
  readonly data: unknown;
  readonly ports: ReadonlyArray<{ postMessage(message: unknown): void }>;
}

/** The subset of `ServiceWorkerGlobalScope` this module uses. */
export interface WorkerScopeLike {
  addEventListener(type: 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  skipWaiting(): Promise<void>;
  /** `self.registration`: its scope says which windows belong to this app. */
  readonly registration: { readonly scope: string };
  readonly clients: {
    matchAll(options: {
      type: 'window';
      includeUncontrolled: boolean;
    }): Promise<ReadonlyArray<{ readonly url: string; postMessage(message: unknown): void }>>;
  };
}

/**
 * A window belongs to the registration whose scope its URL starts with: the prefix
 * match the spec uses to pick a registration for a client. `matchAll` with
 * `includeUncontrolled` returns every window of the origin, other apps' included.
 * (A window of a nested scope, say /app/admin/ under /app/, also matches; its page
 * ignores a RELOAD that comes from another registration's worker.)
 */
function isInScope(clientURL: string, scope: string): boolean {
  return clientURL.startsWith(scope);
}

/**
 * Installs the update handlers in this service worker. Call it once, at the top
 * level of the worker script. It adds two listeners to the worker scope:
 *
 * - `message`: a `GET_VERSION` request is answered with `version` on the transferred port; a
 *   `SKIP_WAITING` message (ours, or Workbox's bare `{ type: 'SKIP_WAITING' }`) calls
 *   `self.skipWaiting()` inside `event.waitUntil`. Anything else is ignored.
 * - `activate`: only if this worker received `SKIP_WAITING`, posts `RELOAD` (with the
 *   accepted update's id, `version` and its registration's scope) to the windows of
 *   `clients.matchAll({ type: 'window', includeUncontrolled: true })` whose URL is in its scope.
 *   A first install, or a worker that skipped waiting on its own, never makes tabs reload.
 *
 * Loaded with `importScripts()`, the `worker-global` build offers the same function as
 * `self.swUpdateCoordinator.handleUpdates`. The messages are specified in docs/protocol.md.
 *
 * @example
 * ```ts
 * import { handleUpdates } from 'sw-update-coordinator/worker';
 * handleUpdates({ version: '2.0.0' });
 * ```
 *
 * @param options - this worker's version
 * @param scope - the worker's global scope; defaults to `self`
 */
export function handleUpdates(
  options: HandleUpdatesOptions = {},
  scope: WorkerScopeLike = globalThis as unknown as WorkerScopeLike,
): void {
  const { version } = options;
  // Set only by a page's SKIP_WAITING: a first install or a worker that skips waiting
  // on its own never makes tabs reload (that is how reload loops start).
  let accepted: { updateId?: string } | undefined;

  scope.addEventListener('message', (event) => {
    const data = event.data;
    if (!isWorkerInboundMessage(data)) return;
    if (data.type === 'GET_VERSION') {
      event.ports[0]?.postMessage(message<VersionMessage>({ type: 'VERSION', version }));
      return;
    }
    accepted = { updateId: data.updateId };
    event.waitUntil(scope.skipWaiting());
  });

  scope.addEventListener('activate', (event) => {
    if (accepted === undefined) return;
    const ownScope = scope.registration.scope;
    const reload = message<ReloadMessage>({ type: 'RELOAD', updateId: accepted.updateId, version, scope: ownScope });
    // By the time `activate` fires every client of the old worker is controlled by
    // this one, so a tab that reloads now comes back on the new version. Uncontrolled
    // windows are included (a tab opened with shift-reload is still this app's).
    event.waitUntil(
      scope.clients
        .matchAll({ type: 'window', includeUncontrolled: true })
        .then((clients) =>
          clients.filter((client) => isInScope(client.url, ownScope)).forEach((client) => client.postMessage(reload)),
        ),
    );
  });
}
