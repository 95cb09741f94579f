/**
 * The page entry's shell and its core, in a real browser: the core loads only after the
 * page's `load` event (a chunk of its own, /chunks/core-….js), and what reaches the page
 * before that must still count. The demo's `?loadDelay=ms` holds a page's load event
 * back (an image that answers late), so the window between the two is seconds long.
 */
import { describe, expect, test } from 'vitest';
import { QUIET_MS, sleep, useDemo, type App, type RecordedEvent } from './harness.js';
import { checkAfterDeploy } from './deploy-check.js';
import { waitForAllOn } from './app-waits.js';

const demo = useDemo();

/**
 * Waits until one tab presents the waiting version, and it is the tab in front, where the
 * prompt stays: a hidden tab may present only until the tab in front has its core, and
 * accepting through a prompt that is moving away accepts nothing. Returns its index.
 */
async function presenter(app: App): Promise<number> {
  const found = await app.waitFor('the tab in front to present the update, alone', async () => {
    const snapshots = await app.snapshots();
    const presenting = snapshots.flatMap((s, i) => (s?.isPrompting ? [i] : []));
    if (presenting.length !== 1) return undefined;
    const [page] = presenting as [number];
    return (await app.run(page, () => document.visibilityState)) === 'visible' ? String(page) : undefined;
  });
  return Number(found);
}

/** Waits until every tab has loaded twice, idle on `version`; then that nothing moves for QUIET_MS. */
async function everyTabReloadedOnceOnto(app: App, version: string): Promise<void> {
  await waitForAllOn(app, version, 2);
  await sleep(QUIET_MS);
  expect(app.loads()).toEqual(app.pages.map(() => 2));
  for (let i = 0; i < app.pages.length; i++) expect(await app.controllerVersion(i)).toBe(version);
  expect(app.eventsOf('error')).toEqual([]);
}

const firstLoad = (events: RecordedEvent[]) => events.filter((e) => e.load === 1);

describe('before the core has loaded', () => {
  test('a RELOAD that reaches the page is kept: the tab reloads exactly once when the core runs', async () => {
    // The worker takes 4 s from SKIP_WAITING to skipWaiting() (the slow-skip kind), so the
    // late tab opens (controlled by v1) before the update applies; its load event waits
    // 9 s, so the RELOAD comes before its core. Its localStorage is blocked, so the record
    // of the accept cannot reload it: only the kept RELOAD can.
    const app = await demo.app({ tabs: 1 });
    await demo.server.deploy('slow-skip', '2');
    expect(await checkAfterDeploy(demo.server, app)).toBe(true);
    await presenter(app);
    await app.run(0, (d) => d.prompt!.accept());
    await app.open({ query: 'loadDelay=9000&localStorage=blocked' });

    await everyTabReloadedOnceOnto(app, '2');
    const late = firstLoad(app.events.filter((e) => e.page === 1));
    const reload = late.find((e) => e.type === 'sw-message' && (e.data as { type?: string }).type === 'RELOAD');
    expect(reload, `the late tab heard no RELOAD on its first load:\n${app.eventLog()}`).toBeDefined();
    // Its core ran only after the RELOAD: every status it reported before was the shell's.
    const coreStatuses = late.filter((e) => e.type === 'status' && e.status !== 'registering');
    expect(coreStatuses.length).toBeGreaterThan(0);
    expect(coreStatuses.every((e) => e.t > reload!.t)).toBe(true);
  });

  test('a hold taken then counts: every tab stays blocked until it is released', async () => {
    const app = await demo.app({ tabs: 1 });
    await demo.server.deploy('good', '2');
    expect(await checkAfterDeploy(demo.server, app)).toBe(true);
    await presenter(app);
    await app.open({ query: 'draft=unsaved&loadDelay=3000' });
    const [early] = app.eventsOf('early-hold', 1);
    expect(early, 'the late tab took no hold at its start').toBeDefined();
    // Taken before the load event, so before the core (which loads after it) ran.
    expect(early).toMatchObject({ status: 'registering' });
    expect(early!.readyState).not.toBe('complete');

    await app.waitFor('the hold to reach every tab, with the update seen', async () =>
      (await app.snapshots()).every((s) => s?.holds === 1 && s.status === 'available'),
    );
    const accepter = await presenter(app);
    await app.run(accepter, (d) => d.prompt!.accept());
    await app.waitFor('every tab blocked', async () => (await app.snapshots()).every((s) => s?.status === 'blocked'));
    await sleep(QUIET_MS);
    expect(app.loads()).toEqual([1, 1]);
    for (let i = 0; i < 2; i++) expect(await app.controllerVersion(i)).toBe('1');

    await app.pages[1]!.type('#draft', '');
    await everyTabReloadedOnceOnto(app, '2');
  });
});

describe('after an accepted update', () => {
  /** Longer than a busy machine takes to load the core in the tab in front. */
  const DELAY = 4_000;

  test('a tab that reloads hidden starts its core after timing.hiddenReloadDelay, the tab in front at once', async () => {
    const app = await demo.app({ tabs: 3, query: `timing.hiddenReloadDelay=${DELAY}` });
    await demo.server.deploy('good', '2');
    expect(await checkAfterDeploy(demo.server, app)).toBe(true);
    await app.run(await presenter(app), (d) => d.prompt!.accept());
    await everyTabReloadedOnceOnto(app, '2');

    const hidden = await Promise.all(app.pages.map((_, i) => app.run(i, () => document.hidden)));
    expect(hidden, 'no tab was hidden: nothing here waited').toContain(true);
    for (const [i, isHidden] of hidden.entries()) {
      const second = app.events.filter((e) => e.page === i && e.load === 2);
      const start = second.find((e) => e.type === 'load');
      const core = second.find((e) => e.type === 'status' && e.status !== 'registering');
      expect(start, `tab ${i}'s second page recorded no start`).toMatchObject({ navigation: 'reload' });
      expect(core, `tab ${i}'s core reported no status:\n${app.eventLog()}`).toBeDefined();
      // A timer never fires early, so a hidden tab's wait is at least the delay.
      if (isHidden) expect(core!.t - start!.t, `hidden tab ${i}:\n${app.eventLog()}`).toBeGreaterThanOrEqual(DELAY);
      else expect(core!.t - start!.t, `tab ${i}, in front`).toBeLessThan(DELAY);
    }
  });
});
