/**
 * Follows a registration's workers and reports their progress to the machine: a newer
 * worker installing, waiting (with its version), activating, activated, or discarded
 * because its install failed; for the first worker of a scope, that it works offline.
 */
import type { RegistrationEvent } from '../../../machines/lifecycle-events.js';
import { updateError } from '../errors.js';
import type { RegistrationLike, WorkerLike } from '../environment.js';
import type { AskVersion } from './page-versions.js';
import type { RegistrationSettings } from './adapter.js';

export type Listen = (target: EventTarget, type: string, listener: (event: Event) => void) => void;

export interface WorkerWatchSettings extends Pick<RegistrationSettings, 'applied' | 'snoozeRemaining' | 'timing'> {
  send(event: RegistrationEvent): void;
  version: AskVersion;
  now(): number;
  /** The registration adapter's set of this page's workers: each worker seen is added to it. */
  own: WeakSet<object>;
}

/** Starts following `reg`'s workers, with listeners added through `listen` (removed when the adapter stops). */
export function watchWorkers(reg: RegistrationLike, listen: Listen, settings: WorkerWatchSettings): void {
  const { send, own } = settings;
  const reportWaiting = (worker: WorkerLike): void => {
    void settings.version(worker).then((v) => {
      // A newer worker may have replaced this one while we asked.
      if (reg.waiting === worker) {
        send({ type: 'WORKER_WAITING', version: v, snoozeRemaining: settings.snoozeRemaining(v) });
      }
    });
  };

  /**
   * The last install failure since a worker installed. WebKit also updates on its own a
   * second after a page loads (its soft update): right after the app's check, the same
   * script then fails twice. One within `timing.checkDebounce` of the last is the same
   * failure, sent with the same error, which the coordinator reports once (wiring.ts).
   */
  let failed: { at: number; error: Error } | undefined;

  const track = (worker: WorkerLike): void => {
    if (own.has(worker)) return;
    own.add(worker);
    // The first worker of a scope activates at once and never waits.
    const isFirstInstall = reg.active === null;
    let installed = worker.state !== 'installing';
    listen(worker, 'statechange', () => {
      if (worker.state === 'installed') {
        installed = true;
        failed = undefined;
        if (!isFirstInstall && reg.waiting === worker) reportWaiting(worker);
      } else if (worker.state === 'activating' && !isFirstInstall) {
        send({ type: 'WORKER_ACTIVATING' });
      } else if (worker.state === 'activated') {
        if (!isFirstInstall) settings.applied.markActivated(settings.now());
        send(isFirstInstall ? { type: 'OFFLINE_READY' } : { type: 'WORKER_ACTIVATED', at: settings.now() });
      } else if (worker.state === 'redundant' && !installed) {
        const at = settings.now();
        const error =
          failed && at - failed.at < settings.timing.checkDebounce
            ? failed.error
            : updateError(
                'install-failed',
                `The new service worker ${worker.scriptURL} failed to install and was discarded; ` +
                  'every tab stays on the current version. Check its install handler (a failed precache request, for example).',
              );
        failed = { at, error };
        send({ type: 'INSTALL_FAILED', error });
      }
    });
  };

  if (reg.active !== null) own.add(reg.active);
  listen(reg, 'updatefound', () => {
    if (reg.installing === null) return;
    track(reg.installing);
    send({ type: 'WORKER_INSTALLING' });
  });
  // A worker already waiting or installing when the page loaded is easy to miss
  // (workbox #2165, #2526): report it as if it had just happened.
  if (reg.waiting !== null) {
    track(reg.waiting);
    reportWaiting(reg.waiting);
  }
  if (reg.installing !== null) {
    track(reg.installing);
    send({ type: 'WORKER_INSTALLING' });
  }
}
