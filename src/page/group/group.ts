/**
 * Group adapter: the tabs of one app (one scope) on one broadcast channel, with
 * broadcast-channel's leader election. It puts the group's parts together and sends
 * what the machines announce: the roster (roster-keeper.ts), this tab's presence
 * (presence.ts), what a message means (messages.ts), the connection (connection.ts).
 */
import type { LeaderElectionOptions } from 'broadcast-channel';
import type { CallbackActorLogic, EventObject } from 'xstate';
import type { Timing } from '../../../machines/timing.js';
import type { Environment } from '../environment.js';
import { createConnection, createLink } from './connection.js';
import { createGrants } from './grants.js';
import { createMessageHandler } from './messages.js';
import { createPresence } from './presence.js';
import { createRosterKeeper } from './roster-keeper.js';
import { groupMessage, type GroupFields } from '../../protocol.js';

export interface GroupSettings {
  scope: string;
  tabId: string;
  timing: Pick<Timing, 'rosterSettle' | 'rollCallInterval' | 'rollCallWindow' | 'recheckAfterHidden'>;
  leaderElection?: LeaderElectionOptions;
}

export interface GroupAdapter {
  readonly logic: CallbackActorLogic<EventObject>;
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
  /** Joins again after `leave()`; harmless while connected. */
  rejoin(): void;
  /** Resolves once the channel is closed after the logic stopped. */
  closed(): Promise<void>;
}

export { channelName } from './connection.js';

export function createGroupAdapter(env: Environment, settings: GroupSettings): GroupAdapter {
  const link = createLink();
  const grants = createGrants(settings.tabId, () => env.now());
  const roster = createRosterKeeper(env, settings, link);
  const presence = createPresence(env, settings, roster, link);
  const handle = createMessageHandler(env, roster, grants, link);
  const connection = createConnection(env, settings, link, roster, presence, grants, handle);

  /** Leader commands concern the leader's own tab too; the channel does not echo. */
  const broadcastAndHandle = (fields: GroupFields): void => {
    link.post(fields);
    const msg = groupMessage(fields);
    queueMicrotask(() => handle(msg));
  };

  return {
    ...connection, // logic, leave, rejoin, closed
    announceAccept: (updateId, version, force, at) => link.post({ type: 'ACCEPT', updateId, version, force, at }),
    announceDismiss: (version, until) => link.post({ type: 'DISMISS', version, until }),
    announceReleased: (epoch) => broadcastAndHandle({ type: 'RELEASED', tabId: settings.tabId, epoch }),
    grant: (target, epoch) => broadcastAndHandle({ type: 'GRANT', tabId: target, epoch }),
    revoke: (except, epoch) => broadcastAndHandle({ type: 'REVOKE', except, epoch }),
    setHolds(count) {
      roster.self.holds = count;
      roster.selfChanged();
    },
    needLiveness: roster.needLiveness,
  };
}
