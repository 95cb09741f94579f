/**
 * This tab's connection to the group: the channel, the leader election, liveness, and
 * leaving and joining again (pagehide, pageshow, a duplicate leader, a failed
 * registration). Apart from what the group keeps and means, which outlives each
 * connection; the others reach the channel only through the `Link` this writes.
 */
import { BroadcastChannel, createLeaderElection } from 'broadcast-channel';
import { fromCallback, type CallbackActorLogic, type EventObject } from 'xstate';
import type { LifecycleEvent } from '../../../machines/lifecycle-events.js';
import type { Environment } from '../environment.js';
import type { Grants } from './grants.js';
import type { GroupSettings } from './group.js';
import { createLiveness, type Liveness } from './liveness.js';
import { withGuardedNative } from './native-transport.js';
import type { Presence } from './presence.js';
import type { RosterKeeper } from './roster-keeper.js';
import { groupMessage, isGroupMessage, type GroupFields, type GroupMessage } from '../../protocol.js';

/** What this tab has of the group while connected; written here only, read by the other parts. */
export interface Link {
  /** Sends to the lifecycle machine; does nothing while out of the group. */
  send: (event: LifecycleEvent) => void;
  /** Posts on the channel; does nothing while out of the group. */
  post: (fields: GroupFields) => void;
  leading: boolean;
  liveness: Liveness | undefined;
}

const ignore = (): void => {};

/** The channel name: one app per scope, so two apps on one origin never talk. */
export const channelName = (scope: string): string => `sw-update-coordinator:${scope}`;

export const createLink = (): Link => ({ send: ignore, post: ignore, leading: false, liveness: undefined });

export interface Connection {
  readonly logic: CallbackActorLogic<EventObject>;
  leave(): void;
  rejoin(): void;
  closed(): Promise<void>;
}

export function createConnection(
  env: Environment,
  settings: GroupSettings,
  link: Link,
  roster: RosterKeeper,
  presence: Presence,
  grants: Grants,
  handle: (msg: GroupMessage) => void,
): Connection {
  const { tabId, timing } = settings;
  let closing: Promise<void> = Promise.resolve();
  /** Left on pagehide: join again if the page comes back from the back/forward cache. */
  let awaySincePagehide = false;
  let sendBack: (event: LifecycleEvent) => void = ignore;
  let disconnect: (() => void) | undefined;

  /** Opens the channel, joins the election and announces this tab. */
  const connect = (): void => {
    if (disconnect !== undefined) return;
    link.send = sendBack;
    const bc = new BroadcastChannel<unknown>(channelName(settings.scope), withGuardedNative(env.channelOptions));
    link.post = (fields) => {
      void bc.postMessage(groupMessage(fields)).catch(() => {
        // A closed or failing transport: the tab is going away; nothing to tell.
      });
    };
    bc.onmessage = (data: unknown) => {
      if (isGroupMessage(data)) handle(data);
    };
    // Joining again, back from the back/forward cache: the page may have been away long.
    presence.read();
    const live = createLiveness(env, {
      scope: settings.scope,
      tabId,
      rollCallInterval: timing.rollCallInterval,
      rollCallWindow: timing.rollCallWindow,
      others: () => [...roster.tabs.keys()].filter((id) => id !== tabId),
      callRoll: () => link.post({ type: 'HELLO', ...roster.tabFields(), rollCall: true }),
      // The leader tells the others: without Web Locks they may not have noticed.
      onGone: (id, leading) => {
        if (leading) link.post({ type: 'BYE', tabId: id });
        roster.drop(id);
      },
    });
    link.liveness = live;
    const elector = createLeaderElection(bc, settings.leaderElection);
    let stopped = false;
    // Without Web Locks, broadcast-channel elects by messages, and tabs whose timers the
    // browser throttles can each end up leader (Firefox's hidden tabs over localStorage:
    // every tab led, for good). The elector only reports it; each duplicate leaves the
    // group and joins again, which runs a new election.
    elector.onduplicate = () => {
      if (stopped || disconnect === undefined) return;
      disconnect();
      connect();
    };
    elector
      .awaitLeadership()
      .then(() => {
        if (stopped) return;
        link.leading = true;
        link.send({ type: 'LEADERSHIP_GAINED', epoch: env.now(), presenter: grants.presenter });
        live.lead();
        roster.changed();
      })
      .catch(() => {
        // The elector died with the channel: this tab is leaving.
      });

    const unsubscribe = [
      ...presence.listen(),
      // Gone for good or into the back/forward cache: say BYE and let go of the
      // channel, the election and the locks now, so the others move on at once and
      // the page stays cacheable (Chrome evicts a cached page that gets channel
      // messages or holds a lock another tab waits for).
      env.on('pagehide', () => {
        disconnect?.();
        awaySincePagehide = true;
      }),
    ];
    link.post({ type: 'HELLO', ...roster.tabFields() });
    roster.changed();

    disconnect = () => {
      disconnect = undefined;
      stopped = true;
      if (link.leading) link.send({ type: 'LEADERSHIP_LOST' });
      // A page kept in the back/forward cache must not come back still showing the prompt.
      if (grants.held) link.send({ type: 'PRESENTER_REVOKED', epoch: grants.epoch });
      link.send({ type: 'GROUP_LEFT' });
      link.leading = false;
      grants.reset();
      roster.forget();
      unsubscribe.forEach((off) => off());
      live.stop();
      link.send = ignore;
      link.post = ignore;
      link.liveness = undefined;
      // BYE first, so the others drop this tab before the elector's death message.
      closing = bc
        .postMessage(groupMessage({ type: 'BYE', tabId }))
        .catch(() => {})
        .then(() => elector.die())
        .then(() => bc.close())
        .catch(() => {});
    };
  };

  const logic = fromCallback<EventObject>((args) => {
    sendBack = args.sendBack as (event: LifecycleEvent) => void;
    connect();
    // Back from the back/forward cache: join again, as a newcomer.
    const offPageshow = env.on('pageshow', () => {
      if (!awaySincePagehide) return;
      awaySincePagehide = false;
      connect();
    });
    return () => {
      offPageshow();
      disconnect?.();
      sendBack = ignore;
    };
  });

  return { logic, leave: () => disconnect?.(), rejoin: connect, closed: () => closing };
}
