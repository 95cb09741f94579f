/**
 * The simulated apps: one fake browser (one origin) with one or more apps, each with its
 * own worker and scope; tabs that each run the real coordinator over their page's fake
 * environment (a reload is a new page and a new coordinator), the real worker module in
 * the fake workers, and the bookkeeping the invariants need. Every user action goes
 * through here so it is recorded the same way in every run.
 */
import { createCoordinator } from '../../src/page/coordinator.js';
import type { InspectionEvent } from 'xstate';
import { listenEarly } from '../../src/page/early-events.js';
import type { UpdateCoordinator, UpdateCoordinatorOptions, UpdatePolicy } from '../../src/page/types.js';
import { handleUpdates } from '../../src/worker/index.js';
import {
  createFakeBrowser,
  ENGINE_PROFILES,
  type EngineProfileName,
  type FakeBrowser,
  type FakeEnvironment,
  type FakeTab,
  type FakeServiceWorker,
  type WorkerScript,
  VirtualMessageChannel,
} from '../fakes/index.js';
import { checkApplied, checkPromptStart, checkReload, type Violation } from './invariants.js';

export interface PageRecord {
  readonly tab: TabRecord;
  /** 1 for the tab's first page, +1 per navigation. */
  readonly n: number;
  readonly env: FakeEnvironment;
  readonly updates: UpdateCoordinator;
  /** Id of the worker controlling the page when its script ran (0: uncontrolled). */
  readonly loadController: number;
  /** Virtual ms when its script ran. */
  readonly loadedAt: number;
  /** Holds taken by the simulated user in this page, by hold number. */
  readonly holds: Map<number, Hold>;
  /** Virtual ms when it last came back from the back/forward cache (it rejoins the group then). */
  rejoinedAt?: number;
  presenting: boolean;
  errors: number;
}

export interface Hold {
  readonly release: () => void;
  /** Virtual ms when it was taken. */
  readonly at: number;
}

/** One app on the origin: its scope, its deploys and what its users did. */
export interface AppRecord {
  /** 'A', 'B', …; '' when the world has a single app (its logs read as before). */
  readonly name: string;
  /** Path of its scope, e.g. '/a/'; its worker is `<base>sw.js`, its tabs open at `<base>`. */
  readonly base: string;
  readonly scriptURL: string;
  /** Every version string it deployed: another app's version in its tabs is a violation. */
  readonly versions: Set<string>;
  readonly accepts: Accept[];
  /** The last effective dismissal: which version, snoozed until when (virtual ms). */
  snoozed: { version?: string; until: number } | undefined;
}

export interface TabRecord {
  readonly name: string;
  readonly app: AppRecord;
  readonly tab: FakeTab;
  page?: PageRecord;
  /** Active worker id at each effective `env.reload()` of this tab's pages. */
  readonly reloadedOnto: number[];
}

/** An accept the simulated user made while the accepting tab showed an update. */
export interface Accept {
  readonly at: number;
  readonly tab: string;
  /** The worker of the version the accepting tab showed (else the one waiting then). */
  readonly workerId: number;
  readonly force: boolean;
  /**
   * The pages in the group then: the ones that can know of this accept (the others
   * never heard it). A page that goes into the back/forward cache leaves the group and
   * stops being one: it comes back as a newcomer.
   */
  readonly witnesses: Set<PageRecord>;
}

export type Broken = '404' | 'syntax' | 'install-rejects' | 'throws';

export interface WorldOptions {
  checkInterval: number;
  snooze: number;
  activationDelayMs: number;
  /** The engine the fake browser behaves as (test/fakes/profiles.ts); it sets the activation delay. */
  engine?: EngineProfileName;
  /** Scope paths of the apps on the origin. @default ['/'] */
  apps?: readonly string[];
  /** The coordinators' update policy. @default 'prompt' */
  policy?: UpdatePolicy;
  /** The `'idle'` policy's delay. @default the library's */
  idleDelay?: number;
  /**
   * Pages have Web Locks (a tab's end is known at once), as in every engine; without
   * them the roll call finds dead tabs, its slower bound.
   * @default true
   */
  webLocks?: boolean;
}

const goodWorker =
  (version: string): WorkerScript =>
  (scope) =>
    handleUpdates({ version }, scope);

const brokenWorkers: Record<Broken, WorkerScript> = {
  '404': { status: 404 },
  syntax: { syntaxError: true },
  'install-rejects': (scope) =>
    scope.addEventListener('install', (event) => event.waitUntil(Promise.reject(new Error('precache failed')))),
  throws: () => {
    throw new Error('top-level error');
  },
};

export class World {
  readonly browser: FakeBrowser;
  readonly apps: readonly AppRecord[];
  readonly tabs: TabRecord[] = [];
  readonly violations: Violation[] = [];
  /** Set by the runner: which step is executing, for violation reports. */
  step = 0;
  #versions = 0;
  #holds = 0;

  constructor(readonly options: WorldOptions) {
    this.browser = createFakeBrowser({
      activationDelayMs: options.activationDelayMs,
      ...(options.engine === undefined ? {} : ENGINE_PROFILES[options.engine]),
      MessageChannel: VirtualMessageChannel as unknown as typeof MessageChannel,
      webLocks: options.webLocks ?? true,
    });
    const bases = options.apps ?? ['/'];
    this.apps = bases.map((base, i) => ({
      name: bases.length === 1 ? '' : String.fromCharCode(65 + i),
      base,
      scriptURL: `${base}sw.js`,
      versions: new Set<string>(),
      accepts: [],
      snoozed: undefined,
    }));
  }

  /** The first app's accepts (the only app in most worlds). */
  get accepts(): Accept[] {
    return this.apps[0]!.accepts;
  }

  /** The first app's last effective dismissal. */
  get snoozed(): AppRecord['snoozed'] {
    return this.apps[0]!.snoozed;
  }

  /** The app's registration in the fake browser. */
  registration(app: AppRecord) {
    return this.browser.registration(app.base);
  }

  get live(): TabRecord[] {
    return this.tabs.filter((t) => !t.tab.closed);
  }

  /** Live pages: the current page of each live tab, once its script ran. */
  get pages(): PageRecord[] {
    return this.live.flatMap((t) => {
      const page = current(t);
      return page ? [page] : [];
    });
  }

  violate(invariant: string, detail: string): void {
    this.violations.push({ invariant, detail, step: this.step, at: Date.now() });
  }

  /** The user navigates away from `tab`; its page goes into the back/forward cache. */
  goAway(tab: TabRecord): void {
    const page = current(tab);
    if (page !== undefined) for (const accept of tab.app.accepts) accept.witnesses.delete(page);
    void tab.tab.goAwayIntoCache();
  }

  /** Deploys a new good version of `app` (versions are numbered across apps, named per app). */
  deployGood(app = this.apps[0]!): string {
    const version = `${app.name.toLowerCase()}${++this.#versions}`;
    app.versions.add(version);
    this.browser.deploy(app.scriptURL, goodWorker(version), `v${version}`);
    return `v${version}`;
  }

  deployBroken(kind: Broken, app = this.apps[0]!): void {
    this.browser.deploy(app.scriptURL, brokenWorkers[kind], `broken-${kind}`);
  }

  /**
   * Opens a tab of `app`. A visible one comes to the front of the one window: the tab
   * that was there is hidden, as users have tabs (one in front, the others hidden, their
   * timers late as the engine's profile says).
   */
  open(visible: boolean, app = this.apps[0]!): TabRecord {
    if (visible) this.#hideOthers(undefined);
    const name = `${app.name ? `${app.name}.` : ''}T${this.tabs.length + 1}`;
    const record = { name, app, reloadedOnto: [] } as unknown as { -readonly [K in keyof TabRecord]: TabRecord[K] };
    this.tabs.push(record);
    record.tab = this.browser.openTab(app.base, { visible, onLoad: (env) => this.#load(record, env) });
    return record;
  }

  #load(tab: TabRecord, env: FakeEnvironment) {
    const controller = env.serviceWorker.controller as FakeServiceWorker | null;
    const page = {
      tab,
      env,
      n: (tab.page?.n ?? 0) + 1,
      loadController: controller?.record.id ?? 0,
      loadedAt: Date.now(),
    } as PageRecord;
    Object.assign(page, { holds: new Map(), presenting: false, errors: 0 });
    const options: UpdateCoordinatorOptions = {
      scriptURL: tab.app.scriptURL,
      checkInterval: this.options.checkInterval,
      snooze: this.options.snooze,
      onPrompt: (prompt) => {
        checkPromptStart(this, page, prompt.version);
        page.presenting = true;
        return () => void (page.presenting = false);
      },
      onError: () => void page.errors++,
      policy: this.options.policy,
      idleDelay: this.options.idleDelay,
      inspect: (event) => this.#notePolicyAccept(page, event),
    };
    const reload = env.reload;
    const wrapped = {
      ...env,
      reload: () => {
        // Only the current page of a live tab reloads for real; a crashed page cannot.
        if (current(tab) === page) checkReload(this, page);
        reload();
      },
    };
    Object.assign(page, { updates: createCoordinator(options, wrapped, listenEarly(wrapped)) });
    const before = tab.page;
    page.updates.on('update-applied', ({ previousVersion }) => checkApplied(this, page, before, previousVersion));
    tab.page = page;
    return () => page.updates.destroy();
  }

  /** The user brings `tab` to the front: the tab that was there is hidden. */
  show(tab: TabRecord): void {
    this.#hideOthers(tab);
    void tab.tab.show();
  }

  /** The user goes back in `tab` (its page leaves the back/forward cache), in front. */
  goBack(tab: TabRecord): void {
    const page = current(tab);
    if (page !== undefined) page.rejoinedAt = Date.now();
    this.#hideOthers(tab);
    void tab.tab.goBack();
  }

  #hideOthers(front: TabRecord | undefined): void {
    for (const other of this.live) if (other !== front && other.tab.visible) void other.tab.hide();
  }

  /** Runs `fn` as the code of `tab`'s page (the user clicks there): its timers are that page's. */
  #inPage<T>(tab: TabRecord, fn: () => T): T {
    return tab.tab.runInPage(fn);
  }

  /** The app's code in `tab` checks for an update. */
  check(tab: TabRecord): void {
    const updates = current(tab)?.updates;
    if (updates !== undefined) void this.#inPage(tab, () => updates.checkForUpdate());
  }

  close(tab: TabRecord): void {
    void tab.tab.close();
  }

  /**
   * Crash: the fake drops the page at once (no pagehide, no cleanup) and silences its
   * channel, worker messages, reloads and update calls. Its coordinator's timers would
   * keep running in this process, so it is destroyed too; with every output of the
   * page silenced, that is indistinguishable from its script simply stopping.
   */
  crash(tab: TabRecord): void {
    tab.tab.crash();
    void tab.page?.updates.destroy();
  }

  /** Effective when the tab shows an update (available / snoozed), or forces a blocked one. */
  accept(tab: TabRecord, force: boolean): boolean {
    const updates = current(tab)?.updates;
    if (updates === undefined) return false;
    const { status, waitingVersion } = updates.getSnapshot();
    const effective = status === 'available' || status === 'snoozed' || (force && status === 'blocked');
    // The update the user accepts is the one this tab shows (its waiting version),
    // which is not always what the browser has waiting by then.
    const { app } = tab;
    const registration = this.registration(app);
    const worker =
      this.browser.workers.findLast((w) => waitingVersion !== undefined && w.label === `v${waitingVersion}`) ??
      registration?.waiting ??
      registration?.installing;
    if (effective && worker) this.#recordAccept(tab, worker.id, force);
    this.#inPage(tab, () => updates.accept({ force }));
    return effective;
  }

  #recordAccept(tab: TabRecord, workerId: number, force: boolean): void {
    const { app } = tab;
    // Only pages in the group can hear an accept: a page whose registration failed has
    // left it (it cannot present or apply) until a retry succeeds, and a page in the
    // back/forward cache until it is shown again. A page that loaded in the same
    // millisecond counts as loaded after the accept, as the coordinator breaks that tie
    // (the virtual clock runs many steps in one millisecond; real ones rarely do).
    const witnesses = new Set(
      this.pages.filter(
        (page) =>
          page.tab.app === app &&
          page.updates.getSnapshot().status !== 'failed' &&
          !page.tab.tab.cached &&
          page.loadedAt < Date.now(),
      ),
    );
    app.accepts.push({ at: Date.now(), tab: tab.name, workerId, force, witnesses });
  }

  /**
   * The policy accepted for the user: `'auto'` when a tab took a waiting worker as
   * accepted (WORKER_WAITING led to `blocked` or `activating`), `'idle'` when the
   * leader's countdown ran out and the accept went through. Recorded like a user's
   * accept, of the worker the tab saw waiting, so the invariants hold policies to the
   * same rules (no reload without an accept, holds block every tab).
   */
  #notePolicyAccept(page: PageRecord, inspection: InspectionEvent): void {
    if (inspection.type !== '@xstate.microstep') return;
    const { event } = inspection;
    const policy = this.options.policy;
    if (
      !(policy === 'auto' && event.type === 'WORKER_WAITING') &&
      !(policy === 'idle' && event.type === 'IDLE_ELAPSED')
    )
      return;
    const snapshot = inspection.snapshot as unknown as { matches(value: unknown): boolean };
    // After WORKER_WAITING the context holds the version that event reported.
    const applying = ['blocked', 'activating'].some((status) => snapshot.matches({ running: { lifecycle: status } }));
    if (!applying) return;
    const version = (inspection.snapshot as unknown as { context: { waitingVersion?: string } }).context.waitingVersion;
    const registration = this.registration(page.tab.app);
    const worker =
      this.browser.workers.findLast((w) => version !== undefined && w.label === `v${version}`) ?? registration?.waiting;
    if (worker) this.#recordAccept(page.tab, worker.id, false);
  }

  /** Effective only while the update is available in that tab (the machine ignores it otherwise). */
  dismiss(tab: TabRecord): boolean {
    const updates = current(tab)?.updates;
    if (updates === undefined) return false;
    const snapshot = updates.getSnapshot();
    const effective = snapshot.status === 'available';
    if (effective) tab.app.snoozed = { version: snapshot.waitingVersion, until: Date.now() + this.options.snooze };
    this.#inPage(tab, () => updates.dismiss());
    return effective;
  }

  hold(tab: TabRecord): number | undefined {
    const page = current(tab);
    if (page === undefined) return undefined;
    const id = ++this.#holds;
    page.holds.set(id, { release: this.#inPage(tab, () => page.updates.hold(`sim hold ${id}`)), at: Date.now() });
    return id;
  }

  release(page: PageRecord, id: number): void {
    const hold = page.holds.get(id);
    page.holds.delete(id); // first: releasing may reload the page at once
    if (hold !== undefined) this.#inPage(page.tab, hold.release);
  }

  /** Ends the run: destroys every live coordinator so nothing outlives the scenario. */
  destroyAll(): void {
    for (const page of this.pages) void page.updates.destroy();
  }
}

/** The tab's page whose script ran and that is still its document (not mid-navigation, not gone). */
export function current(tab: TabRecord): PageRecord | undefined {
  const page = tab.page;
  return page !== undefined && !tab.tab.closed && page.env === tab.tab.env ? page : undefined;
}
