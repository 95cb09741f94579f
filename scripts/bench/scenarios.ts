/**
 * One round of each measurement, in a fresh browser context:
 *
 * - `updateRound`: N controlled tabs on v1; deploy v2, one tab checks, wait until every
 *   tab knows the worker waits; accept (ours: in the presenting tab, through its prompt;
 *   the baselines: in tab 0); wait until every tab has loaded again and is controlled by v2.
 * - `intervalRound` (ours): N tabs with a short check interval; count requests of /sw.js at
 *   the server over a fixed window; then deploy v2 and take tabs away (`failover`). The
 *   baselines count their checks at the start of their `updateRound` instead (`checks`),
 *   then stop them in every tab (which ours cannot do), so the update is timed without them.
 */
import type { Browser } from 'playwright-core';
import type { DemoServer } from '../../demo/server.js';
import { Round, sleep, type BenchEvent, type Variant } from './browser.js';

export interface TabTimeline {
  /** ms since accept; undefined when the page did not report it. */
  controllerchange?: number;
  /** The page called location.reload() (ours: status `reloading`; the baselines just before the call). */
  reloading?: number;
  /** The new document's response started arriving (navigation timing `responseStart`). */
  response?: number;
  /** The new page's script ran. */
  load: number;
}

export interface UpdateResult {
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
  /** The baselines, when asked: their interval checks, counted before the update. */
  checks?: CheckCount;
  /** ours only: BroadcastChannel postMessage calls, summed over tabs, from deploy to settled on v2. */
  messages?: { total: number; beforeAccept: number; afterAccept: number; byType: Record<string, number> };
}

const V1 = '1';
const V2 = '2';

async function prepare(browser: Browser, server: DemoServer, variant: Variant, n: number, query = ''): Promise<Round> {
  await server.deploy(variant.kind, V1);
  const round = await Round.start(browser, server.url, variant, query);
  try {
    await round.bootstrap();
    await round.openTabs(n, V1);
    if (variant.name === 'ours') await settledGroup(round, 'idle');
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

async function countChecks(server: DemoServer, { interval, window }: CheckWindow): Promise<CheckCount> {
  // Every tab has started its timers (ours: one leader has been elected and polls).
  await sleep(interval * 2);
  const before = server.state().swRequests;
  await sleep(window);
  const requests = server.state().swRequests - before;
  return { requests, perInterval: requests / (window / interval) };
}

export async function updateRound(
  browser: Browser,
  server: DemoServer,
  variant: Variant,
  n: number,
  checks?: CheckWindow,
): Promise<UpdateResult> {
  if (checks && variant.name === 'ours') throw new Error('ours cannot stop its checks: count them with intervalRound');
  const round = await prepare(browser, server, variant, n, checks ? `checkInterval=${checks.interval}` : '');
  try {
    let counted: CheckCount | undefined;
    if (checks) {
      counted = await countChecks(server, checks);
      await Promise.all(round.live().map((i) => round.pages[i]!.evaluate(() => window.__bench.stopChecks())));
      await sleep(100);
    }
    const deployedAt = Date.now();
    await server.deploy(variant.kind, V2);
    await round.check(0);
    await waitForWaiting(round);
    const prompts = round.eventsOf('prompt').filter((e) => e.load === 1).length;
    const accepter = variant.name === 'ours' ? round.presenters()[0]! : 0;
    const acceptedAt = await round.accept(accepter);

    const newLoads = await round.waitFor(
      'every tab loaded again',
      () => {
        const loads = round.pages.map((_, i) => round.events.find((e) => e.type === 'load' && e.page === i && e.load === 2));
        return loads.every((e) => e !== undefined) ? (loads as BenchEvent[]) : undefined;
      },
      30_000,
    );
    for (let i = 0; i < n; i++) {
      await round.waitFor(`tab ${i} controlled by v2`, async () => (await round.controllerVersion(i)) === V2, 5_000);
    }
    const loadTimes = newLoads.map((e) => e.t);
    const first = (type: string, page: number, where: (e: BenchEvent) => boolean = () => true): number | undefined => {
      const e = round.events.find((e) => e.type === type && e.page === page && e.load === 1 && e.t >= acceptedAt && where(e));
      return e === undefined ? undefined : e.t - acceptedAt;
    };
    const responses = await Promise.all(
      round.pages.map((page) =>
        page.evaluate(() => {
          const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return entry === undefined ? undefined : performance.timeOrigin + entry.responseStart;
        }),
      ),
    );
    const activation = await round.pages[0]!.evaluate(
      async () => (await (await fetch('/__sw-activation', { cache: 'no-store' })).json()) as { activate: number | null; activated: number | null },
    );
    const tabs = newLoads.map((load, page): TabTimeline => ({
      controllerchange: first('controllerchange', page),
      reloading: variant.name === 'ours' ? first('status', page, (e) => e.status === 'reloading') : first('reloading', page),
      response: responses[page] === undefined ? undefined : responses[page]! - acceptedAt,
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
      variant: variant.name,
      n,
      prompts,
      acceptToAll: Math.max(...loadTimes) - acceptedAt,
      skew: Math.max(...loadTimes) - Math.min(...loadTimes),
      tabs,
      activate: activation.activate === null ? undefined : activation.activate - acceptedAt,
      activated: activation.activated === null ? undefined : activation.activated - acceptedAt,
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
  variant: Variant['name'];
  n: number;
  /** ours only: deploy → prompt, found by the periodic check. */
  deployToPrompt?: number;
  failover: FailoverSample[];
}

export async function intervalRound(
  browser: Browser,
  server: DemoServer,
  variant: Variant,
  n: number,
  checks: CheckWindow,
): Promise<IntervalResult> {
  const query = `checkInterval=${checks.interval}` + (variant.name === 'ours' ? '&timing.checkDebounce=0' : '');
  const round = await prepare(browser, server, variant, n, query);
  try {
    const result: IntervalResult = { variant: variant.name, n, ...(await countChecks(server, checks)), failover: [] };
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
    const page = round.pages[target]!;
    const cdp = how === 'crash' ? await round.context.newCDPSession(page) : undefined;
    const goneAt = Date.now();
    if (cdp) void cdp.send('Page.crash').catch(() => {});
    else await page.close();
    round.gone.add(target);
    const after = (type: string, where: (e: BenchEvent) => boolean): Promise<BenchEvent> =>
      round.waitFor(`${type} in another tab after the ${role} ${how === 'close' ? 'closed' : 'crashed'}`, () =>
        round.events.find((e) => e.type === type && e.page !== target && !round.gone.has(e.page) && e.t >= goneAt && where(e)),
      );
    if (target === presenter) samples.push({ role: 'presenter', how, ms: (await after('prompt', () => true)).t - goneAt });
    if (target === leader) samples.push({ role: 'leader', how, ms: (await after('leader', (e) => e.isLeader === true)).t - goneAt });
  }
  return samples;
}
