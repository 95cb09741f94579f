/**
 * Runs scenario ranges in child processes (Node + tsx), one per core, so 10,000
 * scenarios fit the CI budget on two cores. Each child runs `runMany` (run.ts) on its
 * share of the seeds and reports failures over IPC; results do not depend on how the
 * seeds are split, because every scenario starts from its seed alone.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ManyResult, ScenarioResult } from './run.js';

/** IPC messages from child.ts. */
export type ChildMessage =
  /** A failed scenario, or with `--all` every scenario. */
  { type: 'result'; result: ScenarioResult } | { type: 'done'; count: number; timers: number };

export interface ParallelOptions {
  onFailure?: (result: ScenarioResult) => void;
  /** Receives every scenario's result (the children then send them all). */
  onResult?: (result: ScenarioResult) => void;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export function defaultWorkers(): number {
  return Math.max(2, availableParallelism());
}

/** Runs seeds firstSeed .. firstSeed + count - 1 in `workers` processes. */
export async function runParallel(
  count: number,
  firstSeed = 1,
  workers = defaultWorkers(),
  { onFailure, onResult }: ParallelOptions = {},
): Promise<ManyResult> {
  const started = performance.now();
  const shares = Math.max(1, Math.min(workers, count));
  const failures: ScenarioResult[] = [];
  let timers = 0;
  const runs = Array.from({ length: shares }, (_, i) => {
    // Interleaved seeds (i, i + shares, ...) even out slow and fast ranges.
    const args = [
      '--first',
      String(firstSeed + i),
      '--count',
      String(Math.ceil((count - i) / shares)),
      '--step',
      String(shares),
    ];
    if (onResult) args.push('--all');
    return new Promise<void>((resolve, reject) => {
      const child = fork(CHILD, args, {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let done = false;
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'result') {
          onResult?.(message.result);
          if (message.result.ok) return;
          failures.push(message.result);
          onFailure?.(message.result);
        } else {
          done = true;
          timers += message.timers;
        }
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        done && code === 0 ? resolve() : reject(new Error(`sim child ${args.join(' ')} exited with ${code}`)),
      );
    });
  });
  await Promise.all(runs);
  failures.sort((a, b) => a.seed - b.seed);
  return { count, failures, ms: performance.now() - started, timers };
}
