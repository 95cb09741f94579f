/**
 * The fake browser's task queue, plus polling helpers for tests.
 *
 * Every task the fake queues and every delay it waits goes through one `Scheduler`, so a
 * test can wait until the browser has nothing left to do (`settle`). Tasks are real
 * macrotasks (`setTimeout`), so promise continuations run between them exactly as
 * microtask checkpoints do in a browser. Global timers are looked up at call time, so
 * `vi.useFakeTimers()` drives the fake too (advance the clock to make progress).
 */
import { asBrowser } from './late-timers.js';

/** One macrotask: everything already queued with `setTimeout(0)` has run. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => asBrowser(() => setTimeout(resolve, 0)));
}

/** Options of `Scheduler.settle` / `FakeBrowser.settle`. */
export interface SettleOptions {
  /** Macrotasks in a row with nothing pending. @default 3 */
  idleRounds?: number;
  /**
   * Also require `quietMs` of wall time without new tasks: covers timers the fake cannot
   * see, such as broadcast-channel's simulate transport (delivers after 5 ms).
   * @default 0
   */
  quietMs?: number;
}

export class Scheduler {
  #pending = 0;
  /** Tasks and delays ever queued: tells a quiet period from a busy one. */
  #activity = 0;

  /** Tasks and delays queued but not yet run. */
  get pending(): number {
    return this.#pending;
  }

  /** Queues a task. Tasks run in FIFO order, each in its own macrotask. */
  queue(task: () => void): void {
    this.#pending++;
    this.#activity++;
    // The browser's own task: never a (hidden, late) page's timer.
    asBrowser(() =>
      setTimeout(() => {
        this.#pending--;
        task();
      }, 0),
    );
  }

  /** Resolves in a later task, after every task queued before this call has run. */
  nextTask(): Promise<void> {
    return new Promise((resolve) => this.queue(resolve));
  }

  /** A counted delay, so `settle` waits through it. */
  sleep(ms: number): Promise<void> {
    this.#pending++;
    this.#activity++;
    return new Promise((resolve) =>
      asBrowser(() =>
        setTimeout(() => {
          this.#pending--;
          resolve();
        }, ms),
      ),
    );
  }

  /**
   * Waits until no task or delay of the fake is pending for `idleRounds` macrotasks in a
   * row (MessagePort deliveries and page continuations get those rounds to run).
   * Timers of the code under test are not counted: use `waitFor` for those.
   */
  async settle({ idleRounds = 3, quietMs = 0 }: SettleOptions = {}): Promise<void> {
    for (;;) {
      for (let idle = 0; idle < idleRounds;) {
        await macrotask();
        idle = this.#pending === 0 ? idle + 1 : 0;
      }
      if (quietMs <= 0) return;
      const activity = this.#activity;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.#activity === activity && this.#pending === 0) return;
    }
  }
}

/** Options of {@link waitFor} and {@link eventually}. */
export interface WaitOptions {
  /** @default 2000 */
  timeout?: number;
  /** Message of the timeout error. @default 'waitFor: timed out' */
  message?: string;
}

/** Resolves once `predicate()` is truthy, polling once per macrotask; rejects after `timeout` ms. */
export async function waitFor(
  predicate: () => unknown,
  { timeout = 2000, message = 'waitFor: timed out' }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${message} after ${timeout} ms`);
    await macrotask();
  }
}

/**
 * Retries `assertion` (which throws until it holds, e.g. a block of `expect`s) once per
 * macrotask until it passes; after `timeout` ms rethrows its last error.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, { timeout = 2000 }: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await macrotask();
    }
  }
}
