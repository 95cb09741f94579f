/**
 * A browser tab: a sequence of pages (one per navigation), its sessionStorage, its
 * visibility and focus, and the counters tests assert on (reloads, loads).
 */
import { softUpdate } from './jobs.js';
import { asPage } from './late-timers.js';
import { Page } from './page.js';
import type { FakeEnvironment, PageScript } from './page.js';
import type { FakeWorkerInfo } from './service-worker.js';
import { FakeStorage } from './storage.js';
import type { FakeServiceWorkerContainer } from './container.js';
import type { UserAgent } from './user-agent.js';

/** Options of `FakeBrowser.openTab`. */
export interface OpenTabOptions {
  /** The page script, run on the first load and after every reload. @default none */
  onLoad?: PageScript;
  /** Opened in the foreground (visible and focused). @default true */
  visible?: boolean;
}

export class FakeTab {
  readonly sessionStorage = new FakeStorage();
  /** Stamp of the last time the tab got focus, or null if it never had it. */
  focusStamp: number | null = null;
  #page: Page;
  #script: PageScript | undefined;
  #reloads = 0;
  #loads = 0;
  #visible: boolean;
  #closed = false;
  #navigationPending = false;
  /**
   * The page's own `beforeunload` prompt, answered "stay": its reloads are counted but do
   * not happen, and the page stays (no pagehide).
   */
  cancelsReloads = false;
  /**
   * How late the tasks the browser queues for this tab's pages run (service-worker
   * events, the worker's messages), in ms, order kept: a hidden Chromium tab heard of a
   * waiting worker up to about 170 ms after the visible one in the browser suite. A
   * test's knob, not part of an engine profile.
   */
  lateTasksMs = 0;

  constructor(
    private readonly ua: UserAgent,
    readonly id: number,
    url: string,
    { onLoad, visible = true }: OpenTabOptions = {},
  ) {
    this.#script = onLoad;
    this.#visible = visible;
    if (visible) this.#focus();
    ua.tabs.push(this);
    this.#page = this.#commit(url);
    this.#load();
  }

  /** The current page's Environment (a new object after each navigation). */
  get env(): FakeEnvironment {
    return this.#page.env;
  }

  /** The current page's `navigator.serviceWorker`. */
  get container(): FakeServiceWorkerContainer {
    return this.#page.container;
  }

  get url(): string {
    return this.#page.url;
  }

  /** Calls of `env.reload()` from any page of this tab, including ones that did nothing. */
  get reloads(): number {
    return this.#reloads;
  }

  /** Page loads (page script runs), the first one included. */
  get loads(): number {
    return this.#loads;
  }

  /** The underlying worker controlling the current page, as the browser sees it. */
  get controller(): FakeWorkerInfo | null {
    return this.#page.activeWorker;
  }

  get visible(): boolean {
    return this.#visible;
  }

  get focused(): boolean {
    return this.ua.focusedTab === this;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Closed by `crash()`. */
  /** Its page is in the back/forward cache (see `goAwayIntoCache`). */
  get cached(): boolean {
    return this.#page.cached;
  }

  get crashed(): boolean {
    return this.#page.crashed;
  }

  /** Sets the page script for the next loads (set it right after openTab for the first). */
  onLoad(script: PageScript): void {
    this.#script = script;
  }

  whenLoaded(): Promise<void> {
    return this.#page.whenLoaded();
  }

  /** The user switches away: visibilitychange (hidden). Resolves after the event task. */
  hide(): Promise<void> {
    return this.#task(() => {
      if (this.ua.focusedTab === this) this.ua.focusedTab = null;
      if (!this.#visible) return;
      this.#setVisible(false);
      this.#page.fire('visibilitychange');
    });
  }

  /**
   * A focus event alone, visible or not: WebKitGTK fires one in every window WebDriver
   * switches to, hidden tabs included (the browser suite's harness does so on each read).
   */
  focusOnly(): Promise<void> {
    return this.#task(() => this.#page.fire('focus'));
  }

  /** The user comes back: visibilitychange (visible) if it was hidden, then focus. */
  show(): Promise<void> {
    return this.#task(() => {
      const wasHidden = !this.#visible;
      this.#setVisible(true);
      if (wasHidden) this.#page.fire('visibilitychange');
      this.#focus();
      this.#page.fire('focus');
    });
  }

  /**
   * The user navigates away and the page goes into the back/forward cache (see
   * `Page.cached`); `goBack()` shows it again. The tab counts as hidden meanwhile.
   */
  goAwayIntoCache(): Promise<void> {
    return this.#task(() => {
      if (this.ua.focusedTab === this) this.ua.focusedTab = null;
      if (this.#visible) {
        this.#setVisible(false);
        this.#page.fire('visibilitychange');
      }
      this.#page.enterCache();
    });
  }

  /** Back to the cached page: pageshow (then its waiting tasks), visibilitychange and focus. */
  goBack(): Promise<void> {
    return this.#task(() => {
      this.#setVisible(true);
      this.#focus();
      this.#page.leaveCache();
      this.#page.fire('visibilitychange');
      this.#page.fire('focus');
    });
  }

  goOnline(): Promise<void> {
    return this.#task(() => this.#page.fire('online'));
  }

  /** The user closes the tab: pagehide, the page cleanup, then its client goes away. */
  close(): Promise<void> {
    return this.#task(() => {
      if (this.#leave()) this.#page.unload();
    });
  }

  /** The renderer crashes: the page goes, without pagehide or cleanup; the tab counts as closed. */
  crash(): void {
    if (this.#leave()) this.#page.crash();
  }

  /** Closes the tab (false if it already was); the caller disposes of the page. */
  #leave(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    if (this.ua.focusedTab === this) this.ua.focusedTab = null;
    this.ua.tabs.splice(this.ua.tabs.indexOf(this), 1);
    return true;
  }

  /** The user presses reload (not counted in `reloads`, which counts `env.reload()`). */
  refresh(): void {
    this.#scheduleNavigation();
  }

  /**
   * @internal `env.reload()` of `page`: counted always, effective only from the current
   * page, unless cancelled (or, with `reloadAfterCancel: 'ignored'`, cancelled before).
   */
  requestReload(page: Page): void {
    if (page.crashed) return;
    this.#reloads++;
    if (page !== this.#page) return;
    if (this.cancelsReloads) page.reloadCancelled = true;
    else if (!(page.reloadCancelled && this.ua.options.reloadAfterCancel === 'ignored')) this.#scheduleNavigation();
  }

  /** A reload requested while one is pending joins it, as a second location.reload() does. */
  #scheduleNavigation(): void {
    if (this.#closed || this.#navigationPending) return;
    this.#navigationPending = true;
    const commit = (): void => {
      this.#navigationPending = false;
      if (this.#closed) return;
      // The new page exists (and is controlled) before the old one unloads: the old
      // worker always keeps a client during a reload, so a reload alone never lets a
      // waiting worker activate.
      const previous = this.#page;
      this.#page = this.#commit(previous.url);
      previous.unload();
      this.#load();
    };
    this.ua.scheduler.queue(() => {
      // A navigation's fetch waits for an activating worker to finish (the spec's
      // Handle Fetch; in Chromium a reload at controllerchange lands ~1 s later).
      const active = this.ua.matchRegistration(this.#page.url)?.active;
      if (active?.state !== 'activating') return commit();
      void active.untilState('activated', 'redundant').then(() => this.ua.scheduler.queue(commit));
    });
  }

  /** A navigation response arrives: the new page is controlled by the active worker, if any. */
  #commit(url: string): Page {
    const registration = this.ua.matchRegistration(url);
    const controller = registration?.active ?? null;
    const page = new Page(this.ua, this, url, controller);
    // Navigations check for updates; there is no promise, so failures go nowhere.
    if (registration !== null && controller !== null) {
      this.ua.scheduler.queue(() => softUpdate(this.ua, registration));
    }
    return page;
  }

  #load(): void {
    this.#page.load(
      () => this.#script,
      () => this.#loads++,
    );
  }

  /** Visibility changes move the page's pending timers (late while hidden, late-timers.ts). */
  #setVisible(visible: boolean): void {
    if (this.#visible === visible) return;
    this.#visible = visible;
    this.#page.timers.visibilityChanged();
  }

  /**
   * Runs `fn` as code of the current page (a click handler, say), so the timers it sets
   * are the page's, late while the tab is hidden. Calls from a test are otherwise the
   * browser's own and run on time.
   */
  runInPage<T>(fn: () => T): T {
    return asPage(this.#page.timers, fn);
  }

  #focus(): void {
    this.ua.focusedTab = this;
    this.focusStamp = this.ua.nextFocusStamp();
  }

  #task(task: () => void): Promise<void> {
    return new Promise((resolve) =>
      this.ua.scheduler.queue(() => {
        task();
        resolve();
      }),
    );
  }
}
