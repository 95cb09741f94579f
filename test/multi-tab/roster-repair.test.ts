/**
 * How the group's roster mends itself, on the fake browser: a tab wrongly declared gone
 * (a BYE naming it: a race of the lock check, or a frozen tab back) says it is here, and
 * a newly elected leader tells the tabs who is in the group, so an accept there can wait
 * for exactly the tabs that must answer it; and a TAB that repeats what is known costs
 * nothing. Real timers, no timing asserts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { groupMessage } from '../../src/protocol/messages.js';
import { controlledApp, createApp, listenToGroup as listen, openControlled, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => app.close());

describe('the roster mends itself', () => {
  it('a tab that hears a BYE naming itself answers at once with its TAB', async () => {
    // Listening before the tabs open: each says HELLO as it joins, and the listener
    // learns their ids that way (the leader's first roll call may come before or after
    // it listens); the tab that installed v1 and left said BYE.
    app = createApp();
    const spy = await listen(app);
    await openControlled(app, 3);
    await waitingUpdate(app, '2');
    const ids = new Set<string>();
    await app.browser.waitFor(
      () => {
        for (const m of spy.heard) if (m.type === 'TAB' || m.type === 'HELLO') ids.add(m.tabId);
        for (const m of spy.heard) if (m.type === 'BYE') ids.delete(m.tabId);
        return ids.size >= 1;
      },
      { message: `no tab said HELLO or TAB: heard ${spy.heard.map((m) => m.type).join(', ')}` },
    );
    const named = [...ids][0]!;

    const before = spy.heard.length;
    spy.post(groupMessage({ type: 'BYE', tabId: named }));
    await app.browser.waitFor(() => spy.heard.slice(before).some((m) => m.type === 'TAB' && m.tabId === named), {
      timeout: 5_000,
      message: `tab ${named} did not answer the BYE naming it: heard ${spy.heard
        .slice(before)
        .map((m) => m.type)
        .join(', ')}`,
    });
    // Answered to the BYE, not to a roll call that happened to come.
    const after = spy.heard.slice(before);
    const answer = after.findIndex((m) => m.type === 'TAB' && m.tabId === named);
    const rollCall = after.findIndex((m) => m.type === 'HELLO' && m.rollCall === true);
    expect(rollCall === -1 || answer < rollCall).toBe(true);
  });

  it('a newly elected leader posts its ROSTER once, unasked; an accept in another tab then applies', async () => {
    // Retry far beyond the test: only the accept itself can start the update.
    const timing = { skipWaitingRetry: 60_000, activateTimeout: 120_000 };
    app = await controlledApp(4, { coordinator: { timing } });
    const spy = await listen(app);
    const leader = app.live().find((r) => r.updates!.getSnapshot().isLeader)!;
    const rostersBefore = spy.heard.filter((m) => m.type === 'ROSTER').length;

    await leader.tab.close();
    await app.browser.waitFor(() => app.live().some((r) => r.updates!.getSnapshot().isLeader), {
      message: 'no new leader after the leader closed',
    });
    await app.browser.settle({ quietMs: 150 });
    // Nobody said HELLO: the only ROSTER is the new leader's own.
    expect(spy.heard.filter((m) => m.type === 'ROSTER').length - rostersBefore).toBe(1);

    const tabs = app.live();
    await waitingUpdate(app, '2');
    const accepter = tabs.find((r) => !r.updates!.getSnapshot().isLeader)!;
    accepter.updates!.accept();
    await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), {
      message: `not every tab reloaded: ${tabs.map((r) => r.tab.reloads).join(',')}`,
    });
  });

  it("a TAB that repeats what every tab knows (an answer, a roll call's) makes no tab report a roster change", async () => {
    let reports = 0;
    app = await controlledApp(3, {
      coordinator: {
        inspect: (event) => {
          if (event.type === '@xstate.event' && event.event.type === 'ROSTER_CHANGED') reports++;
        },
      },
    });
    const spy = await listen(app);
    const [a] = app.live();
    await a!.tab.hide();
    await app.browser.waitFor(() => spy.heard.some((m) => m.type === 'TAB'), {
      message: 'the hidden tab said nothing',
    });
    await app.browser.settle({ quietMs: 50 });
    const told = spy.heard.find((m) => m.type === 'TAB')!;
    const before = reports;
    for (let k = 0; k < 3; k++) await spy.post(told);
    await app.browser.settle({ quietMs: 50 });
    expect(reports - before).toBe(0);
    // A TAB that does change something is reported, by every tab that hears it.
    await spy.post({ ...told, holds: 1 });
    await app.browser.waitFor(() => reports - before >= 2, { message: `${reports - before} roster reports` });
  });
});
