/**
 * Builds every entry of the package into dist/ (see the `exports` map in package.json):
 * library formats keep xstate and broadcast-channel as dependencies; the classic
 * scripts inline everything so one <script> or importScripts() is enough.
 */
import { build, type Options } from 'tsup';

const common: Options = {
  outDir: 'dist',
  target: 'es2020',
  platform: 'browser',
  sourcemap: true,
  silent: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

const builds: Options[] = [
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true, clean: true },
  { ...common, entry: { worker: 'src/worker.ts' }, format: ['esm'], dts: true },
  {
    ...common,
    entry: { global: 'src/global.ts' },
    format: ['iife'],
    minify: true,
    noExternal: [/.*/],
    // Keeps the page cacheable: see src/no-unload.ts.
    esbuildOptions(options) {
      options.alias = { ...options.alias, unload: './src/no-unload.ts' };
    },
    outExtension: () => ({ js: '.iife.js' }),
  },
  {
    ...common,
    entry: { 'worker-global': 'src/worker-global.ts' },
    format: ['iife'],
    minify: true,
    outExtension: () => ({ js: '.iife.js' }),
  },
  // The default prompt and the framework bindings: ESM only, frameworks left to the app.
  ...['prompt', 'react', 'vue', 'svelte'].map(
    (name): Options => ({
      ...common,
      entry: { [name]: name === 'prompt' ? 'src/prompt/index.ts' : `src/${name}.ts` },
      format: ['esm'],
      dts: true,
      external: ['react', 'vue', /^svelte(\/|$)/],
    }),
  ),
];

for (const options of builds) await build(options);
console.log('built dist/:', builds.map((b) => Object.keys(b.entry as object)[0]).join(', '));
