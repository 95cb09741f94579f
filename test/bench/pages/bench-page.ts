/**
 * Shared by the bench's pages (bare-page.ts, wb-page.ts, and ours-page.ts for its recording): the same event
 * recording as demo/app.ts (`window.__demoRecord`, tab id and load count in
 * sessionStorage) and the `window.__bench` handle the bench drives.
 */
import type { DemoEvent } from '../../fixtures/page-events.js';

export interface BenchHandle {
  /** Registered, with an active worker (the first install finished). */
  installed: boolean;
  /** Registered, and controlled by a worker. */
  ready: boolean;
  /** This tab shows its prompt. */
  prompting: boolean;
  /** Apply the waiting worker (what the prompt's button does). */
  accept(): void;
  /** One update check (`registration.update()`). */
  check(): Promise<void>;
  /** Stops this tab's interval checks, also after its reloads (the bench counts them, then measures an update). */
  stopChecks(): void;
}

declare global {
  interface Window {
    __bench: BenchHandle;
  }
}

export const tab = sessionStorage.getItem('demo:tab') ?? Math.random().toString(36).slice(2, 8);
sessionStorage.setItem('demo:tab', tab);
export const load = Number(sessionStorage.getItem('demo:loads') ?? '0') + 1;
sessionStorage.setItem('demo:loads', String(load));

const params = new URLSearchParams(location.search);
/** `?log=<key>`: the bench's run; the page keeps its events for the bench to read (see `kept`). */
const logKey = params.get('log');

/**
 * For the bench: this load's events and channel messages, kept in memory and written to
 * sessionStorage (which survives the reload) once, on pagehide, so that recording costs
 * this page as little as it costs the baselines; written through after pagehide.
 */
const kept = { events: [] as DemoEvent[], channel: [] as Array<[number, string]>, unloading: false };
const flush = (): void => {
  try {
    for (const [key, items] of [
      ['__bench:events', kept.events],
      ['__bench:bc', kept.channel],
    ] as const) {
      if (items.length === 0) continue;
      const earlier = JSON.parse(sessionStorage.getItem(key) ?? '[]') as unknown[];
      sessionStorage.setItem(key, JSON.stringify([...earlier, ...items]));
      items.length = 0;
    }
  } catch {
    // Storage full or blocked: the bench then has the server's log only.
  }
};
if (logKey !== null) {
  (window as unknown as { __benchKept: typeof kept }).__benchKept = kept;
  window.addEventListener('pagehide', () => {
    kept.unloading = true;
    flush();
  });
}

// For the bench's own scripts in the page (Round.accept's `accept-cost`), as the pages record.
(window as unknown as { __benchRecord: typeof record }).__benchRecord = record;

export function record(type: string, fields: Record<string, unknown> = {}): void {
  const event = { type, tab, load, t: performance.timeOrigin + performance.now(), ...fields } as DemoEvent;
  try {
    window.__demoRecord?.(event);
    if (logKey !== null) {
      kept.events.push(event);
      if (kept.unloading) flush();
      // Not posted while the page runs: a request from a controlled page is a fetch event of
      // the old worker, and Chromium holds the new worker's activation while the old one has
      // fetch events in flight (seen here stalling the update past 10 s). The bench reads
      // the events from the tabs afterwards; each carries the page's own clock.
    }
  } catch {
    // The recorder is the bench's; never let it break the page.
  }
}

/** For the bench: counts this page's BroadcastChannel messages by type (see `kept`). */
if (logKey !== null && typeof BroadcastChannel !== 'undefined') {
  const post = BroadcastChannel.prototype.postMessage;
  const label = (m: { type?: unknown; data?: { type?: unknown; action?: unknown } } | null): string => {
    if (m?.type === 'internal' && m.data) return `election:${String(m.data.action)}`;
    const data = (m?.data ?? m) as { type?: unknown } | null;
    return typeof data?.type === 'string' ? data.type : 'other';
  };
  BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
    try {
      kept.channel.push([performance.timeOrigin + performance.now(), label(message as Parameters<typeof label>[0])]);
      if (kept.unloading) flush();
    } catch {
      // Counting must never break the page.
    }
    post.call(this, message);
  };
}

let checks: ReturnType<typeof setInterval> | undefined;

/**
 * `?checkInterval=ms`: a per-tab interval of update checks, as the usual recipes do
 * (0 or absent: none; none either once `stopChecks()` ran in this tab).
 */
export function startChecks(check: () => Promise<unknown>): void {
  const interval = Number(params.get('checkInterval') ?? '0');
  if (interval > 0 && sessionStorage.getItem('demo:no-checks') === null) {
    checks = setInterval(() => void check().catch(() => {}), interval);
  }
}

export function stopChecks(): void {
  sessionStorage.setItem('demo:no-checks', '1');
  clearInterval(checks);
}

export function setStatus(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

/** Shows this tab's prompt; its button calls `accept`. */
export function showPrompt(accept: () => void): void {
  const bar = document.getElementById('prompt')!;
  bar.hidden = false;
  document.getElementById('prompt-accept')!.onclick = accept;
}

// Every variant alike, and in ours before the coordinator's own listener (this module runs
// before the page's script calls it): the time is the event's arrival (the bench's
// "controllerchange heard" row).
navigator.serviceWorker.addEventListener('controllerchange', () => record('controllerchange'));

document.getElementById('loads')!.textContent = String(load);
record('load', { controller: navigator.serviceWorker?.controller?.scriptURL ?? null });
