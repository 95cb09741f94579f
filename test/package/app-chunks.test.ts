/**
 * What an app's bundler makes of the packed page entry with code splitting: the shell in
 * the app's main chunk, the core as one chunk of its own, and nothing else. A third chunk
 * of code shared by the two would be one more request, made before the page's script can
 * run, on every load of every tab (esbuild makes one whenever the shell and the core share
 * a module; scripts/build.ts builds them apart for that reason).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const app = mkdtempSync(join(tmpdir(), 'sw-update-coordinator-chunks-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

/** The tarball unpacked where the app's bundler resolves the package. */
function install(): void {
  const dir = join(app, 'node_modules', 'sw-update-coordinator');
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', inject('tarball'), '-C', dir, '--strip-components=1']);
}

describe('an app bundled with esbuild, code splitting on', () => {
  install();
  writeFileSync(
    join(app, 'main.ts'),
    "import { createUpdateCoordinator } from 'sw-update-coordinator';\n" +
      "createUpdateCoordinator({ scriptURL: '/sw.js' });\n",
  );
  const bundled = build({
    entryPoints: [join(app, 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    // Vite's default targets are newer. For targets before ES2022, esbuild lowers class
    // fields (xstate has them, in the core) with a helper that it puts in a chunk of its
    // own, which the main chunk imports too: measured, and said in the guide.
    target: 'es2022',
    write: false,
    outdir: join(app, 'out'),
    logLevel: 'silent',
    // xstate and broadcast-channel, the package's dependencies, from this checkout.
    nodePaths: [join(root, 'node_modules')],
  });

  it('gives the main chunk and one core chunk, nothing shared between them', async () => {
    const files = (await bundled).outputFiles.filter((file) => file.path.endsWith('.js'));
    const main = files.find((file) => basename(file.path) === 'main.js');
    const others = files.filter((file) => file !== main);
    expect(main, 'the app entry main.js').toBeDefined();
    expect(others.map((file) => basename(file.path))).toHaveLength(1);
    // The main chunk loads the core only with a dynamic import(), after `load`.
    expect(main!.text).not.toMatch(/(^|[;}])\s*import\s*[{"*\w]/);
    expect(main!.text).toContain(`import("./${basename(others[0]!.path)}")`);
    // xstate and broadcast-channel are the core's, not the main chunk's.
    expect(main!.text).not.toContain('createMachine');
    expect(others[0]!.text.length).toBeGreaterThan(10 * main!.text.length);
  });
});
