/**
 * The spec's "Update Worker State" and "Update Registration State" algorithms: change the
 * underlying record at once, then queue one task per realm that updates that realm's JS
 * objects (and fires `statechange`). Also "Terminate Service Worker".
 */
import type { RegistrationRecord, RegistrationSlot } from './registration.js';
import type { WorkerRecord } from './service-worker.js';
import type { UserAgent } from './user-agent.js';

export function updateWorkerState(ua: UserAgent, worker: WorkerRecord, state: ServiceWorkerState): void {
  worker.setState(state);
  // Realms that never got an object for this worker have nothing to update.
  for (const realm of [...ua.realms]) {
    realm.queueTask(() => realm.existingServiceWorker(worker)?.changeState(state));
  }
  // A redundant worker never runs again.
  if (state === 'redundant') terminateWorker(worker);
}

export function updateRegistrationState(
  ua: UserAgent,
  registration: RegistrationRecord,
  slot: RegistrationSlot,
  worker: WorkerRecord | null,
): void {
  registration[slot] = worker;
  for (const realm of [...ua.realms]) {
    const object = realm.existingRegistration(registration);
    if (object === undefined) continue;
    realm.queueTask(() => object.setSlot(slot, worker && realm.serviceWorker(worker)));
  }
}

/** Stops the worker's global: its realm's tasks are dropped, its extended events forgotten. */
export function terminateWorker(worker: WorkerRecord): void {
  const scope = worker.global;
  if (scope === null) return;
  worker.global = null;
  worker.extendedEvents.clear();
  scope.realm.destroy();
}
