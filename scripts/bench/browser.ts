/**
 * The bench's browser side: the same setup as the e2e suite (test/browser/harness.ts):
 * Debian Chromium through playwright-core, the demo server in-process, one browser for
 * the whole run and a fresh context (fresh registrations and storage) per round.
 *
 * Every page of a round reports its demo events (load, prompt, leader, status, …) through
 * the `__demoRecord` binding, like the harness; an init script counts the page's
 * BroadcastChannel messages in sessionStorage, so the count survives its reloads.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { WorkerKind } from '../../demo/server.js';

import { CHROMIUM_PATH, LAUNCH_ARGS } from '../../test/browser/chromium.js';

export { CHROMIUM_PATH };

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });

export type VariantName = 'ours' | 'bare' | 'workbox-window';

export interface Variant {
  readonly name: VariantName;
  /** What /sw.js serves for it. */
  readonly kind: WorkerKind;
  /** The page, without its query. */
  readonly path: string;
}

export const VARIANTS: readonly Variant[] = [
  { name: 'ours', kind: 'good', path: '/ours.html' },
  { name: 'bare', kind: 'bare', path: '/bare.html' },
  { name: 'workbox-window', kind: 'bare', path: '/wb.html' },
];

export interface BenchEvent {
  type: string;
  page: number;
  load: number;
  /** Page-side wall clock, ms (performance.timeOrigin + performance.now()). */
  t: number;
  [field: string]: unknown;
}

/** The init script: counts BroadcastChannel.prototype.postMessage calls, by message type. */
const COUNT_CHANNEL_MESSAGES = `(() => {
  if (typeof BroadcastChannel === 'undefined') return;
  const post = BroadcastChannel.prototype.postMessage;
  const label = (m) => {
    try {
      if (m && m.type === 'internal' && m.data) return 'election:' + m.data.action;
      const data = m && m.data !== undefined ? m.data : m;
      return (data && typeof data.type === 'string') ? data.type : 'other';
    } catch { return 'other'; }
  };
  BroadcastChannel.prototype.postMessage = function (message) {
    try {
      const log = JSON.parse(sessionStorage.getItem('__bench:bc') || '[]');
      log.push([performance.timeOrigin + performance.now(), label(message)]);
      sessionStorage.setItem('__bench:bc', JSON.stringify(log));
    } catch {}
    return post.call(this, message);
  };
})();`;

export class Round {
  readonly pages: Page[] = [];
  readonly events: BenchEvent[] = [];
  readonly gone = new Set<number>();

  private constructor(
    readonly context: BrowserContext,
    readonly variant: Variant,
    readonly query: string,
  ) {}

  static async start(browser: Browser, baseURL: string, variant: Variant, query = ''): Promise<Round> {
    const context = await browser.newContext({ baseURL });
    const round = new Round(context, variant, query);
    await context.addInitScript({ content: COUNT_CHANNEL_MESSAGES });
    await context.exposeBinding('__demoRecord', ({ page }, event: BenchEvent) => {
      round.events.push({ ...event, page: round.pages.indexOf(page) });
    });
    return round;
  }

  get url(): string {
    return this.query ? `${this.variant.path}?${this.query}` : this.variant.path;
  }

  /** Indices of the pages neither closed nor crashed. */
  live(): number[] {
    return this.pages.flatMap((page, i) => (this.gone.has(i) || page.isClosed() ? [] : [i]));
  }

  /** Opens a tab (untracked when `track` is false) and waits for its page script. */
  async open(track = true): Promise<Page> {
    const page = await this.context.newPage();
    if (track) {
      const index = this.pages.push(page) - 1;
      const ended = (): void => void this.gone.add(index);
      page.on('close', ended);
      page.on('crash', ended);
    }
    page.on('pageerror', (error) => console.error(`[bench ${this.variant.name}] pageerror:`, error.message));
    await page.goto(this.url);
    await page.waitForFunction(() => window.__demo !== undefined || window.__bench !== undefined);
    return page;
  }

  /** Installs the first worker from a tab that then leaves, so every tab opened next is controlled. */
  async bootstrap(): Promise<void> {
    const page = await this.open(false);
    if (this.variant.name === 'ours') {
      await this.waitFor('the first install (onOfflineReady)', () => this.events.some((e) => e.type === 'offline-ready'));
    } else {
      await page.waitForFunction(() => window.__bench.installed);
    }
    await page.close();
  }

  /** Opens `n` tracked tabs, a few at a time, and waits until each is controlled and idle on `version`. */
  async openTabs(n: number, version: string): Promise<void> {
    for (let opened = 0; opened < n; ) {
      const batch = Math.min(4, n - opened);
      await Promise.all(Array.from({ length: batch }, () => this.open()));
      opened += batch;
    }
    await this.waitFor(`every tab idle on version ${version}`, async () => {
      const states = await Promise.all(this.live().map((i) => this.state(i)));
      return states.every((s) => s?.ready && (this.variant.name !== 'ours' || s.version === version));
    });
  }

  /** A page's state, the same for every variant; undefined while it navigates. */
  async state(index: number): Promise<PageState | undefined> {
    const page = this.pages[index]!;
    if (this.gone.has(index) || page.isClosed()) return undefined;
    try {
      return (await page.evaluate(() => {
        if (window.__demo !== undefined) {
          const s = window.__demo.updates.getSnapshot();
          return {
            ready: s.status === 'idle',
            status: s.status,
            version: s.version ?? null,
            waiting: s.status === 'available',
            prompting: s.isPrompting,
            leader: s.isLeader,
          };
        }
        const b = window.__bench;
        return { ready: b.ready, status: b.prompting ? 'available' : 'idle', version: null, waiting: b.prompting, prompting: b.prompting, leader: false };
      })) as PageState;
    } catch {
      return undefined;
    }
  }

  /** Asks tab `index` to check for an update. */
  async check(index = 0): Promise<void> {
    await this.pages[index]!.evaluate(async () => {
      if (window.__demo !== undefined) await window.__demo.updates.checkForUpdate();
      else await window.__bench.check();
    });
  }

  /** Accepts the update in tab `index`, as its prompt's button would; returns the page-side time. */
  accept(index: number): Promise<number> {
    return this.pages[index]!.evaluate(() => {
      const t = performance.timeOrigin + performance.now();
      if (window.__demo !== undefined) {
        if (window.__demo.prompt === undefined) throw new Error('this tab presents no prompt');
        window.__demo.prompt.accept();
      } else {
        window.__bench.accept();
      }
      return t;
    });
  }

  /** The version of the worker answering tab `index`'s fetches ("uncontrolled" if none of ours). */
  controllerVersion(index: number): Promise<string> {
    return this.pages[index]!.evaluate(async () => (await fetch('/__sw-version', { cache: 'no-store' })).text());
  }

  /** The page's BroadcastChannel messages since it was opened, [t, type] each. */
  async channelLog(index: number): Promise<Array<[number, string]>> {
    return this.pages[index]!.evaluate(() => JSON.parse(sessionStorage.getItem('__bench:bc') ?? '[]') as Array<[number, string]>);
  }

  /** Tabs presenting now: a prompt not followed by a cleanup, a reload or the tab's end. */
  presenters(): number[] {
    const presenting = new Set<number>();
    for (const e of [...this.events].sort((a, b) => a.t - b.t)) {
      if (e.type === 'prompt') presenting.add(e.page);
      if (e.type === 'cleanup' || e.type === 'load') presenting.delete(e.page);
    }
    return [...presenting].filter((i) => !this.gone.has(i));
  }

  eventsOf(type: string, page?: number): BenchEvent[] {
    return this.events.filter((e) => e.type === type && (page === undefined || e.page === page));
  }

  async waitFor<T>(what: string, condition: () => Promise<T> | T, timeout = 20_000, interval = 20): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      let value: T | undefined;
      try {
        value = await condition();
      } catch {
        value = undefined;
      }
      if (value) return value as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`${this.variant.name}: timed out after ${timeout} ms waiting for ${what}`);
      await sleep(interval);
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export interface PageState {
  ready: boolean;
  status: string;
  /** The controlling worker's version as the library knows it (ours only). */
  version: string | null;
  waiting: boolean;
  prompting: boolean;
  leader: boolean;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
