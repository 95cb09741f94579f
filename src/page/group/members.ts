/**
 * The roster this tab keeps: itself and every tab it has heard from, each watched for
 * liveness. `changed` runs only when what a tab says differs from what is known.
 */
import type { TabFields } from '../../protocol/messages.js';
import type { Liveness } from './liveness.js';
import type { Roster, TabInfo } from './roster.js';

export interface Members {
  readonly roster: Roster;
  /**
   * What a tab said about itself; `spoke: false` for one learnt from the leader's
   * ROSTER, which proves nothing about it being alive.
   */
  upsert(tab: TabFields, spoke?: boolean): void;
  drop(tabId: string): void;
  /** Forgets every other tab: this one left the group. */
  clear(): void;
}

export function createMembers(self: TabInfo, liveness: () => Liveness | undefined, changed: () => void): Members {
  const roster = new Map<string, TabInfo>([[self.tabId, self]]);
  return {
    roster,
    upsert(tab, spoke = true) {
      // Seen first: a tab declared gone that speaks again must be watched again.
      if (spoke) liveness()?.seen(tab.tabId);
      const { tabId, visible, focusedAt, holds } = tab;
      const known = roster.get(tabId);
      if (known === undefined) liveness()?.watch(tabId);
      // Most TABs (answers to a roll call, a newcomer's HELLO) repeat what is known: each
      // used to cost every tab a roster report, and a hidden one a machine event.
      else if (known.visible === visible && known.focusedAt === focusedAt && known.holds === holds) return;
      roster.set(tabId, { tabId, visible, focusedAt, holds });
      changed();
    },
    drop(tabId) {
      if (roster.delete(tabId)) changed();
    },
    clear() {
      for (const tabId of [...roster.keys()]) if (tabId !== self.tabId) roster.delete(tabId);
    },
  };
}
