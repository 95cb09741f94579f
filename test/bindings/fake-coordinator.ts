/**
 * A tiny stand-in for UpdateCoordinator, for the bindings and prompt tests: the test
 * sets the snapshot, and every command is counted instead of doing anything.
 */
import type { AcceptOptions, CoordinatorSnapshot, UpdateCoordinator } from '../../src/page/types.js';
import type { UpdateEventMap, UpdateEventType } from '../../src/page/update-events.js';

export interface FakeCoordinator extends UpdateCoordinator {
  /** Replaces the snapshot with a new frozen one (`patch` over the current) and notifies. */
  set(patch: Partial<CoordinatorSnapshot>): void;
  /** Every call so far: accept's options, dismiss count, hold reasons, release count. */
  readonly calls: {
    accept: Array<AcceptOptions | undefined>;
    dismiss: number;
    hold: Array<string | undefined>;
    release: number;
    checkForUpdate: number;
  };
  /** Holds taken and not yet released. */
  activeHolds(): number;
  /** Listeners currently subscribed. */
  listenerCount(): number;
  /** Calls the listeners `on(type, …)` registered, as the coordinator would. */
  emit<K extends UpdateEventType>(type: K, event: Omit<UpdateEventMap[K], 'type'>): void;
}

export const IDLE: CoordinatorSnapshot = Object.freeze({
  status: 'idle',
  isLeader: true,
  isPrompting: false,
  version: '2.3',
  holds: 0,
  offlineReady: true,
});

export function createFakeCoordinator(initial: Partial<CoordinatorSnapshot> = {}): FakeCoordinator {
  let snapshot: CoordinatorSnapshot = Object.freeze({ ...IDLE, ...initial });
  const listeners = new Set<() => void>();
  const eventListeners = new Map<UpdateEventType, Set<(event: never) => void>>();
  const calls: FakeCoordinator['calls'] = { accept: [], dismiss: 0, hold: [], release: 0, checkForUpdate: 0 };
  let active = 0;

  return {
    calls,
    set(patch) {
      snapshot = Object.freeze({ ...snapshot, ...patch });
      // Copy: a listener may unsubscribe while we iterate.
      [...listeners].forEach((listener) => listener());
    },
    activeHolds: () => active,
    listenerCount: () => listeners.size,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      // Wrapped, so one function subscribed twice counts twice, like a real store.
      const entry = () => listener();
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    accept(options) {
      calls.accept.push(options);
    },
    dismiss() {
      calls.dismiss++;
    },
    checkForUpdate() {
      calls.checkForUpdate++;
      return Promise.resolve(false);
    },
    hold(reason) {
      calls.hold.push(reason);
      active++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active--;
        calls.release++;
      };
    },
    getRegistration: () => Promise.resolve(undefined),
    on(type, listener) {
      const set = eventListeners.get(type) ?? new Set();
      eventListeners.set(type, set);
      const entry = (event: never) => listener(event);
      set.add(entry);
      return () => set.delete(entry);
    },
    emit(type, event) {
      for (const listener of [...(eventListeners.get(type) ?? [])]) listener({ ...event, type } as never);
    },
    destroy: () => Promise.resolve(),
  };
}
