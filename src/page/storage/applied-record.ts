/**
 * The last update applied in this app, in localStorage: a page that was away (in the
 * back/forward cache, frozen) when every tab reloaded can tell, when shown again,
 * that it runs an older version and reload onto the new one.
 */
import type { StorageLike } from '../environment.js';

export interface AppliedRecord {
  updateId: string;
  /** Wall-clock ms of the accept. */
  at: number;
  /** Wall-clock ms when a tab saw the accepted update's worker activate. */
  activatedAt?: number;
}

export interface AppliedStore {
  read(): AppliedRecord | undefined;
  save(updateId: string, at: number): void;
  /** A worker activated: the last accepted update, if not yet marked, is now applied. */
  markActivated(at: number): void;
}

export function createAppliedStore(storage: StorageLike | undefined, scope: string): AppliedStore {
  const key = `sw-update-coordinator:applied:${scope}`;
  const write = (record: AppliedRecord): void => {
    try {
      storage?.setItem(key, JSON.stringify(record));
    } catch {
      // Without storage a resumed page relies on the worker's RELOAD alone.
    }
  };
  return {
    read() {
      try {
        const value = JSON.parse(storage?.getItem(key) ?? 'null') as Partial<AppliedRecord> | null;
        if (typeof value?.updateId !== 'string' || typeof value.at !== 'number') return undefined;
        const activatedAt = typeof value.activatedAt === 'number' ? value.activatedAt : undefined;
        return { updateId: value.updateId, at: value.at, activatedAt };
      } catch {
        return undefined;
      }
    },
    save(updateId, at) {
      write({ updateId, at });
    },
    markActivated(at) {
      const record = this.read();
      if (record !== undefined && record.activatedAt === undefined && record.at <= at) {
        write({ ...record, activatedAt: at });
      }
    },
  };
}
