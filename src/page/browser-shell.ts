/**
 * `createUpdateCoordinator`: the shell over the real browser, with the core in its own
 * chunk. Reads no global until called, so it is safe to import in Node (server rendering).
 */
import type { ContainerLike } from './environment.js';
import type { ShellEnvironment } from './early-events.js';
import { createShell } from './shell.js';
import type { UpdateCoordinator, UpdateCoordinatorOptions } from './types.js';

/** The slice of the browser the shell reads; the core adds the rest (src/page/core.ts). */
function browserShellEnvironment(): ShellEnvironment {
  return {
    serviceWorker: 'serviceWorker' in navigator ? (navigator.serviceWorker as unknown as ContainerLike) : undefined,
    isSecureContext: globalThis.isSecureContext === true,
    whenLoaded: () =>
      document.readyState === 'complete'
        ? Promise.resolve()
        : new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true })),
    whenUnhurried: (delay) =>
      new Promise((resolve) => {
        const navigation = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
        // Only a hidden reload waits: a user who reloads a tab looks at it.
        if (delay <= 0 || navigation?.type !== 'reload' || !document.hidden) return resolve();
        const done = (): void => {
          clearTimeout(timer);
          document.removeEventListener('visibilitychange', shown);
          resolve();
        };
        const shown = (): void => void (document.hidden || done());
        const timer = setTimeout(done, delay);
        document.addEventListener('visibilitychange', shown);
      }),
    now: () => Date.now(),
    href: location.href,
  };
}

/**
 * Starts coordinating service-worker updates for this tab: registers `scriptURL`
 * after the page's `load` event, joins the app's other tabs, and prompts in one tab.
 * Never throws for an unsupported browser: the status becomes `'unsupported'`.
 *
 * What this adds to the page's main chunk is a small shell; the rest (the state
 * machines, broadcast-channel, the adapters) loads as a separate chunk after `load`.
 * Whatever happens before that (the worker's messages, holds, commands) is kept and
 * handed over: nothing is lost.
 *
 * @throws TypeError only for invalid options: a missing or empty `scriptURL`, a
 * `checkInterval`, `snooze` or `idleDelay` that is not a number ≥ 0, or an unknown `policy`.
 *
 * @example
 * ```ts
 * const updates = createUpdateCoordinator({
 *   scriptURL: '/sw.js',
 *   onPrompt(prompt) {
 *     const bar = showBar(`Version ${prompt.version ?? 'new'} is ready`, prompt.accept, prompt.dismiss);
 *     return () => bar.remove();
 *   },
 * });
 * ```
 */
export function createUpdateCoordinator(options: UpdateCoordinatorOptions): UpdateCoordinator {
  const env = typeof window === 'undefined' ? undefined : browserShellEnvironment();
  return createShell(options, env, () => import('./core.js'));
}
