/**
 * The service worker's global scope (`self`), satisfying `WorkerScopeLike` so the real
 * src/worker/index.ts runs inside the fake; plus "Run Service Worker" (start a worker: run its
 * top-level code in a fresh scope) and delivery of page → worker messages.
 */
import type { WorkerScopeLike } from '../../src/worker/index.js';
import { tryActivate } from './activation.js';
import { FakeClients, FakeWindowClient } from './clients.js';
import { FakeExtendableMessageEvent } from './events.js';
import type { ClonedMessage, FakeExtendableEvent } from './events.js';
import { Realm } from './realm.js';
import type { FakeServiceWorkerRegistration } from './registration.js';
import type { FakeServiceWorker, WorkerRecord } from './service-worker.js';
import type { UserAgent } from './user-agent.js';

type Listener = EventListenerOrEventListenerObject;
type ListenerOptions = boolean | AddEventListenerOptions;

export class FakeWorkerScope extends EventTarget implements WorkerScopeLike {
  readonly realm: Realm;
  readonly clients: FakeClients;
  readonly origin: string;
  /** Listener → its wrapper, per event type, so removeEventListener still works. */
  readonly #wrappers = new Map<string, WeakMap<Listener, EventListener>>();
  #listenerThrew = false;

  constructor(
    private readonly ua: UserAgent,
    readonly worker: WorkerRecord,
  ) {
    super();
    this.realm = new Realm(ua, { kind: 'worker', worker });
    this.clients = new FakeClients(ua, worker);
    this.origin = ua.options.origin;
  }

  /** `self.registration`: this realm's object for the worker's registration. */
  get registration(): FakeServiceWorkerRegistration {
    return this.realm.registration(this.worker.registration);
  }

  /** `self.serviceWorker`: this realm's object for the worker itself. */
  get serviceWorker(): FakeServiceWorker {
    return this.realm.serviceWorker(this.worker);
  }

  /**
   * Sets the skip waiting flag and runs Try Activate. As measured in Chromium, a worker
   * that is waiting gets its promise resolved once its activation has begun (its state
   * reads `activating`); called earlier, it resolves at once.
   */
  skipWaiting(): Promise<void> {
    const { ua, worker } = this;
    return (async () => {
      await ua.scheduler.nextTask();
      worker.skipWaitingFlag = true;
      const waiting = worker.state === 'installed';
      void tryActivate(ua, worker.registration);
      if (waiting) await worker.untilState('activating', 'activated', 'redundant');
    })();
  }

  override addEventListener(
    type: 'install' | 'activate',
    listener: (event: FakeExtendableEvent) => void,
    options?: ListenerOptions,
  ): void;
  override addEventListener(
    type: 'message',
    listener: (event: FakeExtendableMessageEvent) => void,
    options?: ListenerOptions,
  ): void;
  override addEventListener(type: string, listener: Listener | null, options?: ListenerOptions): void;
  override addEventListener(
    type: string,
    listener: Listener | null | ((event: FakeExtendableMessageEvent) => void),
    options?: ListenerOptions,
  ): void {
    if (listener === null) return;
    // The overloads pair each event type with the event class dispatched for it.
    const original = listener as Listener;
    let wrappers = this.#wrappers.get(type);
    if (wrappers === undefined) this.#wrappers.set(type, (wrappers = new WeakMap()));
    let wrapper = wrappers.get(original);
    if (wrapper === undefined) {
      wrapper = (event) => this.#invoke(original, event);
      wrappers.set(original, wrapper);
    }
    super.addEventListener(type, wrapper, options);
  }

  override removeEventListener(
    type: string,
    listener: Listener | null,
    options?: boolean | EventListenerOptions,
  ): void {
    const wrapper = listener === null ? undefined : this.#wrappers.get(type)?.get(listener);
    if (wrapper !== undefined) super.removeEventListener(type, wrapper, options);
  }

  /**
   * Dispatches an extendable event as a task of this worker and tracks it in the worker's
   * extended events. Resolves to true when it failed: a `waitUntil` promise rejected or,
   * as in Chromium, a listener threw (then it completes at once).
   */
  async dispatchExtendable(event: FakeExtendableEvent): Promise<boolean> {
    await this.ua.scheduler.nextTask();
    if (!this.realm.alive) return true; // the task was discarded: the worker stopped
    const { worker, ua } = this;
    worker.extendedEvents.add(event);
    this.#listenerThrew = false;
    event.beginDispatch();
    this.dispatchEvent(event);
    event.endDispatch();
    const threw = this.#listenerThrew;
    void event.inactive().then(() => {
      worker.extendedEvents.delete(event);
      // A settled extension may unblock a waiting worker.
      void tryActivate(ua, worker.registration);
    });
    if (threw) return true;
    await event.inactive();
    return event.rejected;
  }

  /** A listener's uncaught exception is reported (recorded), not thrown to the dispatcher. */
  #invoke(listener: Listener, event: Event): void {
    try {
      if (typeof listener === 'function') listener.call(this, event);
      else listener.handleEvent(event);
    } catch (error) {
      this.#listenerThrew = true;
      this.worker.errors.push(error);
    }
  }
}

/**
 * Spec "Run Service Worker": the running scope, or a fresh one after running the
 * top-level code. Null when the worker is redundant, the script does not parse, or the
 * top-level code throws.
 */
export function runServiceWorker(ua: UserAgent, worker: WorkerRecord): FakeWorkerScope | null {
  if (worker.global !== null) return worker.global;
  if (worker.state === 'redundant') return null;
  const { script } = worker.deployment;
  if (typeof script !== 'function' && 'syntaxError' in script) return null;
  const scope = new FakeWorkerScope(ua, worker);
  worker.starts++;
  try {
    // A 2xx response without a script is an empty worker.
    if (typeof script === 'function') script(scope);
  } catch (error) {
    worker.errors.push(error);
    scope.realm.destroy();
    return null;
  }
  worker.global = scope;
  return scope;
}

/** `ServiceWorker.postMessage` from `sender`'s realm: starts the worker if needed, then dispatches. */
export function postToWorker(sender: Realm, worker: WorkerRecord, message: ClonedMessage): void {
  if (worker.state === 'redundant' || sender.crashed) return;
  const { ua } = sender;
  ua.scheduler.queue(() => {
    const scope = runServiceWorker(ua, worker);
    if (scope === null) return;
    const { owner } = sender;
    const source =
      owner.kind === 'page' ? new FakeWindowClient(ua, worker, owner.page) : scope.realm.serviceWorker(owner.worker);
    const event = new FakeExtendableMessageEvent({ ...message, origin: ua.options.origin, source });
    void scope.dispatchExtendable(event);
  });
}
