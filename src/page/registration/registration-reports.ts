/**
 * What the app hears from the registration adapter: the registration itself
 * (`onRegistered`, `getRegistration`) and the lifecycle events `update-found`,
 * `update-ready` and `update-applied`. The adapter tells this file every event it sends
 * the machine, just after the machine took it in.
 */
import type { RegistrationEvent } from '../../../machines/lifecycle-events.js';
import type { Emitter } from '../emitter.js';
import type { RegistrationLike } from '../environment.js';
import { callSafely } from '../report.js';
import type { UpdateEventMap } from '../update-events.js';

export interface ReportSettings {
  onRegistered?: (registration: ServiceWorkerRegistration) => void;
  events: Emitter<UpdateEventMap>;
  /** The version of the worker controlling this tab, as the machine knows it. */
  currentVersion(): string | undefined;
  /** Set when this page loaded from an update's reload (src/page/storage/reload-mark.ts). */
  reloadedFrom?: { previousVersion?: string };
}

export interface RegistrationReports {
  /** Called by the registration adapter after each event it sent. */
  observe(event: RegistrationEvent, registration: RegistrationLike | undefined): void;
  getRegistration(): Promise<ServiceWorkerRegistration | undefined>;
  /** The coordinator stopped: pending `getRegistration()` calls resolve `undefined`. */
  stop(): void;
}

export function createRegistrationReports(settings: ReportSettings): RegistrationReports {
  const { events } = settings;
  let reloadedFrom = settings.reloadedFrom;
  let registered: ServiceWorkerRegistration | undefined;
  let failed = false;
  let settle: (registration: ServiceWorkerRegistration | undefined) => void = () => {};
  const settled = new Promise<ServiceWorkerRegistration | undefined>((resolve) => (settle = resolve));

  return {
    observe(event, registration) {
      switch (event.type) {
        case 'REGISTERED':
          // In a browser this is the real ServiceWorkerRegistration (the fakes model the part we use).
          registered = registration as unknown as ServiceWorkerRegistration;
          settle(registered);
          callSafely('onRegistered', settings.onRegistered, registered);
          break;
        case 'REGISTRATION_FAILED':
          failed = true;
          settle(undefined);
          break;
        case 'WORKER_INSTALLING':
          // Beside an active worker it is an update; without one, the first install.
          if (registration?.active) events.emit('update-found', { type: 'update-found' });
          break;
        case 'WORKER_WAITING':
          events.emit('update-ready', {
            type: 'update-ready',
            version: event.version,
            currentVersion: settings.currentVersion(),
          });
          break;
        case 'VERSION_KNOWN':
          if (reloadedFrom === undefined) break;
          events.emit('update-applied', { type: 'update-applied', version: event.version, ...reloadedFrom });
          reloadedFrom = undefined;
          break;
      }
    },
    getRegistration: () => (registered || failed ? Promise.resolve(registered) : settled),
    stop() {
      registered = undefined;
      failed = true;
      settle(undefined);
    },
  };
}
