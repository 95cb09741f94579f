/**
 * The shell and its core: the page entry's shell runs from the first moment and the core
 * only after `load` (here: after a promise the test holds). Whatever happens in between
 * must reach the core: the worker's RELOAD, a hold, a command.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, waitingUpdate, type App, type AppOptions } from './app.js';

let app: App;
afterEach(() => app.close());

/** A gate the test opens: until then the tab's core does not load. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** One tab on v1 with v2 waiting and presented, and a late tab whose core waits for `core`. */
async function lateTab(options: AppOptions = {}) {
  app = await controlledApp(1, options);
  await waitingUpdate(app, '2');
  const [first] = app.live();
  const core = gate();
  const late = app.open(undefined, true, { coreAfter: core.opened });
  await app.browser.waitFor(() => late.tab.loads === 1 && late.updates !== undefined);
  await app.browser.settle({ quietMs: 100 });
  expect(late.coresStarted).toBe(0);
  expect(late.updates!.getSnapshot().status).toBe('registering');
  return { first: first!, late, core };
}

// Each scenario runs a whole update on the fakes, with Chromium's late reloads modelled.
describe('the shell, before its core has loaded', { timeout: 15_000 }, () => {
  it.each([
    ['with storage', {}],
    // Without storage the applied-update record is gone, so the kept RELOAD alone can do it.
    ['with storage blocked (only the kept RELOAD can reload it)', { browser: { blockStorage: true } }],
  ])('keeps a RELOAD and reloads the tab exactly once when the core runs (%s)', async (_name, options) => {
    const { first, late, core } = await lateTab(options);
    expect(late.tab.controller?.label).toBe('v1');

    first.updates!.accept();
    await app.browser.waitFor(() => late.reloadMessages.length > 0, {
      timeout: 5000,
      message: 'no RELOAD reached the late tab',
    });
    await app.browser.waitFor(() => first.tab.loads === 2, { timeout: 5000 });
    expect(late.coresStarted).toBe(0);
    expect(late.tab.reloads).toBe(0);

    core.open();
    await app.browser.waitFor(() => late.tab.loads === 2, { timeout: 5000, message: 'the late tab did not reload' });
    await app.allIn('idle');
    await app.browser.settle({ quietMs: 300 });
    expect(late.tab.reloads).toBe(1);
    expect(late.tab.loads).toBe(2);
    expect(late.tab.controller?.label).toBe('v2');
    expect(late.errors).toEqual([]);
  });

  it('keeps a hold: once the core runs, every tab is blocked until it is released', async () => {
    const { first, late, core } = await lateTab();
    const release = late.updates!.hold('draft typed before the core loaded');

    core.open();
    await app.browser.waitFor(() => first.updates!.getSnapshot().holds === 1, {
      timeout: 5000,
      message: 'the hold did not reach the group',
    });
    // The late tab joins the group before it has registered; accept once it sees the update.
    await app.allIn('available');
    first.updates!.accept();
    await app.allIn('blocked');
    await app.browser.settle({ quietMs: 300 });
    expect([first.tab.reloads, late.tab.reloads]).toEqual([0, 0]);
    expect(app.inspect()?.waiting).toBe('v2');

    release();
    await app.browser.waitFor(() => first.tab.loads === 2 && late.tab.loads === 2, { timeout: 5000 });
    await app.browser.settle({ quietMs: 150 });
    expect([first.tab.reloads, late.tab.reloads]).toEqual([1, 1]);
  });

  it('keeps a hold: the update applied elsewhere meanwhile does not reload this tab until release', async () => {
    const { first, late, core } = await lateTab();
    const release = late.updates!.hold('draft typed before the core loaded');

    // The group does not know of the late tab yet: the update goes through.
    first.updates!.accept();
    await app.browser.waitFor(() => late.reloadMessages.length > 0, { timeout: 5000 });
    core.open();
    await app.browser.waitFor(() => late.updates!.getSnapshot().status === 'blocked', { timeout: 5000 });
    await app.browser.settle({ quietMs: 300 });
    expect(late.tab.reloads).toBe(0);

    release();
    await app.browser.waitFor(() => late.tab.loads === 2, { timeout: 5000 });
    await app.browser.settle({ quietMs: 150 });
    expect(late.tab.reloads).toBe(1);
  });

  it('a release before the core loaded means the core never holds', async () => {
    const { first, late, core } = await lateTab();
    late.updates!.hold('draft, saved before the core loaded')();
    core.open();
    await app.browser.waitFor(() => late.coresStarted === 1);
    first.updates!.accept();
    await app.browser.waitFor(() => first.tab.loads === 2 && late.tab.loads === 2, { timeout: 5000 });
    expect(late.tab.reloads).toBe(1);
  });

  it('applies a command called early: checkForUpdate resolves with what the core found', async () => {
    app = await controlledApp(1);
    app.deploy('2');
    const core = gate();
    const late = app.open(undefined, true, { coreAfter: core.opened });
    await app.browser.waitFor(() => late.updates !== undefined);
    const checked = late.updates!.checkForUpdate();
    await app.browser.settle({ quietMs: 100 });
    expect(late.coresStarted).toBe(0);

    core.open();
    await expect(checked).resolves.toBe(true);
    await app.browser.waitFor(() => app.inspect()?.waiting === 'v2', { timeout: 5000 });
  });
});
