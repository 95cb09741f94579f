/**
 * The last update applied in this app, in localStorage: a page that was away (in the
 * back/forward cache, frozen) when every tab reloaded can tell, when shown again,
 * that it runs an older version and reload onto the new one.
 */
import type { StorageLike } from './environment.js';

export interface AppliedRecord {
  updateId: string;
  /** Wall-clock ms of the accept. */
  at: number;
}

export interface AppliedStore {
  read(): AppliedRecord | undefined;
  save(updateId: string, at: number): void;
}

export function createAppliedStore(storage: StorageLike | undefined, scope: string): AppliedStore {
  const key = `sw-update-coordinator:applied:${scope}`;
  return {
    read() {
      try {
        const value = JSON.parse(storage?.getItem(key) ?? 'null') as Partial<AppliedRecord> | null;
        return typeof value?.updateId === 'string' && typeof value.at === 'number'
          ? { updateId: value.updateId, at: value.at }
          : undefined;
      } catch {
        return undefined;
      }
    },
    save(updateId, at) {
      try {
        storage?.setItem(key, JSON.stringify({ updateId, at }));
      } catch {
        // Without storage a resumed page relies on the worker's RELOAD alone.
      }
    },
  };
}
