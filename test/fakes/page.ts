/**
 * One document in a tab: a service-worker client (with its active worker, i.e. its
 * controller), its realm, its container and the `Environment` the code under test gets.
 * A tab gets a new Page on every navigation, so every object here is per page load.
 */
import type { Environment, PageEvent } from '../../src/page/environment.js';
import { handleClientUnload } from './activation.js';
import { FakeServiceWorkerContainer } from './container.js';
import { asPage, PageTimers } from './late-timers.js';
import { Realm } from './realm.js';
import type { WorkerRecord } from './service-worker.js';
import type { FakeStorage } from './storage.js';
import type { FakeTab } from './tab.js';
import type { UserAgent } from './user-agent.js';

/** Returned by a page script: runs when the page goes away (reload, close). */
export type PageCleanup = () => unknown;
/** The page's own code, run on every load of a tab. */
export type PageScript = (env: FakeEnvironment) => PageCleanup | void;

/** The Environment of one page, with the container typed as the fake. */
export interface FakeEnvironment extends Environment {
  readonly serviceWorker: FakeServiceWorkerContainer;
}

export class Page {
  readonly id: string = crypto.randomUUID();
  readonly realm: Realm;
  readonly container: FakeServiceWorkerContainer;
  readonly env: FakeEnvironment;
  /** Its timers: late while the tab is hidden, as the engine's model says. */
  readonly timers: PageTimers;
  /** The spec's "active service worker" of this client: the browser's view of its controller. */
  activeWorker: WorkerRecord | null;
  /** Unloaded: no longer a client, no more tasks or events. */
  discarded = false;
  /** Its renderer crashed: discarded without unload, and its script's output goes nowhere. */
  crashed = false;
  /** A reload of this page was cancelled in its beforeunload prompt (FakeTab.cancelsReloads). */
  reloadCancelled = false;
  /**
   * In the back/forward cache: not fully active. Its tasks wait (HTML), it is not
   * listed by `clients.matchAll()` (as in Chromium), channel messages do not reach it,
   * but it stays its worker's client, so an activation still changes its controller.
   */
  cached = false;
  #waitingTasks: Array<() => void> = [];
  #loaded = false;
  #loadWaiters: Array<() => void> = [];
  #cleanup: PageCleanup | undefined;
  readonly #listeners = new Map<PageEvent, Set<() => void>>();

  constructor(
    private readonly ua: UserAgent,
    readonly tab: FakeTab,
    readonly url: string,
    controller: WorkerRecord | null,
  ) {
    this.activeWorker = controller;
    this.timers = new PageTimers(ua.options.hiddenTimers, () => !tab.visible);
    this.realm = new Realm(ua, { kind: 'page', page: this });
    this.container = new FakeServiceWorkerContainer(this);
    this.env = createEnvironment(this, ua);
    ua.clients.push(this);
  }

  on(event: PageEvent, listener: () => void): () => void {
    let listeners = this.#listeners.get(event);
    if (listeners === undefined) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Calls this page's listeners for `event` (from a task of the caller). */
  fire(event: PageEvent): void {
    if (this.discarded) return;
    asPage(this.timers, () => {
      for (const listener of [...(this.#listeners.get(event) ?? [])]) listener();
    });
  }

  /**
   * Runs the page script as a task, then DOMContentLoaded (which enables the client
   * message queue, per HTML, unless disabled) and load (whenLoaded, then pageshow).
   */
  load(script: () => PageScript | undefined, onRun: () => void): void {
    this.realm.queueTask(() => {
      onRun();
      const cleanup = script()?.(this.env);
      if (typeof cleanup === 'function') this.#cleanup = cleanup;
      this.realm.queueTask(() => {
        if (this.ua.options.autoStartMessages) this.container.startMessages();
        this.#loaded = true;
        this.#loadWaiters.forEach((resolve) => resolve());
        this.#loadWaiters = [];
        this.fire('pageshow');
      });
    });
  }

  /** Resolves after the load event (at once if it already fired). */
  whenLoaded(): Promise<void> {
    if (this.#loaded) return Promise.resolve();
    return new Promise((resolve) => this.#loadWaiters.push(resolve));
  }

  /** @internal Keeps a task of a cached page for its return; false if the page is not cached. */
  deferWhileCached(task: () => void): boolean {
    if (!this.cached) return false;
    this.#waitingTasks.push(task);
    return true;
  }

  /** The user navigates away and the page is kept in the back/forward cache: pagehide. */
  enterCache(): void {
    if (this.discarded || this.cached) return;
    this.fire('pagehide');
    this.cached = true;
  }

  /** The user goes back to the cached page: pageshow, then the tasks that waited. */
  leaveCache(): void {
    if (this.discarded || !this.cached) return;
    this.cached = false;
    this.fire('pageshow');
    for (const task of this.#waitingTasks.splice(0)) this.realm.queueTask(task);
  }

  /** The document goes away: pagehide, the script's cleanup, then the client is removed. */
  unload(): void {
    if (this.discarded) return;
    this.fire('pagehide');
    const cleanup = this.#cleanup;
    this.#cleanup = undefined;
    cleanup?.();
    this.#discard();
  }

  /**
   * The renderer dies: no pagehide, no cleanup; the client vanishes at once, and from
   * now on nothing reaches the page and nothing it sends (channel, worker, reload,
   * update) has any effect.
   */
  crash(): void {
    if (this.discarded) return;
    this.crashed = true;
    this.#cleanup = undefined;
    this.#discard();
  }

  #discard(): void {
    this.discarded = true;
    this.ua.clients.splice(this.ua.clients.indexOf(this), 1);
    this.realm.destroy();
    this.ua.locks.releaseAll(this);
    // If this was the old worker's last client, a waiting worker may activate now.
    handleClientUnload(this.ua, this);
  }
}

function createEnvironment(page: Page, ua: UserAgent): FakeEnvironment {
  const { tab } = page;
  const storage = (store: FakeStorage): FakeStorage | undefined => (ua.options.blockStorage ? undefined : store);
  return {
    serviceWorker: page.container,
    isSecureContext: true,
    href: page.url,
    whenLoaded: () => page.whenLoaded(),
    isVisible: () => tab.visible,
    on: (event, listener) => page.on(event, listener),
    reload: () => tab.requestReload(page),
    now: () => Date.now(),
    randomId: () => crypto.randomUUID(),
    localStorage: storage(ua.localStorage),
    sessionStorage: storage(tab.sessionStorage),
    MessageChannel: ua.options.MessageChannel ?? globalThis.MessageChannel,
    channelOptions: ua.options.channelOptions ?? ua.channels.optionsFor(page),
    locks: ua.options.webLocks ? ua.locks.forPage(page) : undefined,
  };
}
