/**
 * Two apps on one origin, each with its own worker and scope. The fake's
 * `clients.matchAll({ includeUncontrolled: true })` returns every window of the origin,
 * as the spec says, so the worker of one app sees the other app's tabs too: an update
 * of one app must still never prompt, reload or change the status of the other's tabs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { message, type ReloadMessage, type VersionMessage } from '../../src/protocol/messages.js';
import { createFakeBrowser, type FakeBrowser, type WorkerScript } from '../fakes/index.js';
import { controlledApp, waitingUpdate, type App, type TabRecord } from './app.js';

/**
 * The worker module of protocol revision 1 (release 0.1.0): after a coordinated update it
 * posted RELOAD, without a scope, to every window of the origin.
 */
const revision1Worker =
  (version: string): WorkerScript =>
  (self) => {
    let updateId: string | undefined;
    let accepted = false;
    self.addEventListener('message', (event) => {
      const data = event.data as { type?: string; updateId?: string };
      if (data?.type === 'GET_VERSION')
        event.ports[0]?.postMessage(message<VersionMessage>({ type: 'VERSION', version }));
      if (data?.type !== 'SKIP_WAITING') return;
      [accepted, updateId] = [true, data.updateId];
      event.waitUntil(self.skipWaiting());
    });
    self.addEventListener('activate', (event) => {
      if (!accepted) return;
      const reload = message<ReloadMessage>({ type: 'RELOAD', updateId, version });
      event.waitUntil(
        self.clients
          .matchAll({ type: 'window', includeUncontrolled: true })
          .then((clients) => clients.forEach((client) => client.postMessage(reload))),
      );
    });
  };

let browser: FakeBrowser | undefined;
afterEach(() => browser?.closeAll());

/** Every status a tab's coordinators went through, in order (one list per tab). */
function statusHistory(records: TabRecord[]): string[][] {
  return records.map((record) => {
    const seen = [record.updates!.getSnapshot().status as string];
    record.updates!.subscribe(() => seen.push(record.updates!.getSnapshot().status));
    return seen;
  });
}

async function acceptAndWait(app: App): Promise<void> {
  const tabs = app.live();
  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => tabs.every((record) => record.tab.loads === 2), {
    message: `the updated app did not reload: ${tabs.map((record) => record.tab.loads).join(',')}`,
  });
  await app.allIn('idle');
  await app.browser.settle({ quietMs: 200 });
}

async function expectUntouched(b: App, bTabs: TabRecord[], bStatuses: string[][], before: unknown, name: string) {
  expect(b.inspect()).toEqual(before);
  for (const [i, record] of bTabs.entries()) {
    expect(record.tab.reloads, `${name} tab ${i} reloaded`).toBe(0);
    expect(record.tab.loads).toBe(1);
    expect(record.prompts).toBe(0);
    expect(record.errors).toEqual([]);
    expect(bStatuses[i]).toEqual(['idle']);
    expect(record.updates!.getSnapshot()).toMatchObject({ status: 'idle', version: '1', waitingVersion: undefined });
  }
}

// [the app that updates, the other app]: siblings, then a scope nested in the other's.
describe.each([
  ['/a/', '/b/'],
  ['/', '/a/'],
  ['/a/', '/'],
])('apps at %s and %s on one origin', (updated, other) => {
  it(`an update of ${updated} never prompts, reloads or changes the status of ${other}'s tabs`, async () => {
    browser = createFakeBrowser();
    const a = await controlledApp(2, { on: browser, base: updated });
    const b = await controlledApp(2, { on: browser, base: other });
    const bTabs = b.live();
    const bStatuses = statusHistory(bTabs);
    const bRegistration = b.inspect();

    await waitingUpdate(a, '2');
    await acceptAndWait(a);

    expect(a.inspect()).toMatchObject({ active: 'v2', waiting: null });
    expect(a.live().every((record) => record.updates!.getSnapshot().version === '2')).toBe(true);
    await expectUntouched(b, bTabs, bStatuses, bRegistration, other);
  });
});

describe('a worker of protocol revision 1 (RELOAD to every window of the origin, no scope)', () => {
  it("reloads its own app's tabs, and the other app's pages ignore its RELOAD", async () => {
    browser = createFakeBrowser();
    const a = await controlledApp(2, { on: browser, base: '/a/', worker: revision1Worker });
    const b = await controlledApp(2, { on: browser, base: '/b/' });
    const bTabs = b.live();
    const bStatuses = statusHistory(bTabs);
    const bRegistration = b.inspect();

    await waitingUpdate(a, '2');
    await acceptAndWait(a);

    expect(a.live().every((record) => record.tab.controller?.label === 'v2')).toBe(true);
    // The RELOAD did reach the other app's tabs: only their pages' check kept them.
    expect(bTabs.every((record) => record.reloadMessages.length === 1)).toBe(true);
    await expectUntouched(b, bTabs, bStatuses, bRegistration, '/b/');
  });
});
