/**
 * The roster: what each tab of the app last said about itself. Every tab keeps one
 * from TAB messages; the leader uses it to pick the presenter. Pure functions.
 */
export interface TabInfo {
  tabId: string;
  visible: boolean;
  /** Wall-clock ms when the tab was last shown or focused. */
  focusedAt: number;
  holds: number;
}

export type Roster = ReadonlyMap<string, TabInfo>;

/**
 * The tab the user is looking at: the visible tab shown or focused most recently;
 * when every tab is hidden, the leader. Ties break on the id so every caller agrees.
 */
export function choosePresenter(roster: Roster, leaderId: string): string {
  let best: TabInfo | undefined;
  for (const tab of roster.values()) {
    if (!tab.visible) continue;
    if (
      best === undefined ||
      tab.focusedAt > best.focusedAt ||
      (tab.focusedAt === best.focusedAt && tab.tabId < best.tabId)
    ) {
      best = tab;
    }
  }
  return best?.tabId ?? leaderId;
}

/** Holds across every tab of the app. */
export function totalHolds(roster: Roster): number {
  let total = 0;
  for (const tab of roster.values()) total += tab.holds;
  return total;
}

/** No tab of the app is visible: the user is away from it (the `'idle'` policy's condition). */
export function everyTabHidden(roster: Roster): boolean {
  for (const tab of roster.values()) if (tab.visible) return false;
  return true;
}
