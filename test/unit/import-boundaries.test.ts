/**
 * The import boundaries eslint.config.js holds: src/worker/ imports its own files and the
 * wire protocol (src/protocol/) only; machines/ its own files and xstate only.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages for a file at `path` that imports `name` from `from`. */
async function refusals(path: string, name: string, from: string): Promise<string[]> {
  const code = `import { ${name} } from '${from}';\nexport const a = ${name};\n`;
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('src/worker/ may import the wire protocol, not page code or a dependency', async () => {
    const file = 'src/worker/probe.ts';
    expect(await refusals(file, 'NAMESPACE', '../protocol/messages.js')).toEqual([]);
    expect(await refusals(file, 'isReloadMessage', '../protocol/checks.js')).toEqual([]);
    expect(await refusals(file, 'updateError', '../page/errors.js')).toHaveLength(1);
    expect(await refusals(file, 'createActor', 'xstate')).toHaveLength(1);
  });

  it('machines/ may import xstate, not src/', async () => {
    const file = 'machines/probe.ts';
    expect(await refusals(file, 'setup', 'xstate')).toEqual([]);
    expect(await refusals(file, 'NAMESPACE', '../src/protocol/messages.js')).toHaveLength(1);
  });
});
