/**
 * Seeded multi-tab simulation of the coordinator on the fake browser, in virtual time.
 *
 * `runScenario(seed)` builds a fake browser (one origin) with one app, or two apps with
 * their own workers and scopes (siblings /a/ and /b/, or / with /a/ nested in it), and
 * 1–12 tabs, performs 5–40 random steps
 * (open, close, crash, hide, show, refresh tabs; good and broken deploys; update
 * checks; accept / accept({ force }) / dismiss / hold / release from any tab; virtual
 * time from ms to minutes), checks the safety invariants as things happen and the
 * "eventually" ones after settling (invariants.ts), and reports the first violation
 * with the numbered steps and every tab's state at that moment. The same seed replays
 * the same steps and outcome: `npm run sim -- --seed N`.
 */
import type { UpdatePolicy } from '../../src/page/types.js';
import { ENGINE_PROFILES, type EngineProfileName } from '../fakes/index.js';
import { EPOCH, VirtualClock } from './clock.js';
import { checkApps, describeTabs, type Violation } from './invariants.js';
import { Random, streamSeed } from './random.js';
import { formatMs, inApp, randomStep, settle, type StepContext } from './steps.js';
import { traceWorld } from './trace.js';
import { World } from './world.js';

export interface ScenarioResult {
  readonly seed: number;
  readonly ok: boolean;
  /** Numbered step log, with virtual time. */
  readonly steps: string[];
  /** The first violation (ok === false). */
  readonly violation?: Violation;
  /** Every tab's state when the violation was seen (or at the end). */
  readonly tabs: string[];
  /** Timer callbacks run: a measure of the work done. */
  readonly timers: number;
}

export interface ScenarioOptions {
  /** Receives each step line as it happens (the CLI's replay prints them). */
  onStep?: (line: string) => void;
  /** Also send onStep what changes between steps (trace.ts). */
  trace?: boolean;
}

/** Virtual ms to let the closing tabs' channels shut down after the checks. */
const TEARDOWN_MS = 5_000;

/**
 * The apps on the origin, by their scope paths. Drawn from a stream of its own, so a
 * seed that draws one app makes the same steps as before several apps existed.
 */
const LAYOUTS = { one: ['/'], siblings: ['/a/', '/b/'], nested: ['/', '/a/'] } as const;

function layoutOf(seed: number): readonly string[] {
  return LAYOUTS[new Random(streamSeed(seed, 2)).weighted({ one: 60, siblings: 20, nested: 20 })];
}

/**
 * The update policy and, for `'idle'`, its delay: a stream of its own too, so seeds keep
 * their steps. The delays fit the settle period (SETTLE_MS) with room for an election.
 */
function policyOf(seed: number): { policy: UpdatePolicy; idleDelay: number } {
  const rng = new Random(streamSeed(seed, 3));
  return { policy: rng.weighted({ prompt: 50, auto: 25, idle: 25 }), idleDelay: rng.pick([5_000, 20_000]) };
}

/** Whether the pages have Web Locks (most worlds, as every engine), a stream of its own too. */
function webLocksOf(seed: number): boolean {
  return new Random(streamSeed(seed, 4)).weighted({ on: 80, off: 20 }) === 'on';
}

export async function runScenario(seed: number, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const rng = new Random(streamSeed(seed, 0));
  const clock = new VirtualClock(new Random(streamSeed(seed, 1)));
  const steps: string[] = [];
  clock.install();
  // A rejection nobody handles is an uncaught error in a browser: report it as one.
  const onRejection = (reason: unknown): void => void clock.errors.push(reason);
  process.on('unhandledRejection', onRejection);
  let world: World | undefined;
  try {
    world = new World({
      checkInterval: rng.pick([0, 60_000, 600_000]),
      snooze: rng.pick([5_000, 60_000, 3_600_000]),
      // One draw, as the activation delay used to be (seeds keep their worlds): the
      // engine profile sets it (Chromium 1 s, Firefox and WebKit 0) and when update() resolves.
      ...engineWorld(rng.pick(['firefox', 'webkit', 'chromium'] as const)),
      apps: layoutOf(seed),
      ...policyOf(seed),
      webLocks: webLocksOf(seed),
    });
    return await play(seed, world, clock, rng, steps, options);
  } finally {
    // Close what is still open, so no channel, elector or timer outlives the scenario.
    world?.destroyAll();
    await clock.advance(TEARDOWN_MS).catch(() => {});
    clock.uninstall();
    process.off('unhandledRejection', onRejection);
  }
}

async function play(
  seed: number,
  world: World,
  clock: VirtualClock,
  rng: Random,
  steps: string[],
  options: ScenarioOptions,
): Promise<ScenarioResult> {
  const ctx: StepContext = { world, clock, rng, maxTabs: rng.int(1, 12) };
  // Trace lines of a step are printed after the step's own line.
  const traced: string[] = [];
  if (options.trace) traceWorld(world, clock, (line) => traced.push(`      [${formatMs(clock.now - EPOCH)}] ${line}`));
  const log = (text: string): void => {
    const line = `${String(world.step).padStart(2)}. [${formatMs(clock.now - EPOCH)}] ${text}`;
    steps.push(line);
    options.onStep?.(line);
    for (const trace of traced.splice(0)) options.onStep?.(trace);
  };
  const apps =
    world.apps.length > 1 ? `apps ${world.apps.map((app) => `${app.name} at ${app.base}`).join(' and ')}, ` : '';
  log(
    `scenario: ${apps}up to ${ctx.maxTabs} tab(s), checkInterval ${formatMs(world.options.checkInterval)}, ` +
      `snooze ${formatMs(world.options.snooze)}, policy ${world.options.policy ?? 'prompt'}` +
      (world.options.policy === 'idle' ? ` (idleDelay ${formatMs(world.options.idleDelay ?? 0)})` : '') +
      `, engine ${world.options.engine ?? 'generic'} ` +
      `(activation delay ${formatMs(world.options.activationDelayMs)}), ` +
      (world.options.webLocks === false ? 'no Web Locks' : 'Web Locks'),
  );
  const failed = (): boolean => {
    checkApps(world);
    for (const error of clock.errors.splice(0)) {
      world.violate('no uncaught error', error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return world.violations.length > 0;
  };
  const finish = (): ScenarioResult => {
    const violation = world.violations[0];
    return { seed, ok: violation === undefined, steps, violation, tabs: describeTabs(world), timers: clock.fired };
  };

  // Setup (step 0): usually the app is deployed before anyone opens it.
  // The first app as drawn; any other app is deployed, each tab opens in the next app.
  const first = rng.weighted({ good: 90, broken: 5, none: 5 });
  if (first === 'good') log(`deploy ${world.deployGood()}${inApp(world.apps[0]!)}`);
  else if (first === 'broken') {
    log(`deploy broken (404)${inApp(world.apps[0]!)}`);
    world.deployBroken('404');
  }
  for (const app of world.apps.slice(1)) log(`deploy ${world.deployGood(app)}${inApp(app)}`);
  for (let i = rng.int(1, Math.min(3, ctx.maxTabs)), n = 0; i > 0; i--, n++) {
    const visible = rng.chance(0.8);
    log(`open ${world.open(visible, world.apps[n % world.apps.length]).name} ${visible ? 'visible' : 'hidden'}`);
  }
  const warmup = rng.int(0, 2_000);
  await clock.advance(warmup);
  log(`advance ${formatMs(warmup)}`);
  if (failed()) return finish();

  const count = rng.int(5, 40);
  for (let n = 1; n <= count; n++) {
    world.step = n;
    const text = await randomStep(ctx);
    await clock.advance(0); // what the step set off at this instant
    log(text);
    if (failed()) return finish();
  }
  world.step = count + 1;
  // Half the runs end with every hold released, so "no holds left" gets checked too.
  if (world.pages.some((page) => page.holds.size > 0) && rng.chance(0.5)) {
    for (const page of world.pages) for (const id of [...page.holds.keys()]) world.release(page, id);
    await clock.advance(0);
    log('release every hold');
    if (failed()) return finish();
    world.step++;
  }
  log(`settle: ${await settle(ctx)}`);
  failed();
  return finish();
}

/** A failure as text: seed, invariant, steps, tab states, and how to replay it. */
export function formatFailure(result: ScenarioResult): string {
  const { violation } = result;
  return [
    `sim: seed ${result.seed} violates "${violation?.invariant}" at step ${violation?.step}: ${violation?.detail}`,
    'steps:',
    ...result.steps.map((line) => `  ${line}`),
    `tabs at that moment:`,
    ...result.tabs.map((line) => `  ${line}`),
    `replay: npm run sim -- --seed ${result.seed}`,
  ].join('\n');
}

export interface ManyResult {
  readonly count: number;
  readonly failures: ScenarioResult[];
  readonly ms: number;
  readonly timers: number;
}

/** Runs `count` scenarios with seeds first, first + step, ...; keeps the failures. */
export async function runMany(
  { count, first = 1, step = 1 }: { count: number; first?: number; step?: number },
  onResult?: (result: ScenarioResult) => void,
): Promise<ManyResult> {
  const started = performance.now();
  const failures: ScenarioResult[] = [];
  let timers = 0;
  for (let i = 0; i < count; i++) {
    const result = await runScenario(first + i * step);
    timers += result.timers;
    if (!result.ok) failures.push(result);
    onResult?.(result);
  }
  return { count, failures, ms: performance.now() - started, timers };
}

/** World options for an engine profile (test/fakes/profiles.ts). */
function engineWorld(engine: EngineProfileName): { engine: EngineProfileName; activationDelayMs: number } {
  return { engine, activationDelayMs: ENGINE_PROFILES[engine].activationDelayMs ?? 0 };
}
