/**
 * workbox-window baseline page: the pattern of Workbox's "offer a page reload" recipe,
 * in every tab: on `waiting`, listen for `controlling` (then reload) and prompt; the
 * prompt's button calls `messageSkipWaiting()`.
 */
import { Workbox } from 'workbox-window';
import { record, setStatus, showPrompt, startChecks, stopChecks, type BenchHandle } from './bench-page.js';

const wb = new Workbox('/sw.js');

const bench: BenchHandle = {
  installed: false,
  ready: false,
  prompting: false,
  accept() {
    record('accept');
    wb.messageSkipWaiting();
  },
  stopChecks,
  async check() {
    await wb.update();
  },
};
window.__bench = bench;

wb.addEventListener('waiting', (event) => {
  wb.addEventListener('controlling', () => {
    record('controlling');
    record('reloading');
    window.location.reload();
  });
  bench.prompting = true;
  setStatus('update waiting');
  record('prompt', { isExternal: event.isExternal ?? null });
  showPrompt(() => bench.accept());
});
navigator.serviceWorker.addEventListener('message', (event) => {
  const data = (event as MessageEvent).data as { type?: unknown } | null;
  if (data?.type === 'reload') record('sw-message', { data });
});

void wb.register().then(async () => {
  await navigator.serviceWorker.ready;
  bench.installed = true;
  bench.ready = navigator.serviceWorker.controller !== null;
  setStatus(bench.ready ? 'idle' : 'uncontrolled');
  startChecks(() => wb.update());
});
