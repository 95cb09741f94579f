/**
 * What the lifecycle machine remembers (its context) and what it is started with
 * (its input). Types only; the chart reads the context, the guards and context
 * updates beside it (lifecycle-guards.ts, lifecycle-assigns.ts) read and write it.
 */
import type { LifecycleEvent } from './lifecycle-events.js';
import type { UpdatePolicy } from './policy.js';
import type { Timing } from './timing.js';

export interface LifecycleContext {
  readonly supported: boolean;
  /** Snooze length (ms) for a dismissal made here. */
  readonly snooze: number;
  /** Update-check interval (ms) for the leader's poller; 0 = never. */
  readonly checkInterval: number;
  /** Who applies a waiting worker: a user (`'prompt'`), every tab at once (`'auto'`), or also the leader while everyone is away (`'idle'`). */
  readonly policy: UpdatePolicy;
  /** `'idle'`: how long (ms) every tab must have been hidden before the leader applies the update. */
  readonly idleDelay: number;
  /** Random id of this page: names the updates a policy applies here, so none repeats across reloads. */
  readonly pageId: string;
  /** Updates a policy applied from this page so far (makes their ids unique within the page). */
  policyApplies: number;
  /** Every tab in the roster is hidden (the leader's roster is the complete one). */
  everyTabHidden: boolean;
  /** Version of the worker controlling this tab. */
  version?: string;
  /** Version of the waiting worker. */
  waitingVersion?: string;
  error?: Error;
  /** Holds across all tabs (from the roster). */
  holds: number;
  /** Holds in this tab. */
  localHolds: number;
  /** The leader granted this tab the prompt. */
  isPresenter: boolean;
  /** Epoch of the last grant, echoed in RELEASED. */
  grantEpoch: number;
  /** The accepted update this tab is applying. */
  updateId?: string;
  /**
   * The update whose reload did not happen here (the app's `beforeunload` prompt kept
   * the page): the user chose to stay, so it does not ask this page to reload again.
   */
  cancelledUpdateId?: string;
  /**
   * An accept another tab made before this one saw the worker waiting (a hidden tab
   * hears of a new worker up to a second late): applied once the worker waits here.
   */
  keptAccept?: Extract<LifecycleEvent, { type: 'PEER_ACCEPTED' }>;
  /** The accept was "update anyway": holds in other tabs do not stop it. */
  forced: boolean;
  /** The user accepted in this tab: it posts SKIP_WAITING, as the leader does. */
  acceptedHere: boolean;
  /**
   * This tab has had the leader's roster (or leads), so the holds it knows are the
   * group's: only then does an accept here post SKIP_WAITING at once. A tab that
   * opened a moment ago may not have heard of a tab that holds work.
   */
  knowsGroup: boolean;
  /**
   * A newer worker activated while this page kept running older code (the page was
   * not controlled by it, or the update applied itself): an accept reloads it.
   */
  behind: boolean;
  /** How long the current snooze still lasts (ms), as of entering `snoozed`. */
  snoozeRemaining: number;
  /** First install finished before this tab knew it leads; tell the app once it does. */
  offlineReadyPending: boolean;
  /** An active worker serves this app: it works offline (the first install finished). */
  offlineReady: boolean;
  /** Epoch handed to the presenter machine when this tab became leader. */
  leaderEpoch: number;
  /** Who presented when this tab became leader, as the group saw it (see LEADERSHIP_GAINED). */
  presenterAtElection?: string | null;
  /** The waiting worker began activating (someone's accept, or by itself). */
  waitingActivating: boolean;
  /** Version of the last waiting worker this tab saw activate. */
  appliedVersion?: string;
  /** When this page loaded, or later saw an update activate: older accepts are settled. */
  settledAt: number;
  /** Registration attempts that failed in a row; sets the retry backoff. */
  registrationFailures: number;
  /** Every timing, as merged from the defaults and the app's `timing` option; the delays read it. */
  readonly timing: Timing;
}

export interface LifecycleInput {
  /** False where service workers cannot run: the machine rests in `unsupported`. */
  supported: boolean;
  /** Snooze length in ms for a dismissal made in this tab. */
  snooze: number;
  /** Update-check interval in ms (0: never), handed to the poller. */
  checkInterval: number;
  /** @default 'prompt' */
  policy?: UpdatePolicy;
  /** @default 600_000 (DEFAULT_IDLE_DELAY: ten minutes) */
  idleDelay?: number;
  /** A random id of this page load. @default 'page' */
  pageId?: string;
  /** Wall-clock ms when the page loaded. @default 0 (every accept is news) */
  loadedAt?: number;
  /** This app's worker controls the page already, so it works offline. @default false */
  offlineReady?: boolean;
  /** The timings, merged from DEFAULT_TIMING and the app's option. @default DEFAULT_TIMING */
  timing?: Timing;
}
