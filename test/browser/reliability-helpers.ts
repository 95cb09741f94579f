/**
 * Helpers of reliability.test.ts and demo.test.ts, on top of harness.ts: the usual
 * waits (one prompt, every tab on a version), page errors, the junk posted on the
 * app's channel, and a Chromium whose tabs really become hidden (see `realTabs`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DemoEvent } from '../../demo/app.js';
import { CHROMIUM_PATH, poll, type App, type PageSnapshot, type RecordedEvent } from './harness.js';

/** Waits until exactly one tab presents a prompt for `version`; returns that tab's index. */
export async function waitForPrompt(app: App, version: string): Promise<number> {
  const tab = await app.waitFor(`a prompt for version ${version}`, async () => {
    const presenters = app.presenters();
    if (presenters.length !== 1) return undefined;
    const [page] = presenters as [number];
    if (app.eventsOf('prompt', page).at(-1)?.version !== version) return undefined;
    return (await app.snapshot(page))?.isPrompting === true ? String(page) : undefined;
  });
  return Number(tab);
}

/** Waits until every live tab was loaded `loads[i]` times and rests idle on `version`, controlled by it. */
export async function waitForAllOn(app: App, version: string, loads: number[]): Promise<void> {
  await app.waitFor(`every tab idle on version ${version} with loads ${JSON.stringify(loads)}`, async () => {
    const now = app.loads();
    if (!app.liveIndices().every((i) => now[i] === loads[i])) return false;
    const snapshots = await app.snapshots();
    if (!snapshots.every((s) => s?.status === 'idle' && s.version === version)) return false;
    for (const i of app.liveIndices()) if ((await app.controllerVersion(i)) !== version) return false;
    return true;
  });
}

/** Statuses of every live tab. */
export async function statuses(app: App): Promise<Array<string | undefined>> {
  return (await app.snapshots()).map((s: PageSnapshot | undefined) => s?.status);
}

/** The `state` attribute of each tab's <sw-update-prompt> (hidden, available, blocked, updating). */
export async function promptStates(app: App): Promise<string[]> {
  return Promise.all(
    app.liveIndices().map((i) =>
      app.pages[i]!.evaluate(() => document.querySelector('sw-update-prompt')?.getAttribute('state') ?? 'missing'),
    ),
  );
}

/** Collects uncaught exceptions and unhandled rejections ('pageerror') of the given pages, reloads included. */
export function collectPageErrors(pages: readonly Page[]): string[] {
  const errors: string[] = [];
  pages.forEach((page, i) => page.on('pageerror', (error) => errors.push(`tab ${i}: ${error.message}`)));
  return errors;
}

/**
 * What the junk test posts, built in the page (structured clone keeps what JSON
 * cannot: a `__proto__` own key from JSON.parse, huge strings). `framed` items go out
 * in broadcast-channel's wrapper (`{ time, type: 'message', data }`, as its `_post`
 * frames them; see node_modules/broadcast-channel/dist/esbrowser/broadcast-channel.js),
 * so they reach the library's `onmessage`; `raw` items go out as they are (what any
 * other code on the origin might post on the channel name).
 */
export function junkInPage(): { framed: Array<[string, unknown]>; raw: Array<[string, unknown]> } {
  const ns = 'sw-update-coordinator';
  const big = 'x'.repeat(200_000);
  const tab = { visible: true, focusedAt: Date.now(), holds: 0 };
  const framed: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 42],
    ['a string', 'HELLO'],
    ['an array', [ns, 1, 'TAB']],
    ['an empty object', {}],
    ['no type', { ns, v: 1 }],
    ['an unknown type', { ns, v: 1, type: 'EXPLODE', tabId: 'junk' }],
    ['a prototype key as type', { ns, v: 1, type: 'toString', tabId: 'junk' }],
    ['__proto__ as type', { ns, v: 1, type: '__proto__', tabId: 'junk' }],
    ['TAB without fields', { ns, v: 1, type: 'TAB' }],
    ['TAB with negative holds', { ns, v: 1, type: 'TAB', tabId: 'junk-tab', ...tab, holds: -5 }],
    ['TAB with fractional holds', { ns, v: 1, type: 'TAB', tabId: 'junk-tab', ...tab, holds: 0.5 }],
    ['TAB with NaN focusedAt', { ns, v: 1, type: 'TAB', tabId: 'junk-tab', ...tab, focusedAt: Number.NaN }],
    ['ROSTER with junk tabs', { ns, v: 1, type: 'ROSTER', tabId: 'junk-leader', tabs: [null, 1, { tabId: 7 }] }],
    ['wrong namespace', { ns: 'someone-else', v: 1, type: 'ACCEPT', updateId: 'junk-accept' }],
    ['future version v:2 ACCEPT', { ns, v: 2, type: 'ACCEPT', updateId: 'junk-accept-v2', force: true }],
    ['future version v:2 GRANT', { ns, v: 2, type: 'GRANT', tabId: 'nobody', epoch: Date.now() + 1e9 }],
    ['v as a string', { ns, v: '1', type: 'DISMISS', until: Date.now() + 1e9 }],
    ['DISMISS with Infinity', { ns, v: 1, type: 'DISMISS', until: Number.POSITIVE_INFINITY }],
    ['ACCEPT with an object updateId', { ns, v: 1, type: 'ACCEPT', updateId: { toString: 'x' } }],
    ['ACCEPT with a huge updateId', { ns, v: 1, type: 'ACCEPT', updateId: big }],
    ['ACCEPT with a 300-character updateId', { ns, v: 1, type: 'ACCEPT', updateId: 'u'.repeat(300), force: true }],
    ['an oversized TAB', { ns, v: 1, type: 'TAB', tabId: 'junk-big', ...tab, padding: big }],
    ['a ROSTER of 1000 tabs', { ns, v: 1, type: 'ROSTER', tabId: 'junk-leader', tabs: Array.from({ length: 1000 }, (_, i) => ({ tabId: `junk-${i}`, ...tab, holds: 1 })) }],
    ['__proto__ from JSON', JSON.parse('{"__proto__": {"polluted": true}}')],
    [
      'a TAB with __proto__ from JSON',
      // Well-formed apart from the key: a hidden tab without holds (see the phantom-tab test).
      JSON.parse(`{"ns":"${ns}","v":1,"type":"TAB","tabId":"junk-proto","visible":false,"focusedAt":1,"holds":0,"__proto__":{"polluted":true,"holds":5,"visible":true}}`),
    ],
    ['constructor.prototype from JSON', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ];
  const raw: Array<[string, unknown]> = [
    ['raw null', null],
    ['raw undefined', undefined],
    ['raw number', 1],
    ['raw string', 'junk'],
    ['raw empty object', {}],
    ['raw message without wrapper', { ns, v: 1, type: 'ACCEPT', updateId: 'raw-accept' }],
    ['raw __proto__ from JSON', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['raw wrapper, unknown type', { time: Number.MAX_SAFE_INTEGER, type: 'nonsense', data: {} }],
    ['raw wrapper, internal junk', { time: Number.MAX_SAFE_INTEGER, type: 'internal', data: { context: 'leader', action: 'nonsense' } }],
    ['raw wrapper, internal null', { time: Number.MAX_SAFE_INTEGER, type: 'internal', data: null }],
  ];
  return { framed, raw };
}

/**
 * Posts junk on the app's channel from `page` with the native BroadcastChannel:
 * `framed` in broadcast-channel's wrapper (with a time after every listener's start),
 * `raw` as is. Returns the labels posted.
 */
export async function postJunk(page: Page, which: 'framed' | 'raw'): Promise<string[]> {
  return page.evaluate(
    async ({ source, which }) => {
      const channel = new BroadcastChannel(`sw-update-coordinator:${new URL('/', location.href).href}`);
      // eslint-disable-next-line no-new-func
      const junk = (new Function(`return (${source})`)() as typeof junkInPage)();
      const time = (Date.now() + 60_000) * 1000; // broadcast-channel's microseconds, in the future
      const labels: string[] = [];
      for (const [label, data] of junk[which]) {
        try {
          channel.postMessage(which === 'framed' ? { time, type: 'message', data } : data);
          labels.push(label);
        } catch (error) {
          labels.push(`${label} (not cloneable: ${String(error)})`);
        }
      }
      // Let the messages go out before the channel closes.
      await new Promise((done) => setTimeout(done, 100));
      channel.close();
      return labels;
    },
    { source: junkInPage.toString(), which },
  );
}

/** Posts well-formed protocol messages (envelope added) on the app's channel from `page`, framed as broadcast-channel does. */
export async function postMessages(page: Page, messages: Array<Record<string, unknown>>): Promise<void> {
  await page.evaluate(async (messages) => {
    const channel = new BroadcastChannel(`sw-update-coordinator:${new URL('/', location.href).href}`);
    const time = (Date.now() + 60_000) * 1000;
    for (const message of messages) {
      channel.postMessage({ time, type: 'message', data: { ns: 'sw-update-coordinator', v: 1, ...message } });
    }
    await new Promise((done) => setTimeout(done, 100));
    channel.close();
  }, messages);
}

/** `({}).polluted` and friends in every live tab: all must be undefined. */
export async function pollution(app: App): Promise<unknown[]> {
  return Promise.all(
    app.liveIndices().map((i) =>
      app.pages[i]!.evaluate(() => {
        const probe = {} as Record<string, unknown>;
        return [probe.polluted, (Object.prototype as Record<string, unknown>).polluted, (Object as unknown as Record<string, unknown>).polluted];
      }),
    ),
  );
}

// --- tabs that really go hidden --------------------------------------------------

/**
 * Tabs whose `document.visibilityState` follows which tab is in front, as in a real
 * window. Playwright turns on focus emulation (`Emulation.setFocusEmulationEnabled`)
 * for every page it creates, and Chromium keeps an emulated-focus page "visible"
 * (it counts as being captured): so in a normal Playwright context every tab reports
 * `visible`, whatever is in front. Connected over CDP with `noDefaults`, Playwright
 * leaves the browser's default context alone, and there headless Chromium hides a
 * tab when another one is activated (`page.bringToFront()`, a new tab). This
 * launches such a Chromium (its own profile, removed at close), with Chromium's
 * default background throttling (Playwright's launcher would turn it off).
 */
export interface RealTabs {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly pages: Page[];
  readonly events: RecordedEvent[];
  open(url: string): Promise<Page>;
  loads(): number[];
  presenters(): number[];
  maxConcurrentPresenters(): number;
  eventsOf(type: RecordedEvent['type'], page?: number): RecordedEvent[];
  visibility(): Promise<string[]>;
  close(): Promise<void>;
}

const REAL_TABS_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--remote-debugging-port=0',
];

export async function realTabs({ throttling = true }: { throttling?: boolean } = {}): Promise<RealTabs> {
  const profile = mkdtempSync(join(tmpdir(), 'sw-demo-tabs-'));
  const args = [...REAL_TABS_ARGS, `--user-data-dir=${profile}`];
  // What Playwright's launcher passes: timers of hidden tabs run on time.
  if (!throttling) args.push('--disable-background-timer-throttling');
  const proc: ChildProcess = spawn(CHROMIUM_PATH, [...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools endpoint:\n${output}`)), 20_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const context = browser.contexts()[0]!;
  const pages: Page[] = [];
  const events: RecordedEvent[] = [];
  const loadCounts = new Map<Page, number>();
  const gone = new Set<number>();
  await context.exposeBinding('__demoRecord', ({ page }, event: DemoEvent) => {
    events.push({ ...event, page: pages.indexOf(page) });
  });
  // The about:blank tab Chromium started with; closed once ours are open.
  const blank = context.pages();

  const presenting = (): { now: number[]; max: number } => {
    const shown = new Set<number>();
    let max = 0;
    for (const e of [...events].sort((a, b) => a.t - b.t)) {
      if (e.type === 'prompt') {
        if (shown.has(e.page)) max = Math.max(max, shown.size + 1);
        shown.add(e.page);
      }
      if (e.type === 'cleanup' || e.type === 'load' || e.type === 'gone') shown.delete(e.page);
      max = Math.max(max, shown.size);
    }
    return { now: [...shown], max };
  };

  return {
    browser,
    context,
    pages,
    events,
    async open(url) {
      const page = await context.newPage();
      const index = pages.push(page) - 1;
      loadCounts.set(page, 0);
      page.on('load', () => loadCounts.set(page, (loadCounts.get(page) ?? 0) + 1));
      page.on('close', () => {
        gone.add(index);
        events.push({ type: 'gone', page: index, tab: '?', load: 0, t: Date.now() });
      });
      await page.goto(url);
      await page.waitForFunction(() => window.__demo !== undefined);
      for (const other of blank.splice(0)) await other.close();
      return page;
    },
    loads: () => pages.map((page) => loadCounts.get(page) ?? 0),
    presenters: () => presenting().now,
    maxConcurrentPresenters: () => presenting().max,
    eventsOf: (type, page) => events.filter((e) => e.type === type && (page === undefined || e.page === page)),
    visibility: () =>
      Promise.all(pages.map((page, i) => (gone.has(i) ? 'closed' : page.evaluate(() => document.visibilityState)))),
    async close() {
      await browser.close().catch(() => {});
      proc.kill();
      await poll(() => proc.exitCode !== null || proc.signalCode !== null, { timeout: 5_000 });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
