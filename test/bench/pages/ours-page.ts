/**
 * The library's bench page: what an app adds and nothing more. The demo page
 * (demo/app.ts) also draws a live state chart and an event log on every change, which
 * is demo, not library, and would be counted against the library in a 20-tab reload.
 * Reports like the baseline pages (bench-page.ts) and exposes `window.__demo` the
 * way demo/app.ts does, so the bench drives both the same way.
 */
import { createUpdateCoordinator } from 'sw-update-coordinator';
import { mountUpdatePrompt } from 'sw-update-coordinator/prompt';
import { load, record, setStatus, tab } from './bench-page.js';

const params = new URLSearchParams(location.search);
/** `?timing.checkDebounce=0` and the like, as on the demo page. */
const timing: Record<string, number> = {};
for (const [name, value] of params)
  if (name.startsWith('timing.')) timing[name.slice('timing.'.length)] = Number(value);

const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  checkInterval: params.has('checkInterval') ? Number(params.get('checkInterval')) : undefined,
  timing,
  onPrompt(prompt) {
    window.__demo.prompt = prompt;
    record('prompt', { version: prompt.version ?? null });
    return () => {
      record('cleanup');
      if (window.__demo.prompt === prompt) window.__demo.prompt = undefined;
    };
  },
  onOfflineReady: () => record('offline-ready'),
  onError: (error) => record('error', { message: error.message }),
});
mountUpdatePrompt(updates);
window.__demo = { updates, events: [], tab, load };
// The status and leader changes the bench waits for, recorded as demo/app.ts does.
let last = { status: '', isLeader: false };
function report(): void {
  const { status, isLeader } = updates.getSnapshot();
  if (status !== last.status) record('status', { status });
  if (isLeader !== last.isLeader) record('leader', { isLeader });
  last = { status, isLeader };
  setStatus(status);
}
updates.subscribe(report);
report();
