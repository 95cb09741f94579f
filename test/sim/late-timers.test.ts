/**
 * The fake's late timers of hidden tabs (test/fakes/late-timers.ts), per engine profile,
 * in virtual time: what test/browser/hidden-timers.test.ts checks against each engine.
 * Timers set by a page's own code (its script, its listeners, broadcast-channel inside
 * it) are late while its tab is hidden; messages reach hidden tabs on time.
 */
import { BroadcastChannel } from 'broadcast-channel';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeBrowser,
  ENGINE_PROFILES,
  hiddenDueAt,
  type EngineProfileName,
  type FakeEnvironment,
} from '../fakes/index.js';
import { EPOCH, VirtualClock } from './clock.js';
import { Random } from './random.js';

let clock: VirtualClock | undefined;
afterEach(() => {
  clock?.uninstall();
  clock = undefined;
});

/** A fake browser of `engine` on a virtual clock, at a whole second plus 200 ms. */
async function browserOf(engine: EngineProfileName) {
  clock = new VirtualClock(new Random(1));
  clock.install();
  await clock.advance(200);
  return createFakeBrowser(ENGINE_PROFILES[engine]);
}

/** When (virtual ms after `from`) each of the page's timers fired, by name. */
function timerLog(from: () => number) {
  const fired: Record<string, number> = {};
  return {
    fired,
    set: (name: string, ms: number) => setTimeout(() => (fired[name] = Date.now() - from()), ms),
  };
}

const engines = Object.keys(ENGINE_PROFILES) as EngineProfileName[];

describe('hidden tabs’ timers', () => {
  it.each(engines)('%s: a 50 ms timer runs on time in the visible tab and late in a hidden one', async (engine) => {
    const browser = await browserOf(engine);
    const start = Date.now();
    const log = timerLog(() => start);
    browser.openTab('/', { visible: false, onLoad: () => void log.set('hidden', 50) });
    browser.openTab('/', { onLoad: () => void log.set('visible', 50) });
    await clock!.advance(5_000);

    const model = ENGINE_PROFILES[engine].hiddenTimers;
    expect(log.fired.visible).toBe(50);
    // The page script runs a task or two after opening: within the same millisecond here.
    expect(log.fired.hidden).toBe(hiddenDueAt(model, start, 50, 0) - start);
    expect(log.fired.hidden).toBeGreaterThan(50 + 39);
    if (engine !== 'webkit') expect(log.fired.hidden).toBeGreaterThanOrEqual(800);
  });

  it.each(engines)(
    '%s: a channel message reaches a hidden tab on time; a 0 ms timer set by its handler is late',
    async (engine) => {
      const browser = await browserOf(engine);
      const envs: FakeEnvironment[] = [];
      const hidden = browser.openTab('/', { visible: false, onLoad: (env) => void envs.push(env) });
      const front = browser.openTab('/', { onLoad: (env) => void envs.push(env) });
      await clock!.advance(10);
      const [receiverEnv, senderEnv] = envs as [FakeEnvironment, FakeEnvironment];
      const received: number[] = [];
      let sentAt = 0;
      const log = timerLog(() => sentAt);
      const receiver = hidden.runInPage(() => new BroadcastChannel('probe', receiverEnv.channelOptions));
      receiver.onmessage = () => {
        received.push(Date.now() - sentAt);
        log.set('zero', 0);
      };
      const sender = front.runInPage(() => new BroadcastChannel('probe', senderEnv.channelOptions));
      await clock!.advance(10);
      sentAt = Date.now();
      void front.runInPage(() => sender.postMessage('ping'));
      await clock!.advance(5_000);

      expect(received).toEqual([5]);
      const model = ENGINE_PROFILES[engine].hiddenTimers;
      expect(log.fired.zero).toBe(hiddenDueAt(model, sentAt + 5, 0, 0) - sentAt);
      expect(log.fired.zero).toBeGreaterThan(5 + 39);
      const closed = Promise.all([receiver.close(), sender.close()]);
      await clock!.advance(100);
      await closed;
    },
  );

  it.each(engines)('%s: showing the tab runs an overdue timer at once, and later ones on time', async (engine) => {
    const browser = await browserOf(engine);
    const start = Date.now();
    const log = timerLog(() => start);
    const tab = browser.openTab('/', {
      visible: false,
      onLoad: () => {
        log.set('overdue', 20);
        log.set('later', 300);
      },
    });
    await clock!.advance(30);
    expect(log.fired).toEqual({});
    const shown = tab.show();
    await clock!.advance(0);
    await shown;
    expect(log.fired.overdue).toBe(30);
    await clock!.advance(1_000);
    expect(log.fired.later).toBe(300);
  });

  it.each(engines)('%s: hiding the tab makes its pending timers late, intervals included', async (engine) => {
    const browser = await browserOf(engine);
    const start = Date.now();
    const ticks: number[] = [];
    const log = timerLog(() => start);
    const tab = browser.openTab('/', {
      onLoad: () => {
        log.set('pending', 100);
        setInterval(() => ticks.push(Date.now() - start), 30);
      },
    });
    await clock!.advance(70);
    expect(ticks).toEqual([30, 60]);
    const hidden = tab.hide();
    await clock!.advance(3_000);
    await hidden;

    const model = ENGINE_PROFILES[engine].hiddenTimers;
    expect(log.fired.pending).toBe(hiddenDueAt(model, start, 100, 0) - start);
    // Every tick while hidden waits for the model, measured from the tick before.
    for (let i = 2; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThan(30 + 39);
    expect(ticks.length).toBeGreaterThan(2);
  });

  it('leaves the timers of tests and of the fake browser itself on time', async () => {
    const browser = await browserOf('firefox');
    const tab = browser.openTab('/', { visible: false });
    let at = 0;
    const start = Date.now();
    setTimeout(() => (at = Date.now() - start), 50);
    await clock!.advance(100);
    await tab.whenLoaded();
    expect(at).toBe(50);
    expect(start - EPOCH).toBe(200);
  });
});
