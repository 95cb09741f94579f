/**
 * The demo page's script. It uses only the package's public entries (bundled from dist/
 * by demo/server.ts and test/fixtures/server.ts), exactly as an app would: the coordinator, and the
 * default prompt (`mountUpdatePrompt` from 'sw-update-coordinator/prompt'), which
 * shows in the one tab that presents. `onPrompt` only records events here.
 *
 * For the browser tests it exposes `window.__demo = { updates, events, prompt, tab, load }`
 * (`prompt` is the UpdatePrompt handed to onPrompt while this tab presents) and, with
 * `?log=<key>`, posts every event to the demo server's log (`/__log`), which outlives
 * the page's reloads in every engine (events in `window.__demo.events` die with the page).
 * `?tab=<id>` names the tab (kept across its reloads); uncaught errors and unhandled
 * rejections are events too (`pageerror`).
 *
 * Query parameters: `checkInterval` and `snooze` (ms) are passed to the coordinator, and
 * `timing.<name>` (ms) overrides one of its timing constants (e.g. `timing.checkDebounce=0`).
 * `transport=idb|localstorage` and `locks=off` take BroadcastChannel, IndexedDB or Web
 * Locks away before this script runs (see the inline script in index.html).
 */
import {
  createUpdateCoordinator,
  type UpdateCoordinator,
  type UpdatePolicy,
  type UpdatePrompt,
} from 'sw-update-coordinator';
import { mountUpdatePrompt } from 'sw-update-coordinator/prompt';
import { createStateChart } from './chart.js';
import { setUpDraft } from './draft.js';
import type { DemoEvent } from '../test/fixtures/page-events.js';

declare global {
  interface Window {
    __demo: {
      updates: UpdateCoordinator;
      events: DemoEvent[];
      prompt?: UpdatePrompt;
      tab: string;
      load: number;
      /** The page's `pagehide` has come (it is being left). */
      pagehidden?: boolean;
    };
    /** A recorder given by a CDP binding (the bench's, test/bench/pages/bench-page.ts); the tests read `?log=` instead. */
    __demoRecord?: (event: DemoEvent) => void;
  }
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const params = new URLSearchParams(location.search);
const tab = sessionStorage.getItem('demo:tab') ?? params.get('tab') ?? Math.random().toString(36).slice(2, 8);
sessionStorage.setItem('demo:tab', tab);
const load = Number(sessionStorage.getItem('demo:loads') ?? '0') + 1;
sessionStorage.setItem('demo:loads', String(load));

const events: DemoEvent[] = [];
function record(type: DemoEvent['type'], fields: Record<string, unknown> = {}): void {
  const event: DemoEvent = { type, tab, load, t: performance.timeOrigin + performance.now(), ...fields };
  events.push(event);
  report(event);
  try {
    window.__demoRecord?.(event);
  } catch {
    // A CDP binding's (the bench's); never let it break the demo.
  }
  const line = `${new Date(event.t).toISOString().slice(11, 23)} ${type} ${JSON.stringify(fields)}`;
  $('log').textContent = `${line}\n${$('log').textContent ?? ''}`.slice(0, 4000);
}

/** Posts an event to the server's log for `?log=<key>` (keepalive: it outlives an unload). */
function report(event: DemoEvent): void {
  const key = params.get('log');
  if (key === null) return;
  const body = JSON.stringify(event);
  fetch(`/__log?key=${encodeURIComponent(key)}`, { method: 'POST', body, keepalive: body.length < 60_000 }).catch(
    () => {
      // The server is gone (a test ended): the demo goes on without its log.
    },
  );
}

window.addEventListener('error', (event) => record('pageerror', { message: String(event.message) }));
window.addEventListener('unhandledrejection', (event) =>
  record('pageerror', { message: `unhandled rejection: ${String(event.reason)}` }),
);

const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
record('load', { navigation: navigation?.type, controller: navigator.serviceWorker?.controller?.scriptURL ?? null });

const appBase = location.pathname.replace(/[^/]*$/, '');
const numberParam = (name: string): number | undefined => (params.has(name) ? Number(params.get(name)) : undefined);
/** `?timing.checkDebounce=0` and the like: overrides of the library's timing constants. */
const timing: Record<string, number> = {};
for (const [name, value] of params)
  if (name.startsWith('timing.')) timing[name.slice('timing.'.length)] = Number(value);

// Observe the worker's messages the way the library does, to tell a RELOAD-driven
// reload from the controllerchange fallback.
navigator.serviceWorker?.addEventListener('message', (event) => {
  const data = (event as MessageEvent).data as { type?: unknown } | null;
  if (data && typeof data === 'object' && typeof data.type === 'string' && data.type !== 'VERSION') {
    record('sw-message', { data });
  }
});
navigator.serviceWorker?.addEventListener('controllerchange', () => {
  record('controllerchange', { controller: navigator.serviceWorker.controller?.scriptURL ?? null });
});

// The live state chart, fed by the coordinator's XState inspection events.
const chart = createStateChart({
  box: $('chart'),
  readout: $('chart-states'),
  zoom: $<HTMLButtonElement>('chart-zoom'),
});

const updates = createUpdateCoordinator({
  // The page's directory names the app: / registers /sw.js, /a/ registers /a/sw.js with
  // scope /a/ (two apps on one origin, for the tests).
  scriptURL: `${appBase}sw.js`,
  registration: appBase === '/' ? undefined : { scope: appBase },
  checkInterval: numberParam('checkInterval') ?? 60 * 60 * 1000,
  snooze: numberParam('snooze'),
  // `?policy=auto`, `?policy=idle&idleDelay=2000`: the update policies, for the tests.
  policy: (params.get('policy') ?? undefined) as UpdatePolicy | undefined,
  idleDelay: numberParam('idleDelay'),
  timing,
  // The default prompt (mounted below) is the UI; this only records, and keeps the
  // prompt for the tests (`__demo.prompt.accept()`).
  onPrompt(prompt) {
    window.__demo.prompt = prompt;
    record('prompt', { version: prompt.version ?? null, currentVersion: prompt.currentVersion ?? null });
    return () => {
      record('cleanup');
      if (window.__demo.prompt === prompt) window.__demo.prompt = undefined;
    };
  },
  onOfflineReady() {
    record('offline-ready');
  },
  onRegistered(registration) {
    record('registered', { scope: registration.scope });
  },
  onError(error) {
    record('error', { message: error.message, code: error.code });
    $('error').textContent = error.message;
  },
  inspect: chart.inspect,
});

mountUpdatePrompt(updates);

// The typed lifecycle events, recorded under their own names (an error as its code).
updates.on('update-found', () => record('update-found'));
updates.on('update-ready', ({ version, currentVersion }) => record('update-ready', { version, currentVersion }));
updates.on('update-failed', ({ error }) => record('update-failed', { code: error.code }));
updates.on('update-applied', ({ version, previousVersion }) => record('update-applied', { version, previousVersion }));

window.__demo = { updates, events, tab, load };

let lastStatus: string | undefined;
let lastLeader = false;
function render(): void {
  const s = updates.getSnapshot();
  if (s.status !== lastStatus) {
    lastStatus = s.status;
    record('status', { status: s.status });
  }
  if (s.isLeader !== lastLeader) {
    lastLeader = s.isLeader;
    record('leader', { isLeader: s.isLeader });
  }
  $('status').textContent = s.status;
  $('leader').textContent = String(s.isLeader);
  $('prompting').textContent = String(s.isPrompting);
  $('version').textContent = s.version ?? '(unknown)';
  $('waiting').textContent = s.waitingVersion ?? '—';
  $('holds').textContent = String(s.holds);
}
updates.subscribe(render);
render();
$('loads').textContent = String(load);
// What broadcast-channel will pick, by the same checks (see ?transport= and ?locks=).
$('transport').textContent =
  `${typeof BroadcastChannel === 'function' ? 'BroadcastChannel' : typeof indexedDB !== 'undefined' ? 'IndexedDB' : 'localStorage'}, ` +
  `leader elected by ${(navigator as { locks?: unknown }).locks ? 'Web Locks' : 'messages'}`;

// ?draft=text: the page starts with unsaved text, so it holds from its first moment
// (before the coordinator's core has loaded; the test checks that this hold counts).
const earlyDraft = params.has('draft') && load === 1;
if (earlyDraft) $<HTMLTextAreaElement>('draft').value = params.get('draft') ?? '';
setUpDraft(updates, tab, {
  draft: $<HTMLTextAreaElement>('draft'),
  save: $<HTMLButtonElement>('save'),
  saved: $('saved'),
});
if (earlyDraft) record('early-hold', { status: updates.getSnapshot().status, readyState: document.readyState });

// ?chartlog: a `chart` event on every change of the chart's highlighted states, with the
// snapshot of that moment (test/browser/demo.test.ts checks the chart against it).
if (params.has('chartlog')) {
  let last = '';
  new MutationObserver(() => {
    const box = $('chart');
    const ids = (selector: string): string[] =>
      [...box.querySelectorAll<SVGGElement>(selector)].map((g) => g.dataset.state ?? '');
    const active = ids('g.active');
    if (active.join() === last) return;
    last = active.join();
    const s = updates.getSnapshot();
    record('chart', { active, leaves: ids('g.active-leaf'), status: s.status, isLeader: s.isLeader });
  }).observe($('chart'), { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
}

document.addEventListener('visibilitychange', () => record('visibility', { state: document.visibilityState }));
// `persisted`: the page came back from the back/forward cache (no new load).
window.addEventListener('pageshow', (event) => record('pageshow', { persisted: event.persisted }));
// Listening from the start, before the coordinator's group joins (after `load`), so the
// browser suite can tell what a page says once it is being hidden. Kept in the page, not
// reported: no request of the demo's own at unload.
window.addEventListener('pagehide', () => (window.__demo.pagehidden = true));

async function labelDeploy(): Promise<void> {
  try {
    const state = (await (await fetch('/__state')).json()) as { version: string };
    const n = Number(state.version);
    $('deploy').textContent = Number.isInteger(n) ? `Deploy v${n + 1}` : 'Deploy next version';
  } catch {
    // The demo server is down: keep the generic label.
  }
}
void labelDeploy();

$('deploy').addEventListener('click', async () => {
  const response = await fetch('/__deploy?kind=good', { method: 'POST' });
  record('deploy', { result: await response.text() });
  await labelDeploy();
  await updates.checkForUpdate();
});
$('check').addEventListener('click', () => void updates.checkForUpdate());
