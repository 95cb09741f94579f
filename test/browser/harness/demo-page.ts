/**
 * What the harness sets and reads in the demo page: the hidden reload delay of its query,
 * its readiness (`window.__demo`) and the shadow-piercing query for its elements.
 */
import { DEFAULT_HIDDEN_RELOAD_DELAY } from '../../../machines/timing.js';
import type { Tab } from '../driver/index.js';
import { poll } from './waits.js';

/**
 * `timing.hiddenReloadDelay` of the demo pages the suite opens, unless a query names one:
 * a tab that reloaded hidden starts its core at once instead of after 2 s. The wait
 * spares a user's machine after an update and is checked on its own in every engine
 * (shell.test.ts, and the default is kept where a scenario passes `LIBRARY_HIDDEN_RELOAD_DELAY`);
 * elsewhere it would only add seconds to every "every tab reloaded and idle" wait.
 */
export const SUITE_HIDDEN_RELOAD_DELAY = 0;

/** The query that keeps the library's default for the hidden reload delay. */
export const LIBRARY_HIDDEN_RELOAD_DELAY = `timing.hiddenReloadDelay=${DEFAULT_HIDDEN_RELOAD_DELAY}`;

/** Waits for the demo page's `window.__demo` (set by its script, which may run after load). */
export const demoReady = (tab: Tab): Promise<unknown> =>
  poll(() => tab.evaluate(() => window.__demo !== undefined).catch(() => false), { timeout: 15_000, interval: 50 });

/** The driver's shadow-piercing query (`a >>> b`), as source for page functions. */
export const DEEP_QUERY = `function (selector) {
  let scope = document, found = null;
  for (const part of selector.split('>>>').map((s) => s.trim())) {
    if (scope === null) return null;
    found = scope.querySelector(part);
    scope = found && found.shadowRoot;
  }
  return found;
}`;
