/**
 * Group adapter: the tabs of one app (one scope) on one broadcast channel, with
 * broadcast-channel's leader election. It keeps the roster, turns channel traffic
 * into lifecycle events, and sends what the machines announce.
 */
import { BroadcastChannel, createLeaderElection, type LeaderElectionOptions } from 'broadcast-channel';
import { fromCallback, type CallbackActorLogic, type EventObject } from 'xstate';
import type { LifecycleEvent } from '../../../machines/lifecycle-events.js';
import type { Timing } from '../../../machines/timing.js';
import type { Environment } from '../environment.js';
import { createGrants } from './grants.js';
import { createLiveness, type Liveness } from './liveness.js';
import { withGuardedNative } from './native-transport.js';
import { groupMessage, isGroupMessage, type GroupFields, type GroupMessage, type TabFields } from '../../protocol.js';
import { choosePresenter, totalHolds, type TabInfo } from './roster.js';
import { createRosterReports } from './roster-reports.js';

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
   * election's death go on pagehide (or after FAREWELL_FALLBACK if the page stays).
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

/**
 * The least `releaseTimeout` over IndexedDB: a hidden presenter reads the REVOKE at its
 * next poll, a second or more late (its timers are throttled), and the next prompt must
 * not show before its cleanup ran.
 */
export const POLLED_RELEASE_TIMEOUT = 3_000;

/**
 * How long after its reload call a page still here says its farewell anyway: a navigation
 * reaches pagehide well within it, and a reload cancelled in a beforeunload prompt never does.
 */
export const FAREWELL_FALLBACK = 3_000;

/** The channel name: one app per scope, so two apps on one origin never talk. */
export const channelName = (scope: string): string => `sw-update-coordinator:${scope}`;

export function createGroupAdapter(env: Environment, settings: GroupSettings): GroupAdapter {
  const { tabId, timing } = settings;
  const roster = new Map<string, TabInfo>();
  const self: TabInfo = { tabId, visible: env.isVisible(), focusedAt: env.now(), holds: 0 };
  roster.set(tabId, self);
  let channel: BroadcastChannel<unknown> | undefined;
  let liveness: Liveness | undefined;
  let send: (event: LifecycleEvent) => void = () => {};
  let closing: Promise<void> = Promise.resolve();
  let leading = false;
  const grants = createGrants(tabId, () => env.now());
  let hiddenSince = self.visible ? undefined : env.now();
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
  /** The leader's view of the group, for a newcomer or, once elected, for everyone. */
  const postRoster = (): void => post({ type: 'ROSTER', tabId, tabs: [...roster.values()].map((tab) => ({ ...tab })) });

  let statusNeedsLiveness = false;
  /** Liveness is needed while the status depends on it or any tab holds work. */
  const updateLivenessNeed = (): void => liveness?.needed(statusNeedsLiveness || totalHolds(roster) > 0);

  const reports = createRosterReports(roster, self, timing.rosterSettle, (event) => send(event));
  const rosterChanged = (): void => {
    updateLivenessNeed();
    reports.changed();
  };
  const selfChanged = (): void => {
    postTab();
    rosterChanged();
  };
  const drop = (id: string): void => {
    if (roster.delete(id)) rosterChanged();
  };
  /** The leader debounces check requests (see the registration adapter). */
  const requestCheck = (): void => (leading ? send({ type: 'CHECK_REQUESTED' }) : post({ type: 'CHECK', tabId }));

  /** Reads the page's visibility; shown after long enough hidden, the app checks for an update. */
  const readVisibility = (): void => {
    self.visible = env.isVisible();
    if (!self.visible) {
      hiddenSince ??= env.now();
      return;
    }
    self.focusedAt = env.now();
    if (hiddenSince !== undefined && env.now() - hiddenSince >= timing.recheckAfterHidden) requestCheck();
    hiddenSince = undefined;
  };

  const upsert = (tab: TabFields, announce = true): void => {
    // Seen first: a tab declared gone that speaks again must be watched again.
    if (announce) liveness?.seen(tab.tabId);
    const { tabId: id, visible, focusedAt, holds } = tab;
    const known = roster.get(id);
    if (known === undefined) liveness?.watch(id);
    // Most TABs (answers to an accept, to a roll call) repeat what is known: each used to
    // cost every tab a roster report, and a hidden one a machine event.
    else if (known.visible === visible && known.focusedAt === focusedAt && known.holds === holds) return;
    roster.set(id, { tabId: id, visible, focusedAt, holds });
    rosterChanged();
  };
  /** Handles one message, from the channel or looped back from this tab. */
  const handle = (msg: GroupMessage): void => {
    // Only messages a tab sends about itself prove it alive (a BYE or GRANT may name another).
    if ((msg.type === 'RELEASED' || msg.type === 'CHECK' || msg.type === 'ROSTER') && msg.tabId !== tabId) {
      liveness?.seen(msg.tabId);
    }
    switch (msg.type) {
      case 'HELLO':
        if (msg.tabId === tabId) return;
        if (msg.rollCall === true) {
          // The leader calls the roll: everyone answers, and drops who does not.
          postTab();
          liveness?.rollCalled();
        } else if (leading) {
          // A newcomer learns the whole group from the leader in one message, so N tabs
          // reloading together cost N answers, not N².
          postRoster();
        } else if (self.holds > 0) {
          // Held work must be known before the newcomer could accept, leader or not.
          postTab();
        }
        return upsert(msg);
      case 'TAB':
        if (msg.tabId === tabId) return;
        return upsert(msg);
      case 'ROSTER':
        // The leader's snapshot fills in tabs this one has not heard from. A tab it has
        // heard speaks for itself: every later change of it reaches both at once, so the
        // snapshot (taken when the leader got the HELLO) can only be older, e.g. miss a
        // hold taken meanwhile.
        for (const tab of msg.tabs) if (tab.tabId !== tabId && !roster.has(tab.tabId)) upsert(tab, false);
        // After the upserts: a change of holds is reported at once, so the machine has the
        // group's holds before it hears that it knows the group.
        if (!knowsGroup) send({ type: 'GROUP_KNOWN' });
        knowsGroup = true;
        return;
      case 'BYE':
        // Taken for gone while alive (frozen for a while, or a race of the lock check):
        // it says so, and the others take it back.
        if (msg.tabId === tabId) return postTab();
        return drop(msg.tabId);
      case 'ACCEPT':
        return send({
          type: 'PEER_ACCEPTED',
          updateId: msg.updateId,
          version: msg.version,
          force: msg.force,
          at: msg.at,
        });
      case 'DISMISS':
        return send({ type: 'PEER_DISMISSED', version: msg.version, remaining: msg.until - env.now() });
      case 'GRANT':
        if (grants.grant(msg.tabId, msg.epoch, (id) => roster.has(id))) {
          send({ type: 'PRESENTER_GRANTED', epoch: msg.epoch });
        }
        return;
      case 'REVOKE':
        if (grants.revoke(msg.except, msg.epoch)) send({ type: 'PRESENTER_REVOKED', epoch: msg.epoch });
        return;
      case 'RELEASED':
        grants.released(msg.tabId);
        return send({ type: 'PRESENTER_RELEASED', tabId: msg.tabId, epoch: msg.epoch });
      case 'CHECK':
        if (leading) send({ type: 'CHECK_REQUESTED' });
        return;
    }
  };
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
    readVisibility();
    const live = createLiveness(env, {
      scope: settings.scope,
      tabId,
      rollCallInterval: timing.rollCallInterval,
      rollCallWindow: timing.rollCallWindow,
      others: () => [...roster.keys()].filter((id) => id !== tabId),
      callRoll: () => post({ type: 'HELLO', ...self, rollCall: true }),
      // The leader tells the others: without Web Locks they may not have noticed.
      onGone: (id, leading) => {
        if (leading) post({ type: 'BYE', tabId: id });
        drop(id);
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

    const unsubscribe = [
      env.on('visibilitychange', () => {
        readVisibility();
        selfChanged();
      }),
      env.on('focus', () => {
        // Said only when it changes who presents: a hidden page is never chosen (WebDriver
        // focuses hidden tabs in WebKit), and a tab focused last stays chosen. Otherwise
        // every focus cost a message to every tab.
        if (!self.visible || choosePresenter(roster, tabId) === tabId) return;
        self.focusedAt = env.now();
        selfChanged();
      }),
      env.on('online', requestCheck),
    ];
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
      for (const id of [...roster.keys()]) if (id !== tabId) roster.delete(id);
      reports.stop();
      unsubscribe.forEach((off) => off());
      // This tab's lock stays until the farewell: its release tells the leader of a departure.
      live.stop(true);
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
      live.stop();
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
      // other tabs busy just as they reload too. Still here after FAREWELL_FALLBACK, the
      // reload did not happen (an app's beforeunload prompt, cancelled): it is said then,
      // so the group does not keep a leader that no longer listens.
      const leaving = disconnect;
      setTimeout(() => disconnect === leaving && leaving?.(), FAREWELL_FALLBACK);
    },
    rejoin: connect,
    closed: () => closing,
    releaseTimeout: (configured) =>
      channel?.type === 'idb' ? Math.max(configured, POLLED_RELEASE_TIMEOUT) : configured,
  };
}
