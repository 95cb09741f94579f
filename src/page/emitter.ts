/**
 * A typed event emitter for the coordinator's lifecycle events: listeners by type, each
 * called safely (what one throws is reported and never stops the others or the coordinator).
 */
import { callSafely } from './report.js';

export interface Emitter<M> {
  /** Adds `listener` for `type`; returns the function that removes it (harmless twice). */
  on<K extends keyof M>(type: K, listener: (event: M[K]) => void): () => void;
  emit<K extends keyof M>(type: K, event: M[K]): void;
  clear(): void;
}

export function createEmitter<M>(): Emitter<M> {
  // One entry per `on()` call, so adding one function twice calls it twice, as `subscribe` does.
  const entries = new Set<{ type: keyof M; listener: (event: never) => void }>();
  return {
    on(type, listener) {
      if (typeof listener !== 'function') {
        throw new TypeError(
          `sw-update-coordinator: on('${String(type)}', listener) needs a function, got ${typeof listener}.`,
        );
      }
      const entry = { type, listener };
      entries.add(entry);
      return () => void entries.delete(entry);
    },
    emit(type, event) {
      for (const entry of [...entries]) {
        if (entry.type === type)
          callSafely(`the ${String(type)} listener`, entry.listener as (event: M[typeof type]) => void, event);
      }
    },
    clear: () => entries.clear(),
  };
}
