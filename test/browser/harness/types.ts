/**
 * What the browser tests hold of the demo app: a page's snapshot, the recorded events,
 * the app's tabs, the app, and the `Demo` that `useDemo()` returns.
 */
import type { FixtureServer, WorkerKind } from '../../fixtures/server.js';
import type { DemoEvent } from '../../fixtures/page-events.js';
import type { Context, Engine, Tab } from '../driver/index.js';

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
  type: DemoEvent['type'] | 'gone' | 'chart';
  page: number;
  tab: string;
  load: number;
  t: number;
  [field: string]: unknown;
}

export interface OpenOptions {
  /** Query string for the demo page, e.g. `checkInterval=500`. */
  query?: string;
  /** Path of the page (default `/`), e.g. `/a/` for a second app on the origin. */
  path?: string;
}

/** A tab of the app: the driver's tab, closed and crashed through the app so the log says so. */
export interface AppTab extends Tab {
  /** The value of a form field. */
  value(selector: string): Promise<string>;
  /** The text of an element (`a >>> b` looks inside a's shadow root). */
  text(selector: string): Promise<string>;
}

export interface App {
  readonly context: Context;
  readonly pages: AppTab[];
  /** Every event of every page of this app, in arrival order. */
  readonly events: RecordedEvent[];
  /** `load` events per page (1 = never reloaded). */
  loads(): number[];
  /** Indices of the pages that are neither closed nor crashed. */
  liveIndices(): number[];
  /** Opens one more tab on the demo page and waits for its coordinator to exist. */
  open(options?: OpenOptions): Promise<AppTab>;
  /** Opens an untracked tab (not in `pages`; its events have page -1). */
  bootstrap(options?: OpenOptions): Promise<AppTab>;
  /** Crashes a tab (needs the engine's `crash` power). */
  crash(page: number): Promise<void>;
  snapshot(page: AppTab | number): Promise<PageSnapshot | undefined>;
  snapshots(): Promise<Array<PageSnapshot | undefined>>;
  /** Runs `fn(window.__demo)` in a page. */
  run<T>(page: AppTab | number, fn: (demo: Window['__demo']) => T | Promise<T>): Promise<T>;
  /** The version of the worker that answers this page's fetches ("uncontrolled" if none of ours). */
  controllerVersion(page: AppTab | number): Promise<string>;
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
  readonly server: FixtureServer;
  readonly engine: Engine;
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
  /** A fresh context of the engine, closed after the test (for scenarios without the demo page). */
  context(): Promise<Context>;
}
