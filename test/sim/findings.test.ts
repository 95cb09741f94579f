/**
 * Minimal reproductions of what the random simulation found, one per root cause, on the
 * simulation's world and virtual clock (script.ts) with its invariants. Each names
 * seeds that show it in the random run (`npm run sim -- --seed N --trace` replays them;
 * seed numbers change meaning whenever the step generator changes).
 *
 * Each was a library bug the random runs found; each is fixed, and its scenario stays
 * here so it cannot come back unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { script } from './script.js';
import type { TabRecord, World } from './world.js';

const invariants = (violations: Array<{ invariant: string }>) => violations.map((v) => v.invariant);

/** v1 active, and `count` tabs controlled by it (the first tab, which registered, closed). */
async function controlled(world: World, advance: (ms?: number) => Promise<void>, count: number): Promise<TabRecord[]> {
  world.deployGood();
  const first = world.open(true);
  await advance(1_000);
  world.close(first);
  const tabs = Array.from({ length: count }, () => world.open(true));
  await advance(1_000);
  return tabs;
}

/** The tabs with the leader first (the election is decided by random tokens). */
function leaderFirst(tabs: TabRecord[]): TabRecord[] {
  const isLeader = (tab: TabRecord) => tab.page?.updates.getSnapshot().isLeader === true;
  return [...tabs.filter(isLeader), ...tabs.filter((tab) => !isLeader(tab))];
}

/** v2 deployed and found: every tab shows it. */
async function waitingV2(world: World, advance: (ms?: number) => Promise<void>, from: TabRecord) {
  world.deployGood();
  void from.page!.updates.checkForUpdate();
  await advance(1_000);
}

describe('what the simulation found, fixed and kept as regressions', () => {
  it('A: a waiting worker that activates on its own ends the prompt; a later accept reloads the tabs left behind (seeds 25, 42, 235)', async () => {
    // The tab that registered the first worker stays uncontrolled. When the last tab
    // controlled by v1 closes, v2 activates by itself (no SKIP_WAITING): the
    // uncontrolled tab still says `available` for v2, and its accept only times out.
    const { violations, tabs } = await script({}, async ({ world, advance, settle }) => {
      world.deployGood();
      const uncontrolled = world.open(true);
      await advance(1_000);
      const [controlledTab] = [world.open(false)];
      await advance(1_000);
      await waitingV2(world, advance, uncontrolled);
      world.close(controlledTab!);
      await advance(1_000);
      world.accept(uncontrolled, false);
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('B: an accept survives leadership passing to a tab that never heard it (seeds 179, 1585)', async () => {
    // The leader crashes (or reloads) and a page opened at that moment wins the
    // election at once (the old followers retry only every 3 s). The new leader never
    // got the ACCEPT, so nobody sends SKIP_WAITING: the accepting tab times out after
    // 10 s with an error and prompts again.
    const { violations, tabs } = await script({}, async ({ world, advance, settle }) => {
      const [leader, follower] = leaderFirst(await controlled(world, advance, 2));
      await waitingV2(world, advance, leader!);
      world.crash(leader!);
      world.accept(follower!, false);
      world.open(true);
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('C: no stale prompt is left to accept after the update applied itself (seeds 1026, 7418)', async () => {
    // After A, the accept of the stale v2 prompt reaches a tab that already shows v3; it
    // leads and sends SKIP_WAITING to v3: it reloads onto a version nobody accepted.
    const { violations, tabs } = await script({}, async ({ world, advance, settle }) => {
      world.deployGood();
      const uncontrolled = world.open(true);
      await advance(1_000);
      const onV1 = world.open(false);
      await advance(1_000);
      await waitingV2(world, advance, uncontrolled);
      world.close(onV1); // v2 activates by itself (finding A); the v2 prompt stays up
      await advance(1_000);
      const onV2 = world.open(false);
      await advance(1_000);
      world.accept(uncontrolled, false); // the stale v2 prompt...
      world.close(uncontrolled); // ...and its tab closes: onV2 will lead
      world.deployGood(); // v3, found before the ACCEPT arrives
      void onV2.page!.updates.checkForUpdate();
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('D: a tab whose registration failed leaves the group, so it never takes the prompt (seeds 869, 1246, 404)', async () => {
    // The first deploy is broken when T1 loads: T1 is `failed` but stays in the group,
    // visible and focused, so the leader grants it the prompt, and no tab shows one.
    const { violations, tabs } = await script({}, async ({ world, advance, settle }) => {
      world.deployBroken('404');
      world.open(true);
      await advance(1_000);
      world.deployGood();
      world.open(false); // registers v1 (first install; stays uncontrolled)
      await advance(1_000);
      const onV1 = world.open(false);
      await advance(1_000);
      await waitingV2(world, advance, onV1);
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('E: holds of a crashed tab that the new leader never knew are dropped by every tab (seeds 6143, 8600)', async () => {
    // The holder and the leader crash together; a tab opened right then leads at once.
    // Its roll call only covers tabs it knows, so the survivor keeps the dead tab's
    // hold in its roster and stays `blocked`.
    const { violations, tabs } = await script({}, async ({ world, advance, settle }) => {
      const [leader, holder, survivor] = leaderFirst(await controlled(world, advance, 3));
      await waitingV2(world, advance, leader!);
      world.hold(holder!);
      await advance(1_000);
      world.accept(survivor!, false);
      await advance(1_000);
      world.crash(holder!);
      world.crash(leader!);
      world.open(true);
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('F: a tab that joined moments ago and accepts still waits for the holds it learns of (seeds 1112, 5196)', async () => {
    // Holds reach the machine only with the debounced ROSTER_CHANGED (20 ms after the
    // last roster message). A tab that just opened (and leads, the old leader having
    // crashed) accepts with holds = 0 and sends SKIP_WAITING: every tab without a hold
    // of its own reloads although another tab held work for minutes.
    const { violations, tabs } = await script({}, async ({ world, advance, settle }) => {
      const [leader, holder] = leaderFirst(await controlled(world, advance, 2));
      await waitingV2(world, advance, leader!);
      world.hold(holder!);
      await advance(60_000);
      world.crash(leader!);
      const fresh = world.open(true);
      await advance(15);
      world.accept(fresh, false);
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('G: a deploy during the activation carries the accept over to the newer worker (seeds 78, 273, 766)', async () => {
    // SKIP_WAITING went to v2; v3 arrives during the activation delay (1 s in
    // Chromium) and replaces it. The leader, in `activating`, ignores the new waiting
    // worker (and later accepts): every tab times out after 10 s, and v3 waits.
    const { violations, tabs } = await script({ activationDelayMs: 1_000 }, async ({ world, advance, settle }) => {
      const [leader, follower] = leaderFirst(await controlled(world, advance, 2));
      await waitingV2(world, advance, leader!);
      world.accept(leader!, false);
      await advance(100);
      world.deployGood();
      void follower!.page!.updates.checkForUpdate();
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });

  it('H: a newcomer keeps the hold it heard from its holder over the leader’s older roster (seed 751)', async () => {
    // A tab takes a hold in the task after a new tab said HELLO. The leader answers the
    // HELLO with a roster snapshot taken before it heard of the hold; the holder, whose
    // channel was opened first, answers with its hold just before the leader does. The
    // newcomer took the older snapshot over the holder's own word, believed nobody held
    // anything, accepted and sent SKIP_WAITING: every tab reloaded but the holder.
    const { violations, tabs } = await script({ seed: 3 }, async ({ world, advance, settle }) => {
      world.deployGood();
      const holder = world.open(false);
      world.open(true);
      await advance(2_000);
      // The later tab leads with this seed's election tokens: the race needs that.
      expect(holder.page!.updates.getSnapshot().isLeader).toBe(false);
      world.deployGood();
      const newcomer = world.open(false);
      await advance(0);
      world.hold(holder);
      await advance(1_000);
      world.accept(newcomer, false);
      await settle();
    });
    expect(invariants(violations), tabs.join('\n')).toEqual([]);
  });
});
