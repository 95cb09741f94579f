/**
 * The browser suite's teardown (test/browser/driver/cleanup.ts): a directory handed to
 * removeAfterOwner is removed once the process that asked is gone, even when that
 * process is killed with no exit handler run (vitest ends a test worker with SIGKILL
 * 500 ms after SIGTERM).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test, vi } from 'vitest';

const cleanup = fileURLToPath(new URL('../browser/driver/cleanup.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sw-cleanup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('removeAfterOwner removes a directory once its process is killed', async () => {
  writeFileSync(join(dir, 'left-by-a-test'), 'x');
  const script =
    `const { removeAfterOwner } = await import(${JSON.stringify(cleanup)});` +
    `removeAfterOwner([${JSON.stringify(dir)}]); process.kill(process.pid, 'SIGKILL');`;
  const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'ignore' });
  const ended = await new Promise<NodeJS.Signals | null>((done) => owner.once('exit', (_, signal) => done(signal)));
  expect(ended).toBe('SIGKILL');
  // The remover checks once a second whether its owner is still there.
  await vi.waitFor(() => expect(existsSync(dir)).toBe(false), { timeout: 10_000, interval: 100 });
});
