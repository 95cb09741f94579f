/**
 * The packed tarball as registries and tools see it: what it ships, `publint --strict`,
 * and Are the types wrong? (`attw`), whose only findings are the ones the README's
 * "Module formats" section states.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const require = createRequire(root);
const tarball = inject('tarball');

describe('the packed tarball', () => {
  it('ships the README, LICENSE, CHANGELOG and the builds, and no sources or tests', () => {
    const files = inject('packedFiles');
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js']),
    );
    expect(files.filter((file) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+)$/.test(file))).toEqual(
      [],
    );
  });

  it('publint --strict reports nothing', async () => {
    const data = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
    });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`)).toEqual([]);
  });

  it('attw reports only the problems the README states', () => {
    const cli = require.resolve('@arethetypeswrong/cli/package.json').replace(/package\.json$/, 'dist/index.js');
    // Into a file, not a pipe: attw exits (1 whenever it finds a problem) before Node has
    // flushed a pipe, which cut its JSON (about 250 KB) short.
    const dir = mkdtempSync(join(tmpdir(), 'attw-'));
    let json: string;
    try {
      const out = openSync(join(dir, 'attw.json'), 'w');
      try {
        spawnSync(process.execPath, [cli, tarball, '--format', 'json'], { stdio: ['ignore', out, 'inherit'] });
      } finally {
        closeSync(out);
      }
      json = readFileSync(join(dir, 'attw.json'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { analysis } = JSON.parse(json) as {
      analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] };
    };
    const found = analysis.problems.map((p) => `${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`.trim());
    // README, "Module formats": the ESM-only prompt, Svelte, Solid and Preact bindings and the
    // two classic scripts are ESM to Node's require(); attw says "ESM (dynamic import only)".
    const stated = ['./prompt', './svelte', './solid', './preact', './global', './worker-global'].map(
      (entry) => `CJSResolvesToESM ${entry} node16-cjs`,
    );
    expect(found.sort()).toEqual(stated.sort());
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme.includes('`⚠️ ESM (dynamic import only)`'), 'README, "Module formats", must state it').toBe(true);
  });
});
