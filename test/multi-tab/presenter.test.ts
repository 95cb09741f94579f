/**
 * Where the prompt appears, and that it moves: the tab the user looks at presents;
 * switching tabs, closing the presenter or the leader moves it, never to two tabs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, createApp, listenToGroup, openControlled, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => app.close());

const presenterIndex = () => app.records.indexOf(app.presenter()!);

describe('the presenting tab', () => {
  it('is the visible tab focused most recently; switching tabs moves the prompt, cleanup first', async () => {
    app = await controlledApp(3);
    const [a, b, c] = app.live();
    await a!.tab.hide();
    await b!.tab.hide();
    await waitingUpdate(app, '2');
    expect(app.presenter()).toBe(c);

    await c!.tab.hide();
    await a!.tab.show();
    await app.browser.waitFor(() => app.presenter() === a, { message: `presenter is ${presenterIndex()}` });
    expect(c!.cleanups).toBe(1);
    expect(app.maxPresenting()).toBe(1);
  });

  it("focus that changes nobody's choice is not told: in a hidden tab, or again in the tab focused last", async () => {
    // WebKitGTK fires focus in every window WebDriver switches to, hidden ones too; each
    // used to cost a TAB to every tab of the app.
    // A roll call's answers are TABs too: none come within the test.
    app = await controlledApp(3, { coordinator: { timing: { rollCallInterval: 600_000 } } });
    const [a, b, c] = app.live();
    await a!.tab.hide();
    await b!.tab.hide();
    await waitingUpdate(app, '2');
    const spy = await listenToGroup(app);
    const told = () => spy.heard.filter((m) => m.type === 'TAB');
    for (let k = 0; k < 3; k++) for (const { tab } of [a!, b!, c!]) await tab.focusOnly();
    await app.browser.settle({ quietMs: 20 });
    expect(told()).toEqual([]);
    expect(app.presenter()).toBe(c);

    // A visible tab focused after another one is told, and takes the prompt.
    await a!.tab.show();
    await app.browser.waitFor(() => app.presenter() === a, { message: `presenter is ${presenterIndex()}` });
    expect(told().length).toBeGreaterThan(0);
  });

  it('stays in the tab looked at last when every tab is hidden (the user is in another window)', async () => {
    app = await controlledApp(3);
    const looked = app.live().find((record) => !record.updates!.getSnapshot().isLeader)!;
    for (const record of app.live()) await record.tab.hide();
    await looked.tab.show();
    await waitingUpdate(app, '2');
    expect(app.presenter()).toBe(looked);

    // Away from the app, then back: the prompt never moved.
    await looked.tab.hide();
    await app.browser.settle({ quietMs: 50 });
    expect(app.presenter()).toBe(looked);
    await looked.tab.show();
    await app.browser.settle({ quietMs: 50 });
    expect(app.presenter()).toBe(looked);
    expect(looked.cleanups).toBe(0);
    expect(app.maxPresenting()).toBe(1);
  });

  it('is the leader when no tab has been shown since it started', async () => {
    app = await openControlled(createApp(), 3, { visible: false });
    await waitingUpdate(app, '2');
    expect(app.presenter()!.updates!.getSnapshot().isLeader).toBe(true);
  });

  it('moves to another tab when the presenting tab closes', async () => {
    app = await controlledApp(3);
    await waitingUpdate(app, '2');
    const first = app.presenter()!;
    await first.tab.close();
    await app.browser.waitFor(() => app.presenter() !== undefined && app.presenter() !== first);
    expect(app.presenting()).toBe(1);
    expect(app.maxPresenting()).toBe(1);
  });

  it('moves to another tab when the leader closes, and a new leader is elected', async () => {
    app = await controlledApp(3);
    const leader = app.live().find((r) => r.updates!.getSnapshot().isLeader)!;
    // Make the leader the presenter: the others are hidden.
    for (const record of app.live()) if (record !== leader) await record.tab.hide();
    await leader.tab.show();
    await waitingUpdate(app, '2');
    expect(app.presenter()).toBe(leader);

    await leader.tab.close();
    await app.browser.waitFor(() => app.live().some((r) => r.updates!.getSnapshot().isLeader), { timeout: 5000 });
    await app.browser.waitFor(() => app.presenter() !== undefined, { timeout: 5000 });
    expect(app.presenter()).not.toBe(leader);
    expect(app.live().filter((r) => r.updates!.getSnapshot().isLeader)).toHaveLength(1);
    expect(app.maxPresenting()).toBe(1);
  });
});
