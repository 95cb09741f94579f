/**
 * A page that reloads for an update departs: from its reload call until the new page
 * arrives, its machine hears nothing more (no worker event, no news from the group, no
 * word of its own leaving). In a browser the navigation starts only once the old page is
 * idle, so every event it still handled would delay it (measured in WebKit: the reload
 * call → navigation start shrank from about 49 to 18 ms at 5 tabs). Its farewell waits for
 * pagehide; test/browser/depart.test.ts checks that order in each engine. A reload that
 * does not happen (a beforeunload prompt answered "Stay") ends after `timing.reloadTimeout`.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { ENGINE_PROFILES, type FakeBrowserOptions } from '../fakes/index.js';
import { controlledApp, listenToGroup, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => {
  vi.restoreAllMocks();
  return app.close();
});

/** A short `timing.reloadTimeout`, so that a cancelled reload ends within the test. */
const RELOAD_TIMEOUT = 3_000;

/**
 * Two tabs, an update accepted; the leader's reload is cancelled (its app's beforeunload
 * prompt), the other tab's happens. Returns once both reload calls were made.
 */
async function acceptWithLeaderReloadCancelled(browser?: FakeBrowserOptions) {
  app = await controlledApp(2, { browser, coordinator: { timing: { reloadTimeout: RELOAD_TIMEOUT } } });
  const leader = app.live().find((r) => r.updates!.getSnapshot().isLeader)!;
  const other = app.live().find((r) => r !== leader)!;
  leader.tab.cancelsReloads = true;
  const group = await listenToGroup(app);
  await waitingUpdate(app, '2');

  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => other.tab.loads === 2 && leader.tab.reloads === 1, {
    message: `reloads: leader ${leader.tab.reloads}, other ${other.tab.loads} loads`,
  });
  return { leader, other, group };
}

it('a reloading tab handles no event after its reload call', async () => {
  const departed = new Set<string>();
  const heardAfter: string[] = [];
  const inspect = (ev: InspectionEvent): void => {
    // Only the coordinator's own machine (the root), not its child actors.
    if (ev.actorRef.sessionId !== ev.rootId) return;
    if (ev.type === '@xstate.action' && ev.action.type === 'reload') departed.add(ev.rootId);
    else if (ev.type === '@xstate.event' && departed.has(ev.rootId)) heardAfter.push(ev.event.type);
  };
  app = await controlledApp(3, { coordinator: { inspect } });
  const tabs = app.live();
  await waitingUpdate(app, '2');
  await app.browser.settle({ quietMs: 150 });

  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), {
    timeout: 5000,
    message: `not every tab reloaded: ${tabs.map((r) => r.tab.reloads).join(',')}`,
  });
  await app.allIn('idle');

  expect(departed.size).toBe(3);
  expect(heardAfter).toEqual([]);
  for (const record of tabs) expect(record.tab.reloads).toBe(1);
});

it('a reloading tab says BYE on pagehide, once its navigation is under way', async () => {
  app = await controlledApp(3);
  const tabs = app.live();
  // For each BYE, how many of the tabs had left their old page when it arrived.
  const navigatedAtBye: number[] = [];
  let pagesBefore: unknown[] | undefined;
  await listenToGroup(app, (message) => {
    if (message.type === 'BYE' && pagesBefore)
      navigatedAtBye.push(tabs.filter((r, i) => r.tab.env !== pagesBefore![i]).length);
  });
  await waitingUpdate(app, '2');
  pagesBefore = tabs.map((r) => r.tab.env);

  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), { message: 'not every tab reloaded' });
  await app.browser.waitFor(() => navigatedAtBye.length === 3, { message: `BYEs heard: ${navigatedAtBye.length}` });

  // The n-th BYE comes from a page that has been replaced: at least n tabs had navigated.
  expect(navigatedAtBye).toEqual(navigatedAtBye.map((count, i) => Math.max(count, i + 1)));
});

it('a reload cancelled in the page’s beforeunload prompt: after reloadTimeout the tab says its farewell, and takes part again', async () => {
  const { leader, other, group } = await acceptWithLeaderReloadCancelled();
  // Its reload did not happen: departed, it keeps the lead until reloadTimeout.
  expect(leader.tab.loads).toBe(1);
  expect(leader.updates!.getSnapshot().status).toBe('reloading');
  expect(other.updates!.getSnapshot().isLeader).toBe(false);

  // Still on its first page, it says its farewell (the other tab's old page said its BYE
  // on pagehide) and why, runs again, and is not asked again for this update.
  await app.browser.waitFor(() => group.heard.filter((m) => m.type === 'BYE').length === 2, {
    timeout: RELOAD_TIMEOUT + 5_000,
    message: 'no farewell from the tab whose reload was cancelled',
  });
  await app.allIn('idle');
  expect(leader.errors.map((e) => (e as { code?: string }).code)).toEqual(['reload-cancelled']);
  expect(leader.events.filter((e) => e.type === 'update-failed')).toHaveLength(1);
  expect([leader.tab.loads, leader.tab.reloads]).toEqual([1, 1]);
  expect(leader.updates!.getSnapshot().waitingVersion).toBeUndefined();

  // Back in the group: it hears the other tab's holds, and one of the two leads.
  const release = other.updates!.hold('draft');
  await app.browser.waitFor(() => leader.updates!.getSnapshot().holds === 1, { message: 'the hold was not heard' });
  release();
  await app.browser.waitFor(() => app.live().filter((r) => r.updates!.getSnapshot().isLeader).length === 1, {
    message: 'not one leader',
  });
});

// The fakes' default, as Chromium: a later reload of that page happens (Firefox's profile: below).
it('after a cancelled reload, the next update is prompted once and reloads that tab too', async () => {
  const { leader, other } = await acceptWithLeaderReloadCancelled();
  await app.browser.waitFor(() => leader.errors.length > 0, { timeout: RELOAD_TIMEOUT + 5_000, message: 'no error' });
  await app.allIn('idle');

  leader.tab.cancelsReloads = false;
  await waitingUpdate(app, '3');
  expect(app.maxPresenting()).toBe(1);
  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => leader.tab.loads === 2 && other.tab.loads === 3, {
    message: `loads: leader ${leader.tab.loads}, other ${other.tab.loads}`,
  });
  await app.allIn('idle');
  expect(app.live().every((r) => r.tab.controller?.label === 'v3')).toBe(true);
  expect(leader.errors).toHaveLength(1);
});

it('a tab destroyed while its reload is cancelled says its farewell once, then, and nothing comes after', async () => {
  const { leader, other, group } = await acceptWithLeaderReloadCancelled();
  await leader.updates!.destroy();
  // Said at destroy(), not at the timeout.
  const byes = (): number => group.heard.filter((m) => m.type === 'BYE').length;
  await app.browser.waitFor(() => byes() === 2 && other.updates!.getSnapshot().isLeader, {
    timeout: RELOAD_TIMEOUT / 2,
    message: 'the destroyed tab’s BYE, or the other tab’s lead, waited for the timeout',
  });

  // The timeout died with the machine: no error, no second farewell, nothing on the closed channel.
  const traces = vi.spyOn(console, 'trace');
  await new Promise((resolve) => setTimeout(resolve, RELOAD_TIMEOUT + 1_000));
  expect(byes()).toBe(2);
  expect(traces).not.toHaveBeenCalled();
  expect(leader.errors).toEqual([]);
});

it('in Firefox’s profile, the page whose reload was cancelled ignores the next update’s reload too: reported again, once', async () => {
  const { leader, other } = await acceptWithLeaderReloadCancelled(ENGINE_PROFILES.firefox);
  await app.browser.waitFor(() => leader.errors.length === 1, { timeout: RELOAD_TIMEOUT + 5_000, message: 'no error' });
  await app.allIn('idle');

  leader.tab.cancelsReloads = false;
  await waitingUpdate(app, '3');
  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => other.tab.loads === 3 && leader.errors.length === 2, {
    timeout: RELOAD_TIMEOUT + 5_000,
    message: `loads ${other.tab.loads}, errors ${leader.errors.length}`,
  });
  await app.allIn('idle');
  expect(leader.errors.map((e) => (e as { code?: string }).code)).toEqual(['reload-cancelled', 'reload-cancelled']);
  expect([leader.tab.loads, leader.tab.reloads]).toEqual([1, 2]);
});
