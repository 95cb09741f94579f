/**
 * Group adapter: the tabs of one app (one scope) on one broadcast channel, with
 * broadcast-channel's leader election. It keeps the roster, turns channel traffic
 * into lifecycle events, and sends what the machines announce.
 */
import { BroadcastChannel, createLeaderElection, type LeaderElectionOptions } from 'broadcast-channel';
import { fromCallback, type CallbackActorLogic, type EventObject } from 'xstate';
import type { GroupEvent } from '../machines/lifecycle-events.js';
import type { Environment } from './environment.js';
import {
  isGroupMessage,
  message,
  type AcceptMessage,
  type ByeMessage,
  type DismissMessage,
  type GrantMessage,
  type GroupMessage,
  type HelloMessage,
  type ReleasedMessage,
  type RevokeMessage,
  type TabFields,
  type TabMessage,
} from './protocol.js';
import { choosePresenter, totalHolds, type TabInfo } from './roster.js';

export interface GroupSettings {
  scope: string;
  tabId: string;
  /** Ms to let a burst of roster news settle before re-deciding the presenter. */
  rosterSettle: number;
  leaderElection?: LeaderElectionOptions;
}

export interface GroupAdapter {
  readonly logic: CallbackActorLogic<EventObject>;
  announceAccept(updateId: string, force: boolean): void;
  announceDismiss(version: string | undefined, until: number): void;
  announceReleased(epoch: number): void;
  grant(tabId: string, epoch: number): void;
  revoke(except: string | undefined, epoch: number): void;
  setHolds(count: number): void;
  /** Resolves once the channel is closed after the logic stopped. */
  closed(): Promise<void>;
}

/** The channel name: one app per scope, so two apps on one origin never talk. */
export const channelName = (scope: string): string => `sw-update-coordinator:${scope}`;

export function createGroupAdapter(env: Environment, settings: GroupSettings): GroupAdapter {
  const { tabId } = settings;
  const roster = new Map<string, TabInfo>();
  const self: TabInfo = { tabId, visible: env.isVisible(), focusedAt: env.now(), holds: 0 };
  roster.set(tabId, self);
  let channel: BroadcastChannel<unknown> | undefined;
  let send: (event: GroupEvent) => void = () => {};
  let closing: Promise<void> = Promise.resolve();
  /** Whether this tab holds the prompt grant, so only a real presenter answers REVOKE. */
  let granted = false;
  let lastEpoch = 0;

  const post = (msg: GroupMessage): void => {
    void channel?.postMessage(msg).catch(() => {
      // A closed or failing transport: the tab is going away; nothing to tell.
    });
  };
  const tabFields = (): TabFields => ({ ...self });

  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const rosterChanged = (): void => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      send({
        type: 'ROSTER_CHANGED',
        holds: totalHolds(roster),
        desired: choosePresenter(roster, tabId),
        tabIds: [...roster.keys()],
      });
    }, settings.rosterSettle);
  };
  const selfChanged = (): void => {
    post(message<TabMessage>({ type: 'TAB', ...tabFields() }));
    rosterChanged();
  };

  /** Handles one message, from the channel or looped back from this tab. */
  const handle = (msg: GroupMessage): void => {
    switch (msg.type) {
      case 'HELLO':
      case 'TAB':
        if (msg.tabId === tabId) return;
        // A newcomer needs to hear from everyone; its HELLO also carries its own fields.
        if (msg.type === 'HELLO') post(message<TabMessage>({ type: 'TAB', ...tabFields() }));
        roster.set(msg.tabId, {
          tabId: msg.tabId,
          visible: msg.visible,
          focusedAt: msg.focusedAt,
          holds: msg.holds,
        });
        return rosterChanged();
      case 'BYE':
        if (roster.delete(msg.tabId)) rosterChanged();
        return;
      case 'ACCEPT':
        return send({ type: 'PEER_ACCEPTED', updateId: msg.updateId, force: msg.force });
      case 'DISMISS':
        return send({ type: 'PEER_DISMISSED', version: msg.version, remaining: msg.until - env.now() });
      case 'GRANT':
        if (msg.epoch < lastEpoch) return;
        lastEpoch = msg.epoch;
        granted = msg.tabId === tabId;
        if (granted) send({ type: 'PRESENTER_GRANTED', epoch: msg.epoch });
        return;
      case 'REVOKE':
        if (msg.epoch < lastEpoch || msg.except === tabId) return;
        lastEpoch = msg.epoch;
        if (!granted) return;
        granted = false;
        return send({ type: 'PRESENTER_REVOKED', epoch: msg.epoch });
      case 'RELEASED':
        return send({ type: 'PRESENTER_RELEASED', tabId: msg.tabId, epoch: msg.epoch });
    }
  };
  /** Leader commands concern the leader's own tab too; the channel does not echo. */
  const broadcastAndHandle = (msg: GroupMessage): void => {
    post(msg);
    queueMicrotask(() => handle(msg));
  };

  const logic = fromCallback<EventObject>(({ sendBack }) => {
    send = sendBack;
    const bc = new BroadcastChannel<unknown>(channelName(settings.scope), env.channelOptions);
    channel = bc;
    bc.onmessage = (data: unknown) => {
      if (isGroupMessage(data)) handle(data);
    };
    const elector = createLeaderElection(bc, settings.leaderElection);
    let stopped = false;
    elector
      .awaitLeadership()
      .then(() => {
        if (stopped) return;
        send({ type: 'LEADERSHIP_GAINED', epoch: env.now() });
        rosterChanged();
      })
      .catch(() => {
        // The elector died with the channel: this tab is leaving.
      });

    const unsubscribe = [
      env.on('visibilitychange', () => {
        self.visible = env.isVisible();
        if (self.visible) self.focusedAt = env.now();
        selfChanged();
      }),
      env.on('focus', () => {
        self.focusedAt = env.now();
        selfChanged();
      }),
      env.on('pagehide', () => post(message<ByeMessage>({ type: 'BYE', tabId }))),
    ];
    post(message<HelloMessage>({ type: 'HELLO', ...tabFields() }));
    rosterChanged();

    return () => {
      stopped = true;
      clearTimeout(settleTimer);
      unsubscribe.forEach((off) => off());
      send = () => {};
      channel = undefined;
      // BYE first, so the others drop this tab before the elector's death message.
      closing = bc
        .postMessage(message<ByeMessage>({ type: 'BYE', tabId }))
        .catch(() => {})
        .then(() => elector.die())
        .then(() => bc.close())
        .catch(() => {});
    };
  });

  return {
    logic,
    announceAccept: (updateId, force) => post(message<AcceptMessage>({ type: 'ACCEPT', updateId, force })),
    announceDismiss: (version, until) => post(message<DismissMessage>({ type: 'DISMISS', version, until })),
    announceReleased: (epoch) =>
      broadcastAndHandle(message<ReleasedMessage>({ type: 'RELEASED', tabId, epoch })),
    grant: (target, epoch) => broadcastAndHandle(message<GrantMessage>({ type: 'GRANT', tabId: target, epoch })),
    revoke: (except, epoch) => broadcastAndHandle(message<RevokeMessage>({ type: 'REVOKE', except, epoch })),
    setHolds(count) {
      self.holds = count;
      selfChanged();
    },
    closed: () => closing,
  };
}
