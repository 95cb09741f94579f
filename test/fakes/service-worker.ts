/**
 * A service worker twice over: `WorkerRecord` is the browser's one underlying worker
 * (the spec's "service worker"), `FakeServiceWorker` is the `ServiceWorker` JS object a
 * realm sees. Each realm (page or worker) has its own object per worker, with its own
 * `state` that changes only when that realm's statechange task runs.
 */
import type { WorkerLike } from '../../src/page/environment.js';
import { cloneMessage } from './events.js';
import type { FakeExtendableEvent } from './events.js';
import type { Realm } from './realm.js';
import type { RegistrationRecord } from './registration.js';
import type { Deployment } from './server.js';
import type { FakeWorkerScope } from './worker-scope.js';
import { postToWorker } from './worker-scope.js';

/** Read-only view of an underlying worker, for assertions. */
export interface FakeWorkerInfo {
  /** Unique per browser, in creation order. */
  readonly id: number;
  /** The deployment's label, e.g. 'v2'. */
  readonly label: string;
  readonly scriptURL: string;
  readonly deployment: Deployment;
  readonly state: ServiceWorkerState;
  /** Every state it went through, starting with 'parsed'. */
  readonly states: readonly ServiceWorkerState[];
  /** `skipWaiting()` was called. */
  readonly skipWaitingFlag: boolean;
  /** Its global scope is alive (browsers stop idle workers; see `stopIdleWorkers`). */
  readonly running: boolean;
  /** How many times its top-level code ran. */
  readonly starts: number;
  /** Errors thrown by its top-level code or its event listeners. */
  readonly errors: readonly unknown[];
}

export class WorkerRecord implements FakeWorkerInfo {
  state: ServiceWorkerState = 'parsed';
  readonly states: ServiceWorkerState[] = ['parsed'];
  skipWaitingFlag = false;
  starts = 0;
  readonly errors: unknown[] = [];
  /** The running global scope, or null while stopped. */
  global: FakeWorkerScope | null = null;
  /** The spec's "set of extended events": active events block activation of a successor. */
  readonly extendedEvents = new Set<FakeExtendableEvent>();
  #waiters: Array<{ states: readonly ServiceWorkerState[]; resolve: () => void }> = [];

  constructor(
    readonly id: number,
    readonly registration: RegistrationRecord,
    readonly deployment: Deployment,
  ) {}

  get label(): string {
    return this.deployment.label;
  }

  get scriptURL(): string {
    return this.deployment.url;
  }

  get running(): boolean {
    return this.global !== null;
  }

  /** @internal Use `updateWorkerState`, which also tells every realm. */
  setState(state: ServiceWorkerState): void {
    this.state = state;
    this.states.push(state);
    const reached = this.#waiters.filter((waiter) => waiter.states.includes(state));
    this.#waiters = this.#waiters.filter((waiter) => !reached.includes(waiter));
    reached.forEach((waiter) => waiter.resolve());
  }

  /** @internal Resolves once the worker is in one of `states`. */
  untilState(...states: ServiceWorkerState[]): Promise<void> {
    if (states.includes(this.state)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ states, resolve }));
  }

  /** Spec "Service Worker Has No Pending Events". */
  get hasNoPendingEvents(): boolean {
    return [...this.extendedEvents].every((event) => !event.active);
  }
}

export class FakeServiceWorker extends EventTarget implements WorkerLike {
  #state: ServiceWorkerState;

  /** @internal Use `Realm.serviceWorker()`: one object per worker per realm. */
  constructor(
    readonly record: WorkerRecord,
    private readonly realm: Realm,
  ) {
    super();
    this.#state = record.state;
  }

  get scriptURL(): string {
    return this.record.scriptURL;
  }

  /** This realm's view of the state: updated by the statechange task, not at once. */
  get state(): ServiceWorkerState {
    return this.#state;
  }

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    postToWorker(this.realm, this.record, cloneMessage(message, transfer));
  }

  /** @internal The Update Worker State task for this realm. */
  changeState(state: ServiceWorkerState): void {
    this.#state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}
