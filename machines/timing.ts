/**
 * Every timing the coordinator uses, with where the number comes from.
 * Override any of them with the `timing` option (tests shorten them).
 */
export interface Timing {
  /**
   * How long a freshly elected leader, which does not know who presents, waits for
   * an answer to its first REVOKE before granting. A presenter answers within a few
   * ms on BroadcastChannel; no answer usually means the presenter was the old leader
   * and is gone. Kept well under the 250 ms failover budget.
   *
   * @default 100 (100 ms)
   */
  handoffTimeout: number;
  /**
   * How long the leader waits for a known previous presenter that is still in the
   * roster to confirm its prompt is gone, before granting another tab anyway. Its
   * cleanup runs first: a responsive tab answers within a few ms (two polls, about
   * 300 ms, over IndexedDB), a busy one when its long task ends. Closed and crashed
   * tabs leave the roster and are not waited for; only a tab frozen or busy for
   * longer than this loses the prompt without having cleaned up. Over IndexedDB,
   * where a hidden tab reads messages about once a second, the leader waits at least 3 s.
   *
   * @default 1000 (1 s)
   */
  releaseTimeout: number;
  /**
   * How long after SKIP_WAITING the new worker may take to activate before the
   * accept is reported as failed and the prompt returns. Chromium takes about
   * 1 s from skipWaiting() to activate (docs/benchmarks.md); ten times that
   * leaves room for slow `activate` handlers without hanging forever on a worker
   * that has no SKIP_WAITING listener.
   *
   * @default 10_000 (10 s)
   */
  activateTimeout: number;
  /**
   * How long after its reload call a page that is still here concludes that the reload
   * did not happen: the app's `beforeunload` prompt was answered "Stay", or the
   * navigation failed. It then reports `reload-cancelled`, registers and joins the group
   * again, and goes on with the version it runs. A navigation replaces the page well
   * within this, served by the new worker; ten seconds leaves room for a slow network.
   *
   * @default 10_000 (10 s)
   */
  reloadTimeout: number;
  /**
   * How long a page that loads hidden by a reload (the tabs of an accepted update reload
   * together) waits after its `load` event before the core loads and joins the group,
   * unless it is shown, takes a hold, is called (accept, check…) or hears from the worker
   * first. Twenty tabs that each fetch, parse and start the core and announce themselves
   * while the others still reload slow every reload down (docs/benchmarks.md); a hidden
   * page has nothing to show or ask meanwhile. 0 starts the core at `load`, as in a
   * visible page.
   *
   * @default 2_000 (2 s)
   */
  hiddenReloadDelay: number;
  /**
   * How long after SKIP_WAITING the accepted worker may still wait before the tab that
   * accepted (and the leader) navigate a hidden frame in the scope: Chromium can drop an
   * activation when a page's request reaches the old worker as it retires, and tries it
   * again on a navigation in the scope (docs/troubleshooting.md). Chromium's own
   * activation takes about 1 s while the pages make requests; an earlier navigation
   * would slow that one down, a later one leaves the update stalled longer.
   *
   * @default 2_000 (2 s)
   */
  activationNudge: number;
  /**
   * A tab still `activating` this long after accepting posts SKIP_WAITING itself: the
   * leader may have changed or reloaded mid-accept and nobody else would. Chromium
   * fires controllerchange about 10 ms after skipWaiting(), so by 500 ms a working
   * leader has long been heard from; a duplicate SKIP_WAITING is harmless.
   *
   * @default 500 (500 ms)
   */
  skipWaitingRetry: number;
  /**
   * How long a worker may take to answer a version question before the version is
   * taken as unknown. Answers take a few ms; a worker without our module never answers.
   *
   * @default 1000 (1 s)
   */
  versionTimeout: number;
  /**
   * How long after the last change of the tab roster the leader waits before
   * choosing a presenter, so a burst of tab announcements yields one decision. A
   * hidden leader decides at once: Chrome runs a hidden tab's timers up to 1 s late.
   *
   * @default 20 (20 ms)
   */
  rosterSettle: number;
  /**
   * How often the leader calls the roll while something depends on liveness (an
   * update under way, a hold anywhere; idle tabs send nothing): every tab answers, and
   * a tab that did not answer the previous call (frozen, crashed without Web Locks)
   * leaves the roster, so its holds stop blocking the group. Message handling is not
   * throttled in hidden tabs, so only a frozen or dead tab misses a call.
   *
   * @default 15_000 (15 s)
   */
  rollCallInterval: number;
  /**
   * How long after a roll call the leader waits for answers before dropping tabs.
   *
   * @default 1000 (1 s)
   */
  rollCallWindow: number;
  /**
   * A tab hidden at least this long checks for an update when shown again (one
   * request for the whole app: the leader debounces). Long-lived background tabs
   * otherwise miss updates (workbox #2130).
   *
   * @default 60_000 (60 s)
   */
  recheckAfterHidden: number;
  /**
   * Triggered checks (a tab shown after `recheckAfterHidden`, back online, a follower's
   * request) closer together than this to the previous check make no request: N tabs
   * coming online make one. The leader's `checkInterval` and `checkForUpdate()` are not
   * debounced. An install that fails again this soon after the last failure (the
   * browser's own update check right after the app's) is reported once.
   *
   * @default 10_000 (10 s)
   */
  checkDebounce: number;
  /**
   * First wait after a failed check before the next automatic one (interval or
   * triggered); doubles per failure up to `checkBackoffMax`. `checkForUpdate()` is not held back.
   *
   * @default 30_000 (30 s)
   */
  checkBackoff: number;
  /**
   * The longest wait between automatic checks while they keep failing.
   *
   * @default 3_600_000 (1 h)
   */
  checkBackoffMax: number;
}

/** `hiddenReloadDelay`'s default, apart so the shell reads it without the rest. */
export const DEFAULT_HIDDEN_RELOAD_DELAY = 2_000;

/** The defaults; each is also the `@default` of its field above (a docs test keeps them equal). */
export const DEFAULT_TIMING: Timing = {
  handoffTimeout: 100,
  releaseTimeout: 1_000,
  activateTimeout: 10_000,
  reloadTimeout: 10_000,
  hiddenReloadDelay: DEFAULT_HIDDEN_RELOAD_DELAY,
  activationNudge: 2_000,
  skipWaitingRetry: 500,
  versionTimeout: 1_000,
  rosterSettle: 20,
  rollCallInterval: 15_000,
  rollCallWindow: 1_000,
  recheckAfterHidden: 60_000,
  checkDebounce: 10_000,
  checkBackoff: 30_000,
  checkBackoffMax: 60 * 60 * 1000,
};

/**
 * How long to wait after `failures` failed attempts in a row (update checks, registration):
 * `checkBackoff`, doubling per failure, at most `checkBackoffMax`.
 */
export function backoff(timing: Pick<Timing, 'checkBackoff' | 'checkBackoffMax'>, failures: number): number {
  return Math.min(timing.checkBackoff * 2 ** Math.max(0, failures - 1), timing.checkBackoffMax);
}

/** One hour: the update-check interval and snooze length the library defaults to. */
export const DEFAULT_CHECK_INTERVAL = 60 * 60 * 1000;
export const DEFAULT_SNOOZE = 60 * 60 * 1000;
/**
 * `'idle'` policy: ten minutes with every tab hidden, long enough that the user has
 * left rather than glanced at another window, short enough to land within a break.
 */
export const DEFAULT_IDLE_DELAY = 10 * 60 * 1000;
