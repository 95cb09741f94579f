/**
 * Size budget of the prompt entry, measured the way a bundler ships it: esbuild
 * bundle + minify (target as in scripts/build.ts), then gzip.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const BUDGET = 2.5 * 1024;

it(`sw-update-coordinator/prompt is under ${BUDGET} bytes min+gzip`, async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../src/prompt/index.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`[size] prompt: ${code.length} B min, ${gzipped} B min+gzip (budget ${BUDGET})`);
  expect(gzipped).toBeLessThan(BUDGET);
});
