/**
 * `createFakeBrowser()`: one origin of an in-memory browser with service workers, for
 * running many tabs of an app in one Node process. Deploy worker scripts, open tabs,
 * then inspect workers and registrations.
 *
 * @example
 * ```ts
 * const browser = createFakeBrowser();
 * browser.deploy('/sw.js', (scope) => handleUpdates({ version: '1' }, scope), 'v1');
 * const tab = browser.openTab('/', { onLoad: (env) => void env.serviceWorker.register('/sw.js') });
 * await browser.settle();
 * expect(browser.inspect()).toEqual({ scope: 'https://app.test/', installing: null, waiting: null, active: 'v1' });
 * ```
 */
import type { BroadcastChannelOptions } from 'broadcast-channel';
import type { ChannelTraffic } from './channel.js';
import { installLateTimers, type HiddenTimerModel } from './late-timers.js';
import type { FakeRegistrationInfo } from './registration.js';
import type { Deployment, WorkerScript } from './server.js';
import type { FakeWorkerInfo } from './service-worker.js';
import { terminateWorker } from './state.js';
import type { FakeStorage } from './storage.js';
import { FakeTab } from './tab.js';
import type { OpenTabOptions } from './tab.js';
import { waitFor } from './tasks.js';
import type { SettleOptions, WaitOptions } from './tasks.js';
import { UserAgent } from './user-agent.js';

/** Options of {@link createFakeBrowser}. */
export interface FakeBrowserOptions {
  /** The one origin of this browser. @default 'https://app.test' */
  origin?: string;
  /**
   * Ms between a skipWaiting() that should activate a worker while the old one still
   * controls pages and the activation. Chromium takes about 1 s.
   * @default 0
   */
  activationDelayMs?: number;
  /**
   * When register()/update() of a new worker resolve: while it is `installing` (the
   * spec's Install; Chromium and WebKit) or once it is `installed` and waiting (Firefox
   * ESR 153, measured by test/browser/lifecycle.test.ts). See profiles.ts.
   * @default 'installing'
   */
  updateResolvesWhen?: 'installing' | 'installed';
  /**
   * Which comes first when a waiting worker activates over an active one: the old worker
   * turning `redundant` while the registration still shows the new one waiting (the
   * spec's Activate; Chromium and WebKit), or the new one becoming the registration's
   * active worker and `activating`, and only then the old one `redundant` (Firefox ESR
   * 153, measured by test/browser/lifecycle.test.ts). See profiles.ts.
   * @default 'retireFirst'
   */
  activationOrder?: 'retireFirst' | 'activateFirst';
  /**
   * What a page's `location.reload()` does once a reload of that page was cancelled in
   * its `beforeunload` prompt (`FakeTab.cancelsReloads`): it reloads (Chromium), or it
   * is ignored, with no prompt (Firefox ESR 153, where a navigation to a URL still works;
   * measured by test/browser/depart.test.ts). See profiles.ts.
   * @default 'reloads'
   */
  reloadAfterCancel?: 'reloads' | 'ignored';
  /**
   * Start each page's client message queue at DOMContentLoaded, as HTML does. With
   * false, worker → page messages wait until the page calls `startMessages()` (or sets
   * `onmessage`), which checks that the code under test does so.
   * @default true
   */
  autoStartMessages?: boolean;
  /** localStorage and sessionStorage are unavailable (undefined), as in some privacy modes. @default false */
  blockStorage?: boolean;
  /**
   * Passed to broadcast-channel by every page. By default each page gets the fake's own
   * transport (channel.ts: like broadcast-channel's `simulate`, 5 ms, but per browser and
   * aware of crashed pages); with other options `FakeTab.crash()` cannot silence a
   * crashed page's channel traffic.
   * @default the fake browser's transport
   */
  channelOptions?: BroadcastChannelOptions;
  /**
   * The fake's own transport polls, as broadcast-channel over IndexedDB (every 150 ms):
   * each page reads a message this many ms after it was sent, on its own timers, so a
   * hidden page reads it late (Web Locks still tell of a tab's end at once).
   * @default undefined (every message arrives after CHANNEL_DELAY_MS, as with BroadcastChannel)
   */
  pollChannelMs?: number;
  /**
   * Pages have `navigator.locks` (locks.ts), as in every engine the browser suite runs;
   * false models a context without Web Locks (the demo's `?locks=off`).
   * @default true
   */
  webLocks?: boolean;
  /**
   * The pages' `env.MessageChannel`, looked up when each page is created. Pass
   * `VirtualMessageChannel` (ports.ts) to deliver port messages with `setTimeout` (for
   * virtual clocks). @default globalThis.MessageChannel
   */
  MessageChannel?: typeof MessageChannel;
  /**
   * How late the timers of hidden tabs run (late-timers.ts; each engine's in
   * profiles.ts). Undefined: on time, as in a visible tab.
   * @default undefined
   */
  hiddenTimers?: HiddenTimerModel;
}

/** Labels of a registration's workers, for compact assertions. */
export interface RegistrationSummary {
  readonly scope: string;
  readonly installing: string | null;
  readonly waiting: string | null;
  readonly active: string | null;
}

export function createFakeBrowser(options: FakeBrowserOptions = {}): FakeBrowser {
  return new FakeBrowser(options);
}

export class FakeBrowser {
  readonly #ua: UserAgent;
  #nextTabId = 1;

  constructor({
    origin = 'https://app.test',
    activationDelayMs = 0,
    updateResolvesWhen = 'installing',
    activationOrder = 'retireFirst',
    reloadAfterCancel = 'reloads',
    autoStartMessages = true,
    blockStorage = false,
    channelOptions,
    pollChannelMs,
    webLocks = true,
    MessageChannel,
    hiddenTimers,
  }: FakeBrowserOptions = {}) {
    if (hiddenTimers !== undefined) installLateTimers();
    const normalized = new URL(origin).origin;
    this.#ua = new UserAgent({
      origin: normalized,
      activationDelayMs,
      updateResolvesWhen,
      activationOrder,
      reloadAfterCancel,
      autoStartMessages,
      blockStorage,
      channelOptions,
      pollChannelMs,
      webLocks,
      MessageChannel,
      hiddenTimers,
    });
  }

  get origin(): string {
    return this.#ua.options.origin;
  }

  /** The origin's localStorage, shared by every tab. */
  get localStorage(): FakeStorage {
    return this.#ua.localStorage;
  }

  /** Serves `script` at `scriptURL` from now on; every deploy is a new script version. */
  deploy(scriptURL: string, script: WorkerScript, label?: string): Deployment {
    return this.#ua.server.deploy(scriptURL, script, label);
  }

  /** Channel messages sent and delivered between this browser's pages so far, by kind. */
  get channelTraffic(): ChannelTraffic {
    const { sent, delivered } = this.#ua.channels.traffic;
    return { sent: { ...sent }, delivered: { ...delivered } };
  }

  /** Every script request the browser made (registrations, update checks, navigations). */
  get scriptRequests(): readonly string[] {
    return this.#ua.server.requests;
  }

  /** Opens a tab and navigates it to `url` (relative to the origin). */
  openTab(url = '/', options: OpenTabOptions = {}): FakeTab {
    return new FakeTab(this.#ua, this.#nextTabId++, new URL(url, this.origin + '/').href, options);
  }

  /** Open tabs, in opening order. */
  get tabs(): readonly FakeTab[] {
    return [...this.#ua.tabs];
  }

  /** Every worker ever created, in creation order (redundant ones included). */
  get workers(): readonly FakeWorkerInfo[] {
    return [...this.#ua.workers];
  }

  /** The most recent worker created from the deployment labelled `label`. */
  worker(label: string): FakeWorkerInfo | undefined {
    return this.#ua.workers.findLast((worker) => worker.label === label);
  }

  get registrations(): readonly FakeRegistrationInfo[] {
    return [...this.#ua.registrations.values()];
  }

  /** The registration for `scope` (default: the origin's root scope). */
  registration(scope = '/'): FakeRegistrationInfo | undefined {
    return this.#ua.registrations.get(new URL(scope, this.origin + '/').href);
  }

  /** Labels of the registration's installing, waiting and active workers. */
  inspect(scope = '/'): RegistrationSummary | undefined {
    const registration = this.registration(scope);
    if (registration === undefined) return undefined;
    const label = (worker: FakeWorkerInfo | null): string | null => worker?.label ?? null;
    return {
      scope: registration.scope,
      installing: label(registration.installing),
      waiting: label(registration.waiting),
      active: label(registration.active),
    };
  }

  /**
   * Stops every running worker that has no pending events, as browsers do with idle
   * workers (Chromium after ~30 s): the next event re-runs the script in a fresh scope,
   * so state kept in worker globals is lost. Returns how many were stopped.
   */
  stopIdleWorkers(): number {
    const idle = this.#ua.workers.filter((worker) => worker.running && worker.hasNoPendingEvents);
    idle.forEach(terminateWorker);
    return idle.length;
  }

  /**
   * Waits until the browser has no task or delay pending. Timers of the code under test
   * are not seen: pass `quietMs` (e.g. 20 for broadcast-channel) or use `waitFor`.
   */
  settle(options?: SettleOptions): Promise<void> {
    return this.#ua.scheduler.settle(options);
  }

  /** Resolves once `predicate()` is truthy; rejects after `timeout` ms (default `WAIT_TIMEOUT`). */
  waitFor(predicate: () => unknown, options?: WaitOptions): Promise<void> {
    return waitFor(predicate, options);
  }

  /** Closes every tab (page cleanups run), stops every worker, and settles. */
  async closeAll(): Promise<void> {
    await Promise.all(this.#ua.tabs.map((tab) => tab.close()));
    this.#ua.workers.forEach(terminateWorker);
    await this.settle();
  }
}
