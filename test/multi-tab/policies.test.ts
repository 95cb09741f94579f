/**
 * Update policies across tabs on the fake browser: `'auto'` applies a waiting worker in
 * every tab unless a hold stops it, `'idle'` applies it once every tab has been hidden
 * for `idleDelay`, `'prompt'` never applies by itself. Real timers, no timing asserts:
 * "nothing happened" is checked over twice the delay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdatePolicy } from '../../src/page/types.js';
import { controlledApp, type App, type TabRecord } from './app.js';

let app: App;
afterEach(() => app.close());

/** Long enough that hiding or showing every tab (a few ms each) fits well inside it. */
const IDLE_DELAY = 600;

async function tabsWith(count: number, policy: UpdatePolicy): Promise<TabRecord[]> {
  app = await controlledApp(count, { coordinator: { policy, idleDelay: IDLE_DELAY } });
  return app.live();
}

/** Deploys `version` and has the first tab check, until the worker is installed. */
async function deploy(version: string): Promise<void> {
  app.deploy(version);
  await app.live()[0]!.updates!.checkForUpdate();
}

const prompts = (tabs: TabRecord[]) => tabs.reduce((sum, r) => sum + r.prompts, 0);

async function everyTabOn(tabs: TabRecord[], version: string, loads = 2): Promise<void> {
  await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === loads), {
    message: `not every tab reloaded: loads ${tabs.map((r) => r.tab.loads).join(',')}`,
  });
  await app.allIn('idle');
  await app.browser.waitFor(() => tabs.every((r) => r.updates!.getSnapshot().version === version));
  await app.browser.settle({ quietMs: 200 });
  for (const record of tabs) {
    expect(record.tab.reloads).toBe(loads - 1);
    expect(record.tab.controller?.label).toBe(`v${version}`);
  }
  expect(app.inspect()).toMatchObject({ active: `v${version}`, waiting: null });
}

/** Scenarios that wait out the idle delay a few times, with up to 20 tabs on a shared machine. */
const SLOW = { timeout: 30_000 };

describe.each([1, 2, 5, 20])("'auto' with %i tab(s)", (count) => {
  it('applies the waiting worker at once: no prompt, every tab reloads exactly once', async () => {
    const tabs = await tabsWith(count, 'auto');
    await deploy('2');
    await everyTabOn(tabs, '2');
    expect(prompts(tabs)).toBe(0);
    expect(app.maxPresenting()).toBe(0);
  });

  it('a held tab blocks everybody until it releases, then every tab reloads once', async () => {
    const tabs = await tabsWith(count, 'auto');
    const holder = tabs[tabs.length - 1]!;
    const release = holder.updates!.hold('unsaved draft');
    await app.browser.waitFor(() => tabs.every((r) => r.updates!.getSnapshot().holds === 1));

    await deploy('2');
    await app.browser.waitFor(() => app.inspect()?.waiting === 'v2');
    await app.allIn('blocked');
    await app.browser.settle({ quietMs: 500 });
    expect(tabs.map((r) => r.tab.reloads)).toEqual(tabs.map(() => 0));
    expect(app.inspect()?.waiting).toBe('v2');
    expect(prompts(tabs)).toBe(0);

    release();
    await everyTabOn(tabs, '2');
    expect(prompts(tabs)).toBe(0);
  });
});

describe("'auto', a tab opened while a hold blocks the update", () => {
  it('joins the same update: blocked with the others, then reloads with them', async () => {
    const tabs = await tabsWith(2, 'auto');
    const release = tabs[0]!.updates!.hold('unsaved draft');
    await app.browser.waitFor(() => tabs.every((r) => r.updates!.getSnapshot().holds === 1));
    await deploy('2');
    await app.allIn('blocked');

    const late = app.open();
    await app.browser.waitFor(() => late.updates?.getSnapshot().status === 'blocked', {
      message: `the new tab is ${late.updates?.getSnapshot().status}`,
    });
    await app.browser.settle({ quietMs: 300 });
    expect([...tabs, late].map((r) => r.tab.reloads)).toEqual([0, 0, 0]);

    release();
    await everyTabOn([...tabs, late], '2');
    expect(prompts([...tabs, late])).toBe(0);
  });
});

describe("'auto' applied in a hidden tab", () => {
  it('the leader posts SKIP_WAITING at once, not on its own timers, which run late while hidden', async () => {
    // Retry far beyond the wait: only the leader's own step can start the update.
    const timing = { skipWaitingRetry: 60_000, activateTimeout: 120_000 };
    app = await controlledApp(5, { coordinator: { policy: 'auto', timing } });
    const tabs = app.live();
    // The user is elsewhere: every tab of the app is hidden.
    for (const record of tabs) await record.tab.hide();
    expect(tabs.some((r) => r.tab.visible)).toBe(false);
    await deploy('2');
    await everyTabOn(tabs, '2');
    expect(prompts(tabs)).toBe(0);
  });
});

describe.each([1, 2, 5, 20])("'idle' with %i tab(s)", SLOW, (count) => {
  it('prompts, and applies by itself once every tab has been hidden for idleDelay', async () => {
    const tabs = await tabsWith(count, 'idle');
    await deploy('2');
    await app.allIn('available');
    await app.browser.waitFor(() => app.presenting() === 1, { message: 'nobody presents' });

    // The tab in front (opened last) is the one visible: it keeps the update waiting.
    const front = tabs[count - 1]!;
    expect(tabs.map((r) => r.tab.visible)).toEqual(tabs.map((r) => r === front));
    await app.browser.settle({ quietMs: 2 * IDLE_DELAY });
    expect(tabs.map((r) => r.tab.reloads)).toEqual(tabs.map(() => 0));
    expect(app.inspect()?.waiting).toBe('v2');

    await front.tab.hide();
    await everyTabOn(tabs, '2');
    expect(tabs.every((r) => !r.tab.visible)).toBe(true);
  });

  it('a tab shown before the delay ends stops it; a hold stops it too', async () => {
    const tabs = await tabsWith(count, 'idle');
    await deploy('2');
    await app.allIn('available');
    for (const record of tabs) await record.tab.hide();
    await tabs[count - 1]!.tab.show();
    await app.browser.settle({ quietMs: 2 * IDLE_DELAY });
    expect(tabs.map((r) => r.tab.reloads)).toEqual(tabs.map(() => 0));

    const release = tabs[0]!.updates!.hold('unsaved draft');
    await tabs[count - 1]!.tab.hide();
    await app.browser.settle({ quietMs: 2 * IDLE_DELAY });
    expect(tabs.map((r) => r.tab.reloads)).toEqual(tabs.map(() => 0));
    expect(app.inspect()?.waiting).toBe('v2');
    await app.allIn('available');

    // Released while everyone is still away: the wait starts over, then it applies.
    release();
    await everyTabOn(tabs, '2');
  });
});

describe("'prompt'", SLOW, () => {
  it('never applies by itself, however long every tab is hidden', async () => {
    const tabs = await tabsWith(2, 'prompt');
    await deploy('2');
    await app.allIn('available');
    for (const record of tabs) await record.tab.hide();
    await app.browser.settle({ quietMs: 2 * IDLE_DELAY });
    expect(tabs.map((r) => r.tab.reloads)).toEqual([0, 0]);
    expect(app.inspect()?.waiting).toBe('v2');
    expect(prompts(tabs)).toBe(1);
  });
});
