/**
 * Shared by the baseline pages (demo/bare-page.ts, demo/wb-page.ts): the same event
 * recording as demo/app.ts (`window.__demoRecord`, tab id and load count in
 * sessionStorage) and the `window.__bench` handle the bench drives.
 */
import type { DemoEvent } from './app.js';

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

export function record(type: string, fields: Record<string, unknown> = {}): void {
  const event = { type, tab, load, t: performance.timeOrigin + performance.now(), ...fields } as DemoEvent;
  try {
    window.__demoRecord?.(event);
  } catch {
    // The recorder is the bench's; never let it break the page.
  }
}

const params = new URLSearchParams(location.search);
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

document.getElementById('loads')!.textContent = String(load);
record('load', { controller: navigator.serviceWorker?.controller?.scriptURL ?? null });
