/**
 * The prompt grant as one tab sees it, from the leader's GRANT and REVOKE messages
 * ordered by epoch: whether this tab holds it (only a real presenter answers a
 * REVOKE) and which tab got it last (a newly elected leader starts from that).
 */

/** How far ahead of this tab's clock a leader's epoch may be (clocks of one machine agree). */
const MAX_EPOCH_AHEAD = 60_000;

export interface Grants {
  /** This tab holds the grant. */
  readonly held: boolean;
  /** The tab last seen granted: `null` once it released, `undefined` before any grant. */
  readonly presenter: string | null | undefined;
  /** The epoch of the last GRANT or REVOKE taken into account. */
  readonly epoch: number;
  /** Takes a GRANT into account; true when it grants this tab. */
  grant(tabId: string, epoch: number, isKnownTab: (tabId: string) => boolean): boolean;
  /** Takes a REVOKE into account; true when it takes the grant from this tab. */
  revoke(except: string | undefined, epoch: number): boolean;
  /** `tabId` released the prompt. */
  released(tabId: string): void;
  /** This tab left the group: it holds nothing and knows of no presenter. */
  reset(): void;
}

export function createGrants(tabId: string, now: () => number): Grants {
  let held = false;
  let presenter: string | null | undefined;
  let floor = 0;
  /**
   * Epochs start at the leader's wall clock: one far ahead (junk, or a clock that
   * jumped) would make every later GRANT and REVOKE look stale.
   */
  const isPlausible = (epoch: number): boolean => epoch >= floor && epoch <= now() + MAX_EPOCH_AHEAD;

  return {
    get held() {
      return held;
    },
    get presenter() {
      return presenter;
    },
    get epoch() {
      return floor;
    },
    grant(to, epoch, isKnownTab) {
      // A grant for a tab nobody knows is junk: it must not move the epoch floor.
      if (!isPlausible(epoch) || (to !== tabId && !isKnownTab(to))) return false;
      floor = epoch;
      presenter = to;
      held = to === tabId;
      return held;
    },
    revoke(except, epoch) {
      if (!isPlausible(epoch) || except === tabId) return false;
      floor = epoch;
      if (!held) return false;
      held = false;
      return true;
    },
    released(from) {
      if (from === presenter) presenter = null;
    },
    reset() {
      held = false;
      presenter = undefined;
    },
  };
}
