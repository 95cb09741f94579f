/**
 * The bench's rounds: one context (fresh storage and registrations) of one engine of the
 * tab driver (test/browser/driver: Chromium and Firefox through puppeteer-core, WebKitGTK
 * through WebKitWebDriver) per round, the demo server in-process. Tabs are as users have
 * them: tabs of one window, one in front and the others hidden.
 *
 * Pages keep their events (load, prompt, status, …, pages/bench-page.ts) in memory and,
 * across their reload, in sessionStorage; the bench reads them from the tabs while it
 * waits (after 2 s, then every second), never while an update is measured: a page's own
 * requests would be fetch events of the old worker, which Chromium lets finish before
 * the new one activates. Each event carries the page's own clock. Events that pages
 * post to the demo server's log (`?log=<key>`) are taken too.
 */
import type { FixtureServer, WorkerKind } from '../fixtures/server.js';
import type { Context, Engine, Tab } from '../browser/driver/index.js';

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

/** An event as a page reports it (test/bench/pages/bench-page.ts). */
export interface PageEvent {
  type: string;
  /** The page's tab id, kept across its reloads. */
  tab: string;
  load: number;
  /** Page-side wall clock, ms (performance.timeOrigin + performance.now()). */
  t: number;
  [field: string]: unknown;
}

export interface BenchEvent extends PageEvent {
  /** Index of the tab in the round (from the page's `tab` id). */
  page: number;
}

export class Round {
  readonly tabs: Tab[] = [];
  readonly tabIds: string[] = [];
  readonly events: BenchEvent[] = [];
  readonly gone = new Set<number>();
  /** Events of pages not (yet) tracked, e.g. the bootstrap tab. */
  readonly untracked: PageEvent[] = [];
  private readonly seen = new Set<string>();

  private constructor(
    readonly context: Context,
    readonly engine: Engine,
    readonly variant: Variant,
    readonly url: string,
    private readonly release: () => void,
  ) {}

  private static rounds = 0;

  static async start(engine: Engine, server: FixtureServer, variant: Variant, query = ''): Promise<Round> {
    let round: Round | undefined;
    const early: PageEvent[] = [];
    const key = `bench-${process.pid}-${++Round.rounds}`;
    const release = server.onLog(key, (event) => {
      if (round) round.receive(event as PageEvent);
      else early.push(event as PageEvent);
    });
    const params = new URLSearchParams(query);
    params.set('log', key);
    const context = await engine.newContext();
    round = new Round(context, engine, variant, `${server.url}${variant.path}?${params}`, release);
    early.forEach((event) => round!.receive(event));
    return round;
  }

  private receive(event: PageEvent): void {
    const key = `${event.tab}/${event.load}/${event.type}/${event.t}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const page = this.tabIds.indexOf(event.tab);
    if (page < 0) this.untracked.push(event);
    else this.events.push({ ...event, page });
  }

  /** Reads every live tab's own record of its events. */
  async sync(): Promise<void> {
    await Promise.all(
      this.live().map(async (i) => {
        try {
          const events = await this.tabs[i]!.evaluate<[], PageEvent[]>(
            "[...JSON.parse(sessionStorage.getItem('__bench:events') ?? '[]'), ...(window.__benchKept?.events ?? [])]",
          );
          events.forEach((event) => this.receive(event));
        } catch {
          // The tab is navigating: its posts or the next sync tell.
        }
      }),
    );
  }

  /** Indices of the tabs neither closed nor crashed. */
  live(): number[] {
    return this.tabs.flatMap((_, i) => (this.gone.has(i) ? [] : [i]));
  }

  /** Waits for the page script of `tab`, then counts it as the round's next tab. */
  private async track(tab: Tab): Promise<void> {
    await this.waitFor('the page script', () =>
      tab.evaluate<[], boolean>('window.__demo !== undefined || window.__bench !== undefined'),
    );
    const id = await tab.evaluate<[], string>("sessionStorage.getItem('demo:tab')");
    this.tabs.push(tab);
    this.tabIds.push(id);
    // Events that arrived before the id was known.
    for (let i = this.untracked.length - 1; i >= 0; i--) {
      if (this.untracked[i]!.tab === id)
        this.events.push({ ...this.untracked.splice(i, 1)[0]!, page: this.tabs.length - 1 });
    }
  }

  /**
   * Installs the first worker from the round's first tab, then loads that tab again as
   * a new tab of the app (fresh tab id and load count), controlled like every tab opened
   * next. It stays open: closing a WebDriver session's last window ends the session.
   */
  async bootstrap(): Promise<void> {
    const tab = await this.context.newTab(this.url);
    await this.waitFor('the first install', () =>
      this.variant.name === 'ours'
        ? this.untracked.some((e) => e.type === 'offline-ready') ||
          tab.evaluate<[], boolean>("(window.__benchKept?.events ?? []).some((e) => e.type === 'offline-ready')")
        : tab.evaluate<[], boolean>('window.__bench !== undefined && window.__bench.installed'),
    );
    await tab.evaluate<[], boolean>('(sessionStorage.clear(), true)');
    await tab.goto(this.url);
    await this.track(tab);
  }

  /** Opens tabs, one after another, until the round has `n`, and waits until each is ready on `version`. */
  async openTabs(n: number, version: string): Promise<void> {
    while (this.tabs.length < n) await this.track(await this.context.newTab(this.url));
    await this.waitFor(`every tab idle on version ${version}`, async () => {
      const states = await Promise.all(this.live().map((i) => this.state(i)));
      return states.every((s) => s?.ready && (this.variant.name !== 'ours' || s.version === version));
    });
  }

  /** The live tabs whose page says it is visible (one, as users have them). */
  async visibleTabs(): Promise<number[]> {
    const live = this.live();
    const states = await Promise.all(live.map((i) => this.tabs[i]!.evaluate<[], string>('document.visibilityState')));
    return live.filter((_, k) => states[k] === 'visible');
  }

  /** The tab in front. */
  async inFront(): Promise<number> {
    const [front] = await this.visibleTabs();
    if (front === undefined) throw new Error(`${this.engine.name}: no tab is visible`);
    return front;
  }

  /** A page's state, the same for every variant; undefined while it navigates. */
  async state(index: number): Promise<PageState | undefined> {
    if (this.gone.has(index)) return undefined;
    try {
      return await this.tabs[index]!.evaluate<[], PageState>(`(() => {
        if (window.__demo !== undefined) {
          const s = window.__demo.updates.getSnapshot();
          return { ready: s.status === 'idle', status: s.status, version: s.version ?? null,
            waiting: s.status === 'available', prompting: s.isPrompting, leader: s.isLeader };
        }
        const b = window.__bench;
        return { ready: b.ready, status: b.prompting ? 'available' : 'idle', version: null,
          waiting: b.prompting, prompting: b.prompting, leader: false };
      })()`);
    } catch {
      return undefined;
    }
  }

  /** Asks tab `index` to check for an update. */
  async check(index = 0): Promise<void> {
    await this.tabs[index]!.evaluate(
      '(window.__demo !== undefined ? window.__demo.updates.checkForUpdate() : window.__bench.check()).then(() => true)',
    );
  }

  /**
   * Accepts the update in tab `index`, as its prompt's button would; returns the page-side
   * time. The page also records an `accept-cost` event (pages/bench-page.ts): when the call
   * returned and when its next task ran (a message it posts itself), ms since the accept.
   */
  accept(index: number): Promise<number> {
    return this.tabs[index]!.evaluate<[], number>(`(() => {
      const t = performance.timeOrigin + performance.now();
      if (window.__demo !== undefined) {
        const before = window.__demo.updates.getSnapshot();
        if (window.__demo.prompt === undefined || !before.isPrompting) throw new Error('this tab presents no prompt');
        window.__demo.prompt.accept();
        const after = window.__demo.updates.getSnapshot();
        if (after.status === before.status) {
          throw new Error('the accept changed nothing: status ' + after.status + ', leader ' + after.isLeader);
        }
      } else {
        window.__bench.accept();
      }
      const since = () => performance.timeOrigin + performance.now() - t;
      const ran = since();
      const next = new MessageChannel();
      next.port1.onmessage = () => {
        window.__benchRecord('accept-cost', { ran, free: since() });
        next.port1.close();
      };
      next.port2.postMessage(0);
      return t;
    })()`);
  }

  /** The version of the worker answering tab `index`'s fetches ("uncontrolled" if none of ours). */
  controllerVersion(index: number): Promise<string> {
    return this.tabs[index]!.evaluate<[], string>(
      "fetch('/__sw-version', { cache: 'no-store' }).then((r) => r.text())",
    );
  }

  /** The page's BroadcastChannel messages since it was opened, [t, type] each. */
  channelLog(index: number): Promise<Array<[number, string]>> {
    return this.tabs[index]!.evaluate<[], Array<[number, string]>>(
      "[...JSON.parse(sessionStorage.getItem('__bench:bc') ?? '[]'), ...(window.__benchKept?.channel ?? [])]",
    );
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

  async waitFor<T>(
    what: string | (() => string),
    condition: () => Promise<T> | T,
    timeout = 20_000,
    interval = 20,
  ): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeout;
    let lastSync = Date.now() + 2_000;
    for (;;) {
      let value: T | undefined;
      try {
        value = await condition();
      } catch {
        value = undefined;
      }
      if (value) return value as NonNullable<T>;
      // Read the tabs' own records of their events: after 2 s, then every second
      // (not sooner, so as not to disturb what is measured).
      if (Date.now() - lastSync > 1_000) {
        lastSync = Date.now();
        await this.sync();
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${this.engine.name} ${this.variant.name}: timed out after ${timeout} ms waiting for ${typeof what === 'string' ? what : what()}`,
        );
      }
      await sleep(interval);
    }
  }

  /** Closes tab `index` (crashes it with `crash`, where the engine can). */
  async remove(index: number, crash = false): Promise<void> {
    this.gone.add(index);
    if (crash) await this.engine.powers.crash!(this.tabs[index]!);
    else await this.tabs[index]!.close();
  }

  async close(): Promise<void> {
    this.release();
    await this.context.close();
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
