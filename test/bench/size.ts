/**
 * Bundle sizes, measured the way an app's bundler ships them: esbuild bundle + minify,
 * format esm, platform browser, `process.env.NODE_ENV` = "production", then gzip level 9.
 * The same settings as .size-limit.js, whose budgets test/size.test.ts checks; this file
 * is for the bench (test/bench/run.ts), which also reports the per-module breakdown,
 * the IIFE builds and workbox-window, and needs esbuild's metafile for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** 1 KB here is 1024 bytes. */
export const KB = 1024;

/**
 * What size-limit leaves out of every figure it checks: the gzip of esbuild's empty
 * project, 32 B (.size-limit.js). The enforced budgets are compared on its count, the
 * gzip of the file less this.
 */
export const SIZE_LIMIT_BASELINE = 32;

export interface SizeEntry {
  /** How the entry is named in messages and tables. */
  readonly name: string;
  /** Source entry point(s), relative to the package root; several: the sum of their bundles. */
  readonly path: string | readonly string[];
  /** The page core (src/page/core.ts) left out, as the chunk an app's bundler splits off. */
  readonly coreApart?: boolean;
  /** Packages left out of the bundle (measuring our own code only). */
  readonly ignore?: readonly string[];
  /** Enforced by size-limit (test/size.test.ts): min+gzip bytes must not exceed it. */
  readonly limit: number;
  /** The target, when the enforced budget is a ceiling above it (see docs/benchmarks.md). */
  readonly target?: number;
}

const DEPS = ['xstate', 'broadcast-channel'] as const;

/** The budgets, from .size-limit.js (plain JavaScript, so size-limit reads it as it is). */
export async function sizeBudgets(): Promise<readonly SizeEntry[]> {
  const config = (await import(pathToFileURL(join(ROOT, '.size-limit.js')).href)) as { budgets: SizeEntry[] };
  return config.budgets;
}

export interface Measured {
  /** Minified bytes. */
  readonly min: number;
  /** Minified + gzip (level 9) bytes. */
  readonly gzip: number;
  readonly metafile: Metafile;
}

export const gzipSize = (code: Uint8Array | string): number => gzipSync(code, { level: 9 }).length;

/** How an app's bundler ships an entry; every size here is measured this way. */
const BUNDLE_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
} as const;

/** The shell's `import('./core.js')` left as it is (as in .size-limit.js). */
const coreApartPlugin: Plugin = {
  name: 'core-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/core\.js$/ }, () => ({ path: './core.js', external: true }));
  },
};

/**
 * Bundles, minifies and gzips entries (paths relative to the package root); several
 * entries are bundled apart and their sizes summed, as size-limit does.
 */
export async function measure(
  entry: string | readonly string[],
  external: readonly string[] = [],
  { coreApart = false }: { coreApart?: boolean } = {},
): Promise<Measured> {
  const entries = typeof entry === 'string' ? [entry] : entry;
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: entries.map((e) => join(ROOT, e)),
    outdir: join(ROOT, 'size-out'),
    external: [...external],
    plugins: coreApart ? [coreApartPlugin] : [],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = result.outputFiles.map((file) => file.contents);
  return {
    min: files.reduce((sum, code) => sum + code.length, 0),
    gzip: files.reduce((sum, code) => sum + gzipSize(code), 0),
    metafile: result.metafile,
  };
}

/** Which group a bundled input file belongs to. */
export function groupOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (!match) return 'ours';
  // broadcast-channel's own dependencies count as broadcast-channel.
  return match[1] === 'unload' || match[1] === 'oblivious-set' || match[1] === '@babel/runtime'
    ? 'broadcast-channel'
    : match[1]!;
}

export interface Breakdown {
  /** Minified bytes in the output per group ('ours', 'xstate', 'broadcast-channel', …). */
  readonly groups: ReadonlyArray<{ group: string; bytes: number; files: number }>;
  /** Minified bytes in the output per input file, largest first. */
  readonly files: ReadonlyArray<{ path: string; group: string; bytes: number }>;
  /** gzip bytes each dependency adds: gzip(all) − gzip(with that dependency external). */
  readonly marginalGzip: ReadonlyArray<{ group: string; gzip: number }>;
  /** The core chunk (src/page/core.ts, dependencies included). */
  readonly total: Measured;
  /** The core chunk's own code (dependencies external). */
  readonly own: Measured;
  /** The shell: what the app's main chunk gets (the core left out). */
  readonly shell: Measured;
}

/** The group of the shell's files: they go to the app's main chunk, the rest to the core's. */
export const SHELL_GROUP = 'shell (main chunk)';

/**
 * Where the page entry's bytes are: esbuild metafile `bytesInOutput` per input file, of
 * the shell (src/page/index.ts without its core) and of the core chunk (src/page/core.ts).
 */
export async function pageBreakdown(): Promise<Breakdown> {
  const shell = await measure('src/page/index.ts', [], { coreApart: true });
  const total = await measure('src/page/core.ts');
  const own = await measure('src/page/core.ts', DEPS);
  const inputs = (measured: Measured) => Object.entries(Object.values(measured.metafile.outputs)[0]!.inputs);
  const files = [
    ...inputs(shell).map(([path, { bytesInOutput }]) => ({ path, group: SHELL_GROUP, bytes: bytesInOutput })),
    ...inputs(total).map(([path, { bytesInOutput }]) => ({ path, group: groupOf(path), bytes: bytesInOutput })),
  ]
    .map((f) => ({ ...f, path: f.path.replace(/^.*node_modules\//, '') }))
    .filter((f) => f.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const byGroup = new Map<string, { bytes: number; files: number }>();
  for (const f of files) {
    const g = byGroup.get(f.group) ?? { bytes: 0, files: 0 };
    g.bytes += f.bytes;
    g.files++;
    byGroup.set(f.group, g);
  }
  const marginalGzip = [];
  for (const dep of DEPS) {
    const without = await measure('src/page/core.ts', [dep]);
    marginalGzip.push({ group: dep, gzip: total.gzip - without.gzip });
  }
  return {
    groups: [...byGroup].map(([group, g]) => ({ group, ...g })).sort((a, b) => b.bytes - a.bytes),
    files,
    marginalGzip,
    total,
    own,
    shell,
  };
}

/** gzip size of a built file in dist/ (the IIFE builds are already minified by scripts/build.ts). */
export function distGzip(file: string): { min: number; gzip: number } | undefined {
  const path = join(ROOT, 'dist', file);
  if (!existsSync(path)) return undefined;
  const code = readFileSync(path);
  return { min: code.length, gzip: gzipSize(code) };
}

/** workbox-window's `Workbox`, bundled the same way, for comparison. */
export async function workboxWindowSize(): Promise<Measured> {
  const result = await build({
    ...BUNDLE_OPTIONS,
    stdin: { contents: "export { Workbox } from 'workbox-window';", resolveDir: ROOT, loader: 'js' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSize(code), metafile: result.metafile };
}
