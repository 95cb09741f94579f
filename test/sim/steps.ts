/**
 * The simulated user and operator: picks one step from the current state of the world
 * with the step generator, performs it, and describes it for the log. Only ever
 * consumes the step stream of the seed, so the same seed makes the same choices.
 */
import type { VirtualClock } from './clock.js';
import { checkAllOnNewest, checkIdleApplies, checkPromptAppears, idleCandidates } from './invariants.js';
import type { Random } from './random.js';
import { current, type AppRecord, type Broken, type TabRecord, type World } from './world.js';

/** Relative weights of the step kinds (before filtering out the impossible ones). */
const WEIGHTS = {
  open: 9,
  close: 4,
  crash: 3,
  hide: 5,
  show: 6,
  refresh: 2,
  away: 2,
  back: 3,
  deploy: 6,
  'deploy-broken': 3,
  check: 8,
  accept: 7,
  'accept-force': 2,
  dismiss: 4,
  hold: 3,
  release: 5,
  advance: 26,
  settle: 2,
} as const;
type Kind = keyof typeof WEIGHTS;

/** Virtual ms with no user action before the "eventually" invariants are checked. */
export const SETTLE_MS = 30_000;
/** Extra quiet windows while the app keeps changing (a late check found a deploy). */
const SETTLE_WINDOW_MS = 10_000;
/** Past `idleDelay`: a leader election (3.03 s at most, see README) and late timers. */
const IDLE_SLACK_MS = 5_000;
const IDLE_ROUNDS = 3;
const SETTLE_WINDOWS = 6;

export interface StepContext {
  readonly world: World;
  readonly clock: VirtualClock;
  readonly rng: Random;
  /** Most tabs open at once in this scenario (1–12). */
  readonly maxTabs: number;
}

const BROKEN: readonly Broken[] = ['404', 'syntax', 'install-rejects', 'throws'];
/** Statuses in which a tab shows an update the user can accept. */
const SHOWING = new Set(['available', 'snoozed', 'blocked']);

/** Performs one random step; returns its description. */
export async function randomStep(ctx: StepContext): Promise<string> {
  const { world, rng } = ctx;
  const live = world.live;
  // A page in the back/forward cache runs no code: the user can only go back to it (or close it).
  const cached = live.filter((tab) => tab.tab.cached);
  const shown = live.filter((tab) => !tab.tab.cached);
  const loaded = shown.filter((tab) => current(tab) !== undefined);
  const held = loaded.map((tab) => current(tab)!).filter((page) => page.holds.size > 0);
  const possible: Partial<Record<Kind, number>> = { ...WEIGHTS };
  if (live.length >= ctx.maxTabs) delete possible.open;
  if (live.length === 0) for (const kind of ['close', 'crash'] as const) delete possible[kind];
  if (shown.length === 0) for (const kind of ['hide', 'show', 'refresh'] as const) delete possible[kind];
  if (loaded.length === 0) delete possible.away;
  if (cached.length === 0) delete possible.back;
  if (loaded.length === 0)
    for (const kind of ['check', 'accept', 'accept-force', 'dismiss', 'hold'] as const) delete possible[kind];
  if (held.length === 0) delete possible.release;
  // Answering an update is likelier while some tab shows one (and still possible when none does).
  const showing = loaded.filter((tab) => SHOWING.has(current(tab)!.updates.getSnapshot().status));
  for (const kind of ['accept', 'accept-force', 'dismiss'] as const) {
    if (possible[kind] !== undefined) possible[kind] *= showing.length > 0 ? 2 : 0.25;
  }
  const kind = rng.weighted(possible as Record<Kind, number>);
  // With one app there is nothing to choose (and the seed's choices stay as they were).
  const pickApp = (): AppRecord => (world.apps.length > 1 ? rng.pick(world.apps) : world.apps[0]!);

  switch (kind) {
    case 'open': {
      const visible = rng.chance(0.7);
      return `open ${world.open(visible, pickApp()).name} ${visible ? 'visible' : 'hidden'}`;
    }
    case 'close':
    case 'crash': {
      const tab = rng.pick(live);
      tabAction(world, tab, kind);
      return `${kind} ${tab.name}`;
    }
    case 'hide':
    case 'show':
    case 'refresh': {
      const tab = rng.pick(shown);
      tabAction(world, tab, kind);
      return `${kind} ${tab.name}`;
    }
    case 'away': {
      const tab = rng.pick(loaded);
      world.goAway(tab);
      return `navigate away from ${tab.name} (its page goes into the back/forward cache)`;
    }
    case 'back': {
      const tab = rng.pick(cached);
      world.goBack(tab);
      return `go back in ${tab.name} (its page comes out of the back/forward cache)`;
    }
    case 'deploy': {
      const app = pickApp();
      return `deploy ${world.deployGood(app)}${inApp(app)}`;
    }
    case 'deploy-broken': {
      const app = pickApp();
      const broken = rng.pick(BROKEN);
      world.deployBroken(broken, app);
      return `deploy broken (${broken})${inApp(app)}`;
    }
    case 'check': {
      const tab = rng.pick(loaded);
      world.check(tab);
      return `check for update from ${tab.name}`;
    }
    case 'accept':
    case 'accept-force':
    case 'dismiss': {
      // Mostly the user answers an update shown to them: half the time in the tab that
      // presents the prompt, else in any tab that shows it; sometimes in any tab at all.
      const presenting = loaded.filter((tab) => current(tab)!.presenting);
      const tab =
        presenting.length > 0 && rng.chance(0.5)
          ? presenting[0]!
          : showing.length > 0 && rng.chance(0.7)
            ? rng.pick(showing)
            : rng.pick(loaded);
      const status = current(tab)!.updates.getSnapshot().status;
      const effective = kind === 'dismiss' ? world.dismiss(tab) : world.accept(tab, kind === 'accept-force');
      const call = kind === 'accept-force' ? 'accept({ force: true })' : `${kind}()`;
      return `${call} in ${tab.name} (status ${status}${effective ? '' : ', no effect expected'})`;
    }
    case 'hold': {
      const tab = rng.pick(loaded);
      return `hold #${world.hold(tab)} in ${tab.name}`;
    }
    case 'release': {
      const page = rng.pick(held);
      const id = rng.pick([...page.holds.keys()]);
      world.release(page, id);
      return `release hold #${id} in ${page.tab.name}`;
    }
    case 'advance': {
      const ms = advanceAmount(rng);
      await ctx.clock.advance(ms);
      return `advance ${formatMs(ms)}`;
    }
    case 'settle':
      return `settle: ${await settle(ctx)}`;
  }
}

/** ' to app A (/a/)' in a world of several apps, '' in a world of one. */
export const inApp = (app: AppRecord): string => (app.name ? ` to app ${app.name} (${app.base})` : '');

function tabAction(world: World, tab: TabRecord, kind: 'close' | 'crash' | 'hide' | 'show' | 'refresh'): void {
  if (kind === 'close') world.close(tab);
  else if (kind === 'crash') world.crash(tab);
  else if (kind === 'hide') void tab.tab.hide();
  else if (kind === 'show') world.show(tab);
  else tab.tab.refresh();
}

/** Milliseconds to minutes, mostly short. */
function advanceAmount(rng: Random): number {
  switch (rng.weighted({ ms: 35, short: 35, long: 26, minutes: 4 })) {
    case 'ms':
      return rng.int(1, 50);
    case 'short':
      return rng.int(50, 2_000);
    case 'long':
      return rng.int(2_000, 60_000);
    case 'minutes':
      return rng.int(60_000, 300_000);
  }
}

/** A fingerprint of everything the "eventually" invariants look at. */
function fingerprint(world: World): string {
  const registration = world.apps.map((app) => world.browser.inspect(app.base));
  const tabs = world.live.map((tab) => {
    const page = current(tab);
    const s = page?.updates.getSnapshot();
    return `${tab.name}:${page?.n}:${s?.status}:${page?.presenting}:${tab.tab.controller?.id}`;
  });
  return JSON.stringify([registration, world.browser.workers.length, tabs]);
}

/**
 * Lets virtual time pass with no user action until the app is quiet (nothing the
 * invariants look at changed for a whole window), then checks the "eventually"
 * invariants. Returns how long it took.
 */
export async function settle({ clock, world }: Pick<StepContext, 'clock' | 'world'>): Promise<string> {
  const start = clock.now;
  const quiet = async (): Promise<void> => {
    for (let window = 0; window < SETTLE_WINDOWS; window++) {
      const before = fingerprint(world);
      await clock.advance(SETTLE_WINDOW_MS);
      if (fingerprint(world) === before) break;
    }
  };
  await clock.advance(SETTLE_MS - SETTLE_WINDOW_MS);
  await quiet();
  // 'idle': a worker that started waiting late in the settle (found by the leader's
  // periodic check) gets its whole delay, every tab still as it was, before the checks;
  // a few rounds, as each wait may let the next periodic check find a newer deploy.
  for (let round = 0; round < IDLE_ROUNDS && idleCandidates(world).length > 0; round++) {
    await clock.advance((world.options.idleDelay ?? 0) + IDLE_SLACK_MS);
    await quiet();
  }
  checkAllOnNewest(world);
  checkPromptAppears(world);
  checkIdleApplies(world);
  return `${formatMs(clock.now - start)} without user actions, then the eventual checks`;
}

export function formatMs(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(3).replace(/\.?0+$/, '')} s`;
  return `${(ms / 60_000).toFixed(2).replace(/\.?0+$/, '')} min`;
}
