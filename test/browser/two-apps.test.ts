/**
 * Two apps on one origin, in each engine: /a/ (worker /a/sw.js, scope /a/) and /b/
 * (/b/sw.js, scope /b/), two tabs each, in one context (one origin's storage). An update
 * of A, accepted in A, reloads A's tabs onto A's v2; B's tabs neither prompt, nor
 * reload, nor change status, and B's worker stays B's v1.
 */
import { describe, expect, test } from 'vitest';
import { POWERS } from './driver/index.js';
import { ENGINE, QUIET_MS, sleep, timing, useDemo, type App } from './harness.js';
import { checkAfterDeploy } from './deploy-check.js';

const demo = useDemo();

async function allIdleOn(app: App, tabs: number[], version: string): Promise<boolean> {
  for (const i of tabs) {
    const s = await app.snapshot(i);
    if (s?.status !== 'idle' || s.version !== version) return false;
    if ((await app.controllerVersion(i)) !== version) return false;
  }
  return true;
}

describe('two apps on one origin', () => {
  test("updating app A reloads A's tabs only: B's tabs neither prompt, nor reload, nor change status", async () => {
    await demo.server.deploy('good', '1', 'a');
    await demo.server.deploy('good', '1', 'b');
    const app = await demo.app({ tabs: 0, controlled: false });
    // Each app installs from a first tab of its own, which then leaves (see demo.app()).
    const boots = [await app.bootstrap({ path: '/a/' }), await app.bootstrap({ path: '/b/' })];
    await app.waitFor(
      'both first installs (onOfflineReady in each app)',
      () => app.eventsOf('offline-ready').length >= 2,
    );
    const canSelect = POWERS[ENGINE].includes('bringToFront');
    if (canSelect) for (const boot of boots) await boot.close();
    const [A, B] = [
      [0, 1],
      [2, 3],
    ];
    for (const path of ['/a/', '/a/', '/b/', '/b/']) await app.open({ path });
    if (!canSelect) for (const boot of boots) await boot.close();
    await app.waitFor("every tab idle on its app's v1", () => allIdleOn(app, [...A, ...B], '1'));
    const bBefore = B.map((i) => app.eventsOf('status', i).length);

    await demo.server.deploy('good', '2', 'a');
    const checkedAt = Date.now();
    expect(await checkAfterDeploy(demo.server, app, A[0]!, 'a')).toBe(true);
    const presenter = Number(
      await app.waitFor('one prompt, in a tab of A', () => {
        const presenters = app.presenters();
        return presenters.length === 1 && A.includes(presenters[0]!) ? String(presenters[0]) : undefined;
      }),
    );
    timing('two apps: check in A→prompt in A', Date.now() - checkedAt);
    const acceptedAt = Date.now();
    await app.run(presenter, (d) => d.prompt!.accept());
    await app.waitFor(
      "A's tabs reloaded once onto A's v2",
      async () => A.every((i) => app.loads()[i] === 2) && allIdleOn(app, A, '2'),
    );
    timing("two apps: accept in A→A's tabs on v2", Date.now() - acceptedAt);
    await sleep(QUIET_MS);

    expect(app.loads()).toEqual([2, 2, 1, 1]);
    expect(B.flatMap((i) => app.eventsOf('prompt', i))).toEqual([]);
    // Not one status change in B: it never saw A's update.
    expect(B.map((i) => app.eventsOf('status', i).length)).toEqual(bBefore);
    expect(await allIdleOn(app, B, '1')).toBe(true);
    expect(await allIdleOn(app, A, '2')).toBe(true);
    expect(app.maxConcurrentPresenters()).toBe(1);
    expect(app.eventsOf('error')).toEqual([]);
    expect(app.eventsOf('pageerror')).toEqual([]);
    // A's worker addressed only A's tabs.
    expect(B.flatMap((i) => app.eventsOf('sw-message', i))).toEqual([]);
  });
});
