/**
 * A page that reloads for an update departs in silence and says its farewell (`BYE`, its
 * lock, the election's end) on `pagehide`, once its navigation is under way: said at the
 * reload call, each BYE and each leader handing over kept the other tabs busy just as they
 * reloaded too. The fakes model this order (test/multi-tab/depart.test.ts); here each
 * engine shows it. Every BYE a page posts is noted in localStorage (it outlives the page),
 * with whether the page's `pagehide` had come: the demo notes `pagehide` from the start, so
 * its note precedes the coordinator's own listener. One key per BYE: tabs writing one
 * key at once would overwrite each other (each process sees the others' writes late).
 * A reload that the page's own beforeunload prompt cancels ends after `timing.reloadTimeout`.
 */
import { describe, expect } from 'vitest';
import { ENGINE, scenario, useDemo, type App } from './harness.js';
import { checkAfterDeploy } from './deploy-check.js';
import { pageErrors, statuses, waitForAllOn, waitForPrompt } from './app-waits.js';

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
    expect(await checkAfterDeploy(demo.server, app)).toBe(true);
    const presenter = await waitForPrompt(app, '2');
    await app.run(presenter, (d) => d.prompt!.accept());
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

/** Short, so that a cancelled reload ends within the scenario (default 10 s). */
const RELOAD_TIMEOUT = 2_000;

/** In the page: an app's own form, guarded by a beforeunload prompt instead of a hold. */
function guardForm(): void {
  const field = document.createElement('input');
  field.id = 'unsaved';
  document.body.append(field);
  addEventListener('beforeunload', (event) => {
    if (field.value === '') return;
    event.preventDefault();
    event.returnValue = '';
  });
}

describe('a reload the page’s beforeunload prompt cancels', () => {
  scenario(
    'the tab keeps what was typed, reports reload-cancelled and takes part again; the next update reloads it where the engine lets it',
    ['stayOnBeforeUnload'],
    async () => {
      const app = await demo.app({ tabs: 2, query: `timing.reloadTimeout=${RELOAD_TIMEOUT}` });
      await app.waitFor('every tab idle', async () => (await statuses(app)).every((s) => s === 'idle'));
      await demo.server.deploy('good', '2');
      expect(await checkAfterDeploy(demo.server, app)).toBe(true);
      const presenter = await waitForPrompt(app, '2');
      const other = 1 - presenter;
      const page = app.pages[presenter]!;
      await page.evaluate(guardForm);
      // Typed by a user: the browser shows a page's beforeunload prompt only after that.
      await page.type('#unsaved', 'not saved yet');
      await demo.engine.powers.stayOnBeforeUnload!(page);

      await app.run(presenter, (d) => d.prompt!.accept());
      // The other tab reloads onto v2; this one stays, with its text, and says why.
      await app.waitFor('the other tab on v2', async () => app.loads()[other] === 2);
      await app.waitFor(
        'reload-cancelled in the tab that stayed',
        () =>
          app.eventsOf('update-failed', presenter).some((e) => (e as { code?: string }).code === 'reload-cancelled'),
        RELOAD_TIMEOUT + 10_000,
      );
      await app.waitFor('both tabs idle', async () => (await statuses(app)).every((s) => s === 'idle'));
      expect(app.loads()[presenter]).toBe(1);
      expect(await page.evaluate(() => (document.getElementById('unsaved') as HTMLInputElement).value)).toBe(
        'not saved yet',
      );

      // It takes part again: it hears a hold taken in the other tab.
      await app.run(other, (d) => {
        (window as unknown as { release?: () => void }).release = d.updates.hold('test');
      });
      await app.waitFor('the hold heard', async () => (await app.snapshot(presenter))?.holds === 1);
      await app.run(other, () => (window as unknown as { release?: () => void }).release?.());
      await app.waitFor('the hold released', async () => (await app.snapshot(presenter))?.holds === 0);

      // Saved: the next update is prompted once, and accepted.
      await page.evaluate(() => void ((document.getElementById('unsaved') as HTMLInputElement).value = ''));
      await demo.server.deploy('good', '3');
      expect(await checkAfterDeploy(demo.server, app, other)).toBe(true);
      const next = await waitForPrompt(app, '3');
      await app.run(next, (d) => d.prompt!.accept());
      const cancelled = () =>
        app.eventsOf('update-failed', presenter).filter((e) => (e as { code?: string }).code === 'reload-cancelled');
      if (ENGINE === 'firefox') {
        // Firefox ignores location.reload() in a page whose reload a beforeunload prompt
        // cancelled (it fires beforeunload, asks nothing and stays; a navigation to a URL
        // still works): that tab reports it again, once, and stays on its version.
        await app.waitFor('the other tab on v3', async () => app.loads()[other] === 3);
        await app.waitFor('a second reload-cancelled', () => cancelled().length === 2, RELOAD_TIMEOUT + 10_000);
        await app.waitFor('both tabs idle', async () => (await statuses(app)).every((s) => s === 'idle'));
        expect(app.loads()[presenter]).toBe(1);
      } else {
        await waitForAllOn(app, '3', presenter === 0 ? [2, 3] : [3, 2]);
        expect(cancelled()).toHaveLength(1);
      }
      expect(app.maxConcurrentPresenters()).toBe(1);
      expect(pageErrors(app)).toEqual([]);
    },
  );
});
