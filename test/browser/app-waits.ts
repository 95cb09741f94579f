/**
 * What the browser scenarios wait for and read of the demo app, on top of harness.ts:
 * one prompt, every tab on a version, the tabs' statuses and prompt states, page errors,
 * and the prompt moving to a tab brought to the front.
 */
import type { App, PageSnapshot } from './harness.js';

/**
 * Waits until exactly one tab presents a prompt for `version` (undefined: a prompt that
 * names no version, from a worker that does not answer VERSION); returns that tab's index.
 */
export async function waitForPrompt(app: App, version: string | undefined): Promise<number> {
  const tab = await app.waitFor(`a prompt for version ${String(version)}`, async () => {
    const presenters = app.presenters();
    if (presenters.length !== 1) return undefined;
    const [page] = presenters as [number];
    const last = app.eventsOf('prompt', page).at(-1);
    if (last === undefined || (last.version ?? undefined) !== version) return undefined;
    return (await app.snapshot(page))?.isPrompting === true ? String(page) : undefined;
  });
  return Number(tab);
}

/**
 * Waits until every live tab was loaded `loads[i]` times (a number: every tab that many
 * times) and rests idle on `version`, controlled by it. `reportsVersion: false`: the
 * worker answers no version question, so the snapshots name none.
 */
export async function waitForAllOn(
  app: App,
  version: string,
  loads: number[] | number,
  { reportsVersion = true, timeout }: { reportsVersion?: boolean; timeout?: number } = {},
): Promise<void> {
  const expected = (i: number): number => (typeof loads === 'number' ? loads : loads[i]!);
  await app.waitFor(
    `every tab idle on version ${version} with loads ${JSON.stringify(loads)}`,
    async () => {
      const now = app.loads();
      if (!app.liveIndices().every((i) => now[i] === expected(i))) return false;
      const snapshots = await app.snapshots();
      const named = reportsVersion ? version : undefined;
      if (!snapshots.every((s) => s?.status === 'idle' && s.version === named)) return false;
      for (const i of app.liveIndices()) if ((await app.controllerVersion(i)) !== version) return false;
      return true;
    },
    timeout,
  );
}

/** Statuses of every live tab. */
export async function statuses(app: App): Promise<Array<string | undefined>> {
  return (await app.snapshots()).map((s: PageSnapshot | undefined) => s?.status);
}

/** The `state` attribute of each tab's <sw-update-prompt> (hidden, available, blocked, updating). */
export async function promptStates(app: App): Promise<string[]> {
  return Promise.all(
    app
      .liveIndices()
      .map((i) =>
        app.pages[i]!.evaluate(() => document.querySelector('sw-update-prompt')?.getAttribute('state') ?? 'missing'),
      ),
  );
}

/** Uncaught exceptions and unhandled rejections of the app's pages so far, reloads included (the page reports them). */
export function pageErrors(app: App): string[] {
  return app.eventsOf('pageerror').map((e) => `tab ${e.page}: ${String(e.message)}`);
}

/**
 * Brings `tab` to the front (the user turns to it) and waits until the prompt is there;
 * returns the events since (needs the engine's bringToFront power).
 */
export async function bringPromptTo(app: App, tab: number, timeout = 5_000): Promise<void> {
  await app.pages[tab]!.bringToFront();
  await app.waitFor(
    `the prompt to move to tab ${tab} (brought to the front)`,
    () => app.presenters().join() === String(tab),
    timeout,
  );
}
