/**
 * Update checks: only the leader polls, on the app's interval; tabs shown again or back
 * online ask the leader, which debounces; automatic failures are reported once per
 * streak and back off; an explicit check's failure is always reported.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { controlledApp, type App } from './app.js';

let app: App;
afterEach(() => app.close());

const fetchesSince = (start: number) => app.browser.scriptRequests.length - start;

describe('update checks', () => {
  it('the leader alone checks on its interval: one request per interval, whatever the tab count', async () => {
    app = await controlledApp(5, { coordinator: { checkInterval: 100 } });
    const start = app.browser.scriptRequests.length;
    const startedAt = Date.now();
    await app.browser.waitFor(() => fetchesSince(start) >= 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const requests = fetchesSince(start);
    const intervals = Math.floor((Date.now() - startedAt) / 100);
    // One poller can fire at most once per elapsed interval (late timers only lower
    // the count); five polling tabs would exceed this bound about fivefold.
    expect(requests).toBeLessThanOrEqual(intervals + 1);
  });

  it('coming back online in every tab makes one request', async () => {
    app = await controlledApp(5, { coordinator: { checkInterval: 0 } });
    await app.browser.settle({ quietMs: 50 });
    const start = app.browser.scriptRequests.length;
    await Promise.all(app.live().map((record) => record.tab.goOnline()));
    await app.browser.settle({ quietMs: 150 });
    expect(fetchesSince(start)).toBe(1);
  });

  it('a tab shown after a long time hidden makes the leader check', async () => {
    app = await controlledApp(2, { coordinator: { checkInterval: 0, timing: { recheckAfterHidden: 50 } } });
    const [, other] = app.live();
    await other!.tab.hide();
    await new Promise((resolve) => setTimeout(resolve, 80));
    const start = app.browser.scriptRequests.length;
    await other!.tab.show();
    await app.browser.waitFor(() => fetchesSince(start) === 1);
  });

  it('every explicit check that fails reaches onError and snapshot.error, also inside a streak', async () => {
    app = await controlledApp(2, { coordinator: { checkInterval: 0 } });
    const [record] = app.live();
    const updates = record!.updates!;
    const check = async (): Promise<Error | undefined> => {
      const before = record!.errors.length;
      expect(await updates.checkForUpdate()).toBe(false);
      expect(record!.errors).toHaveLength(before + 1);
      expect(updates.getSnapshot().error).toBe(record!.errors[before]);
      return record!.errors[before];
    };

    app.deploy('2', { syntaxError: true });
    expect((await check())?.message).toContain('evaluation failed');
    app.deploy('2', { status: 404 });
    expect((await check())?.message).toContain('(404)');
    // The same failure again: the app asked again, so it is answered again.
    expect((await check())?.message).toContain('(404)');
  });

  it('offline failures are reported once, then back off instead of retrying every interval', async () => {
    app = await controlledApp(3, {
      coordinator: { checkInterval: 50 },
    });
    app.deploy('2', { status: 503 });
    const reported = () => app.live().flatMap((record) => record.errors);
    // Waited for, not timed: on a loaded machine the first check may come late.
    await app.browser.waitFor(() => reported().length > 0, { message: 'no failed check was reported' });
    // Several intervals more, and still the one report.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const errors = reported();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('update failed');
    const start = app.browser.scriptRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetchesSince(start)).toBe(0);
    expect(app.live().every((record) => record.updates!.getSnapshot().status === 'idle')).toBe(true);
  });
});
