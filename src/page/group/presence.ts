/**
 * This tab's presence: its visibility and focus, read into its roster entry, and the
 * update check asked for when the page comes back. Apart from the roster, which only
 * keeps what this reads, and from the channel, which only starts and stops it.
 */
import type { Link } from './connection.js';
import type { GroupSettings } from './group.js';
import type { RosterKeeper } from './roster-keeper.js';
import type { Environment } from '../environment.js';

export interface Presence {
  /** Reads the page's visibility; shown after long enough hidden, the app checks for an update. */
  read(): void;
  /** Follows visibility, focus and connectivity; returns the unsubscribers. */
  listen(): (() => void)[];
}

export function createPresence(
  env: Environment,
  { timing }: GroupSettings,
  roster: RosterKeeper,
  link: Link,
): Presence {
  const { self } = roster;
  let hiddenSince = self.visible ? undefined : env.now();
  /** The leader debounces check requests (see the registration adapter). */
  const requestCheck = (): void =>
    link.leading ? link.send({ type: 'CHECK_REQUESTED' }) : link.post({ type: 'CHECK', tabId: self.tabId });

  const read = (): void => {
    self.visible = env.isVisible();
    if (!self.visible) {
      hiddenSince ??= env.now();
      return;
    }
    self.focusedAt = env.now();
    if (hiddenSince !== undefined && env.now() - hiddenSince >= timing.recheckAfterHidden) requestCheck();
    hiddenSince = undefined;
  };

  return {
    read,
    listen: () => [
      env.on('visibilitychange', () => {
        read();
        roster.selfChanged();
      }),
      env.on('focus', () => {
        self.focusedAt = env.now();
        roster.selfChanged();
      }),
      env.on('online', requestCheck),
    ],
  };
}
