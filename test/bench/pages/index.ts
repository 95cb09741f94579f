/**
 * The bench's pages, served by the fixture server (test/fixtures/server.ts, option `pages`):
 *
 *   /ours.html            ours-page.ts: the coordinator and its default prompt, as an app
 *                         adds them, with the built package
 *   /bare.html            bare-page.ts: every tab prompts on its own and reloads on the
 *                         `bare` worker's "reload" (no coordination: the floor of what a
 *                         browser allows; test/fixtures/worker-kinds.ts)
 *   /wb.html              wb-page.ts: the common per-tab workbox-window pattern (`waiting`
 *                         → prompt, `messageSkipWaiting()`, reload on `controlling`), bundled
 *                         with esbuild from node_modules/workbox-window
 *
 * The pages report to `window.__demoRecord` the way demo/app.ts does, expose
 * `window.__bench` (see bench-page.ts) and read `?checkInterval=ms` (a per-tab
 * `setInterval` calling `update()`, as the usual recipes do).
 */
import { fileURLToPath } from 'node:url';
import type { Pages, ServerOptions } from '../../fixtures/server.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const baselinePage = (title: string, script: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; } #prompt[hidden] { display: none; }</style>
</head>
<body>
  <h1>${title}</h1>
  <p>Bench baseline page (see test/bench/pages/). Status: <b id="status">…</b>, loads of this tab: <b id="loads">…</b></p>
  <div id="prompt" role="alertdialog" hidden>A new version is ready. <button id="prompt-accept" type="button">Update</button></div>
  <script type="module" src="${script}"></script>
</body>
</html>`;

/** The bench's pages, for the fixture server's `pages` option. */
export const benchPages: NonNullable<ServerOptions['pages']> = async (bundle) => {
  const [oursJs, bareJs, wbJs] = await Promise.all([
    bundle(here('./ours-page.ts')),
    bundle(here('./bare-page.ts'), false),
    bundle(here('./wb-page.ts'), false),
  ]);
  const js = 'text/javascript; charset=utf-8';
  const html = 'text/html; charset=utf-8';
  return new Map([
    ['/ours.html', { type: html, body: baselinePage('sw-update-coordinator bench page', '/ours.js') }],
    ['/ours.js', { type: js, body: oursJs }],
    ['/bare.html', { type: html, body: baselinePage('bare baseline', '/bare.js') }],
    ['/bare.js', { type: js, body: bareJs }],
    ['/wb.html', { type: html, body: baselinePage('workbox-window baseline', '/wb.js') }],
    ['/wb.js', { type: js, body: wbJs }],
  ]) satisfies Pages;
};
