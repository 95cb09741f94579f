/**
 * The lifecycle machine wired to the browser: the registration and group adapters, the
 * prompt, and every effect the machine asks for (machines/lifecycle-effects.ts), provided
 * to it. The coordinator (coordinator.ts) runs it where service workers are supported.
 */
import { lifecycleMachine } from '../../machines/lifecycle.js';
import { presenterMachine } from '../../machines/presenter.js';
import type { Timing } from '../../machines/timing.js';
import type { EarlyEvents } from './early-events.js';
import type { Emitter } from './emitter.js';
import type { Environment } from './environment.js';
import type { UpdateError } from './errors.js';
import type { GroupAdapter } from './group/adapter.js';
import { createGroupAdapter } from './group/group.js';
import type { UpdateCoordinatorOptions } from './options-types.js';
import { createPromptLogic } from './prompt-actor.js';
import { pollerLogic } from './registration/poller.js';
import type { RegistrationAdapter } from './registration/adapter.js';
import { createRegistrationAdapter } from './registration/registration.js';
import { createRegistrationReports, type RegistrationReports } from './registration/registration-reports.js';
import { callSafely } from './report.js';
import { createAppliedStore } from './storage/applied-record.js';
import { createReloadGuard } from './storage/reload-guard.js';
import { createReloadMark } from './storage/reload-mark.js';
import { createSnoozeStore } from './storage/snooze-store.js';
import type { UpdateEventMap } from './update-events.js';

/** What the wiring takes from the coordinator. */
export interface WiringSettings {
  options: UpdateCoordinatorOptions;
  /** The options' timing over the defaults. */
  timing: Timing;
  snooze: number;
  events: Emitter<UpdateEventMap>;
  /** The version of this tab's controller, as the machine knows it. */
  currentVersion(): string | undefined;
  /** The prompt's commands. */
  accept(): void;
  dismiss(): void;
}

/** The wired machine, and what the coordinator calls on directly. */
export interface Wiring {
  machine: typeof lifecycleMachine;
  registration: RegistrationAdapter;
  group: GroupAdapter;
  reports: RegistrationReports;
  /** This page's id in the group. */
  tabId: string;
}

/**
 * The machine with its effects provided, and the adapters the coordinator's commands use.
 * `early` is what the shell has heard since it started.
 */
export function wireMachine(
  env: Environment,
  container: NonNullable<Environment['serviceWorker']>,
  early: EarlyEvents,
  { options, timing, snooze, events, currentVersion, accept, dismiss }: WiringSettings,
): Wiring {
  const scope = new URL(options.registration?.scope ?? './', new URL(options.scriptURL, env.href)).href;
  const snoozes = createSnoozeStore(env.localStorage, scope);
  const reloads = createReloadGuard(env.sessionStorage, scope, env.now);
  const applied = createAppliedStore(env.localStorage, scope);
  const reloadMark = createReloadMark(env.sessionStorage, scope, env.now);
  const reloadedFrom = reloadMark.take();
  const reports = createRegistrationReports({
    onRegistered: options.onRegistered,
    events,
    currentVersion,
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
  let reported: Error | undefined;
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
      prompt: createPromptLogic(options.onPrompt, { accept, dismiss }),
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
        // The same error again is the same failure (a repeated install, worker-watch.ts).
        if (error === undefined || error === reported) return;
        reported = error;
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
