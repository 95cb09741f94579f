/**
 * Bare baseline page: no coordination. Every tab that sees a waiting worker prompts;
 * accepting posts SKIP_WAITING to it; every tab reloads on the worker's "reload".
 */
import { record, setStatus, showPrompt, startChecks, stopChecks, type BenchHandle } from './bench-page.js';

let registration: ServiceWorkerRegistration | undefined;

const bench: BenchHandle = {
  installed: false,
  ready: false,
  prompting: false,
  accept() {
    record('accept');
    registration?.waiting?.postMessage({ type: 'SKIP_WAITING' });
  },
  stopChecks,
  async check() {
    await registration?.update();
  },
};
window.__bench = bench;

function waiting(): void {
  if (bench.prompting || !navigator.serviceWorker.controller) return;
  bench.prompting = true;
  setStatus('update waiting');
  record('prompt');
  showPrompt(() => bench.accept());
}

navigator.serviceWorker.addEventListener('message', (event) => {
  const data = (event as MessageEvent).data as { type?: unknown } | null;
  if (data?.type !== 'reload') return;
  record('sw-message', { data });
  record('reloading');
  location.reload();
});

window.addEventListener('load', async () => {
  registration = await navigator.serviceWorker.register('/sw.js');
  if (registration.waiting) waiting();
  registration.addEventListener('updatefound', () => {
    const worker = registration!.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') waiting();
    });
  });
  await navigator.serviceWorker.ready;
  bench.installed = true;
  bench.ready = navigator.serviceWorker.controller !== null;
  setStatus(bench.ready ? 'idle' : 'uncontrolled');
  startChecks(() => registration!.update());
});
