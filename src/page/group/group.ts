/**
 * Group adapter: the tabs of one app (one scope) on one broadcast channel, with
 * broadcast-channel's leader election. This file holds the membership: joining,
 * leaving, the farewell, and the way back from the back/forward cache; and it sends
 * what the machines announce. The roster (members.ts), this tab's presence
 * (presence.ts), what each message does (inbox.ts), the grant and liveness have
 * their own files.
 */
import { BroadcastChannel, createLeaderElection } from 'broadcast-channel';
import { fromCallback, type EventObject } from 'xstate';
import type { LifecycleEvent } from '../../../machines/lifecycle-events.js';
import type { Environment } from '../environment.js';
import { createGrants } from './grants.js';
import { createInbox } from './inbox.js';
import { createLiveness, type Liveness } from './liveness.js';
import { createMembers } from './members.js';
import { withGuardedNative } from './native-transport.js';
import { createPresence } from './presence.js';
import { groupMessage, type GroupFields } from '../../protocol/messages.js';
import { isGroupMessage } from '../../protocol/checks.js';
import { NEVER_SHOWN, totalHolds, type TabInfo } from './roster.js';
import { createRosterReports } from './roster-reports.js';
import type { GroupAdapter, GroupSettings } from './adapter.js';

/**
 * The least `releaseTimeout` over IndexedDB: a hidden presenter reads the REVOKE at its
 * next poll, a second or more late (its timers are throttled), and the next prompt must
 * not show before its cleanup ran.
 */
export const POLLED_RELEASE_TIMEOUT = 3_000;

/** The channel name: one app per scope, so two apps on one origin never talk. */
export const channelName = (scope: string): string => `sw-update-coordinator:${scope}`;

export function createGroupAdapter(env: Environment, settings: GroupSettings): GroupAdapter {
  const { tabId, timing } = settings;
  const visible = env.isVisible();
  const self: TabInfo = { tabId, visible, focusedAt: visible ? env.now() : NEVER_SHOWN, holds: 0 };
  let channel: BroadcastChannel<unknown> | undefined;
  let liveness: Liveness | undefined;
  let send: (event: LifecycleEvent) => void = () => {};
  let closing: Promise<void> = Promise.resolve();
  let leading = false;
  const grants = createGrants(tabId, () => env.now());
  /** Left on pagehide: join again if the page comes back from the back/forward cache. */
  let awaySincePagehide = false;
  /** Had the leader's ROSTER since joining: GROUP_KNOWN was sent. */
  let knowsGroup = false;

  const post = (fields: GroupFields): void => {
    void channel?.postMessage(groupMessage(fields)).catch(() => {
      // A closed or failing transport: the tab is going away; nothing to tell.
    });
  };
  /** This tab's news about itself. */
  const postTab = (): void => post({ type: 'TAB', ...self });

  let statusNeedsLiveness = false;
  /** Liveness is needed while the status depends on it or any tab holds work. */
  const updateLivenessNeed = (): void => liveness?.needed(statusNeedsLiveness || totalHolds(members.roster) > 0);

  const rosterChanged = (): void => {
    updateLivenessNeed();
    reports.changed();
  };
  const members = createMembers(self, () => liveness, rosterChanged);
  const reports = createRosterReports(members.roster, self, timing.rosterSettle, (event) => send(event));
  const selfChanged = (): void => {
    postTab();
    rosterChanged();
  };
  /** The leader's view of the group, for a newcomer or, once elected, for everyone. */
  const postRoster = (): void =>
    post({ type: 'ROSTER', tabId, tabs: [...members.roster.values()].map((tab) => ({ ...tab })) });
  /** The leader debounces check requests (see the registration adapter). */
  const requestCheck = (): void => (leading ? send({ type: 'CHECK_REQUESTED' }) : post({ type: 'CHECK', tabId }));
  const presence = createPresence(env, self, timing.recheckAfterHidden, requestCheck);

  const handle = createInbox({
    self,
    members,
    grants,
    now: () => env.now(),
    leading: () => leading,
    liveness: () => liveness,
    send: (event) => send(event),
    postTab,
    postRoster,
    knowGroup: () => {
      if (!knowsGroup) send({ type: 'GROUP_KNOWN' });
      knowsGroup = true;
    },
  });
  /** Leader commands concern the leader's own tab too; the channel does not echo. */
  const broadcastAndHandle = (fields: GroupFields): void => {
    post(fields);
    const msg = groupMessage(fields);
    queueMicrotask(() => handle(msg));
  };

  let sendBack: (event: LifecycleEvent) => void = () => {};
  /** Leaves the group: silent (below), then the farewell (BYE, locks, election). */
  let disconnect: (() => void) | undefined;
  /** Stops taking part at once: the machine hears nothing more, no listener or timer runs. */
  let silence: () => void = () => {};

  /** Opens the channel, joins the election and announces this tab. */
  const connect = (): void => {
    if (disconnect !== undefined) return;
    send = sendBack;
    const bc = new BroadcastChannel<unknown>(channelName(settings.scope), withGuardedNative(env.channelOptions));
    channel = bc;
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
      others: () => [...members.roster.keys()].filter((id) => id !== tabId),
      callRoll: () => post({ type: 'HELLO', ...self, rollCall: true }),
      // The leader tells the others: without Web Locks they may not have noticed.
      onGone: (id, leading) => {
        if (leading) post({ type: 'BYE', tabId: id });
        members.drop(id);
      },
    });
    liveness = live;
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
        leading = true;
        send({ type: 'LEADERSHIP_GAINED', epoch: env.now(), presenter: grants.presenter });
        live.lead();
        rosterChanged();
        // Tabs that joined before there was a leader had no ROSTER: they learn the group
        // now, so an accept there can wait for exactly the tabs that must answer it.
        postRoster();
      })
      .catch(() => {
        // The elector died with the channel: this tab is leaving.
      });

    const unsubscribe = [presence.listen(members.roster, selfChanged), env.on('online', requestCheck)];
    // Gone for good or into the back/forward cache: say BYE and let go of the channel,
    // the election and the locks now, so the others move on at once and the page stays
    // cacheable (Chrome evicts a cached page that gets channel messages or holds a lock
    // another tab waits for). A reloading page, silent since its reload call, says it here.
    const offPagehide = env.on('pagehide', () => {
      disconnect?.();
      awaySincePagehide = true;
    });
    live.whenHolding(() => post({ type: 'HELLO', ...self }));
    rosterChanged();

    silence = () => {
      if (stopped) return;
      stopped = true;
      if (leading) send({ type: 'LEADERSHIP_LOST' });
      // A page kept in the back/forward cache must not come back still showing the prompt.
      if (grants.held) send({ type: 'PRESENTER_REVOKED', epoch: grants.epoch });
      send({ type: 'GROUP_LEFT' });
      leading = false;
      knowsGroup = false;
      grants.reset();
      members.clear();
      reports.stop();
      unsubscribe.forEach((off) => off());
      // This tab's lock stays until the farewell: its release tells the leader of a departure.
      live.stop();
      send = () => {};
      // Out of the group: what others still say is not for this tab.
      bc.onmessage = null;
      channel = undefined;
      liveness = undefined;
    };
    disconnect = () => {
      disconnect = undefined;
      silence();
      offPagehide();
      live.release();
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
      sendBack = () => {};
    };
  });

  return {
    logic,
    announceAccept: (updateId, version, force, at) => post({ type: 'ACCEPT', updateId, version, force, at }),
    announceDismiss: (version, until) => post({ type: 'DISMISS', version, until }),
    announceReleased: (epoch) => broadcastAndHandle({ type: 'RELEASED', tabId, epoch }),
    grant: (target, epoch) => broadcastAndHandle({ type: 'GRANT', tabId: target, epoch }),
    revoke: (except, epoch) => broadcastAndHandle({ type: 'REVOKE', except, epoch }),
    setHolds(count) {
      self.holds = count;
      selfChanged();
    },
    needLiveness(needed) {
      statusNeedsLiveness = needed;
      updateLivenessNeed();
    },
    leave: () => disconnect?.(),
    depart: () => {
      send = () => {};
      silence();
      // The farewell goes on pagehide, once the navigation is under way: said now, each
      // BYE, and each leader handing over to the next, which calls the roll, keeps the
      // other tabs busy just as they reload too. A page still here when the machine
      // concludes that its reload did not happen (timing.reloadTimeout) says it then, as
      // the machine stops this adapter to start over.
    },
    rejoin: connect,
    closed: () => closing,
    releaseTimeout: (configured) =>
      channel?.type === 'idb' ? Math.max(configured, POLLED_RELEASE_TIMEOUT) : configured,
  };
}
