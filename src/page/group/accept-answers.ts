/**
 * The answers to this tab's accept: every tab that hears an ACCEPT answers at once with
 * its holds, and the accepting tab goes on once every tab it knows has answered or left,
 * so that holds anywhere are known before SKIP_WAITING without waiting out a timer (a
 * hidden tab's timers run a second late or more; its message handlers do not). The
 * machine's `acceptSettle` bounds the wait for tabs that never answer.
 */
export interface AcceptAnswers {
  /** This tab's roster is now the group's: it leads, or it has had the leader's ROSTER. */
  knowGroup(): void;
  /** This tab announced an accept of `updateId`; `others` are the tabs it knows. */
  start(updateId: string, others: readonly string[]): void;
  /** `tabId` answered an accept of `updateId`. */
  answered(tabId: string, updateId: string): void;
  /** `tabId` left the group: nothing to wait for. */
  left(tabId: string): void;
  /** This tab left the group: it no longer knows it, nor waits. */
  reset(): void;
}

export function createAcceptAnswers(settled: (updateId: string) => void): AcceptAnswers {
  /**
   * A tab that just opened may not have heard of a tab that holds work: until it knows
   * the group, it does not wait for answers, and the machine waits out acceptSettle.
   */
  let knowsGroup = false;
  let accepting: { updateId: string; unanswered: Set<string> } | undefined;

  const settleIfAnswered = (): void => {
    if (accepting === undefined || accepting.unanswered.size > 0) return;
    const { updateId } = accepting;
    accepting = undefined;
    settled(updateId);
  };
  const left = (tabId: string): void => {
    if (accepting?.unanswered.delete(tabId) === true) settleIfAnswered();
  };

  return {
    knowGroup: () => void (knowsGroup = true),
    start(updateId, others) {
      if (!knowsGroup) return;
      accepting = { updateId, unanswered: new Set(others) };
      // Alone, as far as this tab knows: settled once the machine has taken its step.
      if (others.length === 0) queueMicrotask(settleIfAnswered);
    },
    answered(tabId, updateId) {
      if (updateId === accepting?.updateId) left(tabId);
    },
    left,
    reset() {
      knowsGroup = false;
      accepting = undefined;
    },
  };
}
