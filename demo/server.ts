/**
 * `npm start`: the demo, served from the built package on 127.0.0.1.
 *
 *   /, /a/, /b/        the demo page (demo/public/index.html); /a/ and /b/ are two more
 *                      apps on the origin with workers of their own (/a/sw.js, /b/sw.js)
 *   /app.js            demo/app.ts, bundled at start from the PACKAGE's public entries
 *   /chunks/*          the coordinator's core, which the shell imports after `load`
 *   /coordinator.svg   the committed state chart (docs/charts/coordinator.svg), which
 *                      the page inlines and highlights (demo/chart.ts)
 *   /sw.js, /__deploy, /__state, …  the deployed worker, and "Deploy v2"
 *   /dist/*            the built package (a copy of dist/, or of DEMO_DIST, taken at start)
 *
 * Workers, bundling and serving come from the test fixtures (test/fixtures/), which the
 * browser suite runs against the same page.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { bundlePage, removeWorkDir, ROOT, snapshotDist } from '../test/fixtures/bundle.js';
import { deployments } from '../test/fixtures/deployments.js';
import { listen, notFound, send, sendScript } from '../test/fixtures/http.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const HTML = 'text/html; charset=utf-8';

const workDir = mkdtempSync(join(tmpdir(), 'sw-demo-'));
const distDir = snapshotDist(workDir);
const chunks = new Map<string, string>();
const appJs = await bundlePage(here('./app.ts'), { distDir, chunks });
const indexHtml = readFileSync(here('./public/index.html'), 'utf8');
const chartSvg = readFileSync(join(ROOT, 'docs', 'charts', 'coordinator.svg'), 'utf8');
const dist = sirv(distDir, { dev: true, etag: true });
const workers = deployments(workDir);
await workers.deploy('good', '1');

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (await workers.route(req, res, url)) return;
  if (/^\/(?:(?:a|b)\/)?(?:index\.html)?$/.test(url.pathname)) return send(res, HTML, indexHtml);
  if (url.pathname === '/app.js') return send(res, 'text/javascript; charset=utf-8', appJs);
  if (url.pathname === '/coordinator.svg') return send(res, 'image/svg+xml; charset=utf-8', chartSvg);
  const chunk = chunks.get(url.pathname);
  if (chunk !== undefined) return sendScript(req, res, chunk);
  if (url.pathname.startsWith('/dist/')) {
    req.url = req.url!.slice('/dist'.length);
    return dist(req, res, () => notFound(res));
  }
  notFound(res);
}

const server = await listen(handle, process.env.PORT === undefined ? 0 : Number(process.env.PORT));
console.log(`
sw-update-coordinator demo: ${server.url}/

  Open it in two or three tabs, then press "Deploy v2" in any of them.
  Exactly one tab (the one you looked at last) shows the update prompt; press Update
  and every tab reloads onto v2 together. Type into a tab's text box first and the
  update waits until you save or clear it ("Update anyway" goes ahead without that
  tab). Later snoozes the prompt in every tab. Each tab draws its state chart with
  its current states highlighted: put two windows side by side to watch them move.
  Add ?transport=idb or ?transport=localstorage (no BroadcastChannel) and/or
  ?locks=off (no Web Locks) to try the fallbacks.

  Deploy other workers from the shell:
    curl -X POST '${server.url}/__deploy?kind=syntax'        (also: 404, install-rejects,
    curl -X POST '${server.url}/__deploy?kind=workbox'        workbox-bare, skip-only, good)
  and press "Check for update" (or wait for ?checkInterval=ms) in a tab.
`);
const stop = (): void =>
  void server.close().then(() => {
    removeWorkDir(workDir);
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
