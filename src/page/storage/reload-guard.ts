/**
 * Guards every reload: a tab reloads at most once per accepted update. The ids of
 * updates this tab reloaded for are kept in sessionStorage, which survives the
 * reload itself, so a repeated RELOAD or controllerchange for the same update (a
 * DevTools setting, a rolling deploy, a bug) is refused instead of looping.
 */
import type { StorageLike } from '../environment.js';
import { updateError, type UpdateError } from '../errors.js';

/** Updates without an id (a worker that does not echo one) get this window instead. */
export const ANONYMOUS_RELOAD_WINDOW = 10_000;
/** Only the most recent ids matter; older ones are dropped to keep the record small. */
const REMEMBERED_IDS = 20;

interface ReloadRecord {
  ids: string[];
  /** Wall-clock ms of the last reload. */
  at: number;
}

export interface ReloadGuard {
  /** Reloads via `reload()` unless this update already reloaded this tab; returns the refusal. */
  reloadOnce(updateId: string | undefined, reload: () => void): UpdateError | undefined;
}

export function createReloadGuard(storage: StorageLike | undefined, scope: string, now: () => number): ReloadGuard {
  const key = `sw-update-coordinator:reloads:${scope}`;
  let memory: ReloadRecord = { ids: [], at: Number.NEGATIVE_INFINITY };
  const read = (): ReloadRecord => {
    try {
      const value: unknown = JSON.parse(storage?.getItem(key) ?? 'null');
      const record = value as Partial<ReloadRecord> | null;
      if (record && Array.isArray(record.ids) && typeof record.at === 'number') {
        return { ids: record.ids.filter((id): id is string => typeof id === 'string'), at: record.at };
      }
    } catch {
      // Unreadable record: fall back to what this page remembers.
    }
    return memory;
  };
  return {
    reloadOnce(updateId, reload) {
      const record = read();
      const seen = updateId === undefined ? now() - record.at < ANONYMOUS_RELOAD_WINDOW : record.ids.includes(updateId);
      if (seen) {
        return updateError(
          'reload-refused',
          `Refused to reload again for update ${updateId ?? '(no id)'}: this tab already reloaded for it, ` +
            'so something keeps replacing the worker (DevTools "Update on reload", for example). ' +
            'Reload by hand if the page looks stale.',
        );
      }
      memory = {
        ids: [...record.ids, ...(updateId === undefined ? [] : [updateId])].slice(-REMEMBERED_IDS),
        at: now(),
      };
      try {
        storage?.setItem(key, JSON.stringify(memory));
      } catch {
        // Storage full or blocked: the in-memory record still prevents a second reload here.
      }
      reload();
      return undefined;
    },
  };
}
