/**
 * Holds: while any tab has unsaved work, nobody reloads and the new worker keeps
 * waiting; releasing the last hold lets the update through by itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, waitingUpdate as deploy, type App } from './app.js';

let app: App;
afterEach(() => app.close());

/** `count` tabs on v1, with v2 waiting and presented. */
async function waitingUpdate(count: number) {
  app = await controlledApp(count);
  await deploy(app, '2');
  return app.live();
}

describe('holds', () => {
  it('block every tab until the last hold is released, then every tab reloads once', async () => {
    const [a, b, c] = await waitingUpdate(3);
    const release = b!.updates!.hold('unsaved draft');
    const releaseToo = c!.updates!.hold('another draft');
    await app.browser.waitFor(() => a!.updates!.getSnapshot().holds === 2);

    a!.updates!.accept();
    await app.allIn('blocked');
    await app.browser.settle({ quietMs: 200 });
    expect([a, b, c].map((r) => r!.updates!.getSnapshot().holds)).toEqual([2, 2, 2]);
    expect([a, b, c].every((r) => r!.tab.reloads === 0)).toBe(true);
    expect(app.browser.inspect()?.waiting).toBe('v2');

    release();
    release(); // harmless twice
    await app.browser.waitFor(() => a!.updates!.getSnapshot().holds === 1);
    await app.browser.settle({ quietMs: 100 });
    expect(app.browser.inspect()?.waiting).toBe('v2');

    releaseToo();
    await app.browser.waitFor(() => [a, b, c].every((r) => r!.tab.loads === 2));
    await app.allIn('idle');
    await app.browser.settle({ quietMs: 150 });
    expect([a, b, c].map((r) => r!.tab.reloads)).toEqual([1, 1, 1]);
    expect(app.browser.inspect()?.active).toBe('v2');
  });

  it('"update anyway" reloads the others; the held tab stays, says blocked, and reloads on release', async () => {
    const [a, b, c] = await waitingUpdate(3);
    const release = b!.updates!.hold('unsaved draft');
    await app.browser.waitFor(() => a!.updates!.getSnapshot().holds === 1);

    a!.updates!.accept({ force: true });
    await app.browser.waitFor(() => a!.tab.loads === 2 && c!.tab.loads === 2);
    await app.browser.waitFor(() => b!.updates!.getSnapshot().status === 'blocked');
    await app.browser.settle({ quietMs: 200 });
    expect(b!.tab.reloads).toBe(0);
    expect(b!.tab.loads).toBe(1);

    release();
    await app.browser.waitFor(() => b!.tab.loads === 2);
    await app.browser.settle({ quietMs: 150 });
    expect([a, b, c].map((r) => r!.tab.reloads)).toEqual([1, 1, 1]);
    expect([a, b, c].every((r) => r!.tab.controller?.label === 'v2')).toBe(true);
  });
});
