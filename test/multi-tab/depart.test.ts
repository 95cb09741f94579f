/**
 * A page that reloads for an update departs: from its reload call until the new page
 * arrives, its machine hears nothing more (no worker event, no news from the group, no
 * word of its own leaving). In a browser the navigation starts only once the old page is
 * idle, so every event it still handled would delay it (measured in WebKit: the reload
 * call → navigation start shrank from about 49 to 18 ms at 5 tabs). Its farewell waits for
 * pagehide; test/browser/depart.test.ts checks that order in each engine.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { FAREWELL_FALLBACK } from '../../src/page/group/group.js';
import { controlledApp, listenToGroup, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => {
  vi.restoreAllMocks();
  return app.close();
});

/**
 * Two tabs, an update accepted; the leader's reload is cancelled (its app's beforeunload
 * prompt), the other tab's happens. Returns once both reload calls were made.
 */
async function acceptWithLeaderReloadCancelled() {
  app = await controlledApp(2);
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

it('a reload cancelled in the page’s beforeunload prompt: the tab says its farewell anyway, and another leads', async () => {
  const { leader, other, group } = await acceptWithLeaderReloadCancelled();
  // Its reload did not happen: it still has the lead, departed, until FAREWELL_FALLBACK.
  expect(leader.tab.loads).toBe(1);
  expect(leader.updates!.getSnapshot().status).toBe('reloading');
  expect(other.updates!.getSnapshot().isLeader).toBe(false);

  await app.browser.waitFor(() => other.updates!.getSnapshot().isLeader, {
    timeout: FAREWELL_FALLBACK + 5_000,
    message: 'the other tab never led',
  });
  expect(group.heard.filter((m) => m.type === 'BYE')).toHaveLength(2);
});

it('a tab destroyed while its farewell waits says it once, then, and its fallback does nothing', async () => {
  const { leader, other, group } = await acceptWithLeaderReloadCancelled();
  await leader.updates!.destroy();
  // Said at destroy(), not on the fallback: both come well before FAREWELL_FALLBACK.
  const byes = (): number => group.heard.filter((m) => m.type === 'BYE').length;
  await app.browser.waitFor(() => byes() === 2 && other.updates!.getSnapshot().isLeader, {
    timeout: FAREWELL_FALLBACK / 2,
    message: 'the destroyed tab’s BYE, or the other tab’s lead, waited for the fallback',
  });

  // The fallback finds the farewell said: nothing goes out on the closed channel.
  const traces = vi.spyOn(console, 'trace');
  await new Promise((resolve) => setTimeout(resolve, FAREWELL_FALLBACK + 1_000));
  expect(byes()).toBe(2);
  expect(traces).not.toHaveBeenCalled();
  expect(leader.errors).toEqual([]);
});
