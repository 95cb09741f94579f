/**
 * The demo app and the browser suite's fixture server, in one small node:http server.
 *
 *   /                  the demo page (demo/public/index.html)
 *   /app.js            demo/app.ts, bundled with esbuild at start from the PACKAGE's
 *                      public entries ('sw-update-coordinator' → dist/index.js,
 *                      'sw-update-coordinator/prompt' → dist/prompt.js)
 *   /chunks/*          what the bundles split off: the coordinator's core, which the
 *                      shell imports after the page's load event
 *   /coordinator.svg   the committed state chart (docs/charts/coordinator.svg), which
 *                      the page inlines and highlights (demo/chart.ts)
 *   /sw.js             the currently deployed service worker (see `WorkerKind`)
 *   /sw-version.js     importScripts()-ed by the `workbox` worker: calls handleUpdates
 *   /precache/version.txt  precached by the Workbox workers, so it answers with their
 *                      version (the network answer is "uncontrolled")
 *   /__sw-version      answered by the deployed worker's fetch handler with its version;
 *                      the network answer ("uncontrolled") means no worker of ours answered
 *   /__deploy (POST)   ?kind=good&version=2 (version defaults to the current one + 1)
 *   /__state           { kind, version, swRequests }
 *   /a/, /b/           two more apps on the origin: the demo page, registering /a/sw.js
 *                      (scope /a/) and /b/sw.js (scope /b/), each deployed on its own
 *                      (`deploy(kind, version, 'a')`, /__deploy?app=a)
 *   /__log (POST)      ?key=…: one event of a page opened with ?log=key (demo/app.ts); the
 *                      tests read each key's log in-process (`onLog`), across reloads
 *   /blank.html        an in-scope page without the demo (?slow=ms: a parser-blocking script)
 *   /bare.html, /wb.html  the bench's baseline pages, and the `bare` worker kind (demo/baselines.ts)
 *   /ours.html         the bench's page for the library (demo/ours-page.ts)
 *   /dist/*            the built package (a copy of dist/, or of DEMO_DIST, taken at start)
 *
 * Run it as a program (`npm start`) to try the library by hand, or import
 * `startServer` (the browser tests do).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import sirv from 'sirv';
import { activationClock, bareWorker, baselinePage, bundlePage, startBaselines } from './baselines.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');
/** The built package served at /dist and bundled into the demo; DEMO_DIST overrides it. */
const defaultDistDir = join(root, 'dist');

/** What `/sw.js` serves. */
export type WorkerKind =
  /** importScripts(worker-global) + handleUpdates({ version }), tiny install and pass-through fetch. */
  | 'good'
  /** /sw.js answers 404. */
  | '404'
  /** A script that does not parse. */
  | 'syntax'
  /** A good worker whose install handler's waitUntil rejects. */
  | 'install-rejects'
  /** workbox-build generateSW output that importScripts our worker module. */
  | 'workbox'
  /** workbox-build generateSW output alone (its own SKIP_WAITING listener, no RELOAD). */
  | 'workbox-bare'
  /** Only a SKIP_WAITING listener: no handleUpdates, so no VERSION answers and no RELOAD. */
  | 'skip-only'
  /** handleUpdates whose RELOAD broadcast is cut off (its `activate` listener is dropped). */
  | 'no-reload'
  /**
   * No library code: posts what happens in the worker (install, activate, skipWaiting) to
   * every window, for test/browser/chromium-lifecycle.test.ts.
   */
  | 'probe'
  /** The bench's baseline: skipWaiting() on SKIP_WAITING, then "reload" to every window (demo/baselines.ts). */
  | 'bare';

export const WORKER_KINDS: readonly WorkerKind[] = [
  'good',
  '404',
  'syntax',
  'install-rejects',
  'workbox',
  'workbox-bare',
  'skip-only',
  'no-reload',
  'probe',
  'bare',
];

/** The apps on the demo's origin: '' is the one at /, 'a' and 'b' live at /a/ and /b/. */
export type AppName = '' | 'a' | 'b';
const APP_PATH = /^\/(a|b)\/(sw\.js|index\.html)?$/;

export interface DemoServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  close(): Promise<void>;
  /**
   * Replaces what /sw.js serves (or /a/sw.js, /b/sw.js for `app` 'a', 'b'). Resolves
   * once the new script is ready to serve.
   */
  deploy(kind: WorkerKind, version: string, app?: AppName): Promise<void>;
  /** What is deployed now for the app (default the root one), and how often its worker script was requested (update checks). */
  state(app?: AppName): { kind: WorkerKind; version: string; swRequests: number };
  /** Calls `listener` with every event pages post to `/__log?key=<key>`; returns the unsubscribe. */
  onLog(key: string, listener: (event: Record<string, unknown>) => void): () => void;
}

export interface ServerOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** What /sw.js serves at first. @default good, version '1' */
  initial?: { kind: WorkerKind; version: string };
  /** The built package to serve and bundle. @default process.env.DEMO_DIST, else ./dist */
  distDir?: string;
  /** Bundle the pages minified with NODE_ENV=production, without source maps (the bench). @default false */
  production?: boolean;
}

/** Page-side oracle: the deployed worker answers /__sw-version with its own version. */
const versionOracle = (version: string): string => `
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname === '/__sw-version') {
    event.respondWith(new Response(${JSON.stringify(version)}, { headers: { 'Content-Type': 'text/plain' } }));
  }
});
${activationClock}`;

function handWrittenWorker(kind: WorkerKind, version: string): string {
  const v = JSON.stringify(version);
  const header = `// sw-update-coordinator demo worker: kind ${kind}, version ${version}\n`;
  const good = `${header}importScripts('/dist/worker-global.iife.js');
self.swUpdateCoordinator.handleUpdates({ version: ${v} });
self.addEventListener('install', (event) => {
  // Nothing heavy: one tiny cache entry, so install does real (asynchronous) work.
  event.waitUntil(caches.open('demo-' + ${v}).then((cache) => cache.put('/__installed', new Response(${v}))));
});
${versionOracle(version)}
// Everything else passes through to the network (no respondWith).
self.addEventListener('fetch', () => {});
`;
  switch (kind) {
    case 'good':
      return good;
    case 'syntax':
      return `${good}\nthis is not JavaScript (${version}\n`;
    case 'install-rejects':
      return `${good}
self.addEventListener('install', (event) => {
  event.waitUntil(Promise.reject(new Error('install fails on purpose (version ' + ${v} + ')')));
});
`;
    case 'skip-only':
      return `${header}self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});
${versionOracle(version)}
`;
    case 'no-reload':
      // The same module, but the scope it is handed drops `activate` listeners: this is
      // src/worker/index.ts without its reload loop (versions and SKIP_WAITING still work).
      return `${header}importScripts('/dist/worker-global.iife.js');
const scope = {
  addEventListener: (type, listener) => type === 'activate' || self.addEventListener(type, listener),
  skipWaiting: () => self.skipWaiting(),
  clients: self.clients,
};
self.swUpdateCoordinator.handleUpdates({ version: ${v} }, scope);
${versionOracle(version)}
`;
    case 'probe':
      return `${header}const post = (fields) =>
  self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) =>
    clients.forEach((client) => client.postMessage({ probe: true, version: ${v}, t: Date.now(), ...fields })));
self.addEventListener('install', (event) => event.waitUntil(post({ event: 'install' })));
self.addEventListener('activate', (event) => event.waitUntil(post({ event: 'activate' })));
self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') {
    const waiting = self.serviceWorker.state;
    event.waitUntil(post({ event: 'skipWaiting', state: waiting })
      .then(() => self.skipWaiting())
      .then(() => post({ event: 'skipWaiting resolved', state: self.serviceWorker.state })));
  } else if (type === 'ECHO') {
    event.waitUntil(post({ event: 'echo', tag: event.data.tag }));
  }
});
${versionOracle(version)}
`;
    case 'bare':
      return bareWorker(version, versionOracle(version));
    default:
      throw new Error(`not a hand-written worker kind: ${kind}`);
  }
}

/** Builds a Workbox worker with workbox-build's generateSW (skipWaiting and clientsClaim false). */
async function workboxWorker(workDir: string, kind: 'workbox' | 'workbox-bare', version: string): Promise<string> {
  // Imported lazily: workbox-build is heavy and only these kinds need it.
  const { generateSW } = await import('workbox-build');
  const dir = mkdtempSync(join(workDir, `${kind}-${version.replace(/[^\w.-]/g, '_')}-`));
  const site = join(dir, 'site');
  mkdirSync(join(site, 'precache'), { recursive: true });
  // The precached file's content is the version, so its revision (and the worker's bytes) differ.
  writeFileSync(join(site, 'precache', 'version.txt'), version);
  const swDest = join(dir, 'sw.js');
  await generateSW({
    swDest,
    globDirectory: site,
    globPatterns: ['precache/version.txt'],
    modifyURLPrefix: { '': '/' },
    skipWaiting: false,
    clientsClaim: false,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
    importScripts:
      kind === 'workbox'
        ? ['/dist/worker-global.iife.js', `/sw-version.js?v=${encodeURIComponent(version)}`]
        : undefined,
  });
  return readFileSync(swDest, 'utf8');
}

/** The package's entries the demo imports by name, and their files in the built dist/. */
const PACKAGE_ENTRIES: Record<string, string> = {
  'sw-update-coordinator': 'index.js',
  'sw-update-coordinator/prompt': 'prompt.js',
};

/** esbuild plugin: the demo imports the package by name, served from the built dist/. */
const packageEntry = (distDir: string): Plugin => ({
  name: 'sw-update-coordinator-dist',
  setup(b) {
    b.onResolve({ filter: /^sw-update-coordinator(\/|$)/ }, ({ path }) => {
      const file = PACKAGE_ENTRIES[path];
      return file === undefined
        ? { errors: [{ text: `the demo maps no dist file for ${path} (see PACKAGE_ENTRIES)` }] }
        : { path: join(distDir, file) };
    });
  },
});

/** esbuild plugin: what the docs ask of apps, so the demo's pages stay cacheable (src/page/no-unload.ts). */
const noUnload: Plugin = {
  name: 'no-unload',
  setup(b) {
    b.onResolve({ filter: /^unload$/ }, () => ({ path: join(root, 'src', 'page', 'no-unload.ts') }));
  },
};

function assertBuilt(distDir: string): void {
  for (const file of [...Object.values(PACKAGE_ENTRIES), 'worker-global.iife.js']) {
    if (!existsSync(join(distDir, file))) {
      throw new Error(
        `${join(distDir, file)} is missing: run \`npm run build\` first (the demo serves the built package).`,
      );
    }
  }
}

/** A page script that imports the package by name, from the built dist/. */
const bundleApp = (
  distDir: string,
  chunks: Map<string, string>,
  production = false,
  entry = 'app.ts',
): Promise<string> => bundlePage(entry, production, [packageEntry(distDir), noUnload], chunks);

function noCache(res: ServerResponse, type: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-cache');
}

/**
 * A page script, revalidated on every load with its ETag, as a static server serves an
 * app's bundle: a reload gets 304 and the browser's copy (and compiled code) while the
 * script is unchanged. The bench's pages are served alike, so none pays for its size
 * on a reload more than an app would.
 */
function sendScript(req: IncomingMessage, res: ServerResponse, type: string, body: string): void {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  noCache(res, type);
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    return void res.end();
  }
  res.end(body);
}

export async function startServer(options: ServerOptions = {}): Promise<DemoServer> {
  const builtDir = resolve(options.distDir ?? process.env.DEMO_DIST ?? defaultDistDir);
  assertBuilt(builtDir);
  const workDir = mkdtempSync(join(tmpdir(), 'sw-demo-'));
  // A snapshot of the build: a rebuild while the server runs (tsup cleans dist/ first)
  // must not pull files from under the pages. Restart the server to serve a new build.
  const distDir = join(workDir, 'dist');
  cpSync(builtDir, distDir, { recursive: true });
  // The pages load the coordinator's core as an app's bundler splits it: a chunk of its
  // own (/chunks/core-….js), fetched after the page's load event.
  const chunks = new Map<string, string>();
  const [appJs, oursJs] = await Promise.all([
    bundleApp(distDir, chunks, options.production),
    bundleApp(distDir, chunks, options.production, 'ours-page.ts'),
  ]);
  const baselines = await startBaselines({ production: options.production });
  const indexHtml = readFileSync(join(here, 'public', 'index.html'), 'utf8');
  const chartSvg = readFileSync(join(root, 'docs', 'charts', 'coordinator.svg'), 'utf8');
  const workbox = new Map<string, Promise<string>>();
  const dist = sirv(distDir, { dev: true, etag: true });

  /** Per app: what its worker script serves, and how often it was requested. */
  interface Deployed {
    current: { kind: WorkerKind; version: string };
    script: string | undefined;
    swRequests: number;
  }
  const deployed = new Map<AppName, Deployed>();
  const rootApp = (): Deployed => deployed.get('')!;
  const logListeners = new Map<string, Set<(event: Record<string, unknown>) => void>>();

  async function readBody(req: IncomingMessage): Promise<string> {
    let body = '';
    for await (const chunk of req) {
      body += String(chunk);
      if (body.length > 1_000_000) throw new Error('log event over 1 MB');
    }
    return body;
  }

  async function scriptFor(kind: WorkerKind, version: string): Promise<string | undefined> {
    if (kind === '404') return undefined;
    if (kind === 'workbox' || kind === 'workbox-bare') {
      const key = `${kind}@${version}`;
      if (!workbox.has(key)) {
        const built = workboxWorker(workDir, kind, version);
        workbox.set(key, built);
        built.catch(() => workbox.delete(key));
      }
      return workbox.get(key);
    }
    return handWrittenWorker(kind, version);
  }

  async function deploy(kind: WorkerKind, version: string, app: AppName = ''): Promise<void> {
    if (!WORKER_KINDS.includes(kind)) throw new Error(`unknown worker kind ${String(kind)}`);
    if (!/^[\w.-]{1,40}$/.test(version)) throw new Error(`bad version ${JSON.stringify(version)}`);
    if (!['', 'a', 'b'].includes(app)) throw new Error(`unknown app ${JSON.stringify(app)}`);
    const next = await scriptFor(kind, version);
    const entry = deployed.get(app) ?? { current: { kind, version }, script: undefined, swRequests: 0 };
    entry.current = { kind, version };
    entry.script = next;
    deployed.set(app, entry);
  }

  function serveWorker(res: ServerResponse, app: AppName): void {
    const entry = deployed.get(app);
    if (entry === undefined) {
      res.statusCode = 404;
      return void res.end(`nothing deployed for app ${app}`);
    }
    entry.swRequests++;
    if (entry.script === undefined) {
      res.statusCode = 404;
      noCache(res, 'text/plain');
      return void res.end('no worker deployed (kind 404)');
    }
    noCache(res, 'text/javascript; charset=utf-8');
    res.end(entry.script);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const appPath = APP_PATH.exec(url.pathname);
    if (appPath !== null) {
      if (appPath[2] === 'sw.js') return serveWorker(res, appPath[1] as AppName);
      noCache(res, 'text/html; charset=utf-8');
      return void res.end(indexHtml);
    }
    const { current } = rootApp();
    switch (url.pathname) {
      case '/':
      case '/index.html':
        noCache(res, 'text/html; charset=utf-8');
        return void res.end(indexHtml);
      case '/app.js':
        noCache(res, 'text/javascript; charset=utf-8');
        return void res.end(appJs);
      // The bench's page for the library: the coordinator and its default prompt, no demo UI.
      case '/ours.html':
        noCache(res, 'text/html; charset=utf-8');
        return void res.end(baselinePage('sw-update-coordinator bench page', '/ours.js'));
      case '/ours.js':
        return sendScript(req, res, 'text/javascript; charset=utf-8', oursJs);
      case '/coordinator.svg':
        noCache(res, 'image/svg+xml; charset=utf-8');
        return void res.end(chartSvg);
      case '/sw.js':
        return serveWorker(res, '');
      case '/sw-version.js': {
        const version = url.searchParams.get('v') ?? '';
        noCache(res, 'text/javascript; charset=utf-8');
        return void res.end(
          `self.swUpdateCoordinator.handleUpdates({ version: ${JSON.stringify(version)} });\n${versionOracle(version)}\n`,
        );
      }
      case '/precache/version.txt':
        // Workbox's precache install fetches it plainly; a page's probe (with this header)
        // only reaches the network when no Workbox worker answered it from its precache.
        noCache(res, 'text/plain');
        return void res.end(req.headers['x-version-probe'] === undefined ? current.version : 'uncontrolled');
      case '/__sw-version':
        noCache(res, 'text/plain');
        return void res.end('uncontrolled');
      case '/__state':
        noCache(res, 'application/json');
        return void res.end(JSON.stringify({ ...current, swRequests: rootApp().swRequests }));
      case '/__log': {
        if (req.method !== 'POST') {
          res.statusCode = 405;
          return void res.end('POST only');
        }
        const listeners = logListeners.get(url.searchParams.get('key') ?? '');
        const body = await readBody(req);
        res.statusCode = 204;
        res.end();
        if (listeners === undefined) return;
        let event: unknown;
        try {
          event = JSON.parse(body);
        } catch {
          return;
        }
        if (event !== null && typeof event === 'object')
          for (const listener of listeners) listener(event as Record<string, unknown>);
        return;
      }
      case '/__deploy': {
        if (req.method !== 'POST') {
          res.statusCode = 405;
          return void res.end('POST only');
        }
        const kind = (url.searchParams.get('kind') ?? 'good') as WorkerKind;
        const app = (url.searchParams.get('app') ?? '') as AppName;
        const was = deployed.get(app)?.current ?? current;
        const numeric = Number(was.version);
        const version =
          url.searchParams.get('version') ?? (Number.isInteger(numeric) ? String(numeric + 1) : `${was.version}.1`);
        try {
          await deploy(kind, version, app);
        } catch (error) {
          res.statusCode = 400;
          return void res.end(String(error));
        }
        noCache(res, 'application/json');
        return void res.end(JSON.stringify(deployed.get(app)!.current));
      }
      case '/blank.html':
        // An in-scope page without the demo, for probing the browser itself. ?slow=ms
        // makes a parser-blocking script, so the page stays before DOMContentLoaded.
        noCache(res, 'text/html; charset=utf-8');
        return void res.end(
          `<!doctype html><title>blank</title>` +
            (url.searchParams.has('slow')
              ? `<script src="/__slow?ms=${Number(url.searchParams.get('slow'))}"></script>`
              : '') +
            `<p>blank</p>`,
        );
      // ?ms=…: answers after that long (a slow resource: a script, or an image that holds
      // a page's load event back, as the demo's ?loadDelay= does).
      case '/__slow': {
        const ms = Math.min(Number(url.searchParams.get('ms')) || 0, 10_000);
        await new Promise((done) => setTimeout(done, ms));
        noCache(res, 'text/javascript');
        return void res.end('// slow');
      }
      case '/favicon.ico':
        res.statusCode = 204;
        return void res.end();
    }
    const chunk = chunks.get(url.pathname);
    if (chunk !== undefined) return sendScript(req, res, 'text/javascript; charset=utf-8', chunk);
    const baseline = baselines.route(url.pathname);
    if (baseline !== undefined) {
      if (url.pathname.endsWith('.js')) return sendScript(req, res, baseline.type, baseline.body);
      noCache(res, baseline.type);
      return void res.end(baseline.body);
    }
    if (url.pathname.startsWith('/dist/')) {
      req.url = req.url!.slice('/dist'.length);
      return dist(req, res, () => {
        res.statusCode = 404;
        res.end('not found');
      });
    }
    res.statusCode = 404;
    res.end('not found');
  }

  const initial = options.initial ?? { kind: 'good' as WorkerKind, version: '1' };
  await deploy(initial.kind, initial.version);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  // Keep-alive sockets would keep close() waiting for the browser.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    deploy,
    state: (app = '') => {
      const entry = deployed.get(app);
      if (entry === undefined) throw new Error(`nothing deployed for app ${JSON.stringify(app)}`);
      return { ...entry.current, swRequests: entry.swRequests };
    },
    onLog(key, listener) {
      const listeners = logListeners.get(key) ?? new Set();
      logListeners.set(key, listeners);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) logListeners.delete(key);
      };
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
        try {
          rmSync(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
        } catch (error) {
          // A temporary directory left behind must not fail whoever stops the server.
          console.warn(`[demo server] could not remove ${workDir}: ${String(error)}`);
        }
      }),
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = process.env.PORT === undefined ? 0 : Number(process.env.PORT);
  const server = await startServer({ port });
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
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
