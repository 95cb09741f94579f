/**
 * What each group message does to this tab: the roster, liveness and the grant take it
 * into account, and the machine hears what concerns it.
 */
import type { LifecycleEvent } from '../../../machines/lifecycle-events.js';
import type { GroupMessage } from '../../protocol/messages.js';
import type { Grants } from './grants.js';
import type { Liveness } from './liveness.js';
import type { Members } from './members.js';
import type { TabInfo } from './roster.js';

export interface InboxDeps {
  self: TabInfo;
  members: Members;
  grants: Grants;
  now(): number;
  leading(): boolean;
  liveness(): Liveness | undefined;
  send(event: LifecycleEvent): void;
  postTab(): void;
  postRoster(): void;
  /** The leader's ROSTER arrived, and was taken in. */
  knowGroup(): void;
}

/** Handles one message, from the channel or looped back from this tab. */
export function createInbox(deps: InboxDeps): (msg: GroupMessage) => void {
  const { self, members, grants, send } = deps;
  const { tabId } = self;
  return (msg) => {
    // Only messages a tab sends about itself prove it alive (a BYE or GRANT may name another).
    if ((msg.type === 'RELEASED' || msg.type === 'CHECK' || msg.type === 'ROSTER') && msg.tabId !== tabId) {
      deps.liveness()?.seen(msg.tabId);
    }
    switch (msg.type) {
      case 'HELLO':
        if (msg.tabId === tabId) return;
        if (msg.rollCall === true) {
          // The leader calls the roll: everyone answers, and drops who does not.
          deps.postTab();
          deps.liveness()?.rollCalled();
        } else if (deps.leading()) {
          // A newcomer learns the whole group from the leader in one message, so N tabs
          // reloading together cost N answers, not N².
          deps.postRoster();
        } else if (self.holds > 0) {
          // Held work must be known before the newcomer could accept, leader or not.
          deps.postTab();
        }
        return members.upsert(msg);
      case 'TAB':
        if (msg.tabId === tabId) return;
        return members.upsert(msg);
      case 'ROSTER':
        // The leader's snapshot fills in tabs this one has not heard from. A tab it has
        // heard speaks for itself: every later change of it reaches both at once, so the
        // snapshot (taken when the leader got the HELLO) can only be older, e.g. miss a
        // hold taken meanwhile.
        for (const tab of msg.tabs) if (!members.roster.has(tab.tabId)) members.upsert(tab, false);
        // After the upserts: a change of holds is reported at once, so the machine has the
        // group's holds before it hears that it knows the group.
        return deps.knowGroup();
      case 'BYE':
        // Taken for gone while alive (frozen for a while, or a race of the lock check):
        // it says so, and the others take it back.
        if (msg.tabId === tabId) return deps.postTab();
        return members.drop(msg.tabId);
      case 'ACCEPT':
        return send({
          type: 'PEER_ACCEPTED',
          updateId: msg.updateId,
          version: msg.version,
          force: msg.force,
          at: msg.at,
        });
      case 'DISMISS':
        return send({ type: 'PEER_DISMISSED', version: msg.version, remaining: msg.until - deps.now() });
      case 'GRANT':
        if (grants.grant(msg.tabId, msg.epoch, (id) => members.roster.has(id))) {
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
        if (deps.leading()) send({ type: 'CHECK_REQUESTED' });
        return;
    }
  };
}
