/**
 * The seeded multi-tab simulation (run.ts): SIM_COUNT scenarios (default 10,000) of 1–12
 * fake tabs in virtual time, every invariant of invariants.ts checked, in child
 * processes (one per core, at least 2: SIM_WORKERS). A failure prints its seed, the
 * numbered steps, the violated invariant and every tab's state; `npm run sim -- --seed N`
 * replays it. SIM_COUNT=0 skips the run.
 *
 * Also checks that a seed replays exactly: twice in this process, and once in a tsx
 * child process (the CLI's environment) with the same result.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, runParallel } from './parallel.js';
import { formatFailure, runScenario, type ScenarioResult } from './run.js';

const COUNT = Number(process.env.SIM_COUNT ?? 10_000);
const WORKERS = Number(process.env.SIM_WORKERS ?? defaultWorkers());
/** Seeds with varied outcomes (tab counts, crashes, failures) for the replay check. */
const REPLAY_SEEDS = [1, 2, 3, 84, 175, 4453];

const digest = (result: ScenarioResult): string =>
  createHash('sha1')
    .update(JSON.stringify([result.steps, result.violation, result.tabs, result.timers]))
    .digest('hex');

describe('multi-tab simulation', () => {
  it('replays a seed exactly: same steps, same outcome', async () => {
    for (const seed of REPLAY_SEEDS) {
      const first = await runScenario(seed);
      const second = await runScenario(seed);
      expect(second.steps).toEqual(first.steps);
      expect(second.violation).toEqual(first.violation);
      expect(second.tabs).toEqual(first.tabs);
      expect(second.timers).toBe(first.timers);
    }
  });

  it('gives the same results in vitest and in a plain tsx process', async () => {
    const here = new Map<number, string>();
    for (let seed = 1; seed <= 20; seed++) here.set(seed, digest(await runScenario(seed)));
    const there = new Map<number, string>();
    await runParallel(20, 1, 1, { onResult: (result) => there.set(result.seed, digest(result)) });
    expect(there).toEqual(here);
  }, 60_000);

  it.skipIf(COUNT === 0)(
    `${COUNT} scenarios of 1–12 tabs keep every invariant`,
    async () => {
      const result = await runParallel(COUNT, 1, WORKERS);
      const shown = result.failures.slice(0, 3).map(formatFailure).join('\n\n');
      const seeds = result.failures.map((failure) => failure.seed).join(', ');
      console.log(
        `sim: ${result.count} scenarios, ${result.failures.length} failed, ${Math.round(result.ms / 1000)} s`,
      );
      expect(
        result.failures.map((failure) => failure.seed),
        `failed seeds: ${seeds}\n\n${shown}\n`,
      ).toEqual([]);
    },
    600_000,
  );
});
