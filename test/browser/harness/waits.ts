/**
 * Waiting in the browser suite: polling instead of fixed sleeps, the quiet period of the
 * "and nothing else happens" checks, and the timings logged per file.
 */
import { ENGINE } from './engine.js';

/** Polls until `condition` is truthy (no fixed sleeps). */
export async function poll<T>(
  condition: () => Promise<T> | T,
  { timeout = 15_000, interval = 50 } = {},
): Promise<NonNullable<T> | undefined> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) return undefined;
    await sleep(interval);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Quiet period of the "and nothing else happens" checks, once every tab's core runs: a
 * second reload or prompt would come well within it (hidden timers are at most about 1 s late).
 */
export const QUIET_MS = 2_000;

/** Timings reported by the suite, printed at the end of each file. */
export const timings: string[] = [];
export function timing(label: string, ms: number): void {
  const line = `[${ENGINE}] ${label}: ${Math.round(ms)} ms`;
  timings.push(line);
  console.log(`[timing] ${line}`);
}
