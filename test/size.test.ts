/**
 * Size budgets, min+gzip, of each entry: esbuild bundle + minify (esm, browser,
 * NODE_ENV=production) then gzip -9, from the sources (no build needed). The budgets and
 * why each is what it is live in scripts/bench/size.ts; docs/benchmarks.md has the
 * per-module breakdown. Runs in the unit project, so on every `npm test`.
 */
import { describe, expect, test } from 'vitest';
import { SIZE_ENTRIES, measure } from '../scripts/bench/size.js';

describe('bundle size budgets (min+gzip)', () => {
  for (const entry of SIZE_ENTRIES) {
    test(`${entry.name}: at most ${entry.budget} B`, async () => {
      const { min, gzip } = await measure(entry.entry, entry.external);
      console.log(`[size] ${entry.name}: ${min} B min, ${gzip} B min+gzip (budget ${entry.budget} B)`);
      if (gzip > entry.budget) {
        expect.fail(
          `${entry.name} (${entry.entry}) is ${gzip} B min+gzip, over its budget of ${entry.budget} B ` +
            `by ${gzip - entry.budget} B (${entry.why}). See docs/benchmarks.md for where the bytes are.`,
        );
      }
    }, 30_000);
  }
});
