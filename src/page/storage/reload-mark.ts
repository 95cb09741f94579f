/**
 * Tells the page that loads after an update's reload that it runs the new version (the
 * `update-applied` event). The reloading page leaves a mark in sessionStorage, which
 * survives the reload in the same tab; the next page takes it, once.
 */
import type { StorageLike } from '../environment.js';

/**
 * A mark older than this is stale: the reload did not happen (a `beforeunload` prompt
 * kept the page), so a later reload by hand is not the update's. Page loads take
 * seconds; two minutes leaves room for a slow network.
 */
export const RELOAD_MARK_TTL = 120_000;

export interface ReloadMark {
  /** Just before reloading for an update: remember the version this page ran. */
  set(previousVersion: string | undefined): void;
  /** On load: whether this page loaded from an update's reload; removes the mark. */
  take(): { previousVersion?: string } | undefined;
}

export function createReloadMark(storage: StorageLike | undefined, scope: string, now: () => number): ReloadMark {
  const key = `sw-update-coordinator:reloaded:${scope}`;
  return {
    set(previousVersion) {
      try {
        storage?.setItem(key, JSON.stringify({ at: now(), previousVersion }));
      } catch {
        // Without storage the new page cannot tell; it just raises no update-applied.
      }
    },
    take() {
      try {
        const value = JSON.parse(storage?.getItem(key) ?? 'null') as { at?: unknown; previousVersion?: unknown } | null;
        storage?.removeItem(key);
        if (typeof value?.at !== 'number' || !(now() - value.at < RELOAD_MARK_TTL)) return undefined;
        return { previousVersion: typeof value.previousVersion === 'string' ? value.previousVersion : undefined };
      } catch {
        return undefined;
      }
    },
  };
}
