/**
 * A registration twice over: `RegistrationRecord` is the browser's underlying
 * registration (installing / waiting / active workers), `FakeServiceWorkerRegistration`
 * is the JS object a realm sees. The object's `installing` / `waiting` / `active`
 * attributes change only when that realm's Update Registration State task runs.
 */
import type { RegistrationLike } from '../../src/page/environment.js';
import { scheduleJob } from './jobs.js';
import type { Realm } from './realm.js';
import type { FakeServiceWorker, FakeWorkerInfo, WorkerRecord } from './service-worker.js';

/** Read-only view of an underlying registration, for assertions. */
export interface FakeRegistrationInfo {
  readonly scope: string;
  readonly installing: FakeWorkerInfo | null;
  readonly waiting: FakeWorkerInfo | null;
  readonly active: FakeWorkerInfo | null;
}

export type RegistrationSlot = 'installing' | 'waiting' | 'active';

export class RegistrationRecord implements FakeRegistrationInfo {
  installing: WorkerRecord | null = null;
  waiting: WorkerRecord | null = null;
  active: WorkerRecord | null = null;

  constructor(readonly scope: string) {}

  /** Spec "Get Newest Worker". */
  get newestWorker(): WorkerRecord | null {
    return this.installing ?? this.waiting ?? this.active;
  }
}

export class FakeServiceWorkerRegistration extends EventTarget implements RegistrationLike {
  #slots: Record<RegistrationSlot, FakeServiceWorker | null>;

  /** @internal Use `Realm.registration()`: one object per registration per realm. */
  constructor(
    readonly record: RegistrationRecord,
    private readonly realm: Realm,
  ) {
    super();
    const view = (worker: WorkerRecord | null): FakeServiceWorker | null => worker && realm.serviceWorker(worker);
    this.#slots = {
      installing: view(record.installing),
      waiting: view(record.waiting),
      active: view(record.active),
    };
  }

  get scope(): string {
    return this.record.scope;
  }

  get updateViaCache(): ServiceWorkerUpdateViaCache {
    return 'imports';
  }

  get installing(): FakeServiceWorker | null {
    return this.#slots.installing;
  }

  get waiting(): FakeServiceWorker | null {
    return this.#slots.waiting;
  }

  get active(): FakeServiceWorker | null {
    return this.#slots.active;
  }

  /**
   * Spec `update()`: resolves with this object once a new worker is installing (or at
   * once when the script is byte-identical); rejects with a TypeError on a bad script.
   */
  update(): Promise<FakeServiceWorkerRegistration> {
    // A crashed page's script is dead: its calls never settle and start nothing.
    if (this.realm.crashed) return new Promise(() => {});
    const newest = this.record.newestWorker;
    if (newest === null) {
      return Promise.reject(new DOMException('No worker to update.', 'InvalidStateError'));
    }
    if (this.realm.owner.kind === 'worker' && this.realm.owner.worker.state === 'installing') {
      return Promise.reject(new DOMException('Worker is installing.', 'InvalidStateError'));
    }
    return new Promise((resolve, reject) =>
      scheduleJob(this.realm.ua, {
        type: 'update',
        scope: this.record.scope,
        scriptURL: newest.scriptURL,
        client: this.realm,
        resolve,
        reject,
      }),
    );
  }

  /** @internal The Update Registration State task for this realm. */
  setSlot(slot: RegistrationSlot, worker: FakeServiceWorker | null): void {
    this.#slots[slot] = worker;
  }
}
