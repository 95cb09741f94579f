/**
 * The recorded events read in order: when a prompt is gone, the order in which prompts
 * come and go, and one line per event for failure messages and logs.
 */
import type { RecordedEvent } from './types.js';

/** A cleanup, a reload or the end of the page: its prompt is gone. */
export const endsPrompt = (e: RecordedEvent): boolean => e.type === 'cleanup' || e.type === 'load' || e.type === 'gone';

/**
 * Events by time. Pages stamp whole or clamped milliseconds (Firefox, WebKit): within one,
 * a prompt gone comes before one shown, as the leader grants only after the release.
 */
export const inPromptOrder = (events: readonly RecordedEvent[]): RecordedEvent[] =>
  [...events].sort((a, b) => a.t - b.t || Number(endsPrompt(b)) - Number(endsPrompt(a)));

export function formatEvents(events: readonly RecordedEvent[]): string {
  return events
    .map((e) => {
      const { tab: _tab, t, page, type, load, ...rest } = e;
      return `    ${new Date(t).toISOString().slice(14, 23)} tab ${page} load ${load} ${type} ${JSON.stringify(rest)}`;
    })
    .join('\n');
}
