/**
 * Which update checks run, and which of their failures are reported.
 *
 * - `explicit` (the app called `checkForUpdate()`): always runs, and a failure is always
 *   reported: the app asked, so it gets the answer.
 * - `scheduled` (the leader's `checkInterval` elapsed): runs on every tick, so the
 *   interval the app set is the interval it gets.
 * - `requested` (a tab shown again after a long while, back online, a follower's CHECK):
 *   such triggers come in bursts from many tabs, so they are merged: at most one check
 *   per `checkDebounce`, counting every kind of check.
 *
 * After a failure, scheduled and requested checks pause with exponential backoff, and they
 * report once per streak of failures (offline for an hour is one error, not sixty), except
 * that a new kind of failure (a 404 after a syntax error) is news and is reported too.
 */
import { backoff, type Timing } from '../../../machines/timing.js';
import type { RegistrationLike } from '../environment.js';

export type CheckMode = 'explicit' | 'scheduled' | 'requested';

export interface UpdateChecks {
  /**
   * Calls `registration.update()` unless `mode` says to skip it now; resolves true when a
   * newer worker is installing, waiting or (applied at once) already active, false when
   * skipped, up to date or failed.
   * `report` receives the failures worth telling the app about.
   */
  run(mode: CheckMode, now: number, registration: RegistrationLike, report: (cause: unknown) => void): Promise<boolean>;
}

export function createUpdateChecks(
  timing: Pick<Timing, 'checkDebounce' | 'checkBackoff' | 'checkBackoffMax'>,
): UpdateChecks {
  let lastCheckAt = Number.NEGATIVE_INFINITY;
  let retryAt = Number.NEGATIVE_INFINITY;
  let failures = 0;
  let lastKind: string | undefined;
  return {
    async run(mode, now, registration, report) {
      const automatic = mode !== 'explicit';
      if (automatic && (now < retryAt || (mode === 'requested' && now - lastCheckAt < timing.checkDebounce))) {
        return false;
      }
      lastCheckAt = now;
      const active = registration.active;
      try {
        await registration.update();
        failures = 0;
        retryAt = Number.NEGATIVE_INFINITY;
        // A worker the check found may already be active when update() settles: under the
        // 'auto' policy Firefox installs and activates it before the promise resolves.
        return registration.installing !== null || registration.waiting !== null || registration.active !== active;
      } catch (cause) {
        failures++;
        retryAt = now + backoff(timing, failures);
        // "TypeError: A bad HTTP response code (404)…": the browser's name and message.
        const kind = String(cause);
        if (!automatic || failures === 1 || kind !== lastKind) report(cause);
        lastKind = kind;
        return false;
      }
    },
  };
}
