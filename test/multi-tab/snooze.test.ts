/**
 * Dismissing snoozes every tab, across reloads and new tabs; a newer version prompts
 * at once; when the snooze ends one tab prompts again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, goodWorker, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => app.close());

describe('snooze', () => {
  it('is shared by every tab and survives a reload and a new tab', async () => {
    app = await controlledApp(3);
    await waitingUpdate(app, '2');
    app.live()[1]!.updates!.dismiss();
    await app.allIn('snoozed');
    expect(app.presenting()).toBe(0);

    await app.live()[0]!.tab.refresh();
    const late = app.open();
    await app.browser.waitFor(() => late.updates?.getSnapshot().status === 'snoozed');
    await app.browser.waitFor(() => app.live()[0]!.tab.loads === 2);
    await app.allIn('snoozed');
    await app.browser.settle({ quietMs: 150 });
    expect(app.presenting()).toBe(0);
    expect(late.prompts).toBe(0);
  });

  it('a newer version than the dismissed one prompts at once', async () => {
    app = await controlledApp(2);
    await waitingUpdate(app, '2');
    app.live()[0]!.updates!.dismiss();
    await app.allIn('snoozed');
    app.browser.deploy('/sw.js', goodWorker('3'), 'v3');
    await app.live()[0]!.updates!.checkForUpdate();
    await app.allIn('available');
    await app.browser.waitFor(() => app.presenting() === 1);
    expect(app.presenter()!.prompt!.version).toBe('3');
  });

  it('ends after `snooze` ms, and then exactly one tab prompts again', async () => {
    app = await controlledApp(3, { coordinator: { snooze: 300 } });
    await waitingUpdate(app, '2');
    app.live()[0]!.updates!.dismiss();
    await app.allIn('snoozed');
    await app.allIn('available');
    await app.browser.waitFor(() => app.presenting() === 1);
    await app.browser.settle({ quietMs: 150 });
    expect(app.presenting()).toBe(1);
    expect(app.maxPresenting()).toBe(1);
  });
});
