/**
 * Chromium can drop an activation that `skipWaiting()` started: when a page's request
 * reaches the old worker just as Chromium retires it, the accepted worker stays waiting
 * until the old one's idle timeout, about 30 s later, however often SKIP_WAITING is
 * posted again (test/browser/updates.test.ts, "requests in flight"). On a navigation in
 * the registration's scope Chromium looks for a waiting worker and tries the activation
 * again, at once. So a second request to skip waiting for the same worker (the retry: it
 * has not begun to activate) starts one such navigation, in a hidden frame that runs no
 * script, removed once the worker leaves the waiting state. Elsewhere the navigation
 * costs one request and changes nothing.
 */
import type { Environment, WorkerLike } from '../environment.js';

/** What the frame loads, relative to the scope: a path no app is likely to serve. */
export const NUDGE_PATH = '__sw-update-coordinator-activate';

/** Called for every SKIP_WAITING posted; nudges on the second for one worker. */
export type ActivationNudge = (worker: WorkerLike, scope: string) => void;

export function createActivationNudge(env: Pick<Environment, 'visitHidden'>): ActivationNudge {
  const asked = new WeakSet<WorkerLike>();
  const nudged = new WeakSet<WorkerLike>();
  return (worker, scope) => {
    if (!asked.has(worker)) return void asked.add(worker);
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
