/**
 * Size budgets, min+gzip, of each entry (the page entry as its shell, what an app's main
 * chunk gets, and its core chunk), checked by size-limit with the budgets and
 * measuring settings in .size-limit.js (esbuild bundle + minify, esm, browser,
 * NODE_ENV=production, gzip -9, from the sources: no build needed). docs/benchmarks.md
 * has the per-module breakdown. Runs in the unit project, so on every `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { measure, SIZE_LIMIT_BASELINE, sizeBudgets } from './bench/size.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface SizeLimitResult {
  readonly name: string;
  readonly passed: boolean;
  readonly size: number;
  readonly sizeLimit: number;
}

/** `size-limit --json`: one result per budget; exits 1 when one is over, with the JSON still printed. */
function sizeLimit(): SizeLimitResult[] {
  const bin = join(root, 'node_modules/size-limit/bin.js');
  const run = spawnSync(process.execPath, [bin, '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const json = run.stdout.slice(run.stdout.indexOf('['));
  if (!json.startsWith('[')) throw new Error(`size-limit printed no results (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(json) as SizeLimitResult[];
}

const results = sizeLimit();

describe('bundle size budgets (min+gzip, size-limit)', () => {
  test('checks every entry', () => {
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^page shell/),
        expect.stringMatching(/^page core chunk/),
        expect.stringMatching(/^worker/),
        expect.stringMatching(/^prompt/),
      ]),
    );
    expect(results.length).toBeGreaterThanOrEqual(5);
  });

  for (const { name, passed, size, sizeLimit: budget } of results) {
    test(`${name}: at most ${budget} B`, () => {
      console.log(`[size] ${name}: ${size} B min+gzip (budget ${budget} B)`);
      if (!passed || size > budget) {
        expect.fail(
          `${name} is ${size} B min+gzip, over its budget of ${budget} B by ${size - budget} B ` +
            '(why the budget is what it is: .size-limit.js). `npx size-limit --why` shows the modules; ' +
            'docs/benchmarks.md shows where the bytes are.',
        );
      }
    });
  }
});

describe("the bench's sizes (docs/benchmarks.md)", () => {
  test("are size-limit's figures plus SIZE_LIMIT_BASELINE, so its budget column judges what npm test judges", async () => {
    const counted = new Map(results.map((r) => [r.name, r.size]));
    const budgets = await sizeBudgets();
    expect(budgets.length).toBeGreaterThan(0);
    for (const budget of budgets) {
      const { gzip } = await measure(budget.path, budget.ignore, { coreApart: budget.coreApart });
      expect(gzip - SIZE_LIMIT_BASELINE, budget.name).toBe(counted.get(budget.name));
    }
  }, 120_000);
});
