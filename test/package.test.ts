/**
 * The package as published: every `exports` subpath resolves with both `import` and
 * `require.resolve` (by self-reference, as an installed package would), and the
 * worker entries carry no page code or page dependencies. Runs after `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
  sideEffects: string[];
};
const require = createRequire(new URL('package.json', root));
const subpaths = Object.keys(pkg.exports).map((key) => key.replace(/^\./, ''));

describe('package exports', () => {
  it('has the subpaths of the API contract', () => {
    expect(subpaths).toEqual(expect.arrayContaining(['', '/worker', '/prompt', '/global', '/worker-global']));
  });

  it.each(subpaths)('"%s" resolves with import and require.resolve to a built file', (subpath) => {
    const name = pkg.name + subpath;
    const viaImport = new URL(import.meta.resolve(name));
    const viaRequire = require.resolve(name);
    expect(existsSync(viaImport), `${name}: run npm run build first`).toBe(true);
    expect(existsSync(viaRequire)).toBe(true);
  });

  it('require() of the page entry gives createUpdateCoordinator', () => {
    expect(typeof (require(pkg.name) as { createUpdateCoordinator: unknown }).createUpdateCoordinator).toBe('function');
  });

  // README, "Module formats": which entries have a CommonJS build, and why the others do not.
  it.each(['', '/worker', '/react', '/vue'])(
    '"%s": require() gives a CommonJS file with the same exports as import',
    async (subpath) => {
      const name = pkg.name + subpath;
      expect(require.resolve(name)).toMatch(/\.cjs$/);
      const required = Object.keys(require(name) as object).sort();
      const imported = Object.keys((await import(name)) as object)
        .filter((key) => key !== 'default')
        .sort();
      expect(required).toEqual(imported);
      expect(required.length).toBeGreaterThan(0);
    },
  );

  it.each(['/prompt', '/svelte', '/solid', '/preact', '/global', '/worker-global'])(
    '"%s" has no CommonJS build: require.resolve finds the ESM file',
    (subpath) => {
      expect(require.resolve(pkg.name + subpath)).toMatch(/\.js$/);
    },
  );

  it.each(['./dist/worker.js', './dist/worker.cjs', './dist/worker-global.iife.js'])(
    '%s contains no page code, xstate or broadcast-channel',
    (file) => {
      const code = readFileSync(new URL(file, root), 'utf8');
      expect(code).not.toMatch(/xstate|broadcast-channel|BroadcastChannel|createActor|navigator\.serviceWorker/);
    },
  );

  it('the classic scripts set the documented globals', async () => {
    const scope: Record<string, unknown> = {};
    for (const [subpath, key] of [
      ['/global', 'createUpdateCoordinator'],
      ['/worker-global', 'handleUpdates'],
    ] as const) {
      const code = readFileSync(require.resolve(pkg.name + subpath), 'utf8');
      // eslint-disable-next-line no-new-func -- runs the classic script as a script tag would
      new Function('globalThis', 'self', code)(scope, scope);
      expect(typeof (scope.swUpdateCoordinator as Record<string, unknown>)[key]).toBe('function');
    }
  });
});
