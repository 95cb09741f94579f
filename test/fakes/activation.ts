/**
 * The spec's "Try Activate" and "Activate" algorithms, plus what changes controllers:
 * "Handle Service Worker Client Unload", `clients.claim()` and "Notify Controller Change".
 */
import { FakeExtendableEvent } from './events.js';
import type { Page } from './page.js';
import type { RegistrationRecord } from './registration.js';
import type { WorkerRecord } from './service-worker.js';
import { updateRegistrationState, updateWorkerState } from './state.js';
import type { UserAgent } from './user-agent.js';
import { runServiceWorker } from './worker-scope.js';

/**
 * Activates the waiting worker if nothing holds it back: no active worker, or the active
 * worker is idle and controls no client, or the waiting worker called skipWaiting().
 * Resolves when the activation it started (if any) has finished.
 */
export function tryActivate(ua: UserAgent, registration: RegistrationRecord): Promise<void> {
  const { waiting, active } = registration;
  if (waiting === null) return Promise.resolve();
  // An activation in progress delays the next one (re-tried when it ends).
  if (active?.state === 'activating') return Promise.resolve();
  if (active === null) return activate(ua, registration);
  if (!active.hasNoPendingEvents) return Promise.resolve();
  if (!ua.isUsing(registration)) return activate(ua, registration);
  if (!waiting.skipWaitingFlag) return Promise.resolve();
  return activate(ua, registration);
}

/** Spec "Activate". */
async function activate(ua: UserAgent, registration: RegistrationRecord): Promise<void> {
  const worker = registration.waiting;
  if (worker === null) return;
  const previous = registration.active;
  // The spec retires the old worker first; Firefox makes the new one active first.
  const retireFirst = ua.options.activationOrder === 'retireFirst';
  if (previous !== null && retireFirst) updateWorkerState(ua, previous, 'redundant');
  updateRegistrationState(ua, registration, 'active', worker);
  updateRegistrationState(ua, registration, 'waiting', null);
  updateWorkerState(ua, worker, 'activating');
  if (previous !== null && !retireFirst) updateWorkerState(ua, previous, 'redundant');

  for (const client of ua.clients) {
    if (ua.matchRegistration(client.url) !== registration) continue;
    client.realm.queueTask(() => client.container.resolveReady(registration));
  }
  // Only clients of the old worker move over: an uncontrolled page (the one that
  // registered the first worker) stays uncontrolled unless the worker claims it.
  for (const client of ua.clients) {
    if (client.activeWorker?.registration !== registration) continue;
    client.activeWorker = worker;
    notifyControllerChange(client);
  }

  // Measured in Chromium: controllerchange follows skipWaiting() within ~10 ms, then
  // about a second passes before the activate event while pages are still controlled.
  const delay = ua.options.activationDelayMs;
  if (previous !== null && worker.skipWaitingFlag && delay > 0) await ua.scheduler.sleep(delay);
  const scope = runServiceWorker(ua, worker);
  if (scope !== null) await scope.dispatchExtendable(new FakeExtendableEvent('activate'));
  // A rejected activate promise does not stop activation.
  updateWorkerState(ua, worker, 'activated');
  // Try Activate gives up while a worker is "activating"; like Chromium, look again now so
  // a worker that finished installing meanwhile is not stranded.
  void tryActivate(ua, registration);
}

/** Spec "Handle Service Worker Client Unload": the last client of a registration left. */
export function handleClientUnload(ua: UserAgent, client: Page): void {
  const registration = client.activeWorker?.registration;
  if (registration === undefined || ua.isUsing(registration)) return;
  void tryActivate(ua, registration);
}

/** `clients.claim()` after its synchronous check: control every in-scope client. */
export async function claimClients(ua: UserAgent, worker: WorkerRecord): Promise<void> {
  await ua.scheduler.nextTask();
  const { registration } = worker;
  for (const client of [...ua.clients]) {
    if (client.activeWorker === worker) continue;
    if (ua.matchRegistration(client.url) !== registration) continue;
    const previous = client.activeWorker?.registration;
    client.activeWorker = worker;
    if (previous !== undefined && previous !== registration && !ua.isUsing(previous)) {
      void tryActivate(ua, previous);
    }
    notifyControllerChange(client);
  }
}

/**
 * Spec "Notify Controller Change". The page's `controller` and the event change together
 * in one task, as in Chromium (the spec lets `controller` change a little earlier).
 */
export function notifyControllerChange(client: Page): void {
  const worker = client.activeWorker;
  client.realm.queueTask(() => client.container.changeController(worker));
}
