/**
 * A virtual clock for the simulation, the same in vitest and in plain Node (tsx).
 *
 * While installed it replaces `setTimeout`, `clearTimeout`, `setInterval`,
 * `clearInterval` and `Date` (constructor and `Date.now`) with virtual ones, and makes
 * `Math.random` and `crypto.randomUUID` draw from a seeded generator. Promises and
 * `queueMicrotask` stay real. `advance(ms)` runs the due timers one at a time in
 * (time, creation) order, like an event loop: after each callback it yields one real
 * macrotask (`setImmediate`, saved before installing), so every microtask the callback
 * queued (promise chains of xstate, broadcast-channel, the fake) has run before the
 * next timer fires. Nothing real is left in flight between steps: the fake browser's
 * tasks, broadcast-channel's 5 ms deliveries, its leader election, xstate's delays and
 * the virtual MessagePorts all run on these timers, so a seed replays exactly.
 */
import { TimerHandle } from '../fakes/timer-handle.js';
import type { Random } from './random.js';

interface Timer {
  readonly id: number;
  at: number;
  seq: number;
  readonly callback: (...args: unknown[]) => unknown;
  readonly args: unknown[];
  /** Repeat period for setInterval; null for setTimeout. */
  readonly every: number | null;
}

/** Virtual epoch: 2030-01-01, so virtual dates never look like real ones. */
export const EPOCH = Date.UTC(2030, 0, 1);
/** More timers than this within one `advance` means something loops at one instant. */
const RUNAWAY = 200_000;

const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  Date: globalThis.Date,
  random: Math.random,
  randomUUID: globalThis.crypto.randomUUID,
};

/** One real macrotask: every queued microtask has run by then. */
export const drainMicrotasks = (): Promise<void> => new Promise((resolve) => real.setImmediate(resolve));

export class VirtualClock {
  now = EPOCH;
  /** Errors thrown by timer callbacks (uncaught exceptions in a browser). */
  readonly errors: unknown[] = [];
  /** Timer callbacks run so far. */
  fired = 0;
  /** Called after each timer callback and its microtasks (tracing). */
  afterTimer: (() => void) | undefined;
  readonly #timers = new Map<number, Timer>();
  #nextId = 1;
  #seq = 0;
  #installed = false;

  constructor(private readonly random: Random) {}

  /** Patches the globals; returns nothing, undo with `uninstall()`. */
  install(): void {
    if (this.#installed) throw new Error('VirtualClock: already installed');
    this.#installed = true;
    // Arrow functions keep `this`: the patched globals are called without one.
    const virtualNow = (): number => this.now;
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = (callback: Timer['callback'], ms?: number, ...args: unknown[]) =>
      this.#add(callback, ms, args, null);
    g.setInterval = (callback: Timer['callback'], ms?: number, ...args: unknown[]) =>
      this.#add(callback, ms, args, Math.max(1, Number(ms) || 0));
    g.clearTimeout = g.clearInterval = (handle: unknown) => {
      if (handle !== undefined && handle !== null) this.#timers.delete(Number(handle));
    };
    class VirtualDate extends real.Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(virtualNow());
        else super(...(args as [number]));
      }
      static override now(): number {
        return virtualNow();
      }
    }
    g.Date = VirtualDate;
    Math.random = () => this.random.next();
    globalThis.crypto.randomUUID = () => this.random.uuid();
  }

  uninstall(): void {
    if (!this.#installed) return;
    this.#installed = false;
    Object.assign(globalThis, {
      setTimeout: real.setTimeout,
      clearTimeout: real.clearTimeout,
      setInterval: real.setInterval,
      clearInterval: real.clearInterval,
      Date: real.Date,
    });
    Math.random = real.random;
    globalThis.crypto.randomUUID = real.randomUUID;
    this.#timers.clear();
  }

  /** Timers still scheduled. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves virtual time `ms` forward, running every timer due by then in order (each
   * followed by its microtasks). `advance(0)` runs what is due now, including the
   * 0 ms timers those callbacks schedule.
   */
  async advance(ms: number): Promise<void> {
    const target = this.now + Math.max(0, ms);
    await drainMicrotasks();
    for (let count = 0; ; count++) {
      const next = this.#next();
      if (next === undefined || next.at > target) break;
      if (count > RUNAWAY) throw new Error(`VirtualClock: more than ${RUNAWAY} timers at t=${this.now}`);
      this.now = Math.max(this.now, next.at);
      if (next.every === null) this.#timers.delete(next.id);
      else {
        next.at = this.now + next.every;
        next.seq = this.#seq++;
      }
      this.fired++;
      try {
        next.callback(...next.args);
      } catch (error) {
        this.errors.push(error);
      }
      await drainMicrotasks();
      this.afterTimer?.();
    }
    this.now = target;
  }

  #add(callback: Timer['callback'], ms: unknown, args: unknown[], every: number | null): TimerHandle {
    if (typeof callback !== 'function') throw new TypeError('VirtualClock: callback must be a function');
    const id = this.#nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    this.#timers.set(id, { id, at: this.now + delay, seq: this.#seq++, callback, args, every });
    return new TimerHandle(id);
  }

  /** The earliest timer: linear scan (a scenario has at most a few hundred at once). */
  #next(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers.values()) {
      if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}
