/**
 * A realm: one page (document) or one running worker global. It owns that environment's
 * "service worker object map" and "registration object map", so each environment gets
 * its own JS objects with stable identity, and its tasks stop running once it is gone.
 */
import { asBrowser, asPage } from './late-timers.js';
import { FakeServiceWorkerRegistration } from './registration.js';
import type { RegistrationRecord } from './registration.js';
import { FakeServiceWorker } from './service-worker.js';
import type { WorkerRecord } from './service-worker.js';
import type { Page } from './page.js';
import type { UserAgent } from './user-agent.js';

export type RealmOwner =
  { readonly kind: 'page'; readonly page: Page } | { readonly kind: 'worker'; readonly worker: WorkerRecord };

export class Realm {
  #alive = true;
  readonly #workers = new Map<WorkerRecord, FakeServiceWorker>();
  readonly #registrations = new Map<RegistrationRecord, FakeServiceWorkerRegistration>();

  constructor(
    readonly ua: UserAgent,
    readonly owner: RealmOwner,
  ) {
    ua.realms.add(this);
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** A crashed page's realm: whatever its (dead) script still calls has no effect. */
  get crashed(): boolean {
    return this.owner.kind === 'page' && this.owner.page.crashed;
  }

  /** Spec "get the service worker object": created on first use with the current state. */
  serviceWorker(worker: WorkerRecord): FakeServiceWorker {
    let object = this.#workers.get(worker);
    if (object === undefined) {
      object = new FakeServiceWorker(worker, this);
      this.#workers.set(worker, object);
    }
    return object;
  }

  /** The existing object for `worker`, if this realm ever got one. */
  existingServiceWorker(worker: WorkerRecord): FakeServiceWorker | undefined {
    return this.#workers.get(worker);
  }

  /** Spec "get the service worker registration object". */
  registration(registration: RegistrationRecord): FakeServiceWorkerRegistration {
    let object = this.#registrations.get(registration);
    if (object === undefined) {
      object = new FakeServiceWorkerRegistration(registration, this);
      this.#registrations.set(registration, object);
    }
    return object;
  }

  existingRegistration(registration: RegistrationRecord): FakeServiceWorkerRegistration | undefined {
    return this.#registrations.get(registration);
  }

  /** Queues a task on this realm's event loop; it is dropped if the realm is gone by then. */
  queueTask(task: () => void): void {
    const run = () => {
      if (!this.#alive) return;
      if (this.owner.kind === 'worker') return asBrowser(task);
      const { page } = this.owner;
      if (!page.deferWhileCached(task)) asPage(page.timers, task);
    };
    const late = this.owner.kind === 'page' ? this.owner.page.tab.lateTasksMs : 0;
    // Equal delays end in the order they began, so a late tab's tasks keep their order.
    if (late > 0) void this.ua.scheduler.sleep(late).then(() => this.ua.scheduler.queue(run));
    else this.ua.scheduler.queue(run);
  }

  /** The document was discarded or the worker stopped: no more tasks, no more events. */
  destroy(): void {
    this.#alive = false;
    this.ua.realms.delete(this);
  }
}
