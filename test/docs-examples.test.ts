// @vitest-environment happy-dom
/**
 * The docs cannot rot: every code block marked `<!-- example: docs/examples/… -->` equals
 * that file, every file in docs/examples is shown by some page, the TypeScript examples
 * type-check (the compiler API, two programs: page and worker), docs/api/ matches the
 * TSDoc TypeDoc generates it from, links between pages resolve, and the examples run:
 * the Vite app is built with vite-plugin-pwa, the Workbox worker with generateSW, and
 * the built workers, the classic-script pages and the React and Vue components are
 * exercised.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { URL as NodeURL, fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { ReactNode } from 'react';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COORDINATOR_STATUSES } from '../machines/statuses.js';
import { DEFAULT_TIMING } from '../machines/timing.js';
import { NAMESPACE, PROTOCOL_VERSION } from '../src/protocol/messages.js';
import type { UpdateCoordinator, UpdateCoordinatorOptions, UpdatePrompt } from '../src/page/types.js';
import { createFakeCoordinator, type FakeCoordinator } from './bindings/fake-coordinator.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'docs/examples');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const posix = (path: string): string => path.split('\\').join('/');

// --- module doubles for the examples that run in this file ----------------------------
// The examples import the package by name; here the names map to the sources, and the
// app's own `updates` module becomes a fake coordinator the test drives.

const doubles = vi.hoisted(() => ({
  react: undefined as unknown as UpdateCoordinator,
  vue: undefined as unknown as UpdateCoordinator,
  solid: undefined as unknown as UpdateCoordinator,
  preact: undefined as unknown as UpdateCoordinator,
  /** What the page examples passed to createUpdateCoordinator, and what they got. */
  created: [] as Array<{ options: UpdateCoordinatorOptions; coordinator: UpdateCoordinator }>,
  next: undefined as unknown as UpdateCoordinator,
}));
vi.mock('sw-update-coordinator', () => ({
  createUpdateCoordinator(options: UpdateCoordinatorOptions) {
    doubles.created.push({ options, coordinator: doubles.next });
    return doubles.next;
  },
}));
vi.mock('sw-update-coordinator/prompt', async () => await import('../src/prompt/index.js'));
vi.mock('sw-update-coordinator/react', async () => await import('../src/bindings/react.js'));
vi.mock('sw-update-coordinator/vue', async () => await import('../src/bindings/vue.js'));
vi.mock('sw-update-coordinator/solid', async () => await import('../src/bindings/solid.js'));
vi.mock('sw-update-coordinator/preact', async () => await import('../src/bindings/preact.js'));
vi.mock('../docs/examples/react/updates', () => ({
  get updates() {
    return doubles.react;
  },
}));
vi.mock('../docs/examples/vue/updates', () => ({
  get updates() {
    return doubles.vue;
  },
}));
vi.mock('../docs/examples/solid/updates', () => ({
  get updates() {
    return doubles.solid;
  },
}));
vi.mock('../docs/examples/preact/updates', () => ({
  get updates() {
    return doubles.preact;
  },
}));

// --- reading the docs --------------------------------------------------------------

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every Markdown page: README.md and docs/**. */
const pages = [
  'README.md',
  ...walk(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => posix(relative(root, f))),
];
/** The pages this suite holds to "no unmarked user code". */
const ownedPages = pages.filter((p) => /^docs\/(guide|troubleshooting)\.md$|^docs\/recipes\//.test(p));
/** The API reference TypeDoc writes (typedoc.json): its pages and the page of the main entry. */
const API_DIR = 'docs/api';
const API_MAIN = `${API_DIR}/sw-update-coordinator.md`;
/** Files that configure the examples rather than show them. */
const isInfrastructure = (path: string): boolean => /(^|\/)tsconfig(\.[\w-]+)?\.json$/.test(path);
const exampleFiles = walk(examplesDir)
  .map((f) => posix(relative(root, f)))
  .filter((f) => !isInfrastructure(f));

interface Block {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  info: string;
  content: string;
  example?: string;
}

const MARKER = /^<!-- example: (\S+) -->$/;

function blocks(page: string): Block[] {
  const lines = read(page).split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    let end = i + 1;
    while (end < lines.length && !(lines[end]!.startsWith(fence) && lines[end]!.trim() === fence)) end++;
    const marker = MARKER.exec(lines[start - 1] ?? '');
    out.push({
      page,
      line: start + 1,
      info: open[2]!.trim(),
      content: lines.slice(start + 1, end).join('\n') + '\n',
      example: marker?.[1],
    });
    i = end;
  }
  return out;
}

const allBlocks = pages.flatMap(blocks);

describe('code blocks come from docs/examples', () => {
  it('every marker sits right before a code block', () => {
    for (const page of pages) {
      const lines = read(page).split('\n');
      lines.forEach((line, index) => {
        if (!line.startsWith('<!-- example:')) return;
        expect(line, `${page}:${index + 1}`).toMatch(MARKER);
        expect(lines[index + 1] ?? '', `${page}:${index + 2}: a code block must follow the marker`).toMatch(
          /^(`{3,}|~{3,})/,
        );
      });
    }
  });

  it('each marked block equals its file', () => {
    const marked = allBlocks.filter((b) => b.example !== undefined);
    expect(marked.length).toBeGreaterThan(10);
    for (const block of marked) {
      const where = `${block.page}:${block.line} (${block.example})`;
      expect(block.example!.startsWith('docs/examples/'), where).toBe(true);
      expect(existsSync(join(root, block.example!)), `${where}: no such file`).toBe(true);
      expect(block.content, `${where} differs from the file`).toBe(read(block.example!));
    }
  });

  it('every file in docs/examples is shown by some page', () => {
    const shown = new Set(allBlocks.map((b) => b.example));
    expect(exampleFiles.filter((f) => !shown.has(f))).toEqual([]);
  });

  it('the guide, troubleshooting and the recipes show no unmarked user code', () => {
    expect(ownedPages).toEqual(expect.arrayContaining(['docs/guide.md', 'docs/troubleshooting.md']));
    const unmarked = ownedPages
      .flatMap(blocks)
      .filter((b) => b.example === undefined && !['sh', 'text', 'mermaid'].includes(b.info))
      .map((b) => `${b.page}:${b.line} (${b.info || 'no language'})`);
    expect(unmarked).toEqual([]);
  });
});

// --- links -------------------------------------------------------------------------

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, -1 for repeats. */
function anchorsOf(page: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of read(page).split('\n')) {
    if (/^(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe('links', () => {
  it("every relative link of the owned pages and of the README's docs list resolves, anchors included", () => {
    const broken: string[] = [];
    const readmeDocs = /^- Docs:\n(?: {2}.*\n)+/m.exec(read('README.md'))?.[0];
    expect(readmeDocs, 'README.md has no "- Docs:" list').toBeDefined();
    const texts = [...ownedPages.map((page) => [page, read(page)] as const), ['README.md', readmeDocs ?? ''] as const];
    for (const [page, source] of texts) {
      const text = source.replace(/^(`{3,}|~{3,})[\s\S]*?^\1$/gm, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/i.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? page : posix(relative(root, resolve(root, dirname(page), path)));
        if (!existsSync(join(root, file))) {
          broken.push(`${page}: ${target} (no file)`);
        } else if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor)) {
          broken.push(`${page}: ${target} (no heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

// --- types ---------------------------------------------------------------------------

function typeCheck(configPath: string): { files: string[]; errors: string[] } {
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${posix(relative(root, d.file.fileName))}:${line + 1}:${character + 1} ${message}`;
  });
  return {
    files: config.fileNames.map((f) => posix(relative(root, f))),
    errors: [...config.errors.map((e) => String(e.messageText)), ...errors],
  };
}

describe('the TypeScript examples type-check', () => {
  const page = typeCheck(join(examplesDir, 'tsconfig.json'));
  const worker = typeCheck(join(examplesDir, 'tsconfig.worker.json'));

  it('page code (docs/examples/tsconfig.json: DOM, JSX, the package names mapped to src/)', () => {
    expect(page.errors).toEqual([]);
  });

  it('worker code (docs/examples/tsconfig.worker.json: WebWorker)', () => {
    expect(worker.errors).toEqual([]);
  });

  it('covers every .ts, .tsx and .cjs example', () => {
    const typed = exampleFiles.filter((f) => /\.(ts|tsx|cjs)$/.test(f));
    expect(typed.filter((f) => !page.files.includes(f) && !worker.files.includes(f))).toEqual([]);
  });
});

// --- the generated API reference -----------------------------------------------------

/** `100 ms`, `10 s`, `1 h`: how the docs write a timing. */
function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** Every file under `dir`, relative to it, with its content. */
const filesUnder = (dir: string): Map<string, string> =>
  new Map(walk(dir).map((file) => [posix(relative(dir, file)), readFileSync(file, 'utf8')]));

describe('docs/api/', () => {
  it('matches the TSDoc TypeDoc generates it from (run `npm run docs`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'api-'));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--out', out], {
        cwd: root,
        stdio: 'pipe',
      });
      const expected = filesUnder(out);
      const committed = filesUnder(join(root, API_DIR));
      const differ = [...new Set([...expected.keys(), ...committed.keys()])].filter(
        (f) => expected.get(f) !== committed.get(f),
      );
      expect(differ, `${API_DIR} is out of date (${differ.join(', ')}): run npm run docs`).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('describes every status and every entry point', () => {
    const page = read(API_MAIN);
    const undescribed = Object.keys(COORDINATOR_STATUSES).filter(
      (status) => !new RegExp(`^\\| \`${status}\` \\| \\w`, 'm').test(page),
    );
    expect(undescribed, 'statuses without a row in the CoordinatorStatus TSDoc table').toEqual([]);
    const index = read(`${API_DIR}/README.md`);
    const exportsMap = (JSON.parse(read('package.json')) as { exports: Record<string, unknown> }).exports;
    const name = (subpath: string): string =>
      subpath === '.' ? 'sw-update-coordinator' : `sw-update-coordinator/${subpath.slice(2)}`;
    const missing = Object.keys(exportsMap).filter((subpath) => !index.includes(`| \`${name(subpath)}\` |`));
    expect(missing, 'entry points missing from scripts/docs/api-readme.md').toEqual([]);
  });

  it('gives every timing its default, the one in machines/timing.ts', () => {
    const section = read(API_MAIN).split('### Timing')[1]?.split('\n***')[0] ?? '';
    const values = DEFAULT_TIMING as unknown as Record<string, number>;
    const documented = Object.fromEntries(
      [...section.matchAll(/^\| <a id="[^"]*"><\/a> `(\w+)` \|.*\*\*Default\*\* `([\d_]+) \(([^)]*)\)`/gm)].map(
        ([, name, value, unit]) => [name, [Number(value!.replace(/_/g, '')), unit]],
      ),
    );
    expect(documented).toEqual(
      Object.fromEntries(Object.entries(values).map(([name, ms]) => [name, [ms, formatMs(ms)]])),
    );
  });
});

describe('facts quoted in the prose', () => {
  it('every "`timing` (value)" in the owned pages is the default in machines/timing.ts', () => {
    const values = DEFAULT_TIMING as unknown as Record<string, number>;
    const wrong: string[] = [];
    let quoted = 0;
    for (const page of ownedPages) {
      const text = read(page).replace(/\s+/g, ' ');
      for (const [, name, value] of text.matchAll(/`(\w+)`\*{0,2} \(([^)]*)\)/g)) {
        const expected = values[name!];
        if (expected === undefined) continue;
        quoted++;
        const ok = value!.startsWith(formatMs(expected)) || (expected === 3_600_000 && value!.startsWith('one hour'));
        if (!ok) wrong.push(`${page}: \`${name}\` (${value}), but the default is ${formatMs(expected)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(quoted).toBeGreaterThan(10);
  });

  it('the activation error quoted in troubleshooting is the one the machine reports', () => {
    const [quoted] = blocks('docs/troubleshooting.md').filter(
      (b) => b.info === 'text' && b.content.includes('SKIP_WAITING'),
    );
    expect(quoted).toBeDefined();
    const source = read('machines/lifecycle-assigns.ts');
    // The message: after codedError's first argument, the code.
    const code = "'skip-waiting-unheard',";
    const start = source.indexOf(code, source.indexOf('assignActivateTimeoutError')) + code.length;
    const region = source.slice(start, source.indexOf('(context.waitingVersion', start));
    const message = [...region.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]).join('');
    expect(message.length).toBeGreaterThan(100);
    expect(quoted!.content.replace(/\s+/g, ' ').trim()).toBe(`${message} (waiting version: 2.4.0)`);
  });

  it('package versions in install URLs are this release', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    for (const page of ownedPages) {
      for (const [, quoted] of read(page).matchAll(/sw-update-coordinator@([\w.-]+)/g))
        expect(quoted, page).toBe(version);
    }
  });
});

// --- running the workers ---------------------------------------------------------------

interface WorkerRun {
  /** Dispatches a `message` event; resolves with what was posted back on the port. */
  message(data: unknown): Promise<unknown[]>;
  /** Dispatches `activate`; resolves after every waitUntil promise settled. */
  activate(): Promise<void>;
  readonly skipWaitingCalls: number;
  /** What each of two window clients received. */
  readonly clientMessages: unknown[][];
}

/**
 * Runs a classic worker script in a fresh V8 context with a fake ServiceWorkerGlobalScope:
 * event listeners, skipWaiting, clients, a null Cache Storage, and importScripts served
 * by `load` (given the script's absolute URL).
 */
async function runWorker(code: string, load: (url: URL) => string): Promise<WorkerRun> {
  const listeners = new Map<string, Array<(event: unknown) => void>>();
  const clientMessages: unknown[][] = [[], []];
  let skipWaitingCalls = 0;
  const location = new URL('https://app.example/sw.js');
  const emptyCache = {
    keys: async () => [],
    match: async () => undefined,
    put: async () => {},
    delete: async () => false,
    addAll: async () => {},
  };
  const scope: Record<string, unknown> = {
    location,
    registration: { scope: 'https://app.example/' },
    console,
    URL,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    fetch: () => Promise.reject(new Error('no network in this test')),
    caches: {
      open: async () => emptyCache,
      keys: async () => [],
      delete: async () => false,
      match: async () => undefined,
    },
    clients: {
      matchAll: async (options: unknown) => {
        expect(options).toEqual({ type: 'window', includeUncontrolled: true });
        // Two windows of the worker's scope (matchAll lists the whole origin; the worker keeps these).
        return clientMessages.map((inbox, i) => ({
          url: `https://app.example/page-${i}`,
          postMessage: (message: unknown) => inbox.push(message),
        }));
      },
      claim: async () => {},
    },
    addEventListener(type: string, listener: (event: unknown) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    skipWaiting() {
      skipWaitingCalls++;
      return Promise.resolve();
    },
    importScripts(...urls: string[]) {
      for (const url of urls) vm.runInContext(load(new URL(url, location)), context, { filename: url });
    },
  };
  const context = vm.createContext(scope);
  scope.self = context;
  vm.runInContext(code, context, { filename: 'sw.js' });
  await new Promise((r) => setTimeout(r, 0)); // Workbox's module loader finishes in microtasks.

  const dispatch = async (type: string, fields: Record<string, unknown>): Promise<void> => {
    const pending: Array<Promise<unknown>> = [];
    const event = { type, ...fields, waitUntil: (p: Promise<unknown>) => pending.push(p) };
    for (const listener of listeners.get(type) ?? []) listener(event);
    await Promise.allSettled(pending);
  };
  return {
    async message(data) {
      const replies: unknown[] = [];
      await dispatch('message', {
        data,
        ports: [{ postMessage: (reply: unknown) => replies.push(reply) }],
        source: null,
      });
      return replies;
    },
    activate: () => dispatch('activate', {}),
    get skipWaitingCalls() {
      return skipWaitingCalls;
    },
    clientMessages,
  };
}

const getVersion = { ns: NAMESPACE, v: PROTOCOL_VERSION, type: 'GET_VERSION' };
const skipWaiting = { ns: NAMESPACE, v: PROTOCOL_VERSION, type: 'SKIP_WAITING', updateId: 'update-1' };

/** The worker's whole part in an update: version answers, skip waiting on request, RELOAD to every tab. */
async function expectCoordinatedWorker(run: WorkerRun, version: string): Promise<void> {
  expect(await run.message(getVersion)).toEqual([{ ns: NAMESPACE, v: PROTOCOL_VERSION, type: 'VERSION', version }]);
  expect(run.skipWaitingCalls, 'the worker skipped waiting before any tab asked').toBe(0);
  await run.message(skipWaiting);
  expect(run.skipWaitingCalls).toBeGreaterThan(0);
  await run.activate();
  const reload = {
    ns: NAMESPACE,
    v: PROTOCOL_VERSION,
    type: 'RELOAD',
    updateId: 'update-1',
    version,
    scope: 'https://app.example/',
  };
  expect(run.clientMessages).toEqual([[reload], [reload]]);
}

/** The classic builds, bundled from the sources the way scripts/build.ts does. */
async function classicBuild(entry: 'global' | 'worker-global'): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, { global: 'src/page/global.ts', 'worker-global': 'src/worker/global.ts' }[entry])],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

/**
 * This file's temporary files, all in one directory removed at its end. It is the process's
 * TMPDIR meanwhile: workbox-build's generateSW (the Workbox recipe) writes its bundler's
 * input into a new directory of the temporary directory and never removes it, and it reads
 * TMPDIR once, when it loads, which happens in this file's hooks.
 */
const ownTmp = mkdtempSync(join(tmpdir(), 'sw-docs-examples-'));
const systemTmp = process.env.TMPDIR;
process.env.TMPDIR = ownTmp;
afterAll(() => {
  if (systemTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTmp;
  rmSync(ownTmp, { recursive: true, force: true });
});
const tempDir = (prefix: string): string => mkdtempSync(join(ownTmp, prefix));

describe('recipe: Vite + vite-plugin-pwa (injectManifest)', () => {
  let out = '';
  beforeAll(async () => {
    const { build } = await import('vite');
    out = tempDir('docs-vite-');
    const previous = process.env.npm_package_version;
    process.env.npm_package_version = '2.4.0';
    // The plugin's inner build of the worker logs on its own, whatever logLevel says.
    const quiet = ['log', 'info', 'warn'].map((method) =>
      vi.spyOn(console, method as 'log').mockImplementation(() => {}),
    );
    try {
      await build({
        root: join(examplesDir, 'vite'),
        configFile: join(examplesDir, 'vite/vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: out, emptyOutDir: true },
        // What `npm install sw-update-coordinator` provides, from the sources.
        resolve: {
          alias: [
            { find: /^sw-update-coordinator$/, replacement: join(root, 'src/page/index.ts') },
            { find: /^sw-update-coordinator\/worker$/, replacement: join(root, 'src/worker/index.ts') },
          ],
        },
      });
    } finally {
      quiet.forEach((spy) => spy.mockRestore());
      if (previous === undefined) delete process.env.npm_package_version;
      else process.env.npm_package_version = previous;
    }
  }, 60_000);

  it('builds sw.js from src/sw.ts with the precache manifest injected, and no registration script', () => {
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    expect(sw.includes('__WB_MANIFEST'), 'the injection point is still there').toBe(false);
    expect(/"url":\s*"index\.html"/.test(sw), 'index.html is not precached').toBe(true);
    expect(readdirSync(out)).not.toContain('registerSW.js');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toMatch(/registerSW|serviceWorker\.register/);
  });

  it('the built worker answers its version, skips waiting only when asked, and reloads every tab', async () => {
    const run = await runWorker(readFileSync(join(out, 'sw.js'), 'utf8'), (url) => {
      throw new Error(`unexpected importScripts(${url.href})`);
    });
    await expectCoordinatedWorker(run, '2.4.0');
  });

  it('main.ts prompts with a bar that accepts and dismisses, removes it on cleanup, and holds a draft', async () => {
    document.body.innerHTML = '<textarea id="draft"></textarea>';
    const updates = createFakeCoordinator();
    doubles.next = updates;
    doubles.created.length = 0;
    await import('../docs/examples/vite/src/main.js');
    const { options } = doubles.created[0]!;
    expect(options.scriptURL).toBe('/sw.js');

    const prompt = {
      version: '2.4.0',
      currentVersion: '2.3.0',
      accept: vi.fn(),
      dismiss: vi.fn(),
    } satisfies UpdatePrompt;
    const cleanup = options.onPrompt!(prompt);
    const bar = document.querySelector('[role=status]')!;
    expect(bar.textContent).toContain('Version 2.4.0 is ready.');
    const [update, later] = bar.querySelectorAll('button');
    update!.click();
    later!.click();
    expect(prompt.accept).toHaveBeenCalledTimes(1);
    expect(prompt.dismiss).toHaveBeenCalledTimes(1);
    if (typeof cleanup === 'function') cleanup();
    expect(document.querySelector('[role=status]')).toBeNull();

    const draft = document.querySelector<HTMLTextAreaElement>('#draft')!;
    draft.value = 'Hello';
    draft.dispatchEvent(new Event('input'));
    draft.value = 'Hello again';
    draft.dispatchEvent(new Event('input'));
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    draft.value = '';
    draft.dispatchEvent(new Event('input'));
    expect(updates.activeHolds()).toBe(0);
  });
});

describe('recipe: Vite dev mode (devOptions)', () => {
  /** A Vite dev server on the recipe's config, with the Vite recipe's src/sw.ts; no port is opened. */
  async function devServer() {
    const { createServer } = await import('vite');
    // Inside the project, so the worker's imports resolve from its node_modules.
    const appRoot = join(root, 'test-results/docs-vite-dev');
    mkdirSync(join(appRoot, 'src'), { recursive: true });
    writeFileSync(join(appRoot, 'src/sw.ts'), read('docs/examples/vite/src/sw.ts'));
    writeFileSync(join(appRoot, 'index.html'), read('docs/examples/vite/index.html'));
    return createServer({
      root: appRoot,
      configFile: join(examplesDir, 'vite-dev/vite.config.ts'),
      logLevel: 'silent',
      server: { middlewareMode: true, hmr: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
  }

  it('serves src/sw.ts at /dev-sw.js?dev-sw with an empty precache manifest, and injects no registration', async () => {
    const server = await devServer();
    try {
      const resolved = await server.pluginContainer.resolveId('/dev-sw.js?dev-sw');
      expect(resolved?.id).toBe(join(root, 'test-results/docs-vite-dev/src/sw.ts'));
      const loaded = await server.pluginContainer.load(resolved!.id);
      const code = typeof loaded === 'string' ? loaded : loaded!.code;
      // An ES module (hence `type: 'module'`), precaching nothing in dev.
      expect(code).toMatch(/^import \{ cleanupOutdatedCaches, precacheAndRoute \} from 'workbox-precaching';$/m);
      expect(code).toContain('precacheAndRoute([]);');
      expect(code).toContain('handleUpdates({ version: __APP_VERSION__ });');

      const html = await server.transformIndexHtml('/', read('docs/examples/vite/index.html'));
      expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
      expect(html).not.toMatch(/serviceWorker\.register|registerSW/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('updates.ts registers the dev worker as a module under `vite dev`, and /sw.js in the build', async () => {
    document.body.innerHTML = '';
    for (const dev of [true, false]) {
      vi.resetModules();
      vi.stubEnv('DEV', dev);
      const updates = createFakeCoordinator({ status: 'available', isPrompting: true, waitingVersion: '2.4.0' });
      doubles.next = updates;
      doubles.created.length = 0;
      try {
        await import('../docs/examples/vite-dev/src/updates.js');
      } finally {
        vi.unstubAllEnvs();
      }
      const { options } = doubles.created[0]!;
      if (dev) {
        expect(options.scriptURL).toBe('/dev-sw.js?dev-sw');
        expect(options.registration).toEqual({ type: 'module' });
      } else {
        expect(options.scriptURL).toBe('/sw.js');
        expect(options.registration).toBeUndefined();
      }
    }
    expect(document.querySelector('sw-update-prompt')!.shadowRoot!.textContent).toContain('Version 2.4.0 is ready');
  });
});

describe('recipe: Workbox generateSW + importScripts', () => {
  const require = createRequire(import.meta.url);
  let out = '';
  beforeAll(async () => {
    const builtWorker = join(root, 'dist/worker-global.iife.js');
    if (!existsSync(builtWorker)) throw new Error('dist/worker-global.iife.js is missing: run `npm run build` first.');
    out = tempDir('docs-workbox-');
    writeFileSync(join(out, 'index.html'), '<!doctype html><title>Mail</title>');
    writeFileSync(join(out, 'app.js'), 'console.log("app");');
    const { buildServiceWorker } = await import('../docs/examples/workbox/build.js');
    const config = require('../docs/examples/workbox/workbox-config.cjs') as { swDest: string };
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // generateSW runs Rollup plugins that take a global `document` for a browser and
    // want Node's URL: hide this file's DOM while it runs.
    const dom = {
      URL: Object.getOwnPropertyDescriptor(globalThis, 'URL')!,
      document: Object.getOwnPropertyDescriptor(globalThis, 'document')!,
    };
    Object.defineProperty(globalThis, 'URL', { value: NodeURL, configurable: true, writable: true });
    Object.defineProperty(globalThis, 'document', { value: undefined, configurable: true, writable: true });
    try {
      await buildServiceWorker('2.4.0', { ...config, globDirectory: out, swDest: join(out, 'sw.js') } as never);
    } finally {
      Object.defineProperty(globalThis, 'URL', dom.URL);
      Object.defineProperty(globalThis, 'document', dom.document);
      log.mockRestore();
    }
  }, 60_000);

  it("leaves generateSW's own temporary directory in this file's, not the system's", () => {
    expect(readdirSync(ownTmp).filter((name) => /^[0-9a-f]{32}$/.test(name))).toHaveLength(1);
  });

  it("generates sw.js that imports the coordinator and keeps Workbox's own SKIP_WAITING listener", () => {
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    const has = (pattern: string | RegExp) => (typeof pattern === 'string' ? sw.includes(pattern) : pattern.test(sw));
    expect(has('importScripts("sw-update-coordinator.js","sw-updates.js")'), 'no importScripts line').toBe(true);
    expect(
      has(/addEventListener\("message",\w+=>\{\w+\.data&&"SKIP_WAITING"===\w+\.data\.type&&self\.skipWaiting\(\)\}\)/),
      'no Workbox SKIP_WAITING listener',
    ).toBe(true);
    expect(has('url:"sw-updates.js"'), 'sw-updates.js is not precached').toBe(true);
    expect(readFileSync(join(out, 'sw-update-coordinator.js'), 'utf8')).toBe(read('dist/worker-global.iife.js'));
  });

  it('the generated worker answers its version, skips waiting only when asked, and reloads every tab', async () => {
    const run = await runWorker(readFileSync(join(out, 'sw.js'), 'utf8'), (url) =>
      readFileSync(join(out, url.pathname.slice(1)), 'utf8'),
    );
    await expectCoordinatedWorker(run, '2.4.0');
  });

  it('main.ts mounts the default prompt, which shows in the presenting tab', async () => {
    document.body.innerHTML = '';
    const updates = createFakeCoordinator({ status: 'available', isPrompting: true, waitingVersion: '2.4.0' });
    doubles.next = updates;
    doubles.created.length = 0;
    await import('../docs/examples/workbox/main.js');
    expect(doubles.created[0]!.options.scriptURL).toBe('/sw.js');
    const element = document.querySelector('sw-update-prompt')!;
    expect(element.shadowRoot!.textContent).toContain('Version 2.4.0 is ready');
  });
});

/** The inline classic scripts of an HTML page, in order. */
const inlineScripts = (html: string): string[] => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
/** The body's markup without its scripts. */
const bodyMarkup = (html: string): string =>
  (/<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '').replace(/<script[\s\S]*?<\/script>/g, '');

/** Runs a page's classic script with `swUpdateCoordinator` replaced by a recorder. */
function runPageScript(code: string, coordinator: FakeCoordinator): UpdateCoordinatorOptions {
  const created: UpdateCoordinatorOptions[] = [];
  const global = {
    createUpdateCoordinator: (options: UpdateCoordinatorOptions) => (created.push(options), coordinator),
  };
  (window as unknown as { swUpdateCoordinator: unknown }).swUpdateCoordinator = global;
  // eslint-disable-next-line no-new-func -- runs a classic page script as a browser would
  new Function('swUpdateCoordinator', code)(global);
  expect(created).toHaveLength(1);
  return created[0]!;
}

/** The update bar shared by the plain page and the Rails layout. */
function expectUpdateBar(options: UpdateCoordinatorOptions): void {
  const bar = document.getElementById('update-bar')!;
  expect(bar.hidden).toBe(true);
  const prompt = { version: '2.4.0', accept: vi.fn(), dismiss: vi.fn() } satisfies UpdatePrompt;
  const cleanup = options.onPrompt!(prompt);
  expect(bar.hidden).toBe(false);
  expect(bar.querySelector('span')!.textContent).toBe('Version 2.4.0 is ready.');
  bar.querySelector<HTMLButtonElement>('[data-action=update]')!.click();
  bar.querySelector<HTMLButtonElement>('[data-action=later]')!.click();
  expect(prompt.accept).toHaveBeenCalledTimes(1);
  expect(prompt.dismiss).toHaveBeenCalledTimes(1);
  if (typeof cleanup === 'function') cleanup();
  expect(bar.hidden).toBe(true);
}

describe('recipe: script tag (global build)', () => {
  const html = read('docs/examples/script-tag/index.html');

  it('loads the global build, then runs against it (unsupported here: every method a safe no-op)', async () => {
    expect(html).toMatch(/<script src="\/vendor\/sw-update-coordinator\.js"><\/script>[\s\S]*<script>/);
    document.body.innerHTML = bodyMarkup(html);
    // A context without `window` or service workers, with this page's DOM.
    const context = vm.createContext({ document, console, setTimeout, clearTimeout, queueMicrotask });
    vm.runInContext(await classicBuild('global'), context);
    for (const script of inlineScripts(html)) vm.runInContext(script, context);
    const updates = vm.runInContext('updates', context) as UpdateCoordinator;
    expect(updates.getSnapshot().status).toBe('unsupported');
    document.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
  });

  it('shows the bar where the prompt is, and holds the note until it is saved', () => {
    document.body.innerHTML = bodyMarkup(html);
    const updates = createFakeCoordinator();
    const [script] = inlineScripts(html);
    const options = runPageScript(script!, updates);
    expect(options.scriptURL).toBe('/sw.js');
    expectUpdateBar(options);

    const note = document.getElementById('note')!;
    note.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
    note.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(updates.calls.hold).toEqual(['unsaved note']);
    note.dispatchEvent(new Event('submit'));
    expect(updates.activeHolds()).toBe(0);
  });

  it('sw.js answers its version, skips waiting only when asked, and reloads every tab', async () => {
    const workerGlobal = await classicBuild('worker-global');
    const run = await runWorker(read('docs/examples/script-tag/sw.js'), (url) => {
      expect(url.pathname).toBe('/vendor/sw-update-coordinator-worker.js');
      return workerGlobal;
    });
    await expectCoordinatedWorker(run, '2.4.0');
  });
});

describe('recipe: Rails with import maps (global build)', () => {
  /** The ERB tags, rendered the way the recipe's Rails app would. */
  const render = (erb: string): string =>
    erb
      .replace(/<%#[\s\S]*?%>\n?/g, '')
      .replace(/<%= asset_path\("([^"]+)"\) %>/g, '/assets/$1')
      .replace(/<%= j ENV\.fetch\("APP_REVISION", "dev"\) %>/g, '2.4.0')
      .replace(/<%=[\s\S]*?%>/g, '');

  it('updates.js shows the bar, holds forms marked data-hold-updates, and releases on submit and on Turbo visits', () => {
    document.body.innerHTML =
      bodyMarkup(render(read('docs/examples/rails/application.html.erb'))) +
      '<form data-hold-updates><input name="subject"></form><form id="search"><input name="q"></form>';
    const updates = createFakeCoordinator();
    const options = runPageScript(read('docs/examples/rails/updates.js'), updates);
    expect(options.scriptURL).toBe('/service-worker.js');
    expectUpdateBar(options);

    const [held, search] = document.querySelectorAll('form');
    search!.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(updates.calls.hold).toEqual([]);
    held!.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    held!.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(updates.activeHolds()).toBe(1);
    held!.dispatchEvent(new Event('submit', { bubbles: true }));
    expect(updates.activeHolds()).toBe(0);
    held!.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    document.dispatchEvent(new Event('turbo:load'));
    expect(updates.activeHolds()).toBe(0);
    expect(updates.calls.hold).toEqual(['unsaved form', 'unsaved form']);
  });

  it('the layout includes the global build before the import map, and keeps the bar across Turbo visits', () => {
    const layout = read('docs/examples/rails/application.html.erb');
    expect(layout.indexOf('javascript_include_tag "sw-update-coordinator"')).toBeLessThan(
      layout.indexOf('javascript_importmap_tags'),
    );
    expect(layout).toMatch(/<div id="update-bar"[^>]*data-turbo-permanent/);
    expect(read('docs/examples/rails/routes.rb')).toContain('get "service-worker" => "rails/pwa#service_worker"');
  });

  it('service-worker.js.erb, rendered, answers its version and reloads every tab', async () => {
    const workerGlobal = await classicBuild('worker-global');
    const run = await runWorker(render(read('docs/examples/rails/service-worker.js.erb')), (url) => {
      expect(url.pathname).toBe('/assets/sw-update-coordinator-worker.js');
      return workerGlobal;
    });
    await expectCoordinatedWorker(run, '2.4.0');
  });
});

// --- React and Vue ---------------------------------------------------------------------

/**
 * The React examples are .tsx, which the repository's tsconfig (no `jsx` option) does not
 * compile; they are type-checked above with docs/examples/tsconfig.json and imported
 * here by a path the type checker does not follow.
 */
const reactExample = async <T>(file: string): Promise<T> =>
  (await import(/* @vite-ignore */ `../docs/examples/react/${file}`)) as T;
type ReactExamples = {
  UpdateBanner: () => ReactNode;
  Compose: (props: { onSend: (text: string) => void }) => ReactNode;
};

describe('recipe: auto-update that respects drafts', () => {
  it("updates.ts asks for the 'auto' policy; drafts.ts holds from the first keystroke until what is in the field is saved", async () => {
    const updates = createFakeCoordinator();
    doubles.next = updates;
    doubles.created.length = 0;
    const { guardDraft } = await import('../docs/examples/auto-update/drafts.js');
    expect(doubles.created[0]!.options).toMatchObject({ scriptURL: '/sw.js', policy: 'auto' });

    document.body.innerHTML = '<textarea></textarea>';
    const field = document.querySelector('textarea')!;
    const saves: Array<{ text: string; done: (ok: boolean) => void }> = [];
    const save = (text: string) =>
      new Promise<void>((resolve, reject) =>
        saves.push({ text, done: (ok) => (ok ? resolve() : reject(new Error('offline'))) }),
      );
    const stop = guardDraft(field, save);
    const type = (text: string) => {
      field.value = text;
      field.dispatchEvent(new Event('input'));
    };
    const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

    type('Hello');
    type('Hello again');
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    field.dispatchEvent(new Event('change'));
    saves[0]!.done(false);
    await flush();
    expect(updates.activeHolds()).toBe(1); // a failed save keeps the hold

    field.dispatchEvent(new Event('change'));
    type('Hello again, more');
    saves[1]!.done(true);
    await flush();
    expect(updates.activeHolds()).toBe(1); // saved, but the field moved on meanwhile

    field.dispatchEvent(new Event('change'));
    saves[2]!.done(true);
    await flush();
    expect(updates.activeHolds()).toBe(0);
    expect(saves.map((s) => s.text)).toEqual(['Hello again', 'Hello again', 'Hello again, more']);

    type('Another');
    expect(updates.activeHolds()).toBe(1);
    stop();
    expect(updates.activeHolds()).toBe(0);
  });
});

/** How a framework test drives the banner: let the framework catch up, read it, click in it. */
interface BannerUi {
  settle(change: () => void): void | Promise<void>;
  text(): string;
  click(label: string): void | Promise<void>;
}

/** The first button in `root` whose text is `label`. */
const buttonIn = (root: ParentNode, label: string): HTMLButtonElement =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === label)!;

/**
 * The banner recipes' script, the same in React, Vue, Solid and Preact: the prompt with
 * Update and Later, then "Update anyway" while `holds` tabs hold, then "Updating…" in
 * `updating` (`activating` or `reloading`).
 */
async function bannerFollowsTheSnapshot(
  updates: FakeCoordinator,
  ui: BannerUi,
  { holds, updating }: { holds: number; updating: 'activating' | 'reloading' },
): Promise<void> {
  await ui.settle(() => updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4.0' }));
  expect(ui.text()).toBe('Version 2.4.0 is ready. UpdateLater');
  await ui.click('Later');
  expect(updates.calls.dismiss).toBe(1);
  await ui.click('Update');
  expect(updates.calls.accept).toEqual([undefined]);

  await ui.settle(() => updates.set({ status: 'blocked', isPrompting: false, holds }));
  expect(ui.text()).toBe(`Waiting for ${holds} tab${holds === 1 ? '' : 's'} with unsaved changes. Update anyway`);
  await ui.click('Update anyway');
  expect(updates.calls.accept).toEqual([undefined, { force: true }]);
  await ui.settle(() => updates.set({ status: updating, holds: 0 }));
  expect(ui.text()).toBe('Updating…');
}

describe('recipe: React', () => {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });

  it('UpdateBanner follows the snapshot: prompt, blocked with "Update anyway", updating', async () => {
    const { act, createElement } = await import('react');
    const { createRoot } = await import('react-dom/client');
    const updates = createFakeCoordinator();
    doubles.react = updates;
    const { UpdateBanner } = await reactExample<ReactExamples>('UpdateBanner.tsx');
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    const reactRoot = createRoot(container);
    act(() => reactRoot.render(createElement(UpdateBanner)));
    expect(container.innerHTML).toBe('');

    await bannerFollowsTheSnapshot(
      updates,
      {
        settle: (change) => act(change),
        text: () => container.textContent ?? '',
        click: (label) => act(() => buttonIn(container, label).click()),
      },
      { holds: 1, updating: 'activating' },
    );
    act(() => reactRoot.unmount());
  });

  it('UpdateBanner shows nothing in a tab that does not present', async () => {
    const { act, createElement } = await import('react');
    const { createRoot } = await import('react-dom/client');
    const updates = createFakeCoordinator({ status: 'available', isPrompting: false });
    doubles.react = updates;
    const { UpdateBanner } = await reactExample<ReactExamples>('UpdateBanner.tsx');
    const container = document.createElement('div');
    const reactRoot = createRoot(container);
    act(() => reactRoot.render(createElement(UpdateBanner)));
    expect(container.innerHTML).toBe('');
    act(() => updates.set({ status: 'blocked', holds: 1 }));
    expect(container.innerHTML).toBe('');
    act(() => reactRoot.unmount());
  });

  it('Compose holds while the draft has text, and releases on send', async () => {
    const { act, createElement } = await import('react');
    const { createRoot } = await import('react-dom/client');
    const updates = createFakeCoordinator();
    doubles.react = updates;
    const { Compose } = await reactExample<ReactExamples>('Compose.tsx');
    const sent: string[] = [];
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    const reactRoot = createRoot(container);
    act(() => reactRoot.render(createElement(Compose, { onSend: (text: string) => sent.push(text) })));
    const textarea = container.querySelector('textarea')!;
    act(() => {
      // React listens for `input`; set the value the way a user's typing does.
      Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, 'Hello');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    act(() => container.querySelector('button')!.click());
    expect(sent).toEqual(['Hello']);
    expect(updates.activeHolds()).toBe(0);
    act(() => reactRoot.unmount());
  });
});

describe('recipe: Vue', () => {
  it('UpdateBanner follows the snapshot: prompt, blocked with "Update anyway", updating', async () => {
    const { mount } = await import('@vue/test-utils');
    const { nextTick } = await import('vue');
    const updates = createFakeCoordinator();
    doubles.vue = updates;
    const { UpdateBanner } = await import('../docs/examples/vue/UpdateBanner.js');
    const wrapper = mount(UpdateBanner);
    expect(wrapper.text()).toBe('');

    await bannerFollowsTheSnapshot(
      updates,
      {
        settle: async (change) => {
          change();
          await nextTick();
        },
        text: () => wrapper.text(),
        click: async (label) => {
          await wrapper
            .findAll('button')
            .find((b) => b.text() === label)!
            .trigger('click');
        },
      },
      { holds: 2, updating: 'reloading' },
    );
    wrapper.unmount();
    expect(updates.listenerCount()).toBe(0);
  });

  it('Compose holds while the draft has text, and releases on send', async () => {
    const { mount } = await import('@vue/test-utils');
    const updates = createFakeCoordinator();
    doubles.vue = updates;
    const { Compose } = await import('../docs/examples/vue/Compose.js');
    const wrapper = mount(Compose);
    await wrapper.find('textarea').setValue('Hello');
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('send')).toEqual([['Hello']]);
    expect(updates.activeHolds()).toBe(0);
    wrapper.unmount();
  });
});

// --- Solid and Preact --------------------------------------------------------------------

type ComponentExamples = {
  UpdateBanner: () => unknown;
  Compose: (props: { onSend: (text: string) => void }) => unknown;
};

/**
 * A Solid example compiled as vite-plugin-solid does (TypeScript stripped, then
 * babel-preset-solid), written inside the project so its imports resolve; `./updates`
 * becomes the path of the module mocked above.
 */
async function solidExample(file: string): Promise<ComponentExamples> {
  const { transform } = await import('esbuild');
  const { transformAsync } = await import('@babel/core');
  const source = join(examplesDir, 'solid', file);
  const { code: js } = await transform(read(`docs/examples/solid/${file}`), {
    loader: 'tsx',
    jsx: 'preserve',
    format: 'esm',
  });
  const compiled = await transformAsync(js, {
    filename: source,
    babelrc: false,
    configFile: false,
    presets: ['babel-preset-solid'],
  });
  const dir = join(root, 'test-results/docs-solid');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, file.replace(/\.tsx$/, '.js'));
  writeFileSync(
    out,
    compiled!.code!.replace(/from "\.\/updates"/g, `from ${JSON.stringify(join(examplesDir, 'solid/updates.ts'))}`),
  );
  return (await import(/* @vite-ignore */ out)) as ComponentExamples;
}

describe('recipe: Solid', () => {
  /** Types into a textarea as a user does: the value, then an `input` event. */
  const type = (textarea: HTMLTextAreaElement, text: string) => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  };

  it('UpdateBanner follows the snapshot: prompt, blocked with "Update anyway", updating', async () => {
    const { render } = await import('solid-js/web');
    const updates = createFakeCoordinator();
    doubles.solid = updates;
    const { UpdateBanner } = await solidExample('UpdateBanner.tsx');
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    const dispose = render(UpdateBanner as never, container);
    expect(container.innerHTML).toBe('');

    await bannerFollowsTheSnapshot(
      updates,
      {
        settle: (change) => change(),
        text: () => container.textContent ?? '',
        click: (label) => buttonIn(container, label).click(),
      },
      { holds: 1, updating: 'activating' },
    );
    dispose();
    expect(updates.listenerCount()).toBe(0);
  });

  it('UpdateBanner shows nothing in a tab that does not present', async () => {
    const { render } = await import('solid-js/web');
    const updates = createFakeCoordinator({ status: 'available', isPrompting: false });
    doubles.solid = updates;
    const { UpdateBanner } = await solidExample('UpdateBanner.tsx');
    const container = document.createElement('div');
    const dispose = render(UpdateBanner as never, container);
    expect(container.innerHTML).toBe('');
    updates.set({ status: 'blocked', holds: 1 });
    expect(container.innerHTML).toBe('');
    dispose();
  });

  it('Compose holds while the draft has text, and releases on send', async () => {
    const { render } = await import('solid-js/web');
    const updates = createFakeCoordinator();
    doubles.solid = updates;
    const { Compose } = await solidExample('Compose.tsx');
    const sent: string[] = [];
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    const dispose = render(
      () => (Compose as (props: object) => never)({ onSend: (text: string) => sent.push(text) }),
      container,
    );
    type(container.querySelector('textarea')!, 'Hello');
    type(container.querySelector('textarea')!, 'Hello again');
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    container.querySelector('button')!.click();
    expect(sent).toEqual(['Hello again']);
    expect(updates.activeHolds()).toBe(0);
    dispose();
  });
});

/** The Preact examples are .tsx, imported by a path the type checker does not follow (as React's). */
const preactExample = async (file: string): Promise<ComponentExamples> =>
  (await import(/* @vite-ignore */ `../docs/examples/preact/${file}`)) as ComponentExamples;

describe('recipe: Preact', () => {
  it('UpdateBanner follows the snapshot: prompt, blocked with "Update anyway", updating', async () => {
    const { act, cleanup, render } = await import('@testing-library/preact');
    const { h } = await import('preact');
    const updates = createFakeCoordinator();
    doubles.preact = updates;
    const { UpdateBanner } = await preactExample('UpdateBanner.tsx');
    const { container, unmount } = render(h(UpdateBanner as never, null));
    expect(container.innerHTML).toBe('');

    await bannerFollowsTheSnapshot(
      updates,
      {
        settle: (change) => act(change),
        text: () => container.textContent ?? '',
        click: (label) => act(() => buttonIn(container, label).click()),
      },
      { holds: 2, updating: 'reloading' },
    );
    act(() => {
      unmount();
    });
    expect(updates.listenerCount()).toBe(0);
    cleanup();
  });

  it('Compose holds while the draft has text, and releases on send', async () => {
    const { act, cleanup, fireEvent, render } = await import('@testing-library/preact');
    const { h } = await import('preact');
    const updates = createFakeCoordinator();
    doubles.preact = updates;
    const { Compose } = await preactExample('Compose.tsx');
    const sent: string[] = [];
    const { container } = render(h(Compose as never, { onSend: (text: string) => sent.push(text) }));
    const textarea = container.querySelector('textarea')!;
    fireEvent.input(textarea, { target: { value: 'Hello' } });
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    act(() => container.querySelector('button')!.click());
    expect(sent).toEqual(['Hello']);
    expect(updates.activeHolds()).toBe(0);
    cleanup();
  });
});

describe('migration guide (docs/migrate.md)', () => {
  const created = async (path: string): Promise<{ options: UpdateCoordinatorOptions; updates: FakeCoordinator }> => {
    const updates = createFakeCoordinator();
    doubles.next = updates;
    doubles.created.length = 0;
    await import(path);
    const { options } = doubles.created[0]!;
    return { options, updates };
  };

  it('from registerSW: one prompt with the old bar, checks on an interval, offline-ready, registered, coded errors', async () => {
    document.body.innerHTML = '';
    const { options } = await created('../docs/examples/migrate/vite-plugin-pwa/updates.js');
    expect(options).toMatchObject({ scriptURL: '/sw.js', checkInterval: 3_600_000 });
    const prompt = { version: '2.4.0', accept: vi.fn(), dismiss: vi.fn() } satisfies UpdatePrompt;
    const cleanup = options.onPrompt!(prompt);
    const bar = document.querySelector('[role=status]')!;
    expect(bar.textContent).toBe('Version 2.4.0 is ready. UpdateLater');
    const [update, later] = bar.querySelectorAll('button');
    update!.click();
    later!.click();
    expect(prompt.accept).toHaveBeenCalledTimes(1);
    expect(prompt.dismiss).toHaveBeenCalledTimes(1);
    if (typeof cleanup === 'function') cleanup();
    expect(document.querySelector('[role=status]')).toBeNull();
    options.onOfflineReady!();
    expect(document.querySelector('[role=status]')?.textContent).toContain('Ready to work offline.');
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    options.onRegistered!({ scope: 'https://mail.example/' } as ServiceWorkerRegistration);
    options.onError!(Object.assign(new Error('offline'), { code: 'check-failed' as const }));
    expect(info).toHaveBeenCalledWith('[updates] registered for', 'https://mail.example/');
    expect(warn).toHaveBeenCalledWith('[updates] check-failed: offline');
    info.mockRestore();
    warn.mockRestore();
  });

  it("from registerType 'autoUpdate': the 'auto' policy, and a draft holds it until cleared", async () => {
    document.body.innerHTML = '<textarea id="draft"></textarea>';
    const { options, updates } = await created('../docs/examples/migrate/vite-plugin-pwa/auto-update.js');
    expect(options).toMatchObject({ scriptURL: '/sw.js', policy: 'auto' });
    const draft = document.querySelector<HTMLTextAreaElement>('#draft')!;
    for (const text of ['H', 'Hi', '']) {
      draft.value = text;
      draft.dispatchEvent(new Event('input'));
    }
    expect(updates.calls.hold).toEqual(['unsaved draft']);
    expect(updates.activeHolds()).toBe(0);
  });

  it('from workbox-window: the prompt, the registration, install failures, and a check button', async () => {
    document.body.innerHTML = '<button id="check-for-update">Check</button>';
    const { options, updates } = await created('../docs/examples/migrate/workbox-window/updates.js');
    expect(options.scriptURL).toBe('/sw.js');
    expect(typeof options.onPrompt).toBe('function');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    updates.emit('update-failed', {
      error: Object.assign(new Error('bad precache'), { code: 'install-failed' as const }),
    });
    updates.emit('update-failed', { error: Object.assign(new Error('offline'), { code: 'check-failed' as const }) });
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
    document.querySelector<HTMLButtonElement>('#check-for-update')!.click();
    expect(updates.calls.checkForUpdate).toBe(1);
  });

  it('from SwUpdate: the events in place of versionUpdates, and accept in place of activateUpdate', async () => {
    const { options, updates } = await created('../docs/examples/migrate/angular/updates.js');
    expect(options.scriptURL).toBe('/sw.js');
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    updates.emit('update-ready', { version: '2.4.0', currentVersion: '2.3.0' });
    updates.emit('update-applied', { version: '2.4.0', previousVersion: '2.3.0' });
    expect(info.mock.calls.map(([line]) => line)).toEqual([
      '[updates] 2.4.0 is ready (running 2.3.0)',
      '[updates] updated from 2.3.0 to 2.4.0',
    ]);
    info.mockRestore();
    const { applyUpdate } = (await import('../docs/examples/migrate/angular/updates.js')) as { applyUpdate(): void };
    applyUpdate();
    expect(updates.calls.accept).toEqual([undefined]);
  });
});
