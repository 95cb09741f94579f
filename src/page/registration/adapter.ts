/**
 * What the registration adapter (registration.ts) offers the coordinator: the lifecycle
 * machine's registration actor and the commands that talk to the registration.
 */
import type { CallbackActorLogic, EventObject } from 'xstate';
import type { RegistrationEvent } from '../../../machines/lifecycle-events.js';
import type { Timing } from '../../../machines/timing.js';
import type { RegistrationLike } from '../environment.js';
import type { AppliedStore } from '../storage/applied-record.js';
import type { CheckMode } from './update-checks.js';

export interface RegistrationSettings {
  scriptURL: string;
  registration?: RegistrationOptions;
  timing: Pick<Timing, 'versionTimeout' | 'checkDebounce' | 'checkBackoff' | 'checkBackoffMax'>;
  /** The last update accepted in this app (for pages resumed after missing it). */
  applied: AppliedStore;
  /** How long a dismissal of `version` still lasts, for WORKER_WAITING. */
  snoozeRemaining(version: string | undefined): number;
  /** Told of every event sent to the machine, just after it, with the registration if any. */
  observe?(event: RegistrationEvent, registration: RegistrationLike | undefined): void;
}

export interface RegistrationAdapter {
  /** The event source, invoked by the machine while it runs. */
  readonly logic: CallbackActorLogic<EventObject>;
  /**
   * `registration.update()`; true when a newer worker is installing or waiting. Which
   * checks run and which failures are reported: src/page/registration/update-checks.ts.
   */
  check(mode: CheckMode): Promise<boolean>;
  /** Posts SKIP_WAITING to the waiting worker, if there is one. */
  skipWaiting(updateId: string | undefined): void;
  /** Makes Chromium retry an activation it may have dropped (activation-nudge.ts). */
  nudgeActivation(): void;
  /** Registers again after a failed registration. */
  retry(): void;
  /** The version of this page's code (page-versions.ts), which its controller's may no longer be. */
  pageVersion(): string | undefined;
  /**
   * The page is reloading: stop listening (worker state, messages, controllerchange) and
   * checking, as if stopped, so nothing runs between the reload call and the navigation.
   */
  depart(): void;
}
