/**
 * The shell: what `createUpdateCoordinator` returns at once, and all of the coordinator
 * an app's main chunk holds. It touches no DOM when imported. Until the core (the
 * machines, broadcast-channel and the adapters: src/page/core.ts) has loaded after the page's
 * `load` event, it keeps what must not be missed: the worker's messages and
 * `controllerchange` (src/page/early-events.ts), holds, and commands, queued in order and
 * replayed on the core. From then on every call goes straight through.
 */
import { listenEarly, type EarlyEvents, type ShellEnvironment } from './early-events.js';
import { updateError, type UpdateError } from './errors.js';
import { validateOptions } from './options.js';
import { isOwnController } from './own-controller.js';
import { DEFAULT_HIDDEN_RELOAD_DELAY } from '../../machines/timing.js';
import type { CoordinatorSnapshot, CoordinatorStatus, UpdateCoordinator, UpdateCoordinatorOptions } from './types.js';

/** What the core chunk exports (src/page/core.ts). */
export interface CoreModule {
  startCore(options: UpdateCoordinatorOptions, early: EarlyEvents, env: ShellEnvironment): UpdateCoordinator;
}

const noop = (): void => {};

const snapshotOf = (status: CoordinatorStatus, offlineReady = false, error?: UpdateError): CoordinatorSnapshot =>
  Object.freeze({ status, isLeader: false, isPrompting: false, holds: 0, offlineReady, ...(error ? { error } : {}) });

/**
 * Stands in for the core where it never runs (unsupported, destroyed before it loaded,
 * its chunk failed to load): every method is a safe no-op.
 */
const inert = (snapshot: () => CoordinatorSnapshot): UpdateCoordinator => ({
  getSnapshot: snapshot,
  subscribe: () => noop,
  accept: noop,
  dismiss: noop,
  checkForUpdate: () => Promise.resolve(false),
  hold: () => noop,
  getRegistration: () => Promise.resolve(undefined),
  on: () => noop,
  destroy: () => Promise.resolve(),
});

/**
 * The coordinator for `env` (undefined: no window, as in server rendering), whose core
 * `loadCore` imports once the page has loaded.
 */
export function createShell(
  options: UpdateCoordinatorOptions,
  env: ShellEnvironment | undefined,
  loadCore: () => Promise<CoreModule>,
): UpdateCoordinator {
  validateOptions(options);
  /** Ends the wait of a page that loaded hidden (`whenUnhurried`): something needs the core. */
  let needed = noop;
  const neededNow = new Promise<void>((resolve) => (needed = resolve));
  const early = listenEarly(env, () => needed());
  // Controlled by this app's worker: offline-ready from the first moment, as the core will say.
  let snapshot =
    early && env
      ? snapshotOf('registering', isOwnController(early.controller, options.scriptURL, env.href))
      : snapshotOf('unsupported');
  const listeners = new Set<() => void>();
  /** The core once it runs; the inert stand-in where it never will. */
  let core: UpdateCoordinator | undefined = early ? undefined : inert(() => snapshot);
  const queue: Array<(core: UpdateCoordinator) => void> = [];

  /** Runs `call` on the core: now, or in order once it runs (`urgent`: load the core now). */
  const forward = (call: (core: UpdateCoordinator) => void, urgent = true): void => {
    if (core) return call(core);
    queue.push(call);
    if (urgent) needed();
  };
  /** A call with a result: a promise of the core's answer. */
  const ask = <T>(call: (core: UpdateCoordinator) => T | Promise<T>): Promise<T> =>
    new Promise((resolve) => forward((c) => resolve(call(c))));
  /** A call that returns its undo (hold): the undo works before and after the handover. */
  const attach = (take: (core: UpdateCoordinator) => () => void, urgent = true): (() => void) => {
    let undo: (() => void) | undefined;
    let undone = false;
    forward((c) => void (undone || (undo = take(c))), urgent);
    return () => {
      undone = true;
      undo?.();
    };
  };

  const changed = (next: CoordinatorSnapshot): void => {
    if (next === snapshot) return;
    snapshot = next;
    listeners.forEach((listener) => listener());
  };
  const handOver = (to: UpdateCoordinator): void => {
    core = to;
    queue.splice(0).forEach((call) => call(to));
    changed(to.getSnapshot());
  };

  if (early && env) {
    const delay = options.timing?.hiddenReloadDelay ?? DEFAULT_HIDDEN_RELOAD_DELAY;
    env
      .whenLoaded()
      .then(() => Promise.race([env.whenUnhurried?.(delay), neededNow]))
      .then(loadCore)
      .then(
        (module) => {
          if (core) return; // destroyed meanwhile
          const started = module.startCore(options, early, env);
          started.subscribe(() => changed(started.getSnapshot()));
          handOver(started);
        },
        (cause: unknown) => {
          if (core) return;
          const error = updateError(
            'core-failed',
            `Loading the update coordinator's core failed, so this tab does not coordinate updates until it is reloaded: ${String(cause)}. ` +
              'Check that the chunk next to the entry is deployed with it.',
            cause,
          );
          early.close();
          handOver(inert(() => snapshot));
          changed(snapshotOf('failed', snapshot.offlineReady, error));
          try {
            options.onError?.(error);
          } catch {
            // The app's handler threw; the failure is in the snapshot.
          }
        },
      );
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    // Forwarding a method is one line; where the core may never run, `inert` answers.
    accept: (acceptOptions) => forward((c) => c.accept(acceptOptions)),
    dismiss: () => forward((c) => c.dismiss()),
    checkForUpdate: () => ask((c) => c.checkForUpdate()),
    hold: (reason) => attach((c) => c.hold(reason)),
    getRegistration: () => ask((c) => c.getRegistration()),
    // Listening is set up at start and needs nothing yet.
    on: (type, listener) => attach((c) => c.on(type, listener), false),
    async destroy() {
      listeners.clear();
      const running = core;
      if (!running) handOver(inert(() => snapshot));
      early?.close();
      await running?.destroy();
    },
  };
}
