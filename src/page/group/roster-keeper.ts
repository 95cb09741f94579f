/**
 * The roster this tab keeps (its own entry and what the others last said) and the
 * settled report of it to the lifecycle machine: apart from the channel, because
 * the roster outlives each connection and only its report depends on timing.
 */
import type { GroupSettings } from './group.js';
import type { Link } from './connection.js';
import type { Environment } from '../environment.js';
import type { TabFields } from '../../protocol.js';
import { choosePresenter, everyTabHidden, totalHolds, type TabInfo } from './roster.js';

export interface RosterKeeper {
  /** Every tab known, this one included. */
  readonly tabs: ReadonlyMap<string, TabInfo>;
  /** This tab's own entry; its fields change in place. */
  readonly self: TabInfo;
  /** This tab's entry as it goes on the wire. */
  tabFields(): TabFields;
  /** Reports the roster to the machine, settled (see below). */
  changed(): void;
  /** Tells the others this tab's entry changed, then reports. */
  selfChanged(): void;
  /** Adds or updates another tab's entry; `announce`: the tab itself spoke. */
  upsert(tab: TabFields, announce?: boolean): void;
  drop(tabId: string): void;
  /** Whether this tab's status depends on noticing dead tabs (see GroupAdapter). */
  needLiveness(needed: boolean): void;
  /** Forgets the other tabs and the report not sent yet: this tab left the group. */
  forget(): void;
}

export function createRosterKeeper(env: Environment, settings: GroupSettings, link: Link): RosterKeeper {
  const { tabId, timing } = settings;
  const tabs = new Map<string, TabInfo>();
  const self: TabInfo = { tabId, visible: env.isVisible(), focusedAt: env.now(), holds: 0 };
  tabs.set(tabId, self);
  const tabFields = (): TabFields => ({ ...self });

  let statusNeedsLiveness = false;
  /** Liveness is needed while the status depends on it or any tab holds work. */
  const updateLivenessNeed = (): void => link.liveness?.needed(statusNeedsLiveness || totalHolds(tabs) > 0);

  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let sentHolds = 0;
  const flush = (): void => {
    clearTimeout(settleTimer);
    sentHolds = totalHolds(tabs);
    link.send({
      type: 'ROSTER_CHANGED',
      holds: sentHolds,
      desired: choosePresenter(tabs, tabId),
      tabIds: [...tabs.keys()],
      everyTabHidden: everyTabHidden(tabs),
    });
  };
  /**
   * Presenter choices settle for a moment; a change of holds goes out at once, and so
   * does every change in a hidden tab, where Chrome runs timers up to a second late.
   */
  const changed = (): void => {
    updateLivenessNeed();
    if (totalHolds(tabs) !== sentHolds || !self.visible) return flush();
    clearTimeout(settleTimer);
    settleTimer = setTimeout(flush, timing.rosterSettle);
  };

  return {
    tabs,
    self,
    tabFields,
    changed,
    selfChanged() {
      link.post({ type: 'TAB', ...tabFields() });
      changed();
    },
    upsert(tab, announce = true) {
      // Seen first: a tab declared gone that speaks again must be watched again.
      if (announce) link.liveness?.seen(tab.tabId);
      if (!tabs.has(tab.tabId)) link.liveness?.watch(tab.tabId);
      const { tabId: id, visible, focusedAt, holds } = tab;
      tabs.set(id, { tabId: id, visible, focusedAt, holds });
      changed();
    },
    drop(id) {
      if (tabs.delete(id)) changed();
    },
    needLiveness(needed) {
      statusNeedsLiveness = needed;
      updateLivenessNeed();
    },
    forget() {
      for (const id of [...tabs.keys()]) if (id !== tabId) tabs.delete(id);
      clearTimeout(settleTimer);
    },
  };
}
