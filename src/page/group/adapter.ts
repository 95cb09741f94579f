/**
 * What the group adapter (group.ts) offers the coordinator: the tabs of one app on one
 * channel, as the lifecycle machine's group actor and the effects it calls.
 */
import type { LeaderElectionOptions } from 'broadcast-channel';
import type { CallbackActorLogic, EventObject } from 'xstate';
import type { Timing } from '../../../machines/timing.js';

export interface GroupSettings {
  scope: string;
  tabId: string;
  timing: Pick<Timing, 'rosterSettle' | 'rollCallInterval' | 'rollCallWindow' | 'recheckAfterHidden'>;
  leaderElection?: LeaderElectionOptions;
}

export interface GroupAdapter {
  readonly logic: CallbackActorLogic<EventObject>;
  /** Tells every tab of the accept (each goes on to reload with it). */
  announceAccept(updateId: string, version: string | undefined, force: boolean, at: number): void;
  announceDismiss(version: string | undefined, until: number): void;
  announceReleased(epoch: number): void;
  grant(tabId: string, epoch: number): void;
  revoke(except: string | undefined, epoch: number): void;
  setHolds(count: number): void;
  /**
   * Whether this tab's status depends on noticing dead tabs (an update under way). The
   * group adds holds anywhere in the roster, and calls the roll only while either holds.
   */
  needLiveness(needed: boolean): void;
  /** Leaves the group (this tab cannot take part while its registration has failed). */
  leave(): void;
  /**
   * Leaves as a reloading page does: the machine hears nothing back (no LEADERSHIP_LOST,
   * no GROUP_LEFT) and the tab stops listening at once; its BYE, its lock and the
   * election's death go on pagehide, or when the machine stops this adapter (a reload that
   * did not happen: `timing.reloadTimeout`; destroy()).
   */
  depart(): void;
  /** Joins again after `leave()`; harmless while connected. */
  rejoin(): void;
  /** Resolves once the channel is closed after the logic stopped. */
  closed(): Promise<void>;
  /**
   * How long the leader waits for a previous presenter's RELEASED over this transport:
   * `configured` (`timing.releaseTimeout`), or `POLLED_RELEASE_TIMEOUT` if longer when
   * broadcast-channel polls IndexedDB, which a hidden tab does only about once a second.
   */
  releaseTimeout(configured: number): number;
}
