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
/** The engines whose hidden tabs' timers run late (WebKitGTK's run on time). */
const throttling = engines.filter((engine) => ENGINE_PROFILES[engine].hiddenTimers.kind !== 'onTime');

describe('hidden tabs’ timers', () => {
  it.each(engines)(
    '%s: 50 ms timers run on time in the visible tab and as the model says in a hidden one',
    async (engine) => {
      const browser = await browserOf(engine);
      const start = Date.now();
      const log = timerLog(() => start);
      const chain = (prefix: string) => () =>
        void setTimeout(() => {
          log.fired[`${prefix} 1`] = Date.now() - start;
          log.set(`${prefix} 2`, 50);
        }, 50);
      browser.openTab('/', { visible: false, onLoad: chain('hidden') });
      browser.openTab('/', { onLoad: chain('visible') });
      await clock!.advance(5_000);

      expect(log.fired).toMatchObject({ 'visible 1': 50, 'visible 2': 100 });
      // The page script runs a task or two after opening: within the same millisecond here.
      const hidden = { chromium: [800, 1_800], firefox: [50, 1_050], webkit: [50, 100] }[engine];
      expect([log.fired['hidden 1'], log.fired['hidden 2']]).toEqual(hidden);
    },
  );

  it.each(engines)(
    '%s: channel messages reach a hidden tab on time; 0 ms timers set by the handler run as the model says',
    async (engine) => {
      const browser = await browserOf(engine);
      const envs: FakeEnvironment[] = [];
      const hidden = browser.openTab('/', { visible: false, onLoad: (env) => void envs.push(env) });
      const front = browser.openTab('/', { onLoad: (env) => void envs.push(env) });
      await clock!.advance(10);
      const [receiverEnv, senderEnv] = envs as [FakeEnvironment, FakeEnvironment];
      const received: number[] = [];
      let sentAt = 0;
      const late: number[] = [];
      const receiver = hidden.runInPage(() => new BroadcastChannel('probe', receiverEnv.channelOptions));
      receiver.onmessage = () => {
        const arrived = Date.now();
        received.push(arrived - sentAt);
        setTimeout(() => late.push(Date.now() - arrived), 0);
      };
      const sender = front.runInPage(() => new BroadcastChannel('probe', senderEnv.channelOptions));
      // A quiet second first, then two messages 100 ms apart.
      await clock!.advance(2_000);
      for (const _ of [1, 2]) {
        sentAt = Date.now();
        void front.runInPage(() => sender.postMessage('ping'));
        await clock!.advance(100);
      }
      await clock!.advance(5_000);

      expect(received).toEqual([5, 5]);
      // Firefox runs the first at once (nothing ran for a second), the next a second later.
      expect(late).toEqual(engine === 'firefox' ? [0, 900] : [0, 0]);
      const closed = Promise.all([receiver.close(), sender.close()]);
      await clock!.advance(100);
      await closed;
    },
  );

  it.each(throttling)('%s: showing the tab runs an overdue timer at once, and later ones on time', async (engine) => {
    const browser = await browserOf(engine);
    const start = Date.now();
    const log = timerLog(() => start);
    const tab = browser.openTab('/', {
      visible: false,
      onLoad: () => {
        log.set('first', 0);
        log.set('overdue', 20);
        log.set('later', 300);
      },
    });
    await clock!.advance(30);
    expect(log.fired).toEqual({ first: 0 });
    const shown = tab.show();
    await clock!.advance(0);
    await shown;
    expect(log.fired.overdue).toBe(30);
    await clock!.advance(1_000);
    expect(log.fired.later).toBe(300);
  });

  it.each(throttling)('%s: hiding the tab makes its pending timers late, intervals included', async (engine) => {
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

    // Chromium: the next whole second of the clock (it started at +200 ms); Firefox: a
    // second after the last tick, with the tick due then.
    expect(log.fired.pending).toBe({ chromium: 800, firefox: 1_060, webkit: 100 }[engine]);
    expect(ticks[2]).toBe(log.fired.pending);
    for (let i = 3; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBe(1_000);
    expect(ticks.length).toBeGreaterThan(3);
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

  it('computes each model’s time', () => {
    expect(hiddenDueAt({ kind: 'aligned', ms: 1_000 }, 1_200, 0, -Infinity)).toBe(1_200);
    expect(hiddenDueAt({ kind: 'aligned', ms: 1_000 }, 1_200, 50, -Infinity)).toBe(2_000);
    expect(hiddenDueAt({ kind: 'aligned', ms: 1_000 }, 1_200, 800, -Infinity)).toBe(2_000);
    expect(hiddenDueAt({ kind: 'spaced', ms: 1_000 }, 1_200, 0, -Infinity)).toBe(1_200);
    expect(hiddenDueAt({ kind: 'spaced', ms: 1_000 }, 1_200, 0, 1_100)).toBe(2_100);
    expect(hiddenDueAt({ kind: 'spaced', ms: 1_000 }, 1_200, 5_000, 1_100)).toBe(6_200);
    expect(hiddenDueAt({ kind: 'onTime' }, 1_200, 50, 1_100)).toBe(1_250);
  });
});
