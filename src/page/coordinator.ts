/**
 * The core of the coordinator: wires the lifecycle machine to the browser through the
 * adapters, and exposes the public surface (snapshot, subscribe, commands) that the
 * shell (src/page/shell.ts) hands over to once it has loaded.
 */
import { createActor } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import { presenterMachine } from '../../machines/presenter.js';
import { DEFAULT_CHECK_INTERVAL, DEFAULT_SNOOZE, DEFAULT_TIMING } from '../../machines/timing.js';
import type { EarlyEvents } from './early-events.js';
import type { Environment } from './environment.js';
import { createAppliedStore } from './storage/applied-record.js';
import { createEmitter } from './emitter.js';
import { updateError, type UpdateError } from './errors.js';
import { createGroupAdapter } from './group/group.js';
import { dependsOnLiveness } from './group/liveness.js';
import { isOwnController } from './own-controller.js';
import { pollerLogic } from './registration/poller.js';
import { createPromptLogic } from './prompt-actor.js';
import { createRegistrationAdapter } from './registration/registration.js';
import { createRegistrationReports } from './registration/registration-reports.js';
import { createReloadGuard } from './storage/reload-guard.js';
import { createReloadMark } from './storage/reload-mark.js';
import { callSafely } from './report.js';
import { sameSnapshot, toSnapshot } from './snapshot.js';
import { createSnoozeStore } from './storage/snooze-store.js';
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
    early !== undefined && env?.serviceWorker !== undefined ? wire(env, env.serviceWorker, early) : undefined;
  const supported = implementations !== undefined;

  function wire(env: Environment, container: NonNullable<Environment['serviceWorker']>, early: EarlyEvents) {
    const scope = new URL(options.registration?.scope ?? './', new URL(options.scriptURL, env.href)).href;
    const snoozes = createSnoozeStore(env.localStorage, scope);
    const reloads = createReloadGuard(env.sessionStorage, scope, env.now);
    const applied = createAppliedStore(env.localStorage, scope);
    const reloadMark = createReloadMark(env.sessionStorage, scope, env.now);
    const reloadedFrom = reloadMark.take();
    const reports = createRegistrationReports({
      onRegistered: options.onRegistered,
      events,
      currentVersion: () => actor.getSnapshot().context.version,
      // Only a page the new worker controls runs the new version.
      reloadedFrom: container.controller === null ? undefined : reloadedFrom,
    });
    const registration = createRegistrationAdapter(env, container, early, {
      scriptURL: options.scriptURL,
      registration: options.registration,
      timing,
      applied,
      snoozeRemaining: (version) => snoozes.remaining(version, env.now()),
      observe: reports.observe,
    });
    const tabId = env.randomId();
    const group = createGroupAdapter(env, {
      scope,
      tabId,
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
          delays: { releaseTimeout: ({ context }) => group.releaseTimeout(context.timing.releaseTimeout) },
          actions: {
            broadcastRevoke: (_, { except, epoch }) => group.revoke(except, epoch),
            broadcastGrant: (_, { tabId, epoch }) => group.grant(tabId, epoch),
          },
        }),
      },
      actions: {
        notifyError: (_, params) => {
          // Coded, as toSnapshot (src/page/snapshot.ts) says.
          const error = params.error as UpdateError | undefined;
          if (error === undefined) return;
          callSafely('onError', options.onError, error);
          if (error.code !== 'registration-failed') events.emit('update-failed', { type: 'update-failed', error });
        },
        notifyOfflineReady: () => callSafely('onOfflineReady', options.onOfflineReady),
        announceAccept: (_, { updateId, waitingVersion: version, force }) => {
          if (updateId === undefined) return;
          const at = env.now();
          applied.save(updateId, at);
          group.announceAccept(updateId, version, force, at);
        },
        announceDismiss: (_, { waitingVersion: version }) => {
          const until = env.now() + snooze;
          snoozes.save(version, until);
          group.announceDismiss(version, until);
        },
        // XState stops the prompt actor (running its cleanup) at the end of the step;
        // RELEASED must leave this tab only after that, so it waits a microtask.
        announceReleased: (_, { epoch }) => queueMicrotask(() => group.announceReleased(epoch)),
        requestSkipWaiting: (_, { updateId }) => registration.skipWaiting(updateId),
        nudgeActivation: () => registration.nudgeActivation(),
        checkForUpdate: () => void registration.check('scheduled'),
        checkForUpdateDebounced: () => void registration.check('requested'),
        leaveGroup: () => group.leave(),
        rejoinGroup: () => group.rejoin(),
        retryRegistration: () => registration.retry(),
        reload: ({ self }, { updateId }) => {
          const refusal = reloads.reloadOnce(updateId, () => {
            reloadMark.set(registration.pageVersion());
            // Depart first: every event this page still handled would delay the navigation.
            group.depart();
            registration.depart();
            env.reload();
          });
          if (refusal !== undefined) queueMicrotask(() => self.send({ type: 'RELOAD_REFUSED', error: refusal }));
        },
      },
    });
    return { machine, registration, group, reports, tabId };
  }

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
