/**
 * The baselines the bench (scripts/bench/) compares the library with, served by
 * demo/server.ts next to the demo:
 *
 *   /sw.js (kind `bare`)  no library code: `skipWaiting()` on `{ type: 'SKIP_WAITING' }`,
 *                         then, from `activate`, posts `{ type: 'reload' }` to every window
 *                         (the same install work and /__sw-version answer as the `good` kind)
 *   /bare.html            demo/bare-page.ts: every tab prompts on its own and reloads on the
 *                         worker's "reload" (no coordination: the floor of what a browser allows)
 *   /__sw-activation      answered by every demo worker (see `activationClock`, included by
 *                         demo/server.ts's version oracle): when it got `activate` and became `activated`
 *   /wb.html              demo/wb-page.ts: the common per-tab workbox-window pattern (`waiting`
 *                         → prompt, `messageSkipWaiting()`, reload on `controlling`), bundled
 *                         with esbuild from node_modules/workbox-window
 *
 * Both pages report to `window.__demoRecord` the way demo/app.ts does, expose
 * `window.__bench` (see demo/bench-page.ts) and read `?checkInterval=ms` (a per-tab
 * `setInterval` calling `update()`, as the usual recipes do).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

/**
 * For the bench: the worker answers /__sw-activation with the wall-clock times (ms) of its
 * `activate` event and of reaching the `activated` state (null until then).
 */
export const activationClock = `(() => {
  const times = { activate: null, activated: null };
  self.addEventListener('activate', () => { times.activate = Date.now(); });
  if (self.serviceWorker) self.serviceWorker.addEventListener('statechange', () => {
    if (self.serviceWorker.state === 'activated') times.activated = Date.now();
  });
  self.addEventListener('fetch', (event) => {
    if (new URL(event.request.url).pathname === '/__sw-activation') {
      event.respondWith(new Response(JSON.stringify(times), { headers: { 'Content-Type': 'application/json' } }));
    }
  });
})();`;

/** The bare baseline worker: no library code, no coordination. */
export function bareWorker(version: string, versionOracle: string): string {
  const v = JSON.stringify(version);
  return `// sw-update-coordinator bench baseline: kind bare, version ${version}
self.addEventListener('install', (event) => {
  // The same install work as the \`good\` kind, so only the coordination differs.
  event.waitUntil(caches.open('demo-' + ${v}).then((cache) => cache.put('/__installed', new Response(${v}))));
});
let accepted = false;
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') {
    accepted = true;
    event.waitUntil(self.skipWaiting());
  }
});
self.addEventListener('activate', (event) => {
  if (!accepted) return;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    .then((clients) => clients.forEach((client) => client.postMessage({ type: 'reload', version: ${v} }))));
});
${versionOracle}
self.addEventListener('fetch', () => {});
`;
}

export const baselinePage = (title: string, script: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; } #prompt[hidden] { display: none; }</style>
</head>
<body>
  <h1>${title}</h1>
  <p>Bench baseline page (see demo/baselines.ts). Status: <b id="status">…</b>, loads of this tab: <b id="loads">…</b></p>
  <div id="prompt" role="alertdialog" hidden>A new version is ready. <button id="prompt-accept" type="button">Update</button></div>
  <script type="module" src="${script}"></script>
</body>
</html>`;

export interface Baselines {
  /** Answers a baseline page or script; false when `pathname` is not one of them. */
  route(pathname: string): { type: string; body: string } | undefined;
}

/**
 * Bundles a page script of demo/ for the browser: one setup for the demo page, the
 * library's bench page and the baselines, so they differ only in what they run
 * (minified, NODE_ENV=production when `production`).
 */
export async function bundlePage(
  entry: string,
  production: boolean,
  plugins: Plugin[] = [],
  /** When given, dynamic imports become chunks of their own, put here by URL path (`/chunks/…`). */
  chunks?: Map<string, string>,
): Promise<string> {
  const result = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    minify: production,
    sourcemap: production ? false : 'inline',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    // Dependencies (xstate, broadcast-channel, workbox-window) from this package.
    nodePaths: [join(root, 'node_modules')],
    plugins,
    // Pages are served from the root (/app.js), so a chunk's path is its URL path.
    ...(chunks ? { splitting: true, outdir: '/', entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]' } : {}),
  });
  if (chunks === undefined) return result.outputFiles[0]!.text;
  const main = `/${entry.replace(/\.ts$/, '.js')}`;
  for (const file of result.outputFiles) if (file.path !== main) chunks.set(file.path, file.text);
  const page = result.outputFiles.find((file) => file.path === main);
  if (page === undefined) throw new Error(`bundling ${entry} gave no ${main}`);
  return page.text;
}

/** Bundles the baseline pages. */
export async function startBaselines({ production = false }: { production?: boolean } = {}): Promise<Baselines> {
  const bundle = (entry: string): Promise<string> => bundlePage(entry, production);
  const [bareJs, wbJs] = await Promise.all([bundle('bare-page.ts'), bundle('wb-page.ts')]);
  const js = 'text/javascript; charset=utf-8';
  const html = 'text/html; charset=utf-8';
  const routes: Record<string, { type: string; body: string }> = {
    '/bare.html': { type: html, body: baselinePage('bare baseline', '/bare.js') },
    '/bare.js': { type: js, body: bareJs },
    '/wb.html': { type: html, body: baselinePage('workbox-window baseline', '/wb.js') },
    '/wb.js': { type: js, body: wbJs },
  };
  return { route: (pathname) => routes[pathname] };
}
