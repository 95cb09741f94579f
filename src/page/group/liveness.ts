/**
 * Noticing tabs that are gone without a BYE (crashed, killed, frozen), so a dead
 * tab never keeps the prompt or blocks the group with its holds.
 *
 * - Web Locks, where available: every tab holds a lock named after itself for its
 *   whole life, and the leader queues a request for each other tab's lock. The
 *   browser frees a dead tab's locks at once, so the leader hears of a crash within
 *   milliseconds (the same mechanism broadcast-channel's elector relies on).
 * - Roll call, everywhere: the leader asks every `rollCallInterval` and drops tabs
 *   that did not answer within `rollCallWindow`. This is the bound without Web
 *   Locks, and it also releases the group from frozen tabs, which keep their locks.
 *
 * The roll call costs every tab a wake-up per call, growing with the square of the
 * tab count, so it runs only while something depends on liveness (`needed`): an
 * update under way or a hold anywhere. While nothing does, the group sends nothing.
 * When something starts to, the schedule resumes where it would have been: the roll
 * is called at once if the last call is older than the interval, so a tab that died
 * while the group was quiet is dropped within `rollCallWindow` of that moment, or
 * `rollCallInterval + rollCallWindow` after its death if that comes later.
 */
import type { Environment } from '../environment.js';
import { COORDINATOR_STATUSES } from '../../../machines/statuses.js';
import type { CoordinatorStatus } from '../types.js';

/**
 * Whether a tab in `status` depends on noticing dead tabs (the list says which, and
 * why: machines/statuses.ts). Holds count too (the group adds them).
 */
export const dependsOnLiveness = (status: CoordinatorStatus): boolean => COORDINATOR_STATUSES[status].needsLiveness;

export interface LivenessSettings {
  scope: string;
  tabId: string;
  rollCallInterval: number;
  rollCallWindow: number;
  /** Tabs the leader currently knows, other than itself. */
  others(): Iterable<string>;
  /** Sends the roll call (every tab answers). */
  callRoll(): void;
  /** A tab is gone; called at most once per tab. `leading`: this tab should tell the others. */
  onGone(tabId: string, leading: boolean): void;
}

export interface Liveness {
  /** Runs `fn` once this tab holds its own lock (at once without Web Locks). */
  whenHolding(fn: () => void): void;
  /** A message from `tabId` arrived: it is alive. */
  seen(tabId: string): void;
  /**
   * Some tab called the roll (a HELLO, which every tab answers): drop the tabs that
   * do not answer within the window. Every tab does this, not only the leader, so a
   * dead tab the leader never knew of does not linger in the others' rosters.
   */
  rollCalled(): void;
  /** This tab leads: watch every known tab, and call the roll periodically while needed. */
  lead(): void;
  /** Whether anything depends on liveness now; the roll call runs only while it does. */
  needed(needed: boolean): void;
  /** Leader only: a tab joined the roster. */
  watch(tabId: string): void;
  /**
   * Stops watching and calling the roll. This tab's own lock stays held: its release tells
   * the leader the tab is gone, so it goes with the farewell (`release()`) or the page.
   */
  stop(): void;
  /** Lets go of this tab's own lock (after `stop()`). */
  release(): void;
}

const lockName = (scope: string, tabId: string) => `sw-update-coordinator:tab:${scope}:${tabId}`;

export function createLiveness(env: Environment, settings: LivenessSettings): Liveness {
  const lastSeen = new Map<string, number>();
  const watching = new Map<string, AbortController>();
  const gone = new Set<string>();
  let nextCall: ReturnType<typeof setTimeout> | undefined;
  let prune: ReturnType<typeof setTimeout> | undefined;
  let leading = false;
  let stopped = false;
  let needed = false;
  /** When this tab last called the roll (as leader). */
  let lastCall = Number.NEGATIVE_INFINITY;

  const declareGone = (tabId: string): void => {
    if (stopped || gone.has(tabId)) return;
    gone.add(tabId);
    watching.get(tabId)?.abort();
    watching.delete(tabId);
    lastSeen.delete(tabId);
    settings.onGone(tabId, leading);
  };

  const pruneAfter = (calledAt: number): void => {
    if (prune !== undefined) return; // a window is already open; it covers this call
    prune = setTimeout(() => {
      prune = undefined;
      for (const tabId of [...settings.others()]) {
        if ((lastSeen.get(tabId) ?? Number.NEGATIVE_INFINITY) < calledAt) declareGone(tabId);
      }
    }, settings.rollCallWindow);
  };

  // Our own lock, held until release() (or the page dies, which frees it too). The tab
  // announces itself only once it holds it: a leader that heard it first could be granted
  // the free lock and take a live newcomer for dead (seen in Chromium, where the lock
  // request and the channel message travel apart).
  let releaseOwn: () => void = () => {};
  let announce: (() => void) | undefined;
  let holding = env.locks === undefined;
  const nowHolding = (): void => {
    holding = true;
    announce?.();
    announce = undefined;
  };
  void env.locks
    ?.request(lockName(settings.scope, settings.tabId), {}, () => {
      if (stopped) return;
      nowHolding();
      return new Promise<void>((resolve) => (releaseOwn = resolve));
    })
    // A lock refused (a context without Web Locks after all): the roll call remains.
    .catch(nowHolding);

  const watch = (tabId: string): void => {
    if (!leading || stopped || env.locks === undefined || watching.has(tabId) || gone.has(tabId)) return;
    const controller = new AbortController();
    watching.set(tabId, controller);
    // Granted only once the other tab no longer holds its lock: it is gone.
    void env.locks
      .request(lockName(settings.scope, tabId), { signal: controller.signal }, () => declareGone(tabId))
      .catch(() => {});
  };

  /** `once`: call even if nothing needs liveness now, without scheduling the next call. */
  const rollCall = (once = false): void => {
    nextCall = undefined;
    if (stopped || !leading || (!needed && !once)) return;
    lastCall = env.now();
    settings.callRoll();
    pruneAfter(lastCall);
    if (needed) nextCall = setTimeout(() => rollCall(), settings.rollCallInterval);
  };
  /** Resumes the schedule: at once if the last call is older than the interval. */
  const scheduleRollCall = (): void => {
    if (nextCall !== undefined || stopped || !leading || !needed) return;
    const due = lastCall + settings.rollCallInterval - env.now();
    if (due <= 0) rollCall();
    else nextCall = setTimeout(() => rollCall(), due);
  };

  return {
    whenHolding(fn) {
      if (holding) fn();
      else announce = fn;
    },
    seen(tabId) {
      lastSeen.set(tabId, env.now());
      gone.delete(tabId);
    },
    rollCalled: () => pruneAfter(env.now()),
    lead() {
      if (leading || stopped) return;
      leading = true;
      for (const tabId of settings.others()) watch(tabId);
      // A new leader learns who is there, and who is visible, from the answers: it calls
      // the roll once, needed or not (a leader changes rarely, so the group stays quiet).
      rollCall(true);
    },
    needed(now) {
      needed = now;
      if (needed) return scheduleRollCall();
      clearTimeout(nextCall);
      nextCall = undefined;
    },
    watch,
    stop() {
      stopped = true;
      announce = undefined;
      clearTimeout(prune);
      clearTimeout(nextCall);
      watching.forEach((controller) => controller.abort());
      watching.clear();
    },
    release: () => releaseOwn(),
  };
}
