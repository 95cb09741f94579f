/**
 * Quiet when there is nothing to do: with no update anywhere and no hold, the tabs of
 * an app send each other no channel message at all (the roll call runs only while
 * something depends on liveness), and a tab that died meanwhile is still dropped in
 * time once something does. On the simulation's world and virtual clock, counting the
 * messages the fake browser's channel carried; counts, not timings, except virtual
 * time against the documented bounds.
 *
 * The fake has no Web Locks, so broadcast-channel elects by messages here (its
 * `internal` kind, counted apart); browsers with Web Locks send none of those
 * (test/browser/quiet.test.ts counts every post in each engine).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../machines/timing.js';
import type { Script } from './script.js';
import { script } from './script.js';
import { current, type TabRecord, type World } from './world.js';

const MINUTE = 60_000;
const { rollCallInterval, rollCallWindow } = DEFAULT_TIMING;

/** v1 active and controlling `count` tabs (the tab that registered it closed), the group settled. */
async function idleTabs({ world, advance }: Script, count: number, visible = false): Promise<TabRecord[]> {
  world.deployGood();
  const first = world.open(true);
  await advance(1_000);
  world.close(first);
  const tabs = Array.from({ length: count }, () => world.open(visible));
  await advance(30_000);
  return tabs;
}

const statuses = (tabs: TabRecord[]) => tabs.map((tab) => current(tab)?.updates.getSnapshot().status);
const isLeader = (tab: TabRecord) => current(tab)?.updates.getSnapshot().isLeader === true;

/** Group messages ('message': what the coordinator posts) sent and delivered while `during` runs. */
async function groupTraffic(world: World, during: () => Promise<void>) {
  const before = world.browser.channelTraffic;
  await during();
  const after = world.browser.channelTraffic;
  return {
    sent: (after.sent['message'] ?? 0) - (before.sent['message'] ?? 0),
    delivered: (after.delivered['message'] ?? 0) - (before.delivered['message'] ?? 0),
  };
}

/** Advances in steps until `predicate` holds; returns the virtual ms it took (Infinity if never within `limit`). */
async function timeUntil(s: Script, predicate: () => boolean, limit: number): Promise<number> {
  const start = s.clock.now;
  while (!predicate()) {
    if (s.clock.now - start > limit) return Number.POSITIVE_INFINITY;
    await s.advance(10);
  }
  return s.clock.now - start;
}

describe('idle tabs are quiet', () => {
  it.each([5, 20])('%i idle tabs send and deliver no group message in a minute, nothing waiting', async (count) => {
    let traffic = { sent: -1, delivered: -1 };
    const { violations } = await script({}, async (s) => {
      const tabs = await idleTabs(s, count);
      expect(statuses(tabs)).toEqual(tabs.map(() => 'idle'));
      traffic = await groupTraffic(s.world, () => s.advance(MINUTE));
      expect(statuses(tabs)).toEqual(tabs.map(() => 'idle'));
    });
    expect(traffic).toEqual({ sent: 0, delivered: 0 });
    expect(violations).toEqual([]);
  });

  it('calls the roll while an update waits, and while a tab holds work with nothing waiting', async () => {
    let waiting = { sent: 0, delivered: 0 };
    let held = { sent: 0, delivered: 0 };
    await script({}, async (s) => {
      const tabs = await idleTabs(s, 5);
      const release = s.world.hold(tabs[1]!);
      await s.advance(1_000);
      held = await groupTraffic(s.world, () => s.advance(MINUTE));
      s.world.release(current(tabs[1]!)!, release!);
      s.world.deployGood();
      void current(tabs[0]!)!.updates.checkForUpdate();
      await s.advance(1_000);
      expect(statuses(tabs)).toEqual(tabs.map(() => 'available'));
      waiting = await groupTraffic(s.world, () => s.advance(MINUTE));
    });
    // Four calls a minute, each a HELLO and four answers, each delivered to the four other tabs.
    expect(waiting).toEqual({ sent: 20, delivered: 80 });
    expect(held).toEqual({ sent: 20, delivered: 80 });
  });

  it('a leader elected while the group is quiet calls the roll once, to learn the roster, then is quiet', async () => {
    let hellos = -1;
    let leaders: boolean[] = [];
    await script({}, async (s) => {
      const tabs = await idleTabs(s, 5);
      const leader = tabs.find(isLeader)!;
      const before = s.world.browser.channelTraffic.sent['message:HELLO'] ?? 0;
      s.world.close(leader);
      await s.advance(MINUTE);
      hellos = (s.world.browser.channelTraffic.sent['message:HELLO'] ?? 0) - before;
      leaders = tabs.filter((tab) => tab !== leader).map(isLeader);
    });
    expect(leaders.filter(Boolean)).toHaveLength(1);
    expect(hellos).toBe(1);
  });

  it('a hold taken and released again and again calls the roll at most once per interval', async () => {
    let hellos = -1;
    await script({}, async (s) => {
      const tabs = await idleTabs(s, 5);
      const before = s.world.browser.channelTraffic.sent['message:HELLO'] ?? 0;
      // Ten holds in 20 s, each released after a second: liveness is needed, then not, ten times.
      for (let i = 0; i < 10; i++) {
        const id = s.world.hold(tabs[i % 5]!)!;
        await s.advance(1_000);
        s.world.release(current(tabs[i % 5]!)!, id);
        await s.advance(1_000);
      }
      await s.advance(MINUTE);
      hellos = (s.world.browser.channelTraffic.sent['message:HELLO'] ?? 0) - before;
    });
    // 20 s of flapping: calls at 0 and 15 s at most (and none in the quiet minute after).
    expect(hellos).toBeGreaterThanOrEqual(1);
    expect(hellos).toBeLessThanOrEqual(Math.ceil(20_000 / rollCallInterval));
  });
});

describe('a dead tab is still noticed once something depends on liveness', () => {
  /** Five hidden tabs; a follower is shown, so the leader would grant it the prompt. */
  async function withPresenterCandidate(s: Script) {
    const tabs = await idleTabs(s, 5);
    const candidate = tabs.find((tab) => !isLeader(tab))!;
    void candidate.tab.show();
    await s.advance(1_000);
    return { tabs, candidate, others: tabs.filter((tab) => tab !== candidate) };
  }
  const presenting = (tabs: TabRecord[]) => () => tabs.some((tab) => current(tab)?.updates.getSnapshot().isPrompting);

  it('a tab that crashed while the group was quiet is dropped within the roll-call window of an update arriving', async () => {
    let quiet = { sent: -1, delivered: -1 };
    let promptAfter = Number.NaN;
    const { violations } = await script({}, async (s) => {
      const { candidate, others } = await withPresenterCandidate(s);
      s.world.crash(candidate);
      quiet = await groupTraffic(s.world, () => s.advance(MINUTE));
      s.world.deployGood();
      void current(others[0]!)!.updates.checkForUpdate();
      await timeUntil(s, () => statuses(others).every((status) => status === 'available'), 5_000);
      // The leader granted the dead tab (still in its roster); the roll call started now drops it.
      promptAfter = await timeUntil(s, presenting(others), rollCallInterval + rollCallWindow);
      await s.settle();
    });
    expect(quiet).toEqual({ sent: 0, delivered: 0 });
    expect(promptAfter).toBeLessThanOrEqual(rollCallWindow + 100);
    expect(violations).toEqual([]);
  });

  it('with an update waiting, the crashed presenter is replaced within the roll call bound', async () => {
    let promptAfter = Number.NaN;
    const { violations } = await script({}, async (s) => {
      const { candidate, others } = await withPresenterCandidate(s);
      s.world.deployGood();
      void current(others[0]!)!.updates.checkForUpdate();
      await timeUntil(s, presenting([candidate]), 5_000);
      s.world.crash(candidate);
      promptAfter = await timeUntil(s, presenting(others), 2 * (rollCallInterval + rollCallWindow));
      await s.settle();
    });
    expect(promptAfter).toBeLessThanOrEqual(rollCallInterval + rollCallWindow + 100);
    expect(violations).toEqual([]);
  });
});
