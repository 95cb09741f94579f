/**
 * A page that reloads for an update departs in silence and says its farewell (`BYE`, its
 * lock, the election's end) on `pagehide`, once its navigation is under way: said at the
 * reload call, each BYE and each leader handing over kept the other tabs busy just as they
 * reloaded too. The fakes model this order (test/multi-tab/depart.test.ts); here each
 * engine shows it. Every BYE a page posts is noted in localStorage (it outlives the page),
 * with whether the page's `pagehide` had come: the demo notes `pagehide` from the start, so
 * its note precedes the coordinator's own listener. One key per BYE: tabs writing one
 * key at once would overwrite each other (each process sees the others' writes late).
 */
import { describe, expect } from 'vitest';
import { scenario, useDemo, type App } from './harness.js';
import { pageErrors, statuses, waitForAllOn, waitForPrompt } from './reliability-helpers.js';

const demo = useDemo();
const BYE_PREFIX = 'test:bye:';

/** In each live tab: every BYE it posts is noted in localStorage, with whether it came after pagehide. */
async function noteByes(app: App): Promise<void> {
  for (const i of app.liveIndices()) {
    await app.pages[i]!.evaluate((prefix: string) => {
      const post = BroadcastChannel.prototype.postMessage;
      BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
        // broadcast-channel's envelope: { type: 'message', time, data: our message }.
        if ((message as { data?: { type?: unknown } } | null)?.data?.type === 'BYE') {
          const afterPagehide = window.__demo.pagehidden === true;
          localStorage.setItem(`${prefix}${Math.random().toString(36).slice(2)}`, String(afterPagehide));
        }
        post.call(this, message);
      };
    }, BYE_PREFIX);
  }
}

describe('a reloading page’s farewell', () => {
  scenario('each of 3 reloading tabs says BYE once its page is being hidden, not at its reload call', [], async () => {
    const app = await demo.app({ tabs: 3 });
    await app.waitFor('every tab idle', async () => (await statuses(app)).every((s) => s === 'idle'));
    await noteByes(app);

    await demo.server.deploy('good', '2');
    expect(await app.run(0, (d) => d.updates.checkForUpdate())).toBe(true);
    const presenter = await waitForPrompt(app, '2');
    await app.run(presenter, (d) => d.prompt?.accept());
    await waitForAllOn(app, '2', [2, 2, 2]);

    const byes = await app.pages[0]!.evaluate(
      (prefix: string) =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith(prefix))
          .map((key) => localStorage.getItem(key)),
      BYE_PREFIX,
    );
    // One BYE per old page, each after its pagehide: 'false' is a BYE said before it.
    expect(byes).toEqual(['true', 'true', 'true']);
    expect(pageErrors(app)).toEqual([]);
  });
});
