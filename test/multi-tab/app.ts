/**
 * A multi-tab app on the fake browser: every tab runs the real coordinator (the shell,
 * then its core once the page has loaded) over its own fake environment, and the real worker module runs inside the fake workers.
 * Records what the app's callbacks saw, per tab and across tabs.
 */
import { BroadcastChannel } from 'broadcast-channel';
import { createCoordinator } from '../../src/page/coordinator.js';
import { channelName } from '../../src/page/group/group.js';
import { createShell, type CoreModule } from '../../src/page/shell.js';
import type { UpdateCoordinator, UpdateCoordinatorOptions, UpdatePrompt } from '../../src/page/types.js';
import type { UpdateEventMap, UpdateEventType } from '../../src/page/update-events.js';
import { handleUpdates } from '../../src/worker/index.js';
import { type GroupMessage } from '../../src/protocol/messages.js';
import { isGroupMessage } from '../../src/protocol/checks.js';
import {
  createFakeBrowser,
  ENGINE_PROFILES,
  type FakeBrowser,
  type FakeBrowserOptions,
  type FakeTab,
  type WorkerScript,
  type WorkerScriptBody,
} from '../fakes/index.js';

export interface TabRecord {
  tab: FakeTab;
  /** The coordinator of the tab's current page. */
  updates?: UpdateCoordinator;
  prompts: number;
  cleanups: number;
  /** The prompt this tab presents right now. */
  prompt?: UpdatePrompt;
  errors: Error[];
  /** Lifecycle events (`on`) heard by every page of this tab, in order, with the page's load number. */
  events: Array<UpdateEventMap[UpdateEventType] & { load: number }>;
  /** Registrations passed to `onRegistered` by every page of this tab. */
  registered: unknown[];
  /** Worker → page messages of type RELOAD received by any page of this tab. */
  reloadMessages: unknown[];
  /** Pages of this tab whose coordinator core has started (the shell loads it after `load`). */
  coresStarted: number;
}

/** Options of a tab `open()`s. */
export interface OpenOptions {
  /**
   * The shell of each page loads the core only after the page's load event and this
   * promise (as a slow network delays the core's chunk). @default resolved
   */
  coreAfter?: Promise<unknown>;
}

/** A worker script of the given version that uses our worker module. */
export const goodWorker =
  (version: string): WorkerScriptBody =>
  (scope) =>
    handleUpdates({ version }, scope);

/** A worker that installs fine and then fails its install step. */
export const failingWorker: WorkerScript = (scope) =>
  scope.addEventListener('install', (event) => event.waitUntil(Promise.reject(new Error('precache failed'))));

const EVENT_TYPES: readonly UpdateEventType[] = ['update-found', 'update-ready', 'update-failed', 'update-applied'];

const isCrashed = (record: TabRecord): boolean => (record.tab as unknown as { crashed?: boolean }).crashed === true;

export interface AppOptions {
  browser?: FakeBrowserOptions;
  coordinator?: Partial<UpdateCoordinatorOptions>;
  /**
   * The app's path on the origin: its worker is `<base>sw.js` (scope `<base>`) and its
   * tabs open at `<base>`. @default '/'
   */
  base?: string;
  /** Another app's fake browser, to run this app beside it on the same origin. */
  on?: FakeBrowser;
  /** The worker script of each version `deploy()` serves. @default goodWorker */
  worker?: (version: string) => WorkerScript;
}

/**
 * Hidden tabs' timers run late as in Firefox (at most once a second, 0 ms ones too): of
 * the measured engines, the one where the most timers wait (test/fakes/profiles.ts).
 */
export const HIDDEN_TIMERS = ENGINE_PROFILES.firefox.hiddenTimers;

export function createApp(options: AppOptions = {}) {
  const browser = options.on ?? createFakeBrowser({ hiddenTimers: HIDDEN_TIMERS, ...options.browser });
  const base = options.base ?? '/';
  const scriptURL = `${base}sw.js`;
  const worker = options.worker ?? goodWorker;
  const records: TabRecord[] = [];
  let presenting = 0;
  let maxPresenting = 0;
  let offlineReady = 0;

  /**
   * Opens a tab, as users do in one window: a visible one comes to the front and the tab
   * that was there is hidden (its timers then run late).
   */
  function open(url = base, visible = true, { coreAfter }: OpenOptions = {}): TabRecord {
    if (visible) for (const tab of browser.tabs) if (tab.visible) void tab.hide();
    const record: TabRecord = {
      tab: undefined as unknown as FakeTab,
      prompts: 0,
      cleanups: 0,
      errors: [],
      events: [],
      registered: [],
      reloadMessages: [],
      coresStarted: 0,
    };
    let pages = 0;
    record.tab = browser.openTab(url, {
      visible,
      onLoad(env) {
        env.serviceWorker.addEventListener('message', (event) => {
          const data = (event as MessageEvent).data as { type?: unknown } | undefined;
          if (data?.type === 'RELOAD') record.reloadMessages.push(data);
        });
        // The public entry's shell, with the core imported in-process instead of as a chunk.
        const loadCore = async (): Promise<CoreModule> => {
          await coreAfter;
          return {
            startCore(coreOptions, early) {
              record.coresStarted++;
              return createCoordinator(coreOptions, env, early);
            },
          };
        };
        const updates = createShell(
          {
            scriptURL,
            onPrompt(prompt) {
              record.prompts++;
              record.prompt = prompt;
              maxPresenting = Math.max(maxPresenting, ++presenting);
              return () => {
                record.cleanups++;
                record.prompt = undefined;
                presenting--;
              };
            },
            onOfflineReady: () => void offlineReady++,
            onError: (error) => void record.errors.push(error),
            onRegistered: (registration) => void record.registered.push(registration),
            ...options.coordinator,
          },
          env,
          loadCore,
        );
        const load = ++pages;
        for (const type of EVENT_TYPES) updates.on(type, (event) => void record.events.push({ ...event, load }));
        record.updates = updates;
        return () => updates.destroy();
      },
    });
    records.push(record);
    return record;
  }

  const live = () => records.filter((record) => !record.tab.closed && !isCrashed(record));
  const status = (record: TabRecord) => record.updates?.getSnapshot().status;

  return {
    browser,
    records,
    open,
    live,
    status,
    deploy: (version: string, script: WorkerScript = worker(version)) =>
      browser.deploy(scriptURL, script, `v${version}`),
    /** This app's registration, by worker label. */
    inspect: () => browser.inspect(base),
    /** Tabs presenting now / at most at once since the start. */
    presenting: () => presenting,
    maxPresenting: () => maxPresenting,
    offlineReady: () => offlineReady,
    presenter: () => live().find((record) => record.prompt !== undefined),
    /** Waits until every live tab's status is one of `statuses`. */
    allIn: (...statuses: string[]) =>
      browser.waitFor(() => live().every((record) => statuses.includes(status(record) ?? '')), {
        message: `tabs did not all reach ${statuses.join('/')}: ${live().map(status).join(', ')}`,
      }),
    /** Closes every tab of the browser (of every app on it). */
    close: () => browser.closeAll(),
  };
}

export type App = ReturnType<typeof createApp>;

/** v1 installed and controlling `count` fresh tabs, with a leader elected. */
export function controlledApp(count: number, options: AppOptions = {}): Promise<App> {
  return openControlled(createApp(options), count);
}

/**
 * Installs v1 in `app` and opens `count` tabs it controls, each in front as it opens (or,
 * `visible: false`, each in the background); resolves once a leader is elected.
 */
export async function openControlled(app: App, count: number, { visible = true } = {}): Promise<App> {
  app.deploy('1');
  const first = app.open();
  await app.browser.waitFor(() => app.inspect()?.active === 'v1');
  await first.tab.close();
  for (let i = 0; i < count; i++) app.open(undefined, visible);
  await app.allIn('idle');
  await app.browser.waitFor(() => app.live().every((r) => r.tab.controller?.label === 'v1'));
  await app.browser.waitFor(() => app.live().some((r) => r.updates?.getSnapshot().isLeader));
  return app;
}

/** Deploys `version`, has a tab check, and waits until it is waiting and presented. */
export async function waitingUpdate(app: App, version: string): Promise<void> {
  app.deploy(version);
  await app.live()[0]!.updates!.checkForUpdate();
  await app.browser.waitFor(() => app.inspect()?.waiting === `v${version}`);
  await app.allIn('available');
  await app.browser.waitFor(() => app.presenting() === 1, { message: 'nobody presents' });
}

/**
 * A page of the same origin listening on the app's group channel, as any tab could;
 * `onHeard` is called with each message as it arrives.
 */
export async function listenToGroup(app: App, onHeard: (message: GroupMessage) => void = () => {}) {
  const heard: GroupMessage[] = [];
  let channel: BroadcastChannel<unknown> | undefined;
  const tab = app.browser.openTab('/elsewhere', {
    visible: false,
    onLoad(env) {
      channel = new BroadcastChannel<unknown>(channelName(new URL('/', env.href).href), env.channelOptions);
      channel.onmessage = (data) => {
        if (!isGroupMessage(data)) return;
        heard.push(data);
        onHeard(data);
      };
      return () => void channel?.close();
    },
  });
  await app.browser.waitFor(() => channel !== undefined, { message: 'the listening page did not load' });
  return {
    heard,
    post: (message: GroupMessage) => tab.runInPage(() => channel!.postMessage(message)),
  };
}
