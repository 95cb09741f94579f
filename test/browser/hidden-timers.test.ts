/**
 * How late each engine runs a hidden tab's timers, without the library: what the fake
 * browser's engine profiles claim (test/fakes/profiles.ts, `hiddenTimers`; the fake's
 * side is test/sim/late-timers.test.ts). Two blank tabs of one window: the tab the
 * driver keeps in front is visible, the other hidden (checked, not assumed). Only lower
 * bounds are asserted, as load only makes timers later; the measured figures are printed.
 */
import { describe, expect, test } from 'vitest';
import { ENGINE_PROFILES } from '../fakes/profiles.js';
import type { Tab } from './driver/index.js';
import { ENGINE, poll, sleep, timing, useDemo } from './harness.js';

const demo = useDemo();
const model = ENGINE_PROFILES[ENGINE].hiddenTimers;
/** Chromium's wake-up alignment, Firefox's spacing of runs; 0 where timers run on time. */
const PERIOD = model.kind === 'onTime' ? 0 : model.ms;

/** The blank tabs of a new context, split into the hidden one and the one in front. */
async function hiddenAndFront(): Promise<{ hidden: Tab; front: Tab }> {
  const context = await demo.context();
  const tabs = [
    await context.newTab(`${demo.server.url}/blank.html`),
    await context.newTab(`${demo.server.url}/blank.html`),
  ];
  const states = await Promise.all(tabs.map((tab) => tab.evaluate(() => document.visibilityState)));
  expect([...states].sort(), `visibility of the two tabs: ${states.join(', ')}`).toEqual(['hidden', 'visible']);
  // Let the engine notice the tab is hidden before measuring.
  await sleep(1_500);
  return { hidden: tabs[states.indexOf('hidden')]!, front: tabs[states.indexOf('visible')]! };
}

interface Arrival {
  sent: number;
  arrived: number;
  fired0?: number;
  fired50?: number;
}

describe('timers of a hidden tab (no library)', () => {
  test('timers set from a timer’s task run as the profile says', async () => {
    const { hidden } = await hiddenAndFront();
    const measured = await hidden.evaluate(async () => {
      const lap = async (ms: number): Promise<number> => {
        const start = performance.now();
        await new Promise((done) => setTimeout(done, ms));
        return performance.now() - start;
      };
      // The first is set at any moment; the next ones from a timer's task (a wake-up).
      const first = await lap(50);
      const chained = [await lap(50), await lap(50), await lap(50)];
      const zero = [await lap(0), await lap(0), await lap(0)];
      return { first, chained, zero, visibility: document.visibilityState };
    });
    timing('hidden tab, 50 ms timer (first)', measured.first);
    measured.chained.forEach((ms, i) => timing(`hidden tab, 50 ms timer (chained ${i + 1})`, ms));
    measured.zero.forEach((ms, i) => timing(`hidden tab, 0 ms timer (chained ${i + 1})`, ms));
    expect(measured.visibility).toBe('hidden');

    for (const ms of [measured.first, ...measured.chained]) expect(ms).toBeGreaterThanOrEqual(49);
    // Chromium: set at a whole-second wake-up, a 50 ms timer runs at the next one.
    // Firefox: the previous timer just ran, so the next waits a second, 0 ms ones too.
    // (Chromium's chained 0 ms timers are clamped once nested 5 deep: not claimed.)
    if (model.kind !== 'onTime') for (const ms of measured.chained) expect(ms).toBeGreaterThanOrEqual(PERIOD * 0.8);
    if (model.kind === 'spaced') for (const ms of measured.zero) expect(ms).toBeGreaterThanOrEqual(PERIOD * 0.8);
    // Not claimed: Firefox runs the first 50 ms timer of a hidden tab where nothing ran for
    // a second after about 1,000 ms too, where the fake's 'spaced' model runs it on time
    // (the fake is early there; modelling it makes many multi-tab tests wait longer).
  }, 30_000);

  test('a 0 ms and a 50 ms setTimeout from a BroadcastChannel handler run as the profile says', async () => {
    const { hidden, front } = await hiddenAndFront();
    const COUNT = 8;
    await hidden.evaluate(() => {
      const w = window as unknown as { __arrivals: Arrival[] };
      w.__arrivals = [];
      const now = () => performance.timeOrigin + performance.now();
      new BroadcastChannel('hidden-timers').onmessage = (event: MessageEvent<number>) => {
        const arrival: Arrival = { sent: event.data, arrived: now() };
        w.__arrivals.push(arrival);
        setTimeout(() => (arrival.fired0 = now()), 0);
        setTimeout(() => (arrival.fired50 = now()), 50);
      };
    });
    // 170 ms apart over more than a second, so the messages arrive at every phase of it.
    await front.evaluate(async (count: number) => {
      const channel = new BroadcastChannel('hidden-timers');
      for (let i = 0; i < count; i++) {
        channel.postMessage(performance.timeOrigin + performance.now());
        await new Promise((done) => setTimeout(done, 170));
      }
      channel.close();
    }, COUNT);
    let arrivals: Arrival[] = [];
    const done = await poll(async () => {
      arrivals = await hidden.evaluate(() => (window as unknown as { __arrivals: Arrival[] }).__arrivals);
      return arrivals.length === COUNT && arrivals.every((a) => a.fired0 !== undefined && a.fired50 !== undefined);
    });
    expect(done, `every handler's timers ran: ${JSON.stringify(arrivals)}`).toBe(true);
    const late0 = arrivals.map((a) => a.fired0! - a.arrived);
    const late50 = arrivals.map((a) => a.fired50! - a.arrived);
    timing('message to the hidden tab, slowest delivery', Math.max(...arrivals.map((a) => a.arrived - a.sent)));
    late0.forEach((ms, i) => timing(`hidden tab, 0 ms timer from a message handler (${i + 1})`, ms));
    late50.forEach((ms, i) => timing(`hidden tab, 50 ms timer from a message handler (${i + 1})`, ms));
    expect(await hidden.evaluate(() => document.visibilityState)).toBe('hidden');

    for (const ms of late50) expect(ms).toBeGreaterThanOrEqual(49);
    if (model.kind === 'aligned') {
      // Whole-second wake-ups: a message in the first half of a second waits past its middle.
      expect(Math.max(...late50)).toBeGreaterThanOrEqual(PERIOD * 0.5);
    }
    if (model.kind === 'spaced') {
      // Runs (timers firing together) come at least a second apart, 0 ms timers included.
      const fired = arrivals.flatMap((a) => [a.fired0!, a.fired50!]).sort((a, b) => a - b);
      const runs = fired.filter((t, i) => i === 0 || t - fired[i - 1]! > 20);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(PERIOD * 0.8);
    }
  }, 30_000);
});
