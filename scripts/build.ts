/**
 * Builds every entry of the package into dist/ (see the `exports` map in package.json):
 * library formats keep xstate, broadcast-channel and the frameworks as dependencies;
 * the classic scripts inline everything so one <script> or importScripts() is enough.
 * Every library entry is ESM and CommonJS except the prompt (one custom element, so one
 * copy) and the Svelte, Solid and Preact bindings (their frameworks load as ES modules):
 * README, "Module formats".
 */
import { copyFile } from 'node:fs/promises';
import { build, type Options } from 'tsup';

const common: Options = {
  outDir: 'dist',
  target: 'es2020',
  platform: 'browser',
  sourcemap: true,
  silent: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** A library entry: `.js` + `.d.ts`, and `.cjs` + `.d.cts` unless ESM-only. */
const library = (name: string, entry: string, formats: Options['format']): Options => ({
  ...common,
  entry: { [name]: entry },
  format: formats,
  dts: true,
  external: ['react', 'vue', /^svelte(\/|$)/, /^solid-js(\/|$)/, /^preact(\/|$)/],
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
  // The page entry is a small shell; its core (src/core.ts, with xstate and
  // broadcast-channel) is a dynamic import(): split into dist/core.js in the ESM build,
  // which an app's bundler then keeps as a chunk of its own, loaded after `load`. The
  // CommonJS build and the classic script inline it (one file each).
  {
    ...library('index', 'src/index.ts', ['esm']),
    clean: true,
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = '[name]';
    },
  },
  { ...library('index', 'src/index.ts', ['cjs']), splitting: false },
  library('worker', 'src/worker.ts', ['esm', 'cjs']),
  library('prompt', 'src/prompt/index.ts', ['esm']),
  library('react', 'src/react.ts', ['esm', 'cjs']),
  library('vue', 'src/vue.ts', ['esm', 'cjs']),
  library('svelte', 'src/svelte.ts', ['esm']),
  library('solid', 'src/solid.ts', ['esm']),
  library('preact', 'src/preact.ts', ['esm']),
  classicScript('global', 'src/global.ts', {
    noExternal: [/.*/],
    // Keeps the page cacheable: see src/no-unload.ts.
    esbuildOptions(options) {
      options.alias = { ...options.alias, unload: './src/no-unload.ts' };
    },
  }),
  classicScript('worker-global', 'src/worker-global.ts'),
];

for (const options of builds) await build(options);
// The globals' `declare global` files hold types only and import the entries' own
// declarations (./index.js, ./worker.js), so they ship as they are.
await copyFile('src/global-types.ts', 'dist/global.d.ts');
await copyFile('src/worker-global-types.ts', 'dist/worker-global.d.ts');
console.log('built dist/:', builds.map((b) => Object.keys(b.entry as object)[0]).join(', '));
