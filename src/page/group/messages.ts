/**
 * What one group message means to this tab: roster entries, liveness, grants, and the
 * lifecycle events it becomes. Apart from the channel, so a message handled the same
 * way whether it came over the channel or was looped back from this tab.
 */
import type { Link } from './connection.js';
import type { Grants } from './grants.js';
import type { RosterKeeper } from './roster-keeper.js';
import type { Environment } from '../environment.js';
import type { GroupMessage } from '../../protocol.js';

/** Handles one message, from the channel or looped back from this tab. */
export function createMessageHandler(
  env: Environment,
  roster: RosterKeeper,
  grants: Grants,
  link: Link,
): (msg: GroupMessage) => void {
  const { tabs, self } = roster;
  const { tabId } = self;
  return (msg) => {
    // Only messages a tab sends about itself prove it alive (a BYE or GRANT may name another).
    if ((msg.type === 'RELEASED' || msg.type === 'CHECK' || msg.type === 'ROSTER') && msg.tabId !== tabId) {
      link.liveness?.seen(msg.tabId);
    }
    switch (msg.type) {
      case 'HELLO':
        if (msg.tabId === tabId) return;
        if (msg.rollCall === true) {
          // The leader calls the roll: everyone answers, and drops who does not.
          link.post({ type: 'TAB', ...roster.tabFields() });
          link.liveness?.rollCalled();
        } else if (link.leading) {
          // A newcomer learns the whole group from the leader in one message, so N tabs
          // reloading together cost N answers, not N².
          link.post({ type: 'ROSTER', tabId, tabs: [...tabs.values()].map((tab) => ({ ...tab })) });
        } else if (self.holds > 0) {
          // Held work must be known before the newcomer could accept, leader or not.
          link.post({ type: 'TAB', ...roster.tabFields() });
        }
        return roster.upsert(msg);
      case 'TAB':
        return msg.tabId === tabId ? undefined : roster.upsert(msg);
      case 'ROSTER':
        for (const tab of msg.tabs) if (tab.tabId !== tabId) roster.upsert(tab, false);
        return;
      case 'BYE':
        return msg.tabId === tabId ? undefined : roster.drop(msg.tabId);
      case 'ACCEPT':
        return link.send({
          type: 'PEER_ACCEPTED',
          updateId: msg.updateId,
          version: msg.version,
          force: msg.force,
          at: msg.at,
        });
      case 'DISMISS':
        return link.send({ type: 'PEER_DISMISSED', version: msg.version, remaining: msg.until - env.now() });
      case 'GRANT':
        if (grants.grant(msg.tabId, msg.epoch, (id) => tabs.has(id))) {
          link.send({ type: 'PRESENTER_GRANTED', epoch: msg.epoch });
        }
        return;
      case 'REVOKE':
        if (grants.revoke(msg.except, msg.epoch)) link.send({ type: 'PRESENTER_REVOKED', epoch: msg.epoch });
        return;
      case 'RELEASED':
        grants.released(msg.tabId);
        return link.send({ type: 'PRESENTER_RELEASED', tabId: msg.tabId, epoch: msg.epoch });
      case 'CHECK':
        if (link.leading) link.send({ type: 'CHECK_REQUESTED' });
        return;
    }
  };
}
