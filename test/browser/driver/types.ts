/**
 * The tab driver: what the browser suite and the bench need of a browser, written once,
 * with one backend per engine (chromium.ts, firefox.ts, webkit.ts). Scenarios talk to
 * tabs only through this, so each runs unchanged in every engine that has what it needs.
 */

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/**
 * Powers only some engines give a test. A scenario that needs one is marked for the
 * engines that have it and reported as not applicable (with the reason) in the others.
 */
export interface EnginePowers {
  /** Crash a tab's renderer (CDP `Page.crash`): a tab that dies without pagehide or BYE. */
  crash?: (tab: Tab) => Promise<void>;
  /** Freeze and thaw a tab (CDP `Page.setWebLifecycleState`). */
  freeze?: (tab: Tab, frozen: boolean) => Promise<void>;
  /** Why the back/forward cache did not keep or restore a tab (CDP `Page.backForwardCacheNotUsed`), collected while `during` runs. */
  backForwardCacheReasons?: (tab: Tab, during: () => Promise<void>) => Promise<string[]>;
  /**
   * Opens a tab whose page runs `script` before any of its own, and returns without
   * waiting for its load (to look at a page before DOMContentLoaded).
   */
  preload?: (context: Context, url: string, script: string) => Promise<Tab>;
  /**
   * From now on, answer the tab's `beforeunload` prompts "Stay" (its page asked, and the
   * user had interacted with it), so a reload leaves the page where it is.
   */
  stayOnBeforeUnload?: (tab: Tab) => Promise<void>;
  /** Make a background tab the visible one. WebKitGTK's WebDriver cannot select a tab. */
  bringToFront?: true;
  /** A fresh context while another one is open (WebKitWebDriver allows one session at a time). */
  concurrentContexts?: true;
}

/** Why a power is missing, per engine: printed when a scenario is not applicable. */
export const MISSING_POWER: Record<keyof EnginePowers, string> = {
  crash: 'no way to crash a renderer from the test (CDP Page.crash is Chromium only)',
  freeze: 'no way to freeze a tab from the test (CDP Page.setWebLifecycleState is Chromium only)',
  backForwardCacheReasons: 'the engine does not report why it skipped the back/forward cache (CDP only)',
  preload:
    "classic WebDriver has no script that runs before the page's own, and its navigation waits for the load event",
  stayOnBeforeUnload:
    'WebKitWebDriver shows no beforeunload prompt to answer: a page whose beforeunload handler asked, after text was typed into it, reloaded',
  bringToFront:
    "WebKitGTK's WebDriver cannot select a tab of the window (switching windows leaves the visible tab as it is)",
  concurrentContexts: 'WebKitWebDriver runs one session (context) at a time',
};

export interface Engine {
  readonly name: EngineName;
  /** Browser name and version as the engine reports it, e.g. "Chrome/156.0.8078.108". */
  readonly version: string;
  readonly powers: EnginePowers;
  /** A context with its own storage and service-worker registrations; its first tab is in front. */
  newContext(): Promise<Context>;
  /** Closes every context and the browser; never throws (teardown must not fail a test). */
  close(): Promise<void>;
}

export interface Context {
  /** Tabs opened in this context, in order (closed ones included, `closed` set). */
  readonly tabs: readonly Tab[];
  /**
   * Opens a tab at `url` and waits for its load event. Like a user opening a tab: the
   * new tab comes to the front and the others are hidden (WebKit: only the first tab
   * of the window is ever visible, see EnginePowers.bringToFront).
   */
  newTab(url: string): Promise<Tab>;
  /** Never throws. */
  close(): Promise<void>;
}

/** A function run in the page: its source is sent, so it must not close over Node values. */
export type PageFunction<A extends unknown[], T> = (...args: A) => T | Promise<T>;

export interface Tab {
  /** Index in its context's `tabs`. */
  readonly index: number;
  readonly closed: boolean;
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /**
   * Runs `fn(...args)` in the page (or evaluates an expression given as a string) and
   * returns its JSON-serialisable result, awaited if it is a promise.
   */
  evaluate<A extends unknown[], T>(fn: PageFunction<A, T> | string, ...args: A): Promise<T>;
  /** Reloads and waits for the load event. */
  reload(): Promise<void>;
  /** Goes back in history (the page may come from the back/forward cache; no load event is awaited). */
  back(): Promise<void>;
  /**
   * Empties the field and types `text` into it, key by key, as a user would: in the tab
   * in front (the tab comes to the front first where the engine can do that).
   */
  type(selector: string, text: string): Promise<void>;
  /** Clicks the element, in the tab in front like type(); `a >>> b` looks for `b` inside the open shadow root of `a`. */
  click(selector: string): Promise<void>;
  /** Makes this tab the visible one (needs EnginePowers.bringToFront). */
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** In the page: finds `a >>> b` (b inside a's open shadow root), or a plain selector. */
export function deepQuery(selector: string): Element | null {
  let scope: Document | ShadowRoot | null = document;
  let found: Element | null = null;
  for (const part of selector.split('>>>').map((s) => s.trim())) {
    if (scope === null) return null;
    found = scope.querySelector(part);
    scope = found?.shadowRoot ?? null;
  }
  return found;
}
