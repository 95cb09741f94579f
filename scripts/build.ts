/**
 * Builds every entry of the package into dist/ (see the `exports` map in package.json):
 * library formats keep xstate, broadcast-channel and the frameworks as dependencies;
 * the classic scripts inline everything so one <script> or importScripts() is enough.
 * Every library entry is ESM and CommonJS except the prompt (one custom element, so one
 * copy) and the Svelte, Solid and Preact bindings (their frameworks load as ES modules):
 * README, "Module formats".
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { build, type Options } from 'tsup';

const common: Options = {
  outDir: 'dist',
  target: 'es2020',
  platform: 'browser',
  sourcemap: true,
  silent: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

const EXTERNAL = ['react', 'vue', /^svelte(\/|$)/, /^solid-js(\/|$)/, /^preact(\/|$)/];

/** A library entry: `.js` + `.d.ts`, and `.cjs` + `.d.cts` unless ESM-only. */
const library = (name: string, entry: string, formats: Options['format']): Options => ({
  ...common,
  entry: { [name]: entry },
  format: formats,
  dts: true,
  external: EXTERNAL,
});

/** A classic script (IIFE, `.iife.js`); its types are copied below. */
const classicScript = (name: string, entry: string, extra: Options = {}): Options => ({
  ...common,
  entry: { [name]: entry },
  format: ['iife'],
  minify: true,
  outExtension: () => ({ js: '.iife.js' }),
  ...extra,
});

const builds: Options[] = [
  // The page entry is a small shell; its core (src/page/core.ts, with xstate and
  // broadcast-channel) is a dynamic import(): dist/core.js in the ESM build, which an
  // app's bundler then keeps as a chunk of its own, loaded after `load`. The two are
  // built apart, so they share no module: a chunk of shared code would be one more
  // request before the page's script runs (esbuild makes one; Rollup would not).
  // The CommonJS build and the classic script inline the core (one file each).
  { ...library('index', 'src/page/index.ts', ['esm']), clean: true, external: [...EXTERNAL, './core.js'] },
  { ...common, entry: { core: 'src/page/core.ts' }, format: ['esm'] },
  { ...library('index', 'src/page/index.ts', ['cjs']), splitting: false },
  library('worker', 'src/worker/index.ts', ['esm', 'cjs']),
  library('prompt', 'src/prompt/index.ts', ['esm']),
  library('react', 'src/bindings/react.ts', ['esm', 'cjs']),
  library('vue', 'src/bindings/vue.ts', ['esm', 'cjs']),
  library('svelte', 'src/bindings/svelte.ts', ['esm']),
  library('solid', 'src/bindings/solid.ts', ['esm']),
  library('preact', 'src/bindings/preact.ts', ['esm']),
  classicScript('global', 'src/page/global.ts', {
    noExternal: [/.*/],
    // Keeps the page cacheable: see src/page/no-unload.ts.
    esbuildOptions(options) {
      options.alias = { ...options.alias, unload: './src/page/no-unload.ts' };
    },
  }),
  classicScript('worker-global', 'src/worker/global.ts'),
];

for (const options of builds) await build(options);
// The globals' `declare global` files hold types only and import the entries' own
// declarations, so they ship as they are. The worker's sits next to its entry
// (src/worker/index.ts), so its `./index.js` becomes dist's `./worker.js`.
await copyFile('src/page/global-types.ts', 'dist/global.d.ts');
const workerGlobalTypes = await readFile('src/worker/global-types.ts', 'utf8');
if (!workerGlobalTypes.includes("from './index.js'")) {
  throw new Error(
    "src/worker/global-types.ts no longer imports './index.js': update scripts/build.ts, which points that import at dist/worker.js",
  );
}
await writeFile('dist/worker-global.d.ts', workerGlobalTypes.replace("from './index.js'", "from './worker.js'"));
console.log('built dist/:', builds.map((b) => Object.keys(b.entry as object)[0]).join(', '));
