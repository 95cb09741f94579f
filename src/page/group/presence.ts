/**
 * This tab's presence, as its TAB messages tell it: whether the page is visible and when
 * the user last showed or focused it (the presenter is the tab looked at most recently).
 */
import type { Environment } from '../environment.js';
import { choosePresenter, type Roster, type TabInfo } from './roster.js';

export interface Presence {
  /** Reads the page's visibility; shown after `recheckAfterHidden` hidden, asks for a check. */
  read(): void;
  /** Follows visibility and focus; `changed` when this tab's news must go out. */
  listen(roster: Roster, changed: () => void): () => void;
}

export function createPresence(
  env: Environment,
  self: TabInfo,
  recheckAfterHidden: number,
  requestCheck: () => void,
): Presence {
  let hiddenSince = self.visible ? undefined : env.now();

  const read = (): void => {
    self.visible = env.isVisible();
    if (!self.visible) {
      hiddenSince ??= env.now();
      return;
    }
    self.focusedAt = env.now();
    if (hiddenSince !== undefined && env.now() - hiddenSince >= recheckAfterHidden) requestCheck();
    hiddenSince = undefined;
  };

  return {
    read,
    listen(roster, changed) {
      const offs = [
        env.on('visibilitychange', () => {
          read();
          changed();
        }),
        env.on('focus', () => {
          // Said only when it changes who presents: a hidden page is never chosen (WebDriver
          // focuses hidden tabs in WebKit), and a tab focused last stays chosen. Otherwise
          // every focus cost a message to every tab.
          if (!self.visible || choosePresenter(roster, self.tabId) === self.tabId) return;
          self.focusedAt = env.now();
          changed();
        }),
      ];
      return () => offs.forEach((off) => off());
    },
  };
}
