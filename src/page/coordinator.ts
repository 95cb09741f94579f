/**
 * The core of the coordinator: runs the lifecycle machine, wired to the browser by
 * wiring.ts, and exposes the public surface (snapshot, subscribe, commands, holds) that
 * the shell (src/page/shell.ts) hands over to once it has loaded.
 */
import { createActor } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import { DEFAULT_CHECK_INTERVAL, DEFAULT_SNOOZE, DEFAULT_TIMING } from '../../machines/timing.js';
import type { EarlyEvents } from './early-events.js';
import type { Environment } from './environment.js';
import { createEmitter } from './emitter.js';
import { updateError } from './errors.js';
import { dependsOnLiveness } from './group/liveness.js';
import { isOwnController } from './own-controller.js';
import { callSafely } from './report.js';
import { sameSnapshot, toSnapshot } from './snapshot.js';
import { wireMachine } from './wiring.js';
import type { AcceptOptions, CoordinatorSnapshot, UpdateCoordinator, UpdateCoordinatorOptions } from './types.js';
import type { UpdateEventMap } from './update-events.js';

/**
 * The core of the coordinator, over an explicit environment (the browser's, from
 * src/page/core.ts; tests pass fakes). `early` is what the shell has heard since it started
 * (src/page/early-events.ts); undefined means unsupported. Options are validated by the shell.
 */
export function createCoordinator(
  options: UpdateCoordinatorOptions,
  env: Environment | undefined,
  early: EarlyEvents | undefined,
): UpdateCoordinator {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const snooze = options.snooze ?? DEFAULT_SNOOZE;
  const holds = new Map<number, string | undefined>();
  let nextHold = 0;
  const events = createEmitter<UpdateEventMap>();

  const implementations =
    early !== undefined && env?.serviceWorker !== undefined
      ? wireMachine(env, env.serviceWorker, early, {
          options,
          timing,
          snooze,
          events,
          currentVersion: (): string | undefined => actor.getSnapshot().context.version,
          accept: () => accept(),
          dismiss,
        })
      : undefined;
  const supported = implementations !== undefined;

  const actor = createActor(implementations?.machine ?? lifecycleMachine, {
    input: {
      supported,
      snooze,
      checkInterval: options.checkInterval ?? DEFAULT_CHECK_INTERVAL,
      loadedAt: early?.startedAt ?? env?.now(),
      offlineReady:
        env !== undefined &&
        implementations !== undefined &&
        isOwnController(env.serviceWorker?.controller, options.scriptURL, env.href),
      policy: options.policy,
      idleDelay: options.idleDelay,
      // This page's id in the group, fresh per page load: it names the updates a policy applies.
      pageId: implementations?.tabId,
      timing,
    },
    inspect: options.inspect,
  });

  let snapshot: CoordinatorSnapshot = toSnapshot(actor.getSnapshot());
  const listeners = new Set<() => void>();
  actor.subscribe({
    next(state) {
      const next = toSnapshot(state);
      if (sameSnapshot(snapshot, next)) return;
      snapshot = next;
      implementations?.group.needLiveness(dependsOnLiveness(next.status));
      listeners.forEach((listener) => listener());
    },
    error(error) {
      const message = `sw-update-coordinator stopped in this tab on an internal error, please report it: ${String(error)}`;
      callSafely('onError', options.onError, updateError('unexpected', message, error));
    },
  });

  function accept(acceptOptions?: AcceptOptions): void {
    actor.send({
      type: 'USER_ACCEPTED',
      updateId: env?.randomId() ?? 'unsupported',
      force: acceptOptions?.force === true,
    });
  }
  function dismiss(): void {
    actor.send({ type: 'USER_DISMISSED' });
  }
  function holdsChanged(): void {
    actor.send({ type: 'HOLDS_CHANGED', count: holds.size });
    implementations?.group.setHolds(holds.size);
  }

  actor.start();

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accept,
    dismiss,
    checkForUpdate: () => implementations?.registration.check('explicit') ?? Promise.resolve(false),
    hold(reason) {
      const id = nextHold++;
      holds.set(id, reason);
      holdsChanged();
      return () => {
        if (holds.delete(id)) holdsChanged();
      };
    },
    getRegistration: () => implementations?.reports.getRegistration() ?? Promise.resolve(undefined),
    on: events.on,
    async destroy() {
      actor.stop();
      listeners.clear();
      events.clear();
      implementations?.reports.stop();
      await implementations?.group.closed();
    },
  };
}

/** This app's worker (same script URL) controls the page, so the first install is done. */
