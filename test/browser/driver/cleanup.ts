/**
 * Teardown that never fails a test. Browsers leave helper processes behind that keep
 * writing into a profile for a moment after the main process exits (Chromium's
 * ENOTEMPTY on `<profile>/Default`), a window that is already gone refuses to close,
 * a driver answers late: none of that is what a scenario checks, so it is logged, not
 * thrown, and every wait here is bounded.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';

/** Runs a cleanup step; a failure or a hang (past `ms`) is logged and swallowed. */
export async function quietly(what: string, step: () => Promise<unknown>, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      step(),
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
  } catch (error) {
    console.warn(`[cleanup] ${what}: ${error instanceof Error ? error.message : String(error)} (ignored)`);
  } finally {
    clearTimeout(timer);
  }
}

/** Removes a directory that late writers may still fill: retried, never throws. */
export function removeDir(dir: string): Promise<void> {
  return quietly(
    `remove ${dir}`,
    () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
    15_000,
  );
}

/**
 * Ends a process we started and everything it started (it must have been spawned with
 * `detached: true`, so it leads its own process group), then waits for it to exit.
 */
export async function endProcessGroup(proc: ChildProcess, what: string): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-proc.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3_000);
  await quietly(`wait for ${what} to exit`, () => exited, 6_000);
  clearTimeout(timer);
}

/** Processes to end if Node exits without a teardown (a crashed test run). */
const leftovers = new Set<ChildProcess>();
export function endOnExit(proc: ChildProcess): () => void {
  leftovers.add(proc);
  return () => leftovers.delete(proc);
}
process.once('exit', () => {
  for (const proc of leftovers) {
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

// Vitest ends a test worker with SIGTERM, and with SIGKILL 500 ms later: exiting at once
// runs the 'exit' handlers (these, and puppeteer's, which ends its browser), where
// Node's default for the signal would run none of them and leave the processes behind.
process.once('SIGTERM', () => process.exit(143));

/**
 * Directories to remove if Node exits without a teardown: a browser's profile, when the
 * browser lives as long as the test worker (shared-run.ts). Call it after the launch:
 * the removal then runs after puppeteer's own exit handler has ended the browser.
 */
const leftoverDirs = new Set<string>();
export function removeOnExit(dir: string): () => void {
  if (leftoverDirs.size === 0) process.once('exit', removeLeftoverDirs);
  leftoverDirs.add(dir);
  return () => leftoverDirs.delete(dir);
}
function removeLeftoverDirs(): void {
  // Within vitest's 500 ms between SIGTERM and SIGKILL: a browser just killed may still
  // write for a moment, so each removal is retried (50, 100, 150 ms) a few times.
  for (const dir of leftoverDirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    } catch {
      // Still written to: the system's temporary directory keeps it.
    }
  }
}

/**
 * Ends process group `pgid` and removes `dirs` once this process is gone, however it ends.
 * A test worker whose browser lives as long as it (shared-run.ts) may be killed before
 * any exit handler runs (vitest sends SIGKILL 500 ms after SIGTERM), and a rehearsed run
 * left Firefox running that way. A detached shell checks once a second; it gives up,
 * touching nothing, as soon as the group has ended by itself (a closed browser).
 */
export function reapAfterOwner(pgid: number, dirs: readonly string[] = []): void {
  afterOwner(
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 -${pgid} 2>/dev/null; do sleep 1; done; ` +
      `kill -0 -${pgid} 2>/dev/null || exit 0; kill -KILL -${pgid} 2>/dev/null; sleep 1; ` +
      removing(dirs),
  );
}

/**
 * Removes `dirs` once this process is gone, however it ends: for directories too large to
 * remove in the 500 ms vitest leaves between SIGTERM and SIGKILL (the likely way the fixture
 * server's, with its Workbox builds, was once left behind).
 */
export function removeAfterOwner(dirs: readonly string[]): void {
  afterOwner(`while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${removing(dirs)}`);
}

const removing = (dirs: readonly string[]): string =>
  dirs.length === 0 ? 'exit 0' : `rm -rf ${dirs.map((dir) => `'${dir.replace(/'/g, `'\\''`)}'`).join(' ')}`;

/** Runs `script` in a detached shell that outlives this process. */
function afterOwner(script: string): void {
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}
