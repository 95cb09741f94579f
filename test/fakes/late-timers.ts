/**
 * Late timers of hidden pages. Browsers throttle the timers of hidden tabs (Chromium
 * runs them at whole seconds, Firefox at most once a second; WebKitGTK does not;
 * test/browser/hidden-timers.test.ts measures each), while messages
 * (BroadcastChannel, service-worker messages) still arrive at once. The fake pages
 * share Node's global timers, and the coordinator, xstate and broadcast-channel call
 * them directly, so the timer a hidden page sets is told apart by the code that sets
 * it: every task of a page runs in that page's async context (`asPage`), and the
 * global `setTimeout`/`setInterval` (wrapped once by `installLateTimers`) hand the
 * timers set in it to that page's `PageTimers`. The fake browser's own work (its task
 * queue, channel and port deliveries) runs `asBrowser`, never late.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TimerHandle } from './timer-handle.js';

/**
 * How an engine delays the timers of a hidden page (ENGINE_PROFILES, profiles.ts), as
 * test/browser/hidden-timers.test.ts measures it.
 */
export type HiddenTimerModel =
  /**
   * Chromium: a timer with a delay runs at the next multiple of `ms` of the clock (wake-ups
   * aligned to whole seconds); a 0 ms one is no delayed task and runs at once (Chromium
   * clamps a 0 ms timer nested 5 deep to 4 ms, which then waits too: not modelled).
   */
  | { readonly kind: 'aligned'; readonly ms: number }
  /**
   * Firefox: timers run at most once per `ms`: no sooner than `ms` after the page's
   * previous timer ran (all that are due by then run together), never before their delay.
   * Early in one case: Firefox runs a delayed timer set where nothing ran for a second
   * about a second after it was set, this model at its delay.
   */
  | { readonly kind: 'spaced'; readonly ms: number }
  /** WebKitGTK: a hidden tab's timers run on time. */
  | { readonly kind: 'onTime' };

/**
 * When a timer set at `setAt` for `delay` ms runs in a hidden page whose previous timer
 * ran at `lastRun` (-Infinity if none did).
 */
export function hiddenDueAt(model: HiddenTimerModel, setAt: number, delay: number, lastRun: number): number {
  switch (model.kind) {
    case 'aligned':
      return delay <= 0 ? setAt : Math.ceil((setAt + delay) / model.ms) * model.ms;
    case 'spaced':
      return Math.max(setAt + delay, lastRun + model.ms);
    case 'onTime':
      return setAt + delay;
  }
}

type Callback = (...args: unknown[]) => unknown;
type Native = {
  setTimeout: (callback: Callback, ms?: number, ...args: unknown[]) => unknown;
  clearTimeout: (handle: unknown) => void;
};

const running = new AsyncLocalStorage<PageTimers>();
const WRAPPED = Symbol('late timers');
/** The global timers found when the wrappers were installed (Node's, or a virtual clock's). */
let native: Native | undefined;

/** Runs `fn` as the page's own code: the timers it (and what it awaits) sets are the page's. */
export function asPage<T>(timers: PageTimers, fn: () => T): T {
  return running.run(timers, fn);
}

/** The page whose code is running, if any (a port's listener belongs to the page that set it). */
export function currentPage(): PageTimers | undefined {
  return running.getStore();
}

/** Runs `fn` as the browser's own work (task queue, message delivery): its timers are never late. */
export function asBrowser<T>(fn: () => T): T {
  return running.exit(fn);
}

/**
 * Wraps the global timer functions (once per set of globals: a virtual clock installed
 * later replaces them, and the next fake browser wraps the clock's). Outside any page
 * the wrappers call the wrapped functions unchanged.
 */
export function installLateTimers(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if ((g.setTimeout as { [WRAPPED]?: true })[WRAPPED]) return;
  const base: Native & { setInterval: Native['setTimeout'] } = {
    setTimeout: g.setTimeout as Native['setTimeout'],
    clearTimeout: g.clearTimeout as Native['clearTimeout'],
    setInterval: g.setInterval as Native['setTimeout'],
  };
  native = { setTimeout: base.setTimeout, clearTimeout: base.clearTimeout };
  const clearTimer = (handle: unknown): void => {
    if (handle instanceof PageTimer) handle.owner.clear(handle);
    else base.clearTimeout(handle);
  };
  const wrappers = {
    setTimeout: (callback: Callback, ms?: number, ...args: unknown[]) =>
      running.getStore()?.set(callback, ms, args, false) ?? base.setTimeout(callback, ms, ...args),
    setInterval: (callback: Callback, ms?: number, ...args: unknown[]) =>
      running.getStore()?.set(callback, ms, args, true) ?? base.setInterval(callback, ms, ...args),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
  };
  for (const wrapper of Object.values(wrappers)) Object.assign(wrapper, { [WRAPPED]: true });
  Object.assign(g, wrappers);
}

/** A page's timer, and the handle its `setTimeout` returns. */
class PageTimer extends TimerHandle {
  static #ids = 1;
  /** The wrapped timer now scheduled for it. */
  scheduled: unknown;

  constructor(
    readonly owner: PageTimers,
    readonly callback: Callback,
    readonly args: unknown[],
    /** Repeat period (setInterval), or null. */
    readonly every: number | null,
    public setAt: number,
    public delay: number,
  ) {
    super(1_000_000_000 + PageTimer.#ids++);
  }
}

/**
 * The timers of one page. A hidden page's timer runs when the engine's model says; when
 * the page is shown or hidden, its pending timers are rescheduled for the new state
 * from the time they were set: shown, a timer runs at its own time, at once if that has
 * passed (Chromium and Firefox stop throttling a page's timer queue when it becomes
 * visible, so an overdue timer runs right away); hidden, a pending timer becomes late.
 */
export class PageTimers {
  readonly #pending = new Set<PageTimer>();
  /** When a timer of this page last ran (Firefox spaces hidden pages' runs from it). */
  #lastRun = -Infinity;

  constructor(
    /** Undefined: the engine's hidden timers are not modelled; every timer runs on time. */
    private readonly model: HiddenTimerModel | undefined,
    private readonly hidden: () => boolean,
  ) {}

  /** @internal Called by the global wrappers for a timer set in this page's code. */
  set(callback: Callback, ms: unknown, args: unknown[], repeat: boolean): unknown {
    const delay = Math.max(0, Number(ms) || 0);
    if (this.model === undefined || native === undefined) return undefined;
    if (typeof callback !== 'function') throw new TypeError('setTimeout: callback must be a function');
    const timer = new PageTimer(this, callback, args, repeat ? Math.max(1, delay) : null, Date.now(), delay);
    this.#pending.add(timer);
    this.#schedule(timer);
    return timer;
  }

  /** @internal clearTimeout / clearInterval of one of this page's timers. */
  clear(timer: PageTimer): void {
    if (!this.#pending.delete(timer)) return;
    native?.clearTimeout(timer.scheduled);
  }

  /** The page was shown or hidden: its pending timers move to their time in the new state. */
  visibilityChanged(): void {
    for (const timer of this.#pending) {
      native?.clearTimeout(timer.scheduled);
      this.#schedule(timer);
    }
  }

  #schedule(timer: PageTimer): void {
    const { model } = this;
    if (native === undefined || model === undefined) return;
    const now = Date.now();
    const due = this.hidden() ? hiddenDueAt(model, timer.setAt, timer.delay, this.#lastRun) : timer.setAt + timer.delay;
    timer.scheduled = asBrowser(() => native!.setTimeout(() => this.#fire(timer), Math.max(0, due - now)));
  }

  #fire(timer: PageTimer): void {
    if (!this.#pending.has(timer)) return;
    // Another timer ran since this one was scheduled: in a spacing engine it waits
    // (timers due at the same instant run in the same wake-up).
    const now = Date.now();
    if (this.hidden() && this.model?.kind === 'spaced' && now > this.#lastRun && now < this.#lastRun + this.model.ms) {
      return this.#schedule(timer);
    }
    this.#lastRun = now;
    if (timer.every === null) this.#pending.delete(timer);
    else {
      timer.setAt = Date.now();
      timer.delay = timer.every;
      this.#schedule(timer);
    }
    asPage(this, () => timer.callback(...timer.args));
  }
}
