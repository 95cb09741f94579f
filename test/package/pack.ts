/**
 * Global setup of the `package` test project: packs the built package once per run,
 * with `npm pack` as `npm publish` would, and hands the tarball to every check in
 * test/package/. Lifecycle scripts are skipped: `npm test` has just built dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the packed tarball. */
    tarball: string;
    /** The paths inside it, as `npm pack --json` lists them. */
    packedFiles: string[];
  }
}

export default function setup(project: TestProject): () => void {
  const root = project.config.root;
  if (!existsSync(join(root, 'dist/index.js'))) {
    throw new Error('test/package: dist/ is missing. Run `npm run build` first (`npm test` does).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'sw-update-coordinator-pack-'));
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(json) as [{ filename: string; files: { path: string }[] }];
  project.provide('tarball', join(dir, packed.filename));
  project.provide(
    'packedFiles',
    packed.files.map((file) => file.path),
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
