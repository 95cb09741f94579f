/**
 * The origin's Web Locks (`navigator.locks`), exclusive mode only, as the coordinator
 * uses them: a request waits until the lock is free, its callback runs as a task of
 * the requesting page, and the lock is held until the promise the callback returned
 * settles. A page that goes away (unload, crash) frees its locks at once and its
 * pending requests are dropped: this is how a tab's end reaches the leader without
 * a message, in every engine. Grants are the browser's work, on time in a hidden tab.
 */
import type { LocksLike } from '../../src/page/environment.js';
import type { Page } from './page.js';

interface Request {
  readonly page: Page;
  readonly callback: (lock: unknown) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

interface LockState {
  held?: Request;
  readonly queue: Request[];
}

export class LockManager {
  readonly #locks = new Map<string, LockState>();

  /** `navigator.locks` of `page`. */
  forPage(page: Page): LocksLike {
    return {
      request: (name, options, callback) =>
        new Promise((resolve, reject) => {
          const { signal } = options;
          if (signal?.aborted === true) return reject(abortError());
          const request: Request = { page, callback, resolve, reject };
          const state = this.#state(name);
          state.queue.push(request);
          signal?.addEventListener('abort', () => {
            const index = state.queue.indexOf(request);
            if (index < 0) return;
            state.queue.splice(index, 1);
            reject(abortError());
          });
          this.#grantNext(name);
        }),
    };
  }

  /** The page is gone: its held locks are freed and its waiting requests dropped. */
  releaseAll(page: Page): void {
    for (const [name, state] of this.#locks) {
      for (let i = state.queue.length - 1; i >= 0; i--) if (state.queue[i]!.page === page) state.queue.splice(i, 1);
      if (state.held?.page === page) {
        state.held = undefined;
        this.#grantNext(name);
      }
    }
  }

  #state(name: string): LockState {
    let state = this.#locks.get(name);
    if (state === undefined) this.#locks.set(name, (state = { queue: [] }));
    return state;
  }

  #grantNext(name: string): void {
    const state = this.#state(name);
    if (state.held !== undefined) return;
    const next = state.queue.shift();
    if (next === undefined) return;
    state.held = next;
    const release = (): void => {
      if (state.held !== next) return;
      state.held = undefined;
      this.#grantNext(name);
    };
    // The callback runs as a task of its page; the page may be gone by then.
    next.page.realm.queueTask(() => {
      if (state.held !== next) return;
      let result: unknown;
      try {
        result = next.callback({ name, mode: 'exclusive' });
      } catch (error) {
        release();
        return next.reject(error);
      }
      Promise.resolve(result).then(
        (value) => (release(), next.resolve(value)),
        (error: unknown) => (release(), next.reject(error)),
      );
    });
  }
}

const abortError = (): Error => new DOMException('The lock request was aborted.', 'AbortError');
