/**
 * Hand-written scenarios on the simulation's world and virtual clock, with the same
 * invariants as the random runs: for minimal, readable reproductions of what a seed
 * found (test/sim/findings.test.ts).
 *
 * @example
 * ```ts
 * const { violations } = await script({}, async ({ world, advance, settle }) => {
 *   world.deployGood();
 *   const [a, b] = [world.open(true), world.open(true)];
 *   await advance(1_000);
 *   world.crash(a);
 *   await settle();
 * });
 * expect(violations).toEqual([]);
 * ```
 */
import { EPOCH, VirtualClock } from './clock.js';
import { checkApps, describeTabs, type Violation } from './invariants.js';
import { Random } from './random.js';
import { settle } from './steps.js';
import { traceWorld } from './trace.js';
import { World, type WorldOptions } from './world.js';

export interface Script {
  readonly world: World;
  readonly clock: VirtualClock;
  /** Lets `ms` of virtual time pass (0: run what the last action set off). */
  advance(ms?: number): Promise<void>;
  /** Quiet period, then the "eventually" invariants (as at the end of a random run). */
  settle(): Promise<void>;
}

export interface ScriptResult {
  readonly violations: Violation[];
  /** Every tab's state at the end. */
  readonly tabs: string[];
}

export async function script(
  options: Partial<WorldOptions> & { seed?: number; trace?: (line: string) => void },
  body: (script: Script) => Promise<void>,
): Promise<ScriptResult> {
  const clock = new VirtualClock(new Random(options.seed ?? 1));
  clock.install();
  let world: World | undefined;
  try {
    const { seed: _seed, trace, ...worldOptions } = options;
    // Without Web Locks unless asked: the scripted scenarios (findings, quiet) were written
    // for worlds where the roll call finds dead tabs.
    world = new World({ checkInterval: 0, snooze: 3_600_000, activationDelayMs: 0, webLocks: false, ...worldOptions });
    const w = world;
    if (trace) traceWorld(w, clock, (line) => trace(`[${clock.now - EPOCH} ms] ${line}`));
    await body({
      world: w,
      clock,
      advance: (ms = 0) => clock.advance(ms),
      settle: async () => void (await settle({ world: w, clock })),
    });
    checkApps(w);
    for (const error of clock.errors.splice(0)) w.violate('no uncaught error', String(error));
    return { violations: [...w.violations], tabs: describeTabs(w) };
  } finally {
    world?.destroyAll();
    await clock.advance(5_000).catch(() => {});
    clock.uninstall();
  }
}
