/**
 * The update policies in real engines: `'auto'` reloads every tab onto the new version
 * with no prompt, and waits for a hold to be released; `'idle'` applies the update once
 * every tab of the app is hidden (another tab, not the app's, in front) for `idleDelay`,
 * and a tab of the app shown before then stops it. Behaviour is asserted; timings only logged.
 */
import { describe, expect } from 'vitest';
import type { Tab } from './driver/index.js';
import { POWERS } from './driver/index.js';
import { ENGINE, scenario, sleep, timing, useDemo, type App } from './harness.js';
import { checkAfterDeploy, startCheckAfterDeploy } from './deploy-check.js';
import { waitForAllOn } from './app-waits.js';

const demo = useDemo();

/**
 * Quiet period for "and nothing else happens" checks; longer than the suite's QUIET_MS
 * (harness/waits.ts): what it waits out here is the idle policy's own countdown in hidden tabs.
 */
const QUIET_MS = 3_000;
/**
 * Short enough for a test, long against the few hundred ms it takes the driver to put
 * another tab in front, and a multiple of the 1 s to which hidden tabs' timers are throttled.
 */
const IDLE_DELAY = 3_000;

const visibility = (app: App): Promise<string[]> =>
  Promise.all(app.liveIndices().map((i) => app.pages[i]!.evaluate(() => document.visibilityState)));

describe("'auto' policy", () => {
  scenario('a waiting worker reloads every tab onto it, with no prompt', [], async () => {
    const app = await demo.app({ tabs: 3, query: 'policy=auto' });
    const deployedAt = Date.now();
    await demo.server.deploy('good', '2');
    await startCheckAfterDeploy(demo.server, app);
    await waitForAllOn(app, '2', 2);
    timing('auto: deploy→all reloaded', Date.now() - deployedAt);
    expect(app.eventsOf('prompt')).toEqual([]);
    expect(app.loads()).toEqual([2, 2, 2]);
  });

  scenario(
    'a hold in one tab keeps every tab on the old version until it is released, then all reload once',
    [],
    async () => {
      const app = await demo.app({ tabs: 3, query: 'policy=auto' });
      await app.run(2, (d) => {
        (window as unknown as { release?: () => void }).release = d.updates.hold('unsaved draft');
      });
      await app.waitFor('the hold in every tab', async () => (await app.snapshots()).every((s) => s?.holds === 1));

      await demo.server.deploy('good', '2');
      expect(await checkAfterDeploy(demo.server, app)).toBe(true);
      await app.waitFor('every tab blocked on version 2', async () =>
        (await app.snapshots()).every((s) => s?.status === 'blocked' && s.waitingVersion === '2'),
      );
      await sleep(QUIET_MS);
      expect(app.loads()).toEqual([1, 1, 1]);
      expect((await app.snapshots()).map((s) => s?.status)).toEqual(['blocked', 'blocked', 'blocked']);
      for (const i of [0, 1, 2]) expect(await app.controllerVersion(i)).toBe('1');

      const releasedAt = Date.now();
      await app.run(2, () => (window as unknown as { release?: () => void }).release?.());
      await waitForAllOn(app, '2', 2);
      timing('auto: release→all reloaded', Date.now() - releasedAt);
      expect(app.eventsOf('prompt')).toEqual([]);
    },
  );
});

/**
 * Opens the app's `count` tabs with the idle policy and a tab of something else in front,
 * so every tab of the app is hidden. Where a tab cannot be brought to the front (WebKit:
 * only the window's first tab is ever visible) that other tab is opened first.
 */
async function appBehindAnotherTab(count: number): Promise<{ app: App; other: Tab }> {
  const query = `policy=idle&idleDelay=${IDLE_DELAY}`;
  const inFront = POWERS[ENGINE].includes('bringToFront');
  const app = await demo.app({ tabs: inFront ? count : 0, query });
  // Opened last it comes to the front; opened first (WebKit) it is the window's first tab.
  const other = await app.context.newTab('about:blank');
  if (!inFront) {
    for (let i = 0; i < count; i++) await app.open({ query });
    await app.waitFor('every tab idle on version 1', async () =>
      (await app.snapshots()).every((s) => s?.status === 'idle' && s.version === '1'),
    );
  }
  await app.waitFor('every tab of the app hidden', async () => (await visibility(app)).every((v) => v === 'hidden'));
  return { app, other };
}

describe("'idle' policy", () => {
  scenario('applies the waiting update once every tab of the app has been hidden for idleDelay', [], async () => {
    const { app } = await appBehindAnotherTab(2);
    await demo.server.deploy('good', '2');
    const checkedAt = Date.now();
    expect(await checkAfterDeploy(demo.server, app)).toBe(true);
    // Prompted as with 'prompt' (in the leader, since no tab of the app is visible)...
    await app.waitFor('a prompt for version 2', () => app.eventsOf('prompt').some((e) => e.version === '2'));
    // ...and applied by itself, with nobody looking.
    await waitForAllOn(app, '2', 2, { timeout: IDLE_DELAY + 20_000 });
    const elapsed = Date.now() - checkedAt;
    timing('idle: check→all reloaded', elapsed);
    expect(elapsed).toBeGreaterThanOrEqual(IDLE_DELAY);
    expect(await visibility(app)).toEqual(['hidden', 'hidden']);
  });

  scenario(
    'a tab of the app shown before the delay ends stops it; hidden again, it applies',
    ['bringToFront'],
    async () => {
      const { app, other } = await appBehindAnotherTab(2);
      await demo.server.deploy('good', '2');
      expect(await checkAfterDeploy(demo.server, app)).toBe(true);
      await app.waitFor('every tab available on version 2', async () =>
        (await app.snapshots()).every((s) => s?.status === 'available' && s.waitingVersion === '2'),
      );
      await app.pages[1]!.bringToFront();
      await app.waitFor('tab 1 visible', async () => (await visibility(app))[1] === 'visible');
      await sleep(IDLE_DELAY + QUIET_MS);
      expect(app.loads()).toEqual([1, 1]);
      expect((await app.snapshots()).map((s) => s?.status)).toEqual(['available', 'available']);

      const hiddenAt = Date.now();
      await other.bringToFront();
      await waitForAllOn(app, '2', 2, { timeout: IDLE_DELAY + 20_000 });
      timing('idle: all hidden→all reloaded', Date.now() - hiddenAt);
    },
  );
});
