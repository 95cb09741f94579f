/**
 * The spec's job queue and its Register, Update and Soft Update algorithms. Jobs for one
 * scope run one at a time; an equivalent job queued behind an unsettled one shares its
 * outcome (so many tabs calling `update()` at once cause one script fetch).
 */
import { install } from './install.js';
import type { Realm } from './realm.js';
import type { FakeServiceWorkerRegistration, RegistrationRecord } from './registration.js';
import { sameBytes } from './server.js';
import { WorkerRecord } from './service-worker.js';
import type { UserAgent } from './user-agent.js';
import { runServiceWorker } from './worker-scope.js';

export interface Job {
  readonly type: 'register' | 'update';
  /** Serialized scope URL. */
  readonly scope: string;
  readonly scriptURL: string;
  /** Where the promise settles; null for soft updates (no promise). */
  readonly client: Realm | null;
  readonly resolve?: (registration: FakeServiceWorkerRegistration) => void;
  readonly reject?: (error: Error) => void;
  equivalent?: Job[];
  settled?: boolean;
}

export function scheduleJob(ua: UserAgent, job: Job): void {
  let queue = ua.jobQueues.get(job.scope);
  if (queue === undefined) ua.jobQueues.set(job.scope, (queue = []));
  const last = queue.at(-1);
  if (last === undefined) {
    queue.push(job);
    runJob(ua, queue);
  } else if (isEquivalent(job, last) && last.settled !== true) {
    (last.equivalent ??= []).push(job);
  } else {
    queue.push(job);
  }
}

function isEquivalent(a: Job, b: Job): boolean {
  return a.type === b.type && a.scope === b.scope && a.scriptURL === b.scriptURL;
}

function runJob(ua: UserAgent, queue: Job[]): void {
  ua.scheduler.queue(() => {
    const job = queue[0];
    if (job === undefined) return;
    const run = job.type === 'register' ? register : update;
    void run(ua, job);
  });
}

export function finishJob(ua: UserAgent, job: Job): void {
  const queue = ua.jobQueues.get(job.scope);
  if (queue?.[0] !== job) throw new Error('finishJob: job is not at the head of its queue');
  queue.shift();
  if (queue.length > 0) runJob(ua, queue);
}

/** Settles the job's promise (and its equivalents') in each client's realm, as a task. */
export function resolveJobPromise(job: Job, registration: RegistrationRecord): void {
  job.settled = true;
  for (const each of [job, ...(job.equivalent ?? [])]) {
    const { client, resolve } = each;
    if (client === null || resolve === undefined) continue;
    client.queueTask(() => resolve(client.registration(registration)));
  }
}

export function rejectJobPromise(job: Job, error: () => Error): void {
  job.settled = true;
  for (const each of [job, ...(job.equivalent ?? [])]) {
    const { client, reject } = each;
    if (client === null || reject === undefined) continue;
    client.queueTask(() => reject(error()));
  }
}

const typeError = (message: string) => () => new TypeError(message);
const securityError = (message: string) => () => new DOMException(message, 'SecurityError');

/** Spec "Register". */
async function register(ua: UserAgent, job: Job): Promise<void> {
  const { origin } = ua.options;
  if (new URL(job.scriptURL).origin !== origin || new URL(job.scope).origin !== origin) {
    rejectJobPromise(job, securityError('The origin of the script or scope does not match.'));
    return finishJob(ua, job);
  }
  const registration = ua.registrations.get(job.scope);
  if (registration === undefined) {
    ua.setRegistration(job.scope);
  } else if (registration.newestWorker?.scriptURL === job.scriptURL) {
    // Same script URL: register() does not even check for an update.
    resolveJobPromise(job, registration);
    return finishJob(ua, job);
  }
  await update(ua, job);
}

/** Spec "Update": fetch, compare bytes, run the new script, then Install. */
async function update(ua: UserAgent, job: Job): Promise<void> {
  const registration = ua.registrations.get(job.scope);
  if (registration === undefined) {
    rejectJobPromise(job, typeError('The registration is gone.'));
    return finishJob(ua, job);
  }
  const newest = registration.newestWorker;
  if (job.type === 'update' && newest !== null && newest.scriptURL !== job.scriptURL) {
    rejectJobPromise(job, typeError('The script URL changed.'));
    return finishJob(ua, job);
  }
  const fail = (error: () => Error): void => {
    rejectJobPromise(job, error);
    // A first registration that never got a worker is discarded.
    if (newest === null) ua.removeRegistration(registration);
    finishJob(ua, job);
  };

  await ua.scheduler.nextTask(); // the network round trip
  const response = ua.server.fetch(job.scriptURL);
  const { script } = response;
  if ('status' in script && (script.status < 200 || script.status > 299)) {
    return fail(typeError(`A bad HTTP response code (${script.status}) was received when fetching the script.`));
  }
  const maxScope = new URL('./', job.scriptURL).pathname;
  if (!new URL(registration.scope).pathname.startsWith(maxScope)) {
    return fail(securityError(`The path of the provided scope is not under the max scope allowed (${maxScope}).`));
  }
  if (newest !== null && newest.scriptURL === job.scriptURL && sameBytes(newest.deployment, response)) {
    resolveJobPromise(job, registration);
    return finishJob(ua, job);
  }

  const worker = new WorkerRecord(ua.workers.length + 1, registration, response);
  ua.workers.push(worker);
  // The script runs before Install: a parse error or a throw at top level rejects the
  // job, and no updatefound ever fires.
  if (runServiceWorker(ua, worker) === null) {
    return fail(typeError('ServiceWorker script evaluation failed'));
  }
  await install(ua, job, worker, registration);
}

/** Spec "Soft Update": an update check without a promise, as after a navigation. */
export function softUpdate(ua: UserAgent, registration: RegistrationRecord): void {
  const newest = registration.newestWorker;
  if (newest === null) return;
  scheduleJob(ua, { type: 'update', scope: registration.scope, scriptURL: newest.scriptURL, client: null });
}
