/**
 * The spec's "Install" algorithm: installing slot, promise resolution, `updatefound` in
 * every realm, the `install` event (with waitUntil), then waiting (replacing an older
 * waiting worker) and Try Activate; or redundant on failure.
 */
import { tryActivate } from './activation.js';
import { FakeExtendableEvent } from './events.js';
import { finishJob, resolveJobPromise } from './jobs.js';
import type { Job } from './jobs.js';
import type { RegistrationRecord } from './registration.js';
import type { WorkerRecord } from './service-worker.js';
import { updateRegistrationState, updateWorkerState } from './state.js';
import type { UserAgent } from './user-agent.js';
import { runServiceWorker } from './worker-scope.js';

export async function install(
  ua: UserAgent,
  job: Job,
  worker: WorkerRecord,
  registration: RegistrationRecord,
): Promise<void> {
  const newest = registration.newestWorker;
  updateRegistrationState(ua, registration, 'installing', worker);
  updateWorkerState(ua, worker, 'installing');
  // register()/update() resolve here, the new worker installing (the spec; Chromium and
  // WebKit), or once it is installed (Firefox): the browser's profile says which.
  const resolvesInstalled = ua.options.updateResolvesWhen === 'installed';
  if (!resolvesInstalled) resolveJobPromise(job, registration);
  for (const realm of [...ua.realms]) {
    realm.queueTask(() => realm.existingRegistration(registration)?.dispatchEvent(new Event('updatefound')));
  }

  const scope = runServiceWorker(ua, worker);
  const failed = scope === null || (await scope.dispatchExtendable(new FakeExtendableEvent('install')));

  if (failed) {
    if (resolvesInstalled) resolveJobPromise(job, registration);
    updateWorkerState(ua, worker, 'redundant');
    updateRegistrationState(ua, registration, 'installing', null);
    if (newest === null) ua.removeRegistration(registration);
    return finishJob(ua, job);
  }

  // A newer worker replaces the one already waiting.
  if (registration.waiting !== null) updateWorkerState(ua, registration.waiting, 'redundant');
  updateRegistrationState(ua, registration, 'waiting', worker);
  updateRegistrationState(ua, registration, 'installing', null);
  updateWorkerState(ua, worker, 'installed');
  if (resolvesInstalled) resolveJobPromise(job, registration);
  finishJob(ua, job);
  // "Wait for all the tasks queued by Update Worker State to have executed."
  await ua.scheduler.nextTask();
  void tryActivate(ua, registration);
}
