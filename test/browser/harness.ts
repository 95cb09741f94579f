/**
 * Shared harness of the browser suite: real Chromium (playwright-core, the system
 * browser, never a download) against the demo server (demo/server.ts) in-process.
 *
 * `useDemo()` registers the hooks: one browser and one server per test file, a fresh
 * browser context (fresh service-worker registrations and storage) per app. Every
 * event the demo page records (prompt, cleanup, load, error, worker messages…) is
 * reported through a binding into one Node-side log per app, which survives reloads.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type DemoServer, type WorkerKind } from '../../demo/server.js';
import type { DemoEvent } from '../../demo/app.js';

import { CHROMIUM_PATH, LAUNCH_ARGS } from './chromium.js';

export { CHROMIUM_PATH };
/** The build under test: ./dist, or DEMO_DIST (to run the suite against another build). */
const DIST = process.env.DEMO_DIST ? `${resolve(process.env.DEMO_DIST)}/` : fileURLToPath(new URL('../../dist/', import.meta.url));

/** A snapshot as read from the page (the error reduced to its message). */
export interface PageSnapshot {
  status: string;
  isLeader: boolean;
  isPrompting: boolean;
  version?: string;
  waitingVersion?: string;
  holds: number;
  error?: string;
}

/**
 * A demo event, with the index of the page (tab) it came from; `gone` is the harness's
 * own: the page was closed or crashed (its prompt, if any, went with it).
 */
export interface RecordedEvent {
  type: DemoEvent['type'] | 'gone';
  page: number;
  tab: string;
  load: number;
  t: number;
  [field: string]: unknown;
}

export interface OpenOptions {
  /** Query string for the demo page, e.g. `checkInterval=500`. */
  query?: string;
}

export interface App {
  readonly context: BrowserContext;
  readonly pages: Page[];
  /** Every event of every page of this app, in arrival order. */
  readonly events: RecordedEvent[];
  /** `load` events per page (1 = never reloaded). */
  loads(): number[];
  /** Indices of the pages that are neither closed nor crashed. */
  liveIndices(): number[];
  /** Opens one more tab on the demo page and waits for its coordinator to exist. */
  open(options?: OpenOptions): Promise<Page>;
  /** Opens an untracked tab (not in `pages`; its events have page -1). */
  bootstrap(options?: OpenOptions): Promise<Page>;
  snapshot(page: Page | number): Promise<PageSnapshot | undefined>;
  snapshots(): Promise<Array<PageSnapshot | undefined>>;
  /** Runs `fn(window.__demo)` in a page. */
  run<T>(page: Page | number, fn: (demo: Window['__demo']) => T | Promise<T>): Promise<T>;
  /** The version of the worker that answers this page's fetches ("uncontrolled" if none of ours). */
  controllerVersion(page: Page | number): Promise<string>;
  /** Polls `condition` until it returns a truthy value; throws `message` (and the state) on timeout. */
  waitFor<T>(message: string, condition: () => Promise<T> | T, timeout?: number): Promise<NonNullable<T>>;
  /** Events of a type, optionally for one page. */
  eventsOf(type: RecordedEvent['type'], page?: number): RecordedEvent[];
  /** Max number of tabs presenting the prompt at the same moment, from the page-side timestamps. */
  maxConcurrentPresenters(): number;
  /** Tabs presenting right now (prompt not followed by cleanup, a reload or the tab's end). */
  presenters(): number[];
  /** Every recorded event, one line each, in page-side time order (DEMO_DEBUG=1 prints it per test). */
  eventLog(): string;
  /** One line per page: status, version, loads. For failure messages and logs. */
  describe(): Promise<string>;
  close(): Promise<void>;
}

export interface Demo {
  readonly server: DemoServer;
  readonly browser: Browser;
  /**
   * Deploys `initial` (default good v1), then opens a fresh context with `tabs` pages.
   * With `controlled` (default true) a bootstrap tab first installs the worker and
   * closes, so every returned tab is controlled by the initial worker and knows its version.
   */
  app(options?: {
    tabs?: number;
    initial?: { kind: WorkerKind; version: string };
    controlled?: boolean;
    query?: string;
  }): Promise<App>;
}

/** Polls until `condition` is truthy (no fixed sleeps). */
export async function poll<T>(
  condition: () => Promise<T> | T,
  { timeout = 15_000, interval = 50 } = {},
): Promise<NonNullable<T> | undefined> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) return undefined;
    await sleep(interval);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Timings reported by the suite, printed at the end of each file. */
const timings: string[] = [];
export function timing(label: string, ms: number): void {
  const line = `${label}: ${Math.round(ms)} ms`;
  timings.push(line);
  console.log(`[timing] ${line}`);
}

/** Registers the browser and the server for this test file; returns accessors. */
export function useDemo(): Demo {
  let browser: Browser | undefined;
  let server: DemoServer | undefined;
  const apps: App[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`,
      );
    }
    if (!existsSync(`${DIST}index.js`) || !existsSync(`${DIST}worker-global.iife.js`)) {
      throw new Error(`${DIST} has no build: run \`npm run build\` before the browser tests (the demo serves the built package).`);
    }
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
  });

  afterEach(async () => {
    if (process.env.DEMO_DEBUG) for (const app of apps) console.log(app.eventLog());
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (timings.length > 0) console.log(`[timing] summary\n  ${timings.join('\n  ')}`);
  });

  const demo: Demo = {
    get server() {
      if (server === undefined) throw new Error('the demo server is not running (beforeAll failed?)');
      return server;
    },
    get browser() {
      if (browser === undefined) throw new Error('Chromium is not running (beforeAll failed?)');
      return browser;
    },
    async app({ tabs = 1, initial = { kind: 'good' as WorkerKind, version: '1' }, controlled = true, query } = {}) {
      await demo.server.deploy(initial.kind, initial.version);
      const app = await createApp(demo.browser, demo.server.url);
      apps.push(app);
      if (controlled) {
        // The first install leaves its own tab uncontrolled (no clients.claim()), so a
        // bootstrap tab installs the worker and leaves; the app's tabs open controlled.
        const bootstrap = await app.bootstrap({ query });
        await app.waitFor('the first install to finish (onOfflineReady)', () => app.eventsOf('offline-ready').length > 0);
        await bootstrap.close();
      }
      for (let i = 0; i < tabs; i++) await app.open({ query });
      if (controlled) {
        await app.waitFor(`every tab to be idle on version ${initial.version}`, async () => {
          const snapshots = await app.snapshots();
          return snapshots.every(
            (s) => s !== undefined && s.status === 'idle' && (s.version === initial.version || !answersVersion(initial.kind)),
          );
        });
      }
      return app;
    },
  };
  return demo;
}

/** Workers that answer the page's version question (they run our worker module). */
export const answersVersion = (kind: WorkerKind): boolean =>
  kind === 'good' || kind === 'workbox' || kind === 'no-reload' || kind === 'install-rejects' || kind === 'syntax';

async function createApp(browser: Browser, baseURL: string): Promise<App> {
  const context = await browser.newContext({ baseURL });
  const pages: Page[] = [];
  const events: RecordedEvent[] = [];
  const loadCounts = new Map<Page, number>();
  const gone = new Set<Page>();
  const live = (): Page[] => pages.filter((page) => !gone.has(page) && !page.isClosed());

  await context.exposeBinding('__demoRecord', ({ page }, event: DemoEvent) => {
    events.push({ ...event, page: pages.indexOf(page) });
  });

  const pageOf = (page: Page | number): Page => {
    const found = typeof page === 'number' ? pages[page] : page;
    if (found === undefined) throw new Error(`no page ${String(page)}`);
    return found;
  };

  /** Runs `fn(window.__demo)` in the page (the function's source is sent, not a closure). */
  const evaluate = <T>(page: Page, fn: (demo: Window['__demo']) => T | Promise<T>): Promise<T> =>
    page.evaluate(`(${fn.toString()})(window.__demo)`) as Promise<T>;

  /** Opens a tab; `track` false keeps it out of `pages` (its events get page -1). */
  async function openPage(query: string | undefined, track: boolean): Promise<Page> {
    const page = await context.newPage();
    if (track) pages.push(page);
    loadCounts.set(page, 0);
    page.on('load', () => loadCounts.set(page, (loadCounts.get(page) ?? 0) + 1));
    page.on('pageerror', (error) => console.error(`[page ${pages.indexOf(page)}] pageerror:`, error));
    const ended = (): void => {
      if (gone.has(page)) return;
      gone.add(page);
      const last = [...events].reverse().find((e) => e.page === pages.indexOf(page));
      events.push({ type: 'gone', page: pages.indexOf(page), tab: last?.tab ?? '?', load: last?.load ?? 0, t: Date.now() });
    };
    page.on('close', ended);
    page.on('crash', ended);
    await page.goto(query ? `/?${query}` : '/');
    await page.waitForFunction(() => window.__demo !== undefined);
    return page;
  }

  const app: App = {
    context,
    pages,
    events,
    loads: () => pages.map((page) => loadCounts.get(page) ?? 0),
    liveIndices: () => pages.flatMap((page, i) => (gone.has(page) || page.isClosed() ? [] : [i])),
    open: ({ query } = {}) => openPage(query, true),
    bootstrap: ({ query } = {}) => openPage(query, false),
    async snapshot(target) {
      const page = pageOf(target);
      if (gone.has(page) || page.isClosed()) return undefined;
      try {
        return await page.evaluate(() => {
          const s = window.__demo?.updates.getSnapshot();
          return s && { ...s, error: s.error?.message };
        });
      } catch {
        // The page is navigating (reloading): no snapshot this instant.
        return undefined;
      }
    },
    snapshots: () => Promise.all(live().map((page) => app.snapshot(page))),
    run: (target, fn) => evaluate(pageOf(target), fn),
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
      const value = await poll(async () => {
        try {
          return await condition();
        } catch {
          return undefined;
        }
      }, { timeout });
      if (value === undefined) {
        throw new Error(`timed out after ${timeout} ms waiting for ${message}\n${await app.describe()}`);
      }
      return value;
    },
    eventsOf: (type, page) => events.filter((e) => e.type === type && (page === undefined || e.page === page)),
    maxConcurrentPresenters() {
      // Prompts shown per page; a second prompt in a page that already presents counts twice.
      const presenting = new Map<number, number>();
      let max = 0;
      for (const event of [...events].sort((a, b) => a.t - b.t)) {
        if (event.type === 'prompt') presenting.set(event.page, (presenting.get(event.page) ?? 0) + 1);
        // A cleanup, a reload or the end of the page: its prompt is gone.
        if (event.type === 'cleanup' || event.type === 'load' || event.type === 'gone') presenting.delete(event.page);
        max = Math.max(max, [...presenting.values()].reduce((sum, n) => sum + n, 0));
      }
      return max;
    },
    presenters() {
      const presenting = new Set<number>();
      for (const event of [...events].sort((a, b) => a.t - b.t)) {
        if (event.type === 'prompt') presenting.add(event.page);
        if (event.type === 'cleanup' || event.type === 'load' || event.type === 'gone') presenting.delete(event.page);
      }
      return [...presenting];
    },
    async describe() {
      const loads = app.loads();
      const lines = await Promise.all(
        pages.map(async (page, i) => {
          if (gone.has(page) || page.isClosed()) return `  tab ${i}: closed or crashed`;
          const s = await app.snapshot(page);
          return `  tab ${i}: loads ${loads[i]}, ${s ? JSON.stringify(s) : '(no snapshot: navigating)'}`;
        }),
      );
      return `${lines.join('\n')}\n  last events:\n${formatEvents(events.slice(-25))}`;
    },
    eventLog: () => formatEvents([...events].sort((a, b) => a.t - b.t)),
    close: () => context.close(),
  };
  return app;
}

function formatEvents(events: readonly RecordedEvent[]): string {
  return events
    .map((e) => {
      const { tab: _tab, t, page, type, load, ...rest } = e;
      return `    ${new Date(t).toISOString().slice(14, 23)} tab ${page} load ${load} ${type} ${JSON.stringify(rest)}`;
    })
    .join('\n');
}
