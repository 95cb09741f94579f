/**
 * Update checks over virtual time (the simulation's world and clock: test/sim/script.ts),
 * with public options only: the interval an app sets is the interval it gets, whatever
 * the number of tabs, and automatic failures are reported once per streak unless a new
 * kind of failure comes up. Requests are counted on the fake server.
 */
import { describe, expect, it } from 'vitest';
import { script } from '../sim/script.js';
import { current, type World } from '../sim/world.js';

const errors = (world: World): number => world.pages.reduce((sum, page) => sum + page.errors, 0);

describe('the leader checks on the interval the app set', () => {
  it.each([1, 5])('checkInterval: 1000 with %i tab(s): about one request per second', async (count) => {
    let requests = 0;
    const { violations } = await script({ checkInterval: 1_000 }, async ({ world, advance }) => {
      world.deployGood();
      for (let i = 0; i < count; i++) world.open(i === 0);
      await advance(5_000);
      expect(world.pages.filter((page) => page.updates.getSnapshot().isLeader)).toHaveLength(1);
      const before = world.browser.scriptRequests.length;
      await advance(20_000);
      requests = world.browser.scriptRequests.length - before;
    });
    expect(violations).toEqual([]);
    // One leader, one tick a second: 20 requests in 20 s (one more or less at the edges).
    expect(requests).toBeGreaterThanOrEqual(19);
    expect(requests).toBeLessThanOrEqual(21);
  });

  it('triggered checks are still merged: every tab back online makes one request', async () => {
    let requests = 0;
    await script({ checkInterval: 0 }, async ({ world, advance }) => {
      world.deployGood();
      const tabs = Array.from({ length: 5 }, (_, i) => world.open(i === 0));
      await advance(5_000);
      const before = world.browser.scriptRequests.length;
      for (const tab of tabs) void tab.tab.goOnline();
      await advance(5_000);
      requests = world.browser.scriptRequests.length - before;
    });
    expect(requests).toBe(1);
  });
});

describe('failed automatic checks', () => {
  it('report once per streak, and again for a new kind of failure', async () => {
    const reported: number[] = [];
    await script({ checkInterval: 1_000 }, async ({ world, advance }) => {
      world.deployGood();
      world.open(true);
      await advance(5_000);
      world.deployBroken('404');
      await advance(10 * 60_000); // ten minutes of failing checks, backing off
      reported.push(errors(world));
      world.deployBroken('syntax');
      await advance(60 * 60_000); // the next attempt (backoff up to an hour) fails differently
      reported.push(errors(world));
      expect(current(world.tabs[0]!)?.updates.getSnapshot().error?.message).toContain('evaluation failed');
    });
    expect(reported).toEqual([1, 2]);
  });
});
