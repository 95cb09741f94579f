/**
 * Tells the machine what the roster means for it (total holds, whom to let present,
 * whether every tab is hidden) after each change. Presenter choices settle for a moment,
 * so a burst of announcements yields one decision; a change of holds goes out at once,
 * and so does every change in a hidden tab, where browsers run timers a second late.
 */
import type { GroupEvent } from '../../../machines/lifecycle-events.js';
import { choosePresenter, everyTabHidden, totalHolds, type Roster, type TabInfo } from './roster.js';

type RosterChanged = Extract<GroupEvent, { type: 'ROSTER_CHANGED' }>;

export interface RosterReports {
  /** The roster changed: report now or once it settles. */
  changed(): void;
  /** Drops a pending report (the tab left the group). */
  stop(): void;
}

export function createRosterReports(
  roster: Roster,
  self: TabInfo,
  rosterSettle: number,
  report: (event: RosterChanged) => void,
): RosterReports {
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let sentHolds = 0;
  const flush = (): void => {
    clearTimeout(settleTimer);
    sentHolds = totalHolds(roster);
    report({
      type: 'ROSTER_CHANGED',
      holds: sentHolds,
      desired: choosePresenter(roster, self.tabId),
      tabIds: [...roster.keys()],
      everyTabHidden: everyTabHidden(roster),
    });
  };
  return {
    changed() {
      if (totalHolds(roster) !== sentHolds || !self.visible) return flush();
      clearTimeout(settleTimer);
      settleTimer = setTimeout(flush, rosterSettle);
    },
    stop: () => clearTimeout(settleTimer),
  };
}
