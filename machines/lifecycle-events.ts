/**
 * Events of the per-tab lifecycle machine: facts, named in UPPER_SNAKE.
 * Type definitions only.
 */

/** From the registration adapter (the browser's service-worker objects). */
export type RegistrationEvent =
  /** `hasActiveWorker`: the registration already has an active worker, so the app works offline. */
  | { type: 'REGISTERED'; hasActiveWorker?: boolean }
  | { type: 'REGISTRATION_FAILED'; error: Error }
  /** The worker controlling this tab reported its version (or never answered). */
  | { type: 'VERSION_KNOWN'; version?: string }
  | { type: 'WORKER_INSTALLING' }
  /**
   * A worker is waiting. `snoozeRemaining` is how long a dismissal of this version
   * still lasts (0 when none), looked up by the adapter when it saw the worker.
   */
  | { type: 'WORKER_WAITING'; version?: string; snoozeRemaining: number }
  | { type: 'INSTALL_FAILED'; error: Error }
  /** The first worker ever for this scope finished activating. */
  | { type: 'OFFLINE_READY' }
  | { type: 'CONTROLLER_CHANGED' }
  /** The worker that was waiting began activating: the accepted update is being applied. */
  | { type: 'WORKER_ACTIVATING' }
  /** The worker that was waiting reached `activated` (does not rely on controllerchange). */
  /** `at`: this tab's wall-clock ms when it saw the activation. */
  | { type: 'WORKER_ACTIVATED'; at?: number }
  /** The new worker told this tab to reload (it runs an older version). */
  | { type: 'RELOAD_REQUESTED'; updateId?: string }
  /** The reload guard refused to reload again for the same update. */
  | { type: 'RELOAD_REFUSED'; error: Error }
  | { type: 'CHECK_FAILED'; error: Error };

/** From the group adapter (other tabs, the leader election). */
export type GroupEvent =
  /**
   * This tab won the election; `epoch` (wall-clock based) outranks earlier leaders'
   * grants. `presenter` is the tab this one last saw granted the prompt: `null` when
   * it saw that tab release it, absent when it never saw a grant.
   */
  | { type: 'LEADERSHIP_GAINED'; epoch: number; presenter?: string | null }
  /** This tab left the group (its registration failed) and with it the leadership. */
  | { type: 'LEADERSHIP_LOST' }
  /** This tab left the group: its registration failed, or the page went into the back/forward cache. */
  | { type: 'GROUP_LEFT' }
  /**
   * This tab knows every tab of the group and its holds: it had the leader's ROSTER
   * (sent after the holds in it were reported), or it leads.
   */
  | { type: 'GROUP_KNOWN' }
  /**
   * The roster of tabs changed: total holds, whom the leader should let present, and
   * whether every tab is hidden (absent: not known to be).
   */
  | { type: 'ROSTER_CHANGED'; holds: number; desired?: string; tabIds: readonly string[]; everyTabHidden?: boolean }
  | { type: 'PRESENTER_GRANTED'; epoch: number }
  | { type: 'PRESENTER_REVOKED'; epoch: number }
  /** Some tab's prompt cleanup ran (only the leader cares). */
  | { type: 'PRESENTER_RELEASED'; tabId: string; epoch: number }
  /**
   * Another tab accepted the update to `version` (the waiting version it saw). `force`:
   * update even though some tabs hold unsaved work ("update anyway").
   */
  /**
   * `at`: the accepting tab's wall-clock ms when the user accepted (tabs of one browser
   * share a clock). `replayed`: heard again from `keptAccept`, never kept in `idle` a
   * second time (the worker it names failed to install).
   */
  | { type: 'PEER_ACCEPTED'; updateId: string; version?: string; force?: boolean; at?: number; replayed?: true }
  /** Another tab dismissed; the snooze lasts `remaining` ms more. */
  | { type: 'PEER_DISMISSED'; version?: string; remaining: number }
  /**
   * Something suggests checking for an update (a tab shown after a long while, back
   * online, a follower's CHECK). Such requests come in bursts: the leader merges them.
   */
  | { type: 'CHECK_REQUESTED' };

/** From the page's own API calls and timers. */
export type LocalEvent =
  | { type: 'USER_ACCEPTED'; updateId: string; force?: boolean }
  | { type: 'USER_DISMISSED' }
  /** This tab's own count of holds changed. */
  | { type: 'HOLDS_CHANGED'; count: number }
  /** The leader's update-check interval elapsed: check now, as the app asked. */
  | { type: 'CHECK_DUE' }
  /** `'idle'` policy, leader: every tab has been hidden for `idleDelay`, nothing held, an update waiting. */
  | { type: 'IDLE_ELAPSED' };

export type LifecycleEvent = RegistrationEvent | GroupEvent | LocalEvent;
