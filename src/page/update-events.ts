/**
 * The typed lifecycle events of {@link UpdateCoordinator.on}. Type definitions only.
 */
import type { UpdateError } from './errors.js';

/**
 * Every event {@link UpdateCoordinator.on} raises, by type, with the payload its listeners
 * get. Each event is raised in the tab that saw it happen; the notes say which tabs those
 * are. Listeners run after the snapshot took the news in.
 *
 * @example
 * ```ts
 * updates.on('update-ready', ({ version, currentVersion }) => log(`${currentVersion} → ${version} waits`));
 * updates.on('update-applied', ({ version }) => toast(`Updated to ${version ?? 'the new version'}`));
 * updates.on('update-failed', ({ error }) => error.code === 'install-failed' && report(error));
 * ```
 */
export interface UpdateEventMap {
  /**
   * A newer worker began installing beside the active one (never on the first install).
   * Raised in every tab of the app that is registered.
   */
  'update-found': { readonly type: 'update-found' };
  /**
   * A newer worker finished installing and waits to take over, also when it was already
   * waiting when this page loaded, and also when the user snoozed it. Raised in every tab,
   * once per waiting worker.
   */
  'update-ready': {
    readonly type: 'update-ready';
    /** Version reported by the waiting worker, if it reports one. */
    readonly version?: string;
    /** Version reported by the worker controlling this tab, if it reports one (and has answered yet). */
    readonly currentVersion?: string;
  };
  /**
   * An update check, an install, or applying an update failed (every error but
   * `registration-failed`, which `onError` and `snapshot.error` carry). Raised in the tab
   * that saw it, whenever `onError` is called for it.
   */
  'update-failed': {
    readonly type: 'update-failed';
    /** What failed: `check-failed`, `install-failed`, `skip-waiting-unheard`, `reload-refused` or `reload-cancelled`. */
    readonly error: UpdateError;
  };
  /**
   * This tab runs the new version: the page that loaded after this tab reloaded for an
   * accepted update. Raised once the new controller answered its version (or did not
   * answer within `timing.versionTimeout`), in every tab that reloaded.
   */
  'update-applied': {
    readonly type: 'update-applied';
    /** Version reported by the worker now controlling this tab, if it reports one. */
    readonly version?: string;
    /**
     * Version this tab ran before the reload, if its worker reported one: the version of
     * the worker that served the page, even if the new one took control of it before it reloaded.
     */
    readonly previousVersion?: string;
  };
}

/** The name of a lifecycle event: a key of {@link UpdateEventMap}. */
export type UpdateEventType = keyof UpdateEventMap;

/** A listener of one event type, given to {@link UpdateCoordinator.on}. */
export type UpdateEventListener<K extends UpdateEventType> = (event: UpdateEventMap[K]) => void;
