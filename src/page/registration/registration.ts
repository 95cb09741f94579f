/**
 * Registration adapter: registers the worker after `load` and turns the browser's
 * service-worker objects into lifecycle events. It also owns the two commands that
 * talk to the registration: checking for an update and posting SKIP_WAITING. What it
 * offers the coordinator: adapter.ts.
 */
import { fromCallback, type EventObject } from 'xstate';
import type { RegistrationEvent } from '../../../machines/lifecycle-events.js';
import type { RegistrationAdapter, RegistrationSettings } from './adapter.js';
import { createActivationNudge } from './activation-nudge.js';
import { askVersion } from './ask-version.js';
import { createPageVersions, type AskVersion, type PageVersions } from './page-versions.js';
import type { EarlyEvents } from '../early-events.js';
import { updateError, type UpdateErrorCode } from '../errors.js';
import type { ContainerLike, Environment, RegistrationLike } from '../environment.js';
import { NAMESPACE, PROTOCOL_VERSION, type SkipWaitingMessage } from '../../protocol/messages.js';
import { isReloadMessage } from '../../protocol/checks.js';
import { isOwnReload } from '../reload-source.js';
import { missedUpdate } from './missed-update.js';
import { createUpdateChecks } from './update-checks.js';
import { watchWorkers, type Listen } from './worker-watch.js';

type Send = (event: RegistrationEvent) => void;

function toError(code: UpdateErrorCode, cause: unknown, what: string): Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return updateError(code, `${what}: ${detail}`, cause);
}

export function createRegistrationAdapter(
  env: Environment,
  container: ContainerLike,
  early: EarlyEvents,
  settings: RegistrationSettings,
): RegistrationAdapter {
  const { timing } = settings;
  let registration: RegistrationLike | undefined;
  let send: Send = () => {};
  const version: AskVersion = (worker, late) => askVersion(worker, env, timing.versionTimeout, late);
  /** This page's versions, known from the first time the machine starts the adapter. */
  let pageVersions: PageVersions | undefined;
  let register: () => void = () => {};
  let stop: () => void = () => {};
  /** Acts on the RELOADs kept until the registration was known. */
  let settled: () => void = () => {};
  /** Settles with the first registration, or undefined if it failed or the adapter stopped. */
  let firstSettled: (reg: RegistrationLike | undefined) => void = () => {};
  const firstRegistration = new Promise<RegistrationLike | undefined>((resolve) => (firstSettled = resolve));
  const checks = createUpdateChecks(timing);
  const nudge = createActivationNudge(env);
  /**
   * Every worker seen in this page's registration: the ones whose RELOAD this page obeys,
   * and (but for the active one at registration) the ones it follows through statechange.
   */
  const own = new WeakSet<object>();

  const logic = fromCallback<EventObject>(({ sendBack }) => {
    send = (event) => {
      sendBack(event);
      settings.observe?.(event, registration);
    };
    let stopped = false;
    const cleanups: Array<() => void> = [];
    const listen: Listen = (target, type, listener) => {
      target.addEventListener(type, listener);
      cleanups.push(() => target.removeEventListener(type, listener));
    };
    // The worker that served this page: a RELOAD from it means "you are already new".
    // Both read when the shell started, which may be well before this runs.
    const loadController = early.controller;
    const loadedAt = early.startedAt;
    const versions = (pageVersions = createPageVersions(container, loadController, version, (v) => {
      if (!stopped) send({ type: 'VERSION_KNOWN', version: v });
    }));
    // A page that missed the reload (missed-update.ts) reloads when it is shown again.
    const resume = (): void => {
      const updateId = missedUpdate(settings.applied, container, loadController, loadedAt);
      if (updateId !== undefined) send({ type: 'RELOAD_REQUESTED', updateId });
    };
    cleanups.push(
      env.on('pageshow', resume),
      env.on('visibilitychange', () => env.isVisible() && resume()),
    );
    // WebKit tells a restored page that its controller retired only after pageshow.
    if (loadController !== null) listen(loadController, 'statechange', resume);

    // RELOADs heard before the registration is known (also ones the shell kept before
    // this core loaded): which worker sent them can be told only then.
    const unsure: MessageEvent[] = [];
    const onMessage = (event: MessageEvent): void => {
      const { data, source } = event;
      if (!isReloadMessage(data) || source === loadController) return;
      if (registration === undefined) return void unsure.push(event);
      if (!isOwnReload(data, source, registration, own)) return;
      send({ type: 'RELOAD_REQUESTED', updateId: data.updateId });
    };
    settled = () => unsure.splice(0).forEach(onMessage);
    const onControllerChange = (): void => {
      send({ type: 'CONTROLLER_CHANGED' });
      // A page back from the back/forward cache may hear of the change only now, after pageshow.
      resume();
      versions.ask(container.controller);
    };
    // Every message and controllerchange since the shell started, in order, then the new ones.
    cleanups.push(
      early.receive((event) => (event.type === 'message' ? onMessage(event as MessageEvent) : onControllerChange())),
    );
    if (loadController !== null) versions.ask(loadController);

    register = () =>
      void env
        .whenLoaded()
        .then(() => container.register(settings.scriptURL, settings.registration))
        .then(
          (reg) => {
            if (stopped) return;
            registration = reg;
            firstSettled(reg);
            send({ type: 'REGISTERED', hasActiveWorker: reg.active !== null });
            // Through the adapter's `send` of the moment, silent once the adapter stops.
            watchWorkers(reg, listen, { ...settings, send: (event) => send(event), version, now: env.now, own });
            settled();
            resume();
          },
          (cause: unknown) => {
            if (stopped) return;
            firstSettled(undefined);
            send({
              type: 'REGISTRATION_FAILED',
              error: toError(
                'registration-failed',
                cause,
                `Registering the service worker ${settings.scriptURL} failed; this tab retries later. Check that the script is served (status 200, a JavaScript type) and parses`,
              ),
            });
          },
        );
    register();

    stop = () => {
      stopped = true;
      registration = undefined;
      firstSettled(undefined);
      send = () => {};
      register = () => {};
      cleanups.splice(0).forEach((cleanup) => cleanup());
    };
    return () => stop();
  });

  return {
    logic,
    async check(mode) {
      // The app's check asked for before registering (early, through the shell) waits for it.
      const reg = registration ?? (mode === 'explicit' ? await firstRegistration : undefined);
      if (reg === undefined) return false;
      return checks.run(mode, env.now(), reg, (cause) =>
        send({
          type: 'CHECK_FAILED',
          error: toError(
            'check-failed',
            cause,
            `Checking ${settings.scriptURL} for an update failed; this app keeps running on the current version and automatic checks retry with backoff`,
          ),
        }),
      );
    },
    retry: () => register(),
    pageVersion: () => pageVersions?.own(),
    depart: () => stop(),
    skipWaiting(updateId) {
      const skip: SkipWaitingMessage = { type: 'SKIP_WAITING', ns: NAMESPACE, v: PROTOCOL_VERSION, updateId };
      registration?.waiting?.postMessage(skip);
    },
    nudgeActivation() {
      const waiting = registration?.waiting;
      if (registration && waiting && waiting.state === 'installed') nudge(waiting, registration.scope);
    },
  };
}
