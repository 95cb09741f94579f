/**
 * `createApp()`: a fresh context of the engine with the demo page in its tabs, and every
 * event its pages post to the server's log under the app's key.
 */
import type { FixtureServer } from '../../fixtures/server.js';
import type { DemoEvent } from '../../fixtures/page-events.js';
import type { Engine, Tab } from '../driver/index.js';
import { DEEP_QUERY, demoReady, SUITE_HIDDEN_RELOAD_DELAY } from './demo-page.js';
import { endsPrompt, formatEvents, inPromptOrder } from './events.js';
import type { App, AppTab, OpenOptions, PageSnapshot, RecordedEvent } from './types.js';
import { poll } from './waits.js';

let appCount = 0;

export async function createApp(engine: Engine, server: FixtureServer): Promise<App> {
  const context = await engine.newContext();
  const key = `app${++appCount}-${Date.now().toString(36)}`;
  const pages: AppTab[] = [];
  const events: RecordedEvent[] = [];
  /** Tab id (the page's `?tab=`) → index in `pages` (-1: untracked). */
  const indexOf = new Map<string, number>();
  const gone = new Set<number>();
  let tabCount = 0;
  /** Tracked tabs asked for so far (`pages` fills as they open). */
  let tracked = 0;
  /** `load` events per page, counted apart from `events` (which a test may clear). */
  const loadCounts: number[] = [];
  const unsubscribe = server.onLog(key, (event) => {
    const e = event as unknown as DemoEvent;
    const page = indexOf.get(e.tab) ?? -1;
    if (e.type === 'load' && page >= 0) loadCounts[page] = (loadCounts[page] ?? 0) + 1;
    events.push({ ...e, page });
  });

  const pageOf = (page: AppTab | number): AppTab => {
    const found = typeof page === 'number' ? pages[page] : page;
    if (found === undefined) throw new Error(`no page ${String(page)}`);
    return found;
  };
  const isLive = (page: AppTab): boolean => !page.closed && !gone.has(pages.indexOf(page));
  const live = (): AppTab[] => pages.filter(isLive);

  /** A page ended at `t`: closed or crashed then (the driver may say so much later). */
  const ended = (index: number, id: string, t: number): void => {
    if (index < 0 || gone.has(index)) return;
    gone.add(index);
    const last = [...events].reverse().find((e) => e.page === index);
    events.push({ type: 'gone', page: index, tab: id, load: last?.load ?? 0, t });
  };

  /** Opens a tab; `track` false keeps it out of `pages` (its events get page -1). */
  async function openPage({ query, path = '/' }: OpenOptions, track: boolean): Promise<AppTab> {
    const id = `t${++tabCount}`;
    // The slot is taken now: tabs opened together keep the order they were asked for.
    const index = track ? tracked++ : -1;
    indexOf.set(id, index);
    const search = new URLSearchParams(query);
    if (!search.has('timing.hiddenReloadDelay'))
      search.set('timing.hiddenReloadDelay', String(SUITE_HIDDEN_RELOAD_DELAY));
    search.set('log', key);
    search.set('tab', id);
    const tab = await context.newTab(`${server.url}${path}?${search}`);
    const appTab: AppTab = Object.assign(Object.create(tab) as Tab, {
      value: (selector: string) =>
        tab.evaluate((s: string) => (document.querySelector(s) as HTMLInputElement).value, selector),
      text: (selector: string) =>
        tab.evaluate(
          (source: string, s: string) => {
            // eslint-disable-next-line no-new-func
            const find = new Function(`return (${source})`)() as (s: string) => HTMLElement | null;
            return find(s)?.innerText ?? '';
          },
          DEEP_QUERY,
          selector,
        ),
      // Gone for the user when they close it, however long the driver then takes to answer.
      close: async () => {
        const closedAt = Date.now();
        await tab.close();
        ended(index, id, closedAt);
      },
      // A navigation ends at the load event; the demo's page object may come after it.
      reload: async () => {
        await tab.reload();
        await demoReady(tab);
      },
    });
    if (track) pages[index] = appTab;
    await demoReady(tab);
    return appTab;
  }

  const app: App = {
    context,
    pages,
    events,
    loads: () => pages.map((_, i) => loadCounts[i] ?? 0),
    liveIndices: () => pages.flatMap((page, i) => (isLive(page) ? [i] : [])),
    open: (options = {}) => openPage(options, true),
    bootstrap: (options = {}) => openPage(options, false),
    async crash(page) {
      const crash = engine.powers.crash;
      if (crash === undefined) throw new Error(`${engine.name} cannot crash a tab (EnginePowers.crash)`);
      const crashedAt = Date.now();
      await crash(pages[page]!);
      ended(page, `t?`, crashedAt);
    },
    async snapshot(target) {
      const page = pageOf(target);
      if (!isLive(page)) return undefined;
      try {
        const s = await page.evaluate(() => {
          const s = window.__demo?.updates.getSnapshot();
          return s && { ...s, error: s.error?.message };
        });
        // WebDriver sends undefined fields as null: read them back as absent, as in the page.
        return (
          s &&
          (Object.fromEntries(
            Object.entries(s).filter(([, value]) => value !== null && value !== undefined),
          ) as unknown as PageSnapshot)
        );
      } catch {
        // The page is navigating (reloading): no snapshot this instant.
        return undefined;
      }
    },
    snapshots: () => Promise.all(live().map((page) => app.snapshot(page))),
    run: (target, fn) => pageOf(target).evaluate(`(${fn.toString()})(window.__demo)`),
    async controllerVersion(target) {
      return pageOf(target).evaluate(async () => {
        // Our hand-written workers and the `workbox` kind answer /__sw-version; the bare
        // Workbox worker answers its precached /precache/version.txt.
        const own = await (await fetch('/__sw-version', { cache: 'no-store' })).text();
        if (own !== 'uncontrolled') return own;
        return (await fetch('/precache/version.txt', { headers: { 'X-Version-Probe': '1' } })).text();
      });
    },
    async waitFor(message, condition, timeout = 20_000) {
      const value = await poll(
        async () => {
          try {
            return await condition();
          } catch {
            return undefined;
          }
        },
        { timeout },
      );
      if (value === undefined) {
        throw new Error(
          `[${engine.name}] timed out after ${timeout} ms waiting for ${message}\n${await app.describe()}`,
        );
      }
      return value;
    },
    eventsOf: (type, page) => events.filter((e) => e.type === type && (page === undefined || e.page === page)),
    maxConcurrentPresenters() {
      // Prompts shown per page; a second prompt in a page that already presents counts twice.
      const presenting = new Map<number, number>();
      let max = 0;
      const sorted = inPromptOrder(events);
      for (const event of sorted) {
        if (event.type === 'prompt') presenting.set(event.page, (presenting.get(event.page) ?? 0) + 1);
        if (endsPrompt(event)) presenting.delete(event.page);
        const now = [...presenting.values()].reduce((sum, n) => sum + n, 0);
        if (now > 1 && now > max) {
          // Said where a failed check can be read: which pages, when.
          console.log(`[${engine.name}] ${now} prompts at once at ${event.t.toFixed(1)}:\n${formatEvents(sorted)}`);
        }
        max = Math.max(max, now);
      }
      return max;
    },
    presenters() {
      const presenting = new Set<number>();
      for (const event of inPromptOrder(events)) {
        if (event.type === 'prompt') presenting.add(event.page);
        if (endsPrompt(event)) presenting.delete(event.page);
      }
      return [...presenting];
    },
    async describe() {
      const loads = app.loads();
      const lines = await Promise.all(
        pages.map(async (page, i) => {
          if (!isLive(page)) return `  tab ${i}: closed or crashed`;
          const s = await app.snapshot(page);
          return `  tab ${i}: loads ${loads[i]}, ${s ? JSON.stringify(s) : '(no snapshot: navigating)'}`;
        }),
      );
      return `${lines.join('\n')}\n  last events:\n${formatEvents(events.slice(-25))}`;
    },
    eventLog: () => formatEvents([...events].sort((a, b) => a.t - b.t)),
    async close() {
      unsubscribe();
      await context.close();
    },
  };
  return app;
}
