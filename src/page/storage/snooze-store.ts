/**
 * The shared snooze record: a dismissal lasts for every tab of the app and across
 * reloads, so it lives in localStorage, keyed by app (scope) and naming the
 * dismissed version. A newer version is not covered by an older dismissal.
 */
import type { StorageLike } from '../environment.js';

interface SnoozeRecord {
  version?: string;
  until: number;
}

export interface SnoozeStore {
  /** Ms the dismissal of `version` still lasts at `now`; 0 when not snoozed. */
  remaining(version: string | undefined, now: number): number;
  save(version: string | undefined, until: number): void;
}

function parse(text: string | null): SnoozeRecord | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { version, until } = value as Record<string, unknown>;
    if (typeof until !== 'number' || !Number.isFinite(until)) return undefined;
    if (version !== undefined && typeof version !== 'string') return undefined;
    return { version, until };
  } catch {
    return undefined;
  }
}

export function createSnoozeStore(storage: StorageLike | undefined, scope: string): SnoozeStore {
  const key = `sw-update-coordinator:snooze:${scope}`;
  // Without storage (blocked in some privacy modes) the snooze still holds in memory.
  let memory: SnoozeRecord | undefined;
  const read = (): SnoozeRecord | undefined => {
    try {
      return storage ? parse(storage.getItem(key)) : memory;
    } catch {
      return memory;
    }
  };
  return {
    remaining(version, now) {
      const record = read();
      return record !== undefined && record.version === version ? Math.max(0, record.until - now) : 0;
    },
    save(version, until) {
      memory = { version, until };
      try {
        storage?.setItem(key, JSON.stringify(memory));
      } catch {
        // Quota or privacy mode: the in-memory record still snoozes this tab.
      }
    },
  };
}
