/**
 * The roster: what each tab of the app last said about itself. Every tab keeps one
 * from TAB messages; the leader uses it to pick the presenter. Pure functions.
 */
export interface TabInfo {
  tabId: string;
  visible: boolean;
  /** Wall-clock ms when the tab was last shown or focused; NEVER_SHOWN if it was not. */
  focusedAt: number;
  holds: number;
}

export type Roster = ReadonlyMap<string, TabInfo>;

/**
 * The tab the user is looking at: the visible tab shown or focused most recently. When
 * every tab is hidden (the user is in another window or app, or between two tabs), the
 * tab they looked at last, so the prompt stays where they left it; the leader when no
 * tab has been shown since it started. Ties break on the id so every caller agrees.
 */
export function choosePresenter(roster: Roster, leaderId: string): string {
  let best: TabInfo | undefined;
  for (const tab of roster.values()) {
    if (!tab.visible && tab.focusedAt === NEVER_SHOWN) continue;
    if (best === undefined || before(tab, best)) best = tab;
  }
  return best?.tabId ?? leaderId;
}

/** `focusedAt` of a tab that started hidden and has not been shown since. */
export const NEVER_SHOWN = 0;

/** Whether `a` is the better presenter: visible first, then shown or focused later. */
const before = (a: TabInfo, b: TabInfo): boolean =>
  a.visible !== b.visible ? a.visible : a.focusedAt > b.focusedAt || (a.focusedAt === b.focusedAt && a.tabId < b.tabId);

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
