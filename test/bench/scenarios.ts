/**
 * One round of each measurement, in a fresh browser context:
 *
 * - `updateRound`: N controlled tabs on v1; deploy v2, one tab checks, wait until every
 *   tab knows the worker waits; accept (ours: in the presenting tab, through its prompt;
 *   the baselines: in the tab in front, where the user presses the button); wait until every
 *   tab has loaded again and is controlled by v2.
 * - `intervalRound` (ours): N tabs with a short check interval; count requests of /sw.js at
 *   the server over a fixed window; then deploy v2 and take tabs away (`failover`). The
 *   baselines count their checks at the start of their `updateRound` instead (`checks`),
 *   then stop them in every tab (which ours cannot do), so the update is timed without them.
 */
import type { FixtureServer } from '../fixtures/server.js';
import type { Engine, EngineName } from '../browser/driver/index.js';
import { Round, sleep, type BenchEvent, type Variant } from './browser.js';

/** Where a round runs: one engine of the tab driver and the demo server. */
export interface Bench {
  engine: Engine;
  server: FixtureServer;
}

export interface TabTimeline {
  /** ms since accept; undefined when the page did not report it. */
  controllerchange?: number;
  /** The page called location.reload() (ours: status `reloading`; the baselines just before the call). */
  reloading?: number;
  /**
   * The new document's navigation timing (ms since accept, the new page's clock): its
   * navigation started (`timeOrigin`: the reload call as the browser saw it), the worker
   * was started or found running (`workerStart`), its fetch began (`fetchStart`), the
   * request went out (`requestStart`), the response started and ended arriving.
   */
  navigationStart?: number;
  workerStart?: number;
  fetchStart?: number;
  requestStart?: number;
  /** The new document's response started arriving (navigation timing `responseStart`). */
  response?: number;
  responseEnd?: number;
  /** The old document's unload handlers started (`unloadEventStart`; its pagehide ran before). */
  unloadStart?: number;
  /** The old document's unload handlers finished (`unloadEventEnd`). */
  unloaded?: number;
  /** The new document was parsed (`domInteractive`). */
  interactive?: number;
  /** The page script (/ours.js, /bare.js, /wb.js) had arrived. */
  script?: number;
  /** The new page's script ran. */
  load: number;
}

export interface UpdateResult {
  engine: EngineName;
  variant: Variant['name'];
  n: number;
  /** Prompts shown between the deploy and the accept. */
  prompts: number;
  /** accept → the last tab's new load, ms. */
  acceptToAll: number;
  /** first → last tab's new load, ms. */
  skew: number;
  tabs: TabTimeline[];
  /** The new worker's `activate` event and its `activated` state, ms since accept (its own clock). */
  activate?: number;
  activated?: number;
  /**
   * The accepting tab, ms since accept: its accept call returned (`ran`), then its next
   * task ran (`free`: until then its main thread was busy, and in WebKit the worker
   * waits on a page's main thread). Undefined when the page reloaded before that task.
   */
  accepting?: { ran: number; free: number };
  /** The baselines, when asked: their interval checks, counted before the update. */
  checks?: CheckCount;
  /** ours only: BroadcastChannel postMessage calls, summed over tabs, from deploy to settled on v2. */
  messages?: { total: number; beforeAccept: number; afterAccept: number; byType: Record<string, number> };
}

interface NavigationTimes {
  navigationStart: number;
  workerStart: number | null;
  fetchStart: number | null;
  requestStart: number | null;
  response: number | null;
  responseEnd: number | null;
  unloadStart: number | null;
  unloaded: number | null;
  interactive: number | null;
  script: number | null;
}

/** ms between the prompt and the accept: no user presses a button sooner. */
const REACTION = 1_000;

const V1 = '1';
const V2 = '2';

async function prepare({ engine, server }: Bench, variant: Variant, n: number, query = ''): Promise<Round> {
  await server.deploy(variant.kind, V1);
  const round = await Round.start(engine, server, variant, query);
  try {
    await round.bootstrap();
    await round.openTabs(n, V1);
    if (variant.name === 'ours') await settledGroup(round, 'idle');
    // As users have them: the tab opened last in front, every other one hidden.
    const visible = (await round.visibleTabs()).length;
    if (visible !== 1)
      throw new Error(`${engine.name}: ${visible} of ${n} tabs are visible; the bench needs exactly one`);
    return round;
  } catch (error) {
    await round.close();
    throw error;
  }
}

/** ours: every live tab in `status`, one leader, and (when the update waits) one presenter. */
async function settledGroup(round: Round, status: string, version?: string): Promise<void> {
  await round.waitFor(`the group settled (${status})`, async () => {
    const states = await Promise.all(round.live().map((i) => round.state(i)));
    if (!states.every((s) => s?.status === status && (version === undefined || s.version === version))) return false;
    if (states.filter((s) => s?.leader).length !== 1) return false;
    if (status !== 'available') return true;
    const presenters = round.presenters();
    return presenters.length === 1 && states[round.live().indexOf(presenters[0]!)]?.prompting === true;
  });
}

/** Waits until every tab knows the update waits (ours: and one presents it). */
async function waitForWaiting(round: Round): Promise<void> {
  if (round.variant.name === 'ours') return settledGroup(round, 'available');
  await round.waitFor('every tab to prompt', async () => {
    const states = await Promise.all(round.live().map((i) => round.state(i)));
    return states.every((s) => s?.prompting);
  });
}

export interface CheckCount {
  /** Requests of /sw.js during the window. */
  requests: number;
  /** requests ÷ (window ÷ interval). */
  perInterval: number;
}

export interface CheckWindow {
  /** The check interval, ms. */
  interval: number;
  /** How long requests are counted, ms. */
  window: number;
}

async function countChecks(server: FixtureServer, { interval, window }: CheckWindow): Promise<CheckCount> {
  // Every tab has started its timers (ours: one leader has been elected and polls).
  await sleep(interval * 2);
  const before = server.state().swRequests;
  await sleep(window);
  const requests = server.state().swRequests - before;
  return { requests, perInterval: requests / (window / interval) };
}

export async function updateRound(
  bench: Bench,
  variant: Variant,
  n: number,
  checks?: CheckWindow,
): Promise<UpdateResult> {
  if (checks && variant.name === 'ours') throw new Error('ours cannot stop its checks: count them with intervalRound');
  const { server } = bench;
  const round = await prepare(bench, variant, n, checks ? `checkInterval=${checks.interval}` : '');
  try {
    let counted: CheckCount | undefined;
    if (checks) {
      counted = await countChecks(server, checks);
      await Promise.all(round.live().map((i) => round.tabs[i]!.evaluate('window.__bench.stopChecks()')));
      await sleep(100);
    }
    const deployedAt = Date.now();
    await server.deploy(variant.kind, V2);
    await round.check(0);
    await waitForWaiting(round);
    // A user reads the prompt before pressing its button; the group has settled by then.
    await sleep(Number(process.env.BENCH_PAUSE ?? REACTION));
    // Where the user presses the button: the tab in front (ours shows its prompt there).
    const accepter = variant.name === 'ours' ? round.presenters()[0]! : await round.inFront();
    const acceptedAt = await round.accept(accepter);

    const newLoads = await round
      .waitFor(
        () => {
          const missing = round.tabs.flatMap((_, i) =>
            round.events.some((e) => e.type === 'load' && e.page === i && e.load === 2) ? [] : [i],
          );
          const last = missing.map((i) => round.events.filter((e) => e.page === i).at(-1));
          return `every tab loaded again (missing: ${missing.map((i, k) => `tab ${i} after ${last[k]?.type ?? '-'}/${String(last[k]?.status ?? '')}`).join(', ')})`;
        },
        () => {
          const loads = round.tabs.map((_, i) =>
            round.events.find((e) => e.type === 'load' && e.page === i && e.load === 2),
          );
          return loads.every((e) => e !== undefined) ? (loads as BenchEvent[]) : undefined;
        },
        30_000,
      )
      .catch(async (error: unknown) => {
        // Say what each tab is doing, and which one accepted.
        const states = await Promise.all(
          round.live().map(async (i) => `${i}: ${JSON.stringify(await round.state(i))}`),
        );
        const story = round.events
          .filter((e) => e.t >= acceptedAt - 2_000 && (e.page === accepter || e.page === 1))
          .map(
            (e) =>
              `${e.page}:${e.type}${e.status ? `=${String(e.status)}` : ''}${e.message ? `(${String(e.message).slice(0, 80)})` : ''}@${Math.round(e.t - acceptedAt)}`,
          );
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}; accepted in tab ${accepter}; now ${states.join('; ')}; events ${story.join(' ')}`,
        );
      });
    for (let i = 0; i < n; i++) {
      await round.waitFor(`tab ${i} controlled by v2`, async () => (await round.controllerVersion(i)) === V2, 5_000);
    }
    const loadTimes = newLoads.map((e) => e.t);
    const first = (type: string, page: number, where: (e: BenchEvent) => boolean = () => true): number | undefined => {
      const e = round.events.find(
        (e) => e.type === type && e.page === page && e.load === 1 && e.t >= acceptedAt && where(e),
      );
      return e === undefined ? undefined : e.t - acceptedAt;
    };
    const navigations = await Promise.all(
      round.tabs.map((tab) =>
        tab.evaluate<[], NavigationTimes | null>(`(() => {
          const entry = performance.getEntriesByType('navigation')[0];
          if (entry === undefined) return null;
          const at = (ms) => (ms > 0 ? performance.timeOrigin + ms : null);
          const script = performance.getEntriesByType('resource').find((r) => /\\/(ours|bare|wb)\\.js$/.test(new URL(r.name).pathname));
          return { navigationStart: performance.timeOrigin, workerStart: at(entry.workerStart),
            fetchStart: at(entry.fetchStart), requestStart: at(entry.requestStart),
            response: at(entry.responseStart), responseEnd: at(entry.responseEnd),
            unloadStart: at(entry.unloadEventStart), unloaded: at(entry.unloadEventEnd),
            interactive: at(entry.domInteractive), script: script ? at(script.responseEnd) : null };
        })()`),
      ),
    );
    const activation = await round.tabs[0]!.evaluate<[], { activate: number | null; activated: number | null }>(
      "fetch('/__sw-activation', { cache: 'no-store' }).then((r) => r.json())",
    );
    const since = (t: number | null | undefined): number | undefined => (t == null ? undefined : t - acceptedAt);
    const cost = round.events.find((e) => e.type === 'accept-cost');
    const tabs = newLoads.map((load, page): TabTimeline => ({
      controllerchange: first('controllerchange', page),
      reloading:
        variant.name === 'ours' ? first('status', page, (e) => e.status === 'reloading') : first('reloading', page),
      navigationStart: since(navigations[page]?.navigationStart),
      workerStart: since(navigations[page]?.workerStart),
      fetchStart: since(navigations[page]?.fetchStart),
      requestStart: since(navigations[page]?.requestStart),
      response: since(navigations[page]?.response),
      responseEnd: since(navigations[page]?.responseEnd),
      unloadStart: since(navigations[page]?.unloadStart),
      unloaded: since(navigations[page]?.unloaded),
      interactive: since(navigations[page]?.interactive),
      script: since(navigations[page]?.script),
      load: load.t - acceptedAt,
    }));

    let messages: UpdateResult['messages'];
    if (variant.name === 'ours') {
      await settledGroup(round, 'idle', V2);
      await sleep(500);
      const logs = (await Promise.all(round.live().map((i) => round.channelLog(i)))).flat();
      const counted = logs.filter(([t]) => t >= deployedAt);
      const byType: Record<string, number> = {};
      for (const [, type] of counted) byType[type] = (byType[type] ?? 0) + 1;
      messages = {
        total: counted.length,
        beforeAccept: counted.filter(([t]) => t < acceptedAt).length,
        afterAccept: counted.filter(([t]) => t >= acceptedAt).length,
        byType,
      };
    }
    return {
      engine: bench.engine.name,
      variant: variant.name,
      n,
      // Counted once every tab's events have been read (after the reloads).
      prompts: round.eventsOf('prompt').filter((e) => e.load === 1 && e.t < acceptedAt).length,
      acceptToAll: Math.max(...loadTimes) - acceptedAt,
      skew: Math.max(...loadTimes) - Math.min(...loadTimes),
      tabs,
      activate: activation.activate === null ? undefined : activation.activate - acceptedAt,
      activated: activation.activated === null ? undefined : activation.activated - acceptedAt,
      accepting: cost && { ran: Number(cost.ran), free: Number(cost.free) },
      checks: counted,
      messages,
    };
  } finally {
    await round.close();
  }
}

export interface FailoverSample {
  /** Which role the tab that went away had (a tab that had both gives one sample of each). */
  role: 'presenter' | 'leader';
  how: 'close' | 'crash';
  /** ms from page.close() / Page.crash to the prompt shown in another tab (presenter) or a new leader. */
  ms: number;
}

export interface IntervalResult extends CheckCount {
  engine: EngineName;
  variant: Variant['name'];
  n: number;
  /** ours only: deploy → prompt, found by the periodic check. */
  deployToPrompt?: number;
  failover: FailoverSample[];
}

export async function intervalRound(
  bench: Bench,
  variant: Variant,
  n: number,
  checks: CheckWindow,
): Promise<IntervalResult> {
  const { server } = bench;
  // Public options only: what an app would write.
  const round = await prepare(bench, variant, n, `checkInterval=${checks.interval}`);
  try {
    const result: IntervalResult = {
      engine: bench.engine.name,
      variant: variant.name,
      n,
      ...(await countChecks(server, checks)),
      failover: [],
    };
    if (variant.name === 'ours') {
      const deployedAt = Date.now();
      await server.deploy(variant.kind, V2);
      await settledGroup(round, 'available');
      const prompt = round.eventsOf('prompt').find((e) => e.t >= deployedAt);
      if (prompt) result.deployToPrompt = prompt.t - deployedAt;
      result.failover = await failover(round);
    }
    return result;
  } finally {
    await round.close();
  }
}

const FAILOVER_STEPS = [
  ['presenter', 'close'],
  ['presenter', 'crash'],
  ['leader', 'close'],
  ['leader', 'crash'],
] as const;

/** ours, an update waiting: take away the presenter, then the leader, by close and by crash. */
async function failover(round: Round): Promise<FailoverSample[]> {
  const samples: FailoverSample[] = [];
  for (const [role, how] of FAILOVER_STEPS) {
    if (round.live().length < 2) break;
    await settledGroup(round, 'available');
    const live = round.live();
    const states = await Promise.all(live.map((i) => round.state(i)));
    const leader = live[states.findIndex((s) => s?.leader)]!;
    const presenter = round.presenters()[0]!;
    const target = role === 'presenter' ? presenter : leader;
    if (how === 'crash' && round.engine.powers.crash === undefined) continue;
    const goneAt = Date.now();
    await round.remove(target, how === 'crash');
    const after = (type: string, where: (e: BenchEvent) => boolean): Promise<BenchEvent> =>
      round.waitFor(`${type} in another tab after the ${role} ${how === 'close' ? 'closed' : 'crashed'}`, () =>
        round.events.find(
          (e) => e.type === type && e.page !== target && !round.gone.has(e.page) && e.t >= goneAt && where(e),
        ),
      );
    if (target === presenter)
      samples.push({ role: 'presenter', how, ms: (await after('prompt', () => true)).t - goneAt });
    if (target === leader)
      samples.push({ role: 'leader', how, ms: (await after('leader', (e) => e.isLeader === true)).t - goneAt });
  }
  return samples;
}
