/**
 * The back/forward cache, in a Chromium that keeps it on (Playwright's launcher turns
 * it off; `realTabs` starts Chromium itself). A page of the app stays cacheable, leader
 * or not, and a page that was cached while an update applied comes back on the new
 * version. Chrome reports why it did not cache a page (`Page.backForwardCacheNotUsed`);
 * those reasons are what this asserts, besides the outcome.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { poll, useDemo } from './harness.js';
import { realTabs, type RealTabs } from './reliability-helpers.js';

const demo = useDemo();

interface Trip {
  /** The page came back from the cache (pageshow with `persisted`), not a fresh load. */
  restored: boolean;
  /** Chrome's reasons for not caching or not restoring it, if any. */
  notCached: string[];
}

/** Navigates `page` away (as a link click would) and back; reports how it came back. */
async function awayAndBack(page: Page, whileAway: () => Promise<void> = async () => {}): Promise<Trip> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  const notCached: string[] = [];
  cdp.on('Page.backForwardCacheNotUsed', (event: { notRestoredExplanations: Array<{ reason: string }> }) =>
    notCached.push(...event.notRestoredExplanations.map((e) => e.reason)),
  );
  const origin = new URL(page.url()).origin;
  // Cleared here: a restored page keeps this state until its pageshow says `persisted`.
  await page.evaluate(() => delete (window as { __shownFromCache?: boolean }).__shownFromCache);
  await Promise.all([page.waitForURL(`${origin}/elsewhere`), page.evaluate(() => (location.href = '/elsewhere'))]);
  await whileAway();
  // A page restored from the cache fires no load event: wait for the commit only.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => (window as { __shownFromCache?: boolean }).__shownFromCache !== undefined);
  const restored = await page.evaluate(() => (window as { __shownFromCache?: boolean }).__shownFromCache === true);
  await cdp.detach();
  return { restored, notCached };
}

/** Every page notes whether it was last shown from the cache. */
async function watchPageshow(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.addEventListener('pageshow', (event) => {
      (window as { __shownFromCache?: boolean }).__shownFromCache = event.persisted;
    });
  });
}

async function openApp(): Promise<{ tabs: RealTabs; url: string }> {
  await demo.server.deploy('good', '1');
  const tabs = await realTabs({ throttling: false });
  const url = `${demo.server.url}/`;
  const first = await tabs.open(url);
  await poll(() => tabs.eventsOf('offline-ready').length > 0, { timeout: 20_000 });
  for (let i = 0; i < 2; i++) {
    const page = await tabs.open(url);
    await watchPageshow(page);
    await page.reload();
    await page.waitForFunction(() => window.__demo !== undefined);
  }
  await first.close();
  return { tabs, url };
}

const snapshot = (page: Page) => page.evaluate(() => window.__demo.updates.getSnapshot());

describe('the back/forward cache', () => {
  test('the leader\'s page is cached and restored; it rejoins, and the other tab led meanwhile', async () => {
    const { tabs } = await openApp();
    try {
      const [a, b] = [tabs.pages[1]!, tabs.pages[2]!];
      const leaderFirst = await poll(async () => {
        const [sa, sb] = [await snapshot(a), await snapshot(b)];
        return sa.isLeader !== sb.isLeader && sa.status === 'idle' && sb.status === 'idle' ? (sa.isLeader ? a : b) : undefined;
      });
      expect(leaderFirst).toBeDefined();
      const other = leaderFirst === a ? b : a;
      const trip = await awayAndBack(leaderFirst!, async () => {
        // While the leader's page is cached, the other tab takes over.
        expect(await poll(async () => (await snapshot(other)).isLeader, { timeout: 5_000 })).toBe(true);
      });
      console.log(`leader away and back: ${JSON.stringify(trip)}`);
      expect(trip.notCached).toEqual([]);
      expect(trip.restored).toBe(true);
      // Back in the group: one leader between the two, both idle on v1, nobody reloaded.
      const settled = await poll(async () => {
        const [sa, sb] = [await snapshot(a), await snapshot(b)];
        return sa.isLeader !== sb.isLeader && sa.status === 'idle' && sb.status === 'idle' && sa.version === '1' && sb.version === '1';
      });
      expect(settled).toBe(true);
    } finally {
      await tabs.close();
    }
  });

  test('a page cached while an update applied comes back on the new version', async () => {
    const { tabs } = await openApp();
    try {
      const [a, b] = [tabs.pages[1]!, tabs.pages[2]!];
      await poll(async () => (await snapshot(a)).status === 'idle' && (await snapshot(b)).status === 'idle');
      const trip = await awayAndBack(b, async () => {
        await demo.server.deploy('good', '2');
        await a.evaluate(() => window.__demo.updates.checkForUpdate());
        await poll(async () => (await snapshot(a)).status === 'available');
        await a.evaluate(() => window.__demo.updates.accept());
        await poll(() => tabs.loads()[1] === 3, { timeout: 20_000 });
      });
      console.log(`cached during the update: ${JSON.stringify(trip)}`);
      // Restored and reloaded by the coordinator, or not restored at all (Chrome evicts a
      // cached page when its service worker changes): either way, on v2, loaded once more.
      const onV2 = await poll(async () => {
        const s = await snapshot(b).catch(() => undefined);
        return s?.status === 'idle' && s.version === '2';
      }, { timeout: 20_000 });
      expect(onV2).toBe(true);
      expect((await snapshot(a)).version).toBe('2');
      expect(tabs.eventsOf('error')).toEqual([]);
    } finally {
      await tabs.close();
    }
  });
});
