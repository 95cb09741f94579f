/**
 * The back/forward cache, in each engine: a page of the app stays cacheable, leader or
 * not, and a page that was cached while an update applied comes back on the new
 * version. Chromium reports why it did not cache a page (`Page.backForwardCacheNotUsed`
 * over CDP); there those reasons are asserted too. Whether another engine restored the
 * page from its cache is measured and printed (the demo page records `pageshow` with
 * `persisted`): the library must be right either way.
 */
import { describe, expect, test } from 'vitest';
import { ENGINE, poll, useDemo, type App } from './harness.js';

const demo = useDemo();

interface Trip {
  /** The page came back from the cache (pageshow with `persisted`), not a fresh load. */
  restored: boolean;
  /** Chromium's reasons for not caching or not restoring it (undefined: the engine does not say). */
  notCached?: string[];
}

/** Navigates tab `page` away (as a link click would) and back; reports how it came back. */
async function awayAndBack(app: App, page: number, whileAway: () => Promise<void> = async () => {}): Promise<Trip> {
  const tab = app.pages[page]!;
  const shows = (): number => app.eventsOf('pageshow', page).length;
  const before = shows();
  const trip = async (): Promise<void> => {
    await tab.goto(`${demo.server.url}/elsewhere`);
    await whileAway();
    await tab.back();
    await app.waitFor('the page shown again', () => shows() > before, 20_000);
  };
  const reasons = demo.engine.powers.backForwardCacheReasons;
  const notCached = reasons ? await reasons(tab, trip) : (await trip(), undefined);
  const restored = app.eventsOf('pageshow', page).at(-1)?.persisted === true;
  return { restored, notCached };
}

const snapshot = (app: App, page: number) => app.snapshot(page);

describe('the back/forward cache', () => {
  test("the leader's page leaves and comes back; the other tab leads meanwhile, and there is one leader after", async () => {
    const app = await demo.app({ tabs: 2 });
    const leader = Number(
      await app.waitFor('one leader of two idle tabs', async () => {
        const [a, b] = await app.snapshots();
        return a?.isLeader !== b?.isLeader && a?.status === 'idle' && b?.status === 'idle'
          ? String(a?.isLeader ? 0 : 1)
          : undefined;
      }),
    );
    const other = 1 - leader;
    const trip = await awayAndBack(app, leader, async () => {
      // While the leader's page is away (cached or gone), the other tab takes over.
      expect(await poll(async () => (await snapshot(app, other))?.isLeader, { timeout: 5_000 })).toBe(true);
    });
    console.log(`[${ENGINE}] leader away and back: ${JSON.stringify(trip)}`);
    if (ENGINE === 'chromium') {
      expect(trip.notCached).toEqual([]);
      expect(trip.restored).toBe(true);
    }
    // Back in the group: one leader between the two, both idle on v1.
    await app.waitFor('one leader, both idle on v1', async () => {
      const [a, b] = await app.snapshots();
      return (
        a?.isLeader !== b?.isLeader &&
        a?.status === 'idle' &&
        b?.status === 'idle' &&
        a.version === '1' &&
        b.version === '1'
      );
    });
    expect(app.eventsOf('pageerror')).toEqual([]);
  });

  test('a page away (cached) while an update applied comes back on the new version', async () => {
    const app = await demo.app({ tabs: 2 });
    await app.waitFor('both idle', async () => (await app.snapshots()).every((s) => s?.status === 'idle'));
    const trip = await awayAndBack(app, 1, async () => {
      await demo.server.deploy('good', '2');
      await app.run(0, (d) => d.updates.checkForUpdate());
      await app.waitFor('tab 0 sees v2 waiting', async () => (await snapshot(app, 0))?.status === 'available');
      await app.run(0, (d) => d.updates.accept());
      await app.waitFor('tab 0 reloaded', () => app.loads()[0] === 2, 20_000);
    });
    console.log(`[${ENGINE}] cached during the update: ${JSON.stringify(trip)}`);
    // Restored and reloaded by the coordinator, or not restored at all (Chrome evicts a
    // cached page when its service worker changes): either way, on v2.
    // Tab 0 reloaded hidden: its core starts after timing.hiddenReloadDelay (the suite's: harness/demo-page.ts).
    await app.waitFor('both tabs idle on v2', async () =>
      [await snapshot(app, 0), await snapshot(app, 1)].every((s) => s?.status === 'idle' && s.version === '2'),
    );
    expect(app.eventsOf('error')).toEqual([]);
    expect(app.eventsOf('pageerror')).toEqual([]);
  });
});
