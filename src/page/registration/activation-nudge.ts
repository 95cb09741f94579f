/**
 * Chromium can drop an activation that `skipWaiting()` started: when a page's request
 * reaches the old worker just as Chromium retires it, the accepted worker stays waiting
 * until the old one's idle timeout, about 30 s later, however often SKIP_WAITING is
 * posted again (test/browser/updates.test.ts, "requests in flight"). On a navigation in
 * the registration's scope Chromium looks for a waiting worker and tries the activation
 * again, at once. The machine asks for that navigation once the accepted worker has
 * waited `timing.activationNudge`; it runs in a hidden frame that runs no script, removed
 * once the worker leaves the waiting state. Elsewhere it costs one request and changes
 * nothing.
 */
import type { Environment, WorkerLike } from '../environment.js';

/** What the frame loads, relative to the scope: a path no app is likely to serve. */
export const NUDGE_PATH = '__sw-update-coordinator-activate';

/** Navigates in `scope` for a worker that still waits; once per worker. */
export type ActivationNudge = (worker: WorkerLike, scope: string) => void;

export function createActivationNudge(env: Pick<Environment, 'visitHidden'>): ActivationNudge {
  const nudged = new WeakSet<WorkerLike>();
  return (worker, scope) => {
    if (nudged.has(worker) || env.visitHidden === undefined) return;
    nudged.add(worker);
    const remove = env.visitHidden(new URL(NUDGE_PATH, scope).href);
    const left = (): void => {
      if (worker.state === 'installed') return;
      worker.removeEventListener('statechange', left);
      remove();
    };
    worker.addEventListener('statechange', left);
  };
}
