/**
 * createUpdateCoordinator: wires the lifecycle machine to the browser through the
 * adapters, and exposes the small public surface (snapshot, subscribe, commands).
 */
import { createActor } from 'xstate';
import { lifecycleMachine } from '../machines/lifecycle.js';
import { presenterMachine } from '../machines/presenter.js';
import { backoff, DEFAULT_CHECK_INTERVAL, DEFAULT_SNOOZE, DEFAULT_TIMING } from '../machines/timing.js';
import { browserEnvironment, supportsServiceWorkers, type Environment } from './environment.js';
import { createAppliedStore } from './applied-record.js';
import { createGroupAdapter } from './group.js';
import { dependsOnLiveness } from './liveness.js';
import { pollerLogic } from './poller.js';
import { createPromptLogic } from './prompt-actor.js';
import { createRegistrationAdapter } from './registration.js';
import { createReloadGuard } from './reload-guard.js';
import { callSafely } from './report.js';
import { sameSnapshot, toSnapshot } from './snapshot.js';
import { createSnoozeStore } from './snooze-store.js';
import type {
  AcceptOptions,
  CoordinatorSnapshot,
  UpdateCoordinator,
  UpdateCoordinatorOptions,
} from './types.js';

/**
 * Starts coordinating service-worker updates for this tab: registers `scriptURL`
 * after the page's `load` event, joins the app's other tabs, and prompts in one tab.
 * Never throws for an unsupported browser: the status becomes `'unsupported'`.
 *
 * @throws TypeError only for invalid options: a missing or empty `scriptURL`, or a
 * `checkInterval` or `snooze` that is not a number ≥ 0.
 *
 * @example
 * ```ts
 * const updates = createUpdateCoordinator({
 *   scriptURL: '/sw.js',
 *   onPrompt(prompt) {
 *     const bar = showBar(`Version ${prompt.version ?? 'new'} is ready`, prompt.accept, prompt.dismiss);
 *     return () => bar.remove();
 *   },
 * });
 * ```
 */
export function createUpdateCoordinator(options: UpdateCoordinatorOptions): UpdateCoordinator {
  const env = typeof window === 'undefined' ? undefined : browserEnvironment();
  return createCoordinator(options, env);
}

function validate(options: UpdateCoordinatorOptions): void {
  if (typeof options?.scriptURL !== 'string' || options.scriptURL.length === 0) {
    throw new TypeError(
      "createUpdateCoordinator: options.scriptURL must be the service worker's URL, for example '/sw.js'.",
    );
  }
  for (const name of ['checkInterval', 'snooze'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new TypeError(`createUpdateCoordinator: options.${name} must be a number of ms >= 0, got ${String(value)}.`);
    }
  }
}

/** The coordinator over an explicit environment (tests pass fakes; undefined = unsupported). */
export function createCoordinator(
  options: UpdateCoordinatorOptions,
  env: Environment | undefined,
): UpdateCoordinator {
  validate(options);
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const snooze = options.snooze ?? DEFAULT_SNOOZE;
  const supported = supportsServiceWorkers(env);
  const holds = new Map<number, string | undefined>();
  let nextHold = 0;

  const implementations = supported && env !== undefined && env.serviceWorker !== undefined
    ? wire(env, env.serviceWorker)
    : undefined;

  function wire(env: Environment, container: NonNullable<Environment['serviceWorker']>) {
    const scope = new URL(options.registration?.scope ?? './', new URL(options.scriptURL, env.href)).href;
    const snoozes = createSnoozeStore(env.localStorage, scope);
    const reloads = createReloadGuard(env.sessionStorage, scope, env.now);
    const applied = createAppliedStore(env.localStorage, scope);
    const registration = createRegistrationAdapter(env, container, {
      scriptURL: options.scriptURL,
      registration: options.registration,
      timing,
      applied,
      snoozeRemaining: (version) => snoozes.remaining(version, env.now()),
    });
    const group = createGroupAdapter(env, {
      scope,
      tabId: env.randomId(),
      timing,
      leaderElection: env.leaderElection,
    });
    const machine = lifecycleMachine.provide({
      actors: {
        registration: registration.logic,
        group: group.logic,
        poller: pollerLogic,
        prompt: createPromptLogic(options.onPrompt, { accept: () => accept(), dismiss }),
        presenter: presenterMachine.provide({
          actions: {
            broadcastRevoke: (_, { except, epoch }) => group.revoke(except, epoch),
            broadcastGrant: (_, { tabId, epoch }) => group.grant(tabId, epoch),
          },
          delays: { handoffTimeout: timing.handoffTimeout, releaseTimeout: timing.releaseTimeout },
        }),
      },
      actions: {
        notifyError: ({ context }) => context.error && callSafely('onError', options.onError, context.error),
        notifyOfflineReady: () => callSafely('onOfflineReady', options.onOfflineReady),
        announceAccept: ({ context, event }) => {
          if (context.updateId === undefined) return;
          const at = env.now();
          applied.save(context.updateId, at);
          group.announceAccept(
            context.updateId,
            context.waitingVersion,
            event.type === 'USER_ACCEPTED' && event.force === true,
            at,
          );
        },
        announceDismiss: ({ context }) => {
          const until = env.now() + context.snooze;
          snoozes.save(context.waitingVersion, until);
          group.announceDismiss(context.waitingVersion, until);
        },
        // XState stops the prompt actor (running its cleanup) at the end of the step;
        // RELEASED must leave this tab only after that, so it waits a microtask.
        announceReleased: ({ context }) => {
          const epoch = context.grantEpoch;
          queueMicrotask(() => group.announceReleased(epoch));
        },
        requestSkipWaiting: ({ context }) => registration.skipWaiting(context.updateId),
        checkForUpdate: () => void registration.check('scheduled'),
        checkForUpdateDebounced: () => void registration.check('requested'),
        leaveGroup: () => group.leave(),
        rejoinGroup: () => group.rejoin(),
        retryRegistration: () => registration.retry(),
        reload: ({ context, self }) => {
          const refusal = reloads.reloadOnce(context.updateId, () => env.reload());
          if (refusal !== undefined) queueMicrotask(() => self.send({ type: 'RELOAD_REFUSED', error: refusal }));
        },
      },
      delays: {
        activateTimeout: timing.activateTimeout,
        acceptSettle: timing.acceptSettle,
        skipWaitingRetry: timing.skipWaitingRetry,
        registrationRetry: ({ context }) => backoff(timing, context.registrationFailures),
      },
    });
    return { machine, registration, group };
  }

  const actor = createActor(implementations?.machine ?? lifecycleMachine, {
    input: { supported, snooze, checkInterval: options.checkInterval ?? DEFAULT_CHECK_INTERVAL, loadedAt: env?.now() },
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
      callSafely('onError', options.onError, error instanceof Error ? error : new Error(String(error)));
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
    async destroy() {
      actor.stop();
      listeners.clear();
      await implementations?.group.closed();
    },
  };
}
