/**
 * Resume: a tab that was in the back/forward cache while an update applied missed
 * every message. Shown again, it reloads onto the new version, unless it holds work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, waitingUpdate, type App, type TabRecord } from './app.js';

let app: App;
afterEach(() => app.close());

/** v2 deployed and found by `tab` (the cached tab hears of it only when back). */
async function deployV2(tab: TabRecord): Promise<void> {
  app.deploy('2');
  await tab.updates!.checkForUpdate();
  await app.browser.waitFor(() => tab.updates!.getSnapshot().status === 'available');
}

describe('a tab back from the back/forward cache', () => {
  it('left the group while away, and reloads onto the update accepted meanwhile', async () => {
    app = await controlledApp(2);
    const [a, b] = app.live();
    await b!.tab.goAwayIntoCache();
    // Gone from the group: the other tab leads and counts one tab.
    await app.browser.waitFor(() => a!.updates!.getSnapshot().isLeader);

    await deployV2(a!);
    a!.updates!.accept();
    await app.browser.waitFor(() => a!.tab.loads === 2 && a!.updates?.getSnapshot().version === '2', { timeout: 5000 });
    await app.browser.settle({ quietMs: 200 });
    expect([b!.tab.loads, b!.tab.reloads]).toEqual([1, 0]);

    await b!.tab.goBack();
    await app.browser.waitFor(() => b!.tab.loads === 2, { timeout: 5000 });
    await app.allIn('idle');
    await app.browser.settle({ quietMs: 200 });
    expect([a, b].map((r) => [r!.tab.reloads, r!.updates!.getSnapshot().version])).toEqual([
      [1, '2'],
      [1, '2'],
    ]);
    // Both pages are new: in Node the election runs by messages, on timers that a loaded
    // machine runs late, so the group may still be electing when the tabs are idle.
    const leaders = () => app.live().filter((r) => r.updates!.getSnapshot().isLeader);
    await app.browser.waitFor(() => leaders().length === 1, {
      timeout: 5000,
      message: 'not exactly one leader once both pages reloaded',
    });
    expect(leaders()).toHaveLength(1);
  });

  it('keeps a page with unsaved work: blocked until released, then it reloads', async () => {
    app = await controlledApp(2);
    const [a, b] = app.live();
    const release = b!.updates!.hold('unsaved draft');
    await app.browser.waitFor(() => a!.updates!.getSnapshot().holds === 1);
    await b!.tab.goAwayIntoCache();
    // Its hold left with it: the update is not blocked by a page nobody can see.
    await app.browser.waitFor(() => a!.updates!.getSnapshot().holds === 0);

    await deployV2(a!);
    a!.updates!.accept();
    await app.browser.waitFor(() => a!.tab.loads === 2, { timeout: 5000 });

    await b!.tab.goBack();
    await app.browser.waitFor(() => b!.updates!.getSnapshot().status === 'blocked');
    await app.browser.settle({ quietMs: 200 });
    expect([b!.tab.loads, b!.tab.reloads]).toEqual([1, 0]);
    expect(a!.updates!.getSnapshot().holds).toBe(1);

    release();
    await app.browser.waitFor(() => b!.tab.loads === 2, { timeout: 5000 });
    await app.browser.settle({ quietMs: 150 });
    expect(b!.tab.reloads).toBe(1);
    expect(b!.updates!.getSnapshot().version).toBe('2');
  });

  it('takes its prompt down when it goes; the prompt moves, and one shows when it is back', async () => {
    app = await controlledApp(2);
    await waitingUpdate(app, '2');
    const presenter = app.presenter()!;
    const other = app.live().find((r) => r !== presenter)!;
    await presenter.tab.goAwayIntoCache();
    await app.browser.waitFor(() => presenter.cleanups === 1 && other.prompt !== undefined);
    expect(app.presenting()).toBe(1);

    await presenter.tab.goBack();
    await app.browser.settle({ quietMs: 300 });
    expect(app.presenting()).toBe(1);
    expect(app.maxPresenting()).toBe(1);
    // Shown and focused last, it is the tab the user looks at: the prompt is back there.
    expect(presenter.prompt).toBeDefined();
  });
});
