/**
 * Where the prompt appears, and that it moves: the tab the user looks at presents;
 * switching tabs, closing the presenter or the leader moves it, never to two tabs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, waitingUpdate, type App } from './app.js';

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

  it('is the leader when every tab is hidden', async () => {
    app = await controlledApp(3);
    for (const record of app.live()) await record.tab.hide();
    await waitingUpdate(app, '2');
    const presenter = app.presenter()!;
    expect(presenter.updates!.getSnapshot().isLeader).toBe(true);
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
