/**
 * The import boundaries eslint.config.js holds: src/worker/ imports its own files and the
 * wire protocol (src/protocol/) only; machines/ its own files and xstate only.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages for `code` as if it were the file at `path`. */
async function refusals(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('src/worker/ may import the wire protocol, not page code or a dependency', async () => {
    const file = 'src/worker/probe.ts';
    expect(
      await refusals(file, "import { NAMESPACE } from '../protocol/messages.js';\nexport const a = NAMESPACE;\n"),
    ).toEqual([]);
    expect(
      await refusals(
        file,
        "import { isReloadMessage } from '../protocol/checks.js';\nexport const a = isReloadMessage;\n",
      ),
    ).toEqual([]);
    expect(
      await refusals(file, "import { updateError } from '../page/errors.js';\nexport const a = updateError;\n"),
    ).toHaveLength(1);
    expect(await refusals(file, "import { createActor } from 'xstate';\nexport const a = createActor;\n")).toHaveLength(
      1,
    );
  });

  it('machines/ may import xstate, not src/', async () => {
    const file = 'machines/probe.ts';
    expect(await refusals(file, "import { setup } from 'xstate';\nexport const a = setup;\n")).toEqual([]);
    expect(
      await refusals(file, "import { NAMESPACE } from '../src/protocol/messages.js';\nexport const a = NAMESPACE;\n"),
    ).toHaveLength(1);
  });
});
