/**
 * The simulation's invariants, each stated against what the fake browser knows (its
 * workers, clients and tabs) and what the simulated user did (World's records), never
 * against the coordinator's own opinion of itself where the browser can tell.
 *
 * Safety invariants are checked at the moment the thing happens (from the onPrompt and
 * env.reload hooks), so a violation that lasts a millisecond between two steps is still
 * caught. "Eventually" invariants are checked after a settle period: virtual time with
 * no user actions (see run.ts), and skip what the user is still in control of (holds,
 * snoozes) and tabs that are gone (closed or crashed).
 */
import { EPOCH } from './clock.js';
import { current, type AppRecord, type PageRecord, type TabRecord, type World } from './world.js';

export interface Violation {
  readonly invariant: string;
  readonly detail: string;
  /** Step number (1-based) during which it was seen; 0 = the initial setup. */
  readonly step: number;
  /** Virtual wall-clock ms. */
  readonly at: number;
}

/** How long a hold needs to reach every tab (channel 5 ms + roster settle 20 ms, with margin). */
export const HOLD_GRACE = 100;

const pageName = (page: PageRecord): string => `${page.tab.name}/p${page.n}`;

/** Live pages of one app. */
const pagesOf = (world: World, app: AppRecord): PageRecord[] => world.pages.filter((page) => page.tab.app === app);

/**
 * AT MOST ONE PRESENTER: when onPrompt is called in a page, no other live page of its app
 * may still show its prompt (its cleanup not yet run). Crashed pages do not count: their
 * prompt died with them (their cleanup never runs, so without this they would count
 * forever). Each app on the origin has its own prompt.
 *
 * APPS ON ONE ORIGIN ARE INDEPENDENT (see checkApps): the prompt offers a version of the
 * page's own app.
 */
export function checkPromptStart(world: World, page: PageRecord, version?: string): void {
  if (page.tab.tab.crashed) return;
  const { app } = page.tab;
  // THE 'auto' POLICY NEVER PROMPTS: onPrompt is never called.
  if (world.options.policy === 'auto') {
    world.violate("'auto' never prompts", `${pageName(page)} prompts for version ${version ?? '(none)'}`);
  }
  if (version !== undefined && !app.versions.has(version)) {
    world.violate(
      'apps on one origin are independent',
      `${pageName(page)} prompts for version ${version}, not one of its app's`,
    );
  }
  const others = pagesOf(world, app).filter((other) => other !== page && other.presenting);
  if (others.length > 0) {
    world.violate(
      'at most one presenter',
      `${pageName(page)} prompts while ${others.map(pageName).join(', ')} still prompt(s)`,
    );
  }
}

/**
 * Checked whenever the current page of a live tab calls env.reload():
 *
 * NO HELD TAB RELOADED: the page has no active hold (the API promises held tabs wait,
 * even after accept({ force: true })).
 *
 * NO RELOAD WITHOUT AN ACCEPTED UPDATE: some effective accept (World.accept: made while
 * the accepting tab showed the update) was for a worker newer than the one that
 * controlled this page when it loaded. Accepts are global, so the accept may come from
 * any tab and may predate this page (a page opened during an accepted update loads
 * under the old worker and must follow). A page that loaded under the accepted worker
 * or a newer one has nothing to reload for.
 *
 * HOLDS BLOCK EVERY TAB, UNLESS FORCED: when none of the accepts this reload is for
 * was forced, no other live page holds work it took HOLD_GRACE ms or more before the
 * latest of them. A page in the back/forward cache does not count: it left the group,
 * and it keeps its work by not reloading when it comes back. Nor does a worker that
 * activated by itself (its last old client closed, no SKIP_WAITING): nobody could hold
 * it back, and the pages left behind follow it. The accepts a reload is for are those that justify it (above) and
 * are of the worker it lands on or an older one: a held tab released late finishes an
 * old update, and a later accept of a newer worker is not what moves it. Why the
 * grace: a hold travels to the other tabs over the channel and the roster settles for
 * 20 ms, so an accept made right after a hold elsewhere cannot know of it; nor of the holds
 * of a page that comes back from the back/forward cache, which announces them as it
 * rejoins (its grace counts from then). A hold taken
 * after the accept does not stop an update already under way (the held tab itself
 * still waits, see above); the latest accept is the one that can be under way, since
 * an effective accept is only possible in a tab that shows the update, not in one
 * applying an earlier accept.
 *
 * NO TAB RELOADS TWICE FOR ONE UPDATE: a tab's reloads land on distinct active workers.
 * The update a reload is "for" is the worker the reload lands on (the active one when
 * it is requested; every reload path waits for activation). Two reloads onto the same
 * worker mean the second one changed nothing for the user.
 */
export function checkReload(world: World, page: PageRecord): void {
  const { tab } = page;
  const { app } = tab;
  if (page.holds.size > 0) {
    world.violate('no held tab reloaded', `${pageName(page)} reloads with ${page.holds.size} hold(s) active`);
  }
  const onto = world.registration(app)?.active?.id ?? 0;
  const justifying = app.accepts.filter((accept) => accept.workerId > page.loadController);
  // The accepts this reload is for: of the worker it lands on, or of one that worker replaced.
  const forThis = justifying.filter((accept) => accept.workerId <= onto);
  const relevant = forThis.length > 0 ? forThis : justifying;
  const landsOn = world.browser.workers.find((worker) => worker.id === onto);
  const activatedByItself = landsOn !== undefined && !landsOn.skipWaitingFlag;
  if (relevant.length > 0 && !relevant.some((accept) => accept.force) && !activatedByItself) {
    const last = Math.max(...relevant.map((accept) => accept.at));
    for (const other of pagesOf(world, app)) {
      // Back from the back/forward cache, a page tells the group of its holds as it rejoins.
      const since = other.rejoinedAt ?? Number.NEGATIVE_INFINITY;
      const held = [...other.holds.values()].filter((hold) => Math.max(hold.at, since) + HOLD_GRACE <= last);
      if (other !== page && held.length > 0 && !other.tab.tab.cached) {
        world.violate(
          'holds block every tab, unless forced',
          `${pageName(page)} reloads while ${pageName(other)} holds since ${held[0]!.at - EPOCH} ms (accepted at ${last - EPOCH} ms, not forced)`,
        );
      }
    }
  }
  if (justifying.length === 0) {
    const accepted = app.accepts.map((accept) => `#${accept.workerId}`).join(', ') || 'none';
    // An accept in another app of the origin that could explain it: that app's update leaked.
    const elsewhere = world.apps
      .filter((other) => other !== app && other.accepts.length > 0)
      .map((other) => other.name);
    world.violate(
      elsewhere.length > 0 ? 'apps on one origin are independent' : 'no reload without an accepted update',
      `${pageName(page)} (loaded under worker #${page.loadController}) reloads; accepted workers of its app: ${accepted}` +
        (elsewhere.length > 0 ? `; other apps with accepts: ${elsewhere.join(', ')}` : ''),
    );
  }
  if (tab.reloadedOnto.includes(onto)) {
    world.violate('no tab reloads twice for one update', `${pageName(page)} reloads onto worker #${onto} again`);
  }
  tab.reloadedOnto.push(onto);
}

/**
 * UPDATE-APPLIED NAMES THE VERSION THE PAGE RAN: in a page loaded by an update's reload,
 * `previousVersion`, when given, is the version of the worker that controlled the page
 * before it at its load, even if a newer worker took control of that page before it
 * reloaded. Checked when the event comes; a page that loaded uncontrolled ran no
 * worker's version, so it is not checked.
 */
export function checkApplied(world: World, page: PageRecord, before: PageRecord | undefined, previous?: string): void {
  if (before === undefined || before.loadController === 0 || previous === undefined) return;
  const ran = world.browser.workers.find((worker) => worker.id === before.loadController)?.label;
  if (`v${previous}` !== ran) {
    world.violate(
      'update-applied names the version the page ran',
      `${pageName(page)} says it ran ${previous}; ${pageName(before)} loaded under ${ran ?? `worker #${before.loadController}`}`,
    );
  }
}

/** Statuses of a tab still applying an accepted update. */
const APPLYING = new Set(['blocked', 'activating', 'reloading']);

/**
 * EVERY LIVE TAB ENDS ON THE NEWEST VERSION, once an accepted update has no holds left:
 * if the user ever accepted and no live page holds, then after settling every live
 * tab's page is controlled by the registration's active worker, no tab is still
 * applying, and no accepted worker is still waiting. "Newest" is the active worker, not
 * the newest deploy: a later deploy that nobody accepted must wait, but a newer worker
 * that replaced an accepted waiting one before that one ever activated inherits the
 * accept (the user said "update"; the coordinator sends SKIP_WAITING to whatever
 * waits, and pages reload onto whatever activates). Holds in crashed tabs are not
 * "left": that work is lost, so it must not block the others forever.
 * An accept binds only while one of its witnesses lives: a page that was live and in the
 * group when the accept was made (so could have heard it; a page whose registration had
 * failed was out of the group) and is still the current page of a live tab.
 * When every such page is gone (closed, crashed, reloaded), no running code can know the
 * user accepted, and a fresh prompt for the same update is fine.
 */
export function checkAllOnNewest(world: World): void {
  for (const app of world.apps) allOnNewest(world, app);
}

/** checkAllOnNewest for one app: its accepts, its tabs, its registration. */
function allOnNewest(world: World, app: AppRecord): void {
  const pages = new Set(pagesOf(world, app));
  const binding = app.accepts.filter((accept) => [...accept.witnesses].some((page) => pages.has(page)));
  // Pages in the back/forward cache run nothing and left the group: their holds block
  // nobody, and they catch up when shown again.
  const running = world.live.filter((tab) => tab.app === app && !tab.tab.cached);
  const runningPages = running.flatMap((tab) => current(tab) ?? []);
  if (binding.length === 0 || runningPages.some((page) => page.holds.size > 0)) return;
  const registration = world.registration(app);
  const active = registration?.active;
  if (!active) return world.violate('every live tab ends on the newest version', 'no active worker after an accept');
  const waiting = registration.waiting;
  const workers = world.browser.workers;
  const neverActivated = (id: number) => !workers.find((worker) => worker.id === id)?.states.includes('activated');
  const inherited = (id: number) => waiting !== null && id < waiting.id && neverActivated(id);
  if (waiting && binding.some((accept) => accept.workerId === waiting.id || inherited(accept.workerId))) {
    const accepted = binding.map((accept) => `#${accept.workerId}`).join(', ');
    world.violate(
      'every live tab ends on the newest version',
      `worker #${waiting.id} ${waiting.label} still waits after an accept of it or of a waiting worker it replaced (accepted: ${accepted})`,
    );
  }
  for (const tab of running) {
    const page = current(tab);
    const status = page?.updates.getSnapshot().status;
    const controller = tab.tab.controller;
    if (page === undefined || controller?.id !== active.id || APPLYING.has(status ?? '')) {
      world.violate(
        'every live tab ends on the newest version',
        `${tab.name} is on ${controller ? `#${controller.id} ${controller.label}` : 'no worker'} (status ${status}); active is #${active.id} ${active.label}`,
      );
    }
  }
}

/** Slack after a snooze ends for the tabs to notice it (their timer) and re-present. */
const SNOOZE_SLACK = 2_000;

/**
 * A PROMPT APPEARS once an update waits and a tab is visible, unless snoozed: if the
 * browser has a waiting worker, some live tab is visible, nobody is applying an accept
 * (then the prompt is rightly gone) and the waiting version is not under a running
 * dismissal, exactly one live page presents, and it is a visible one (a prompt in a
 * hidden tab while the user looks at another is not a prompt that appeared). A visible
 * page whose registration failed is out of the group and cannot present: it does not count.
 */
export function checkPromptAppears(world: World): void {
  // 'auto' has no prompt (checkPromptStart); a waiting worker there is for allOnNewest.
  if (world.options.policy === 'auto') return;
  for (const app of world.apps) promptAppears(world, app);
}

/**
 * 'IDLE' APPLIES WHILE EVERYONE IS AWAY: after settling (no user action for longer than
 * `idleDelay` plus an election), in a world of the `'idle'` policy, no app whose every
 * running tab is hidden and holds nothing still has a worker waiting. Pages in the
 * back/forward cache are not running (they catch up when shown); a page whose
 * registration failed is out of the group and cannot count, so such a world is skipped.
 */
export function checkIdleApplies(world: World): void {
  for (const { app, pages } of idleCandidates(world)) {
    const waiting = world.registration(app)!.waiting!;
    world.violate(
      "'idle' applies while everyone is away",
      `worker #${waiting.id} ${waiting.label} still waits; every running tab is hidden and holds nothing (${pages.map((page) => `${pageName(page)} ${page.updates.getSnapshot().status}`).join(', ')})`,
    );
  }
}

/** Apps of an `'idle'` world where a worker waits, every running tab is hidden, and nothing is held. */
export function idleCandidates(world: World): Array<{ app: AppRecord; pages: PageRecord[] }> {
  if (world.options.policy !== 'idle') return [];
  return world.apps.flatMap((app) => {
    const running = world.live.filter((tab) => tab.app === app && !tab.tab.cached);
    const pages = running.map((tab) => current(tab));
    if (!world.registration(app)?.waiting || running.length === 0 || running.some((tab) => tab.tab.visible)) return [];
    if (
      pages.some((page) => page === undefined || page.holds.size > 0 || page.updates.getSnapshot().status === 'failed')
    )
      return [];
    return [{ app, pages: pages as PageRecord[] }];
  });
}

/** checkPromptAppears for one app: each app on the origin has its prompt. */
function promptAppears(world: World, app: AppRecord): void {
  const waiting = world.registration(app)?.waiting;
  const canPresent = (tab: TabRecord) =>
    tab.app === app && tab.tab.visible && current(tab)?.updates.getSnapshot().status !== 'failed';
  if (!waiting || !world.live.some(canPresent)) return;
  const pages = pagesOf(world, app);
  if (pages.some((page) => APPLYING.has(page.updates.getSnapshot().status))) return;
  const { snoozed } = app;
  if (snoozed && waiting.label === `v${snoozed.version}` && Date.now() < snoozed.until + SNOOZE_SLACK) return;
  const presenters = pages.filter((page) => page.presenting);
  if (presenters.length !== 1) {
    world.violate(
      'a prompt appears',
      `worker #${waiting.id} ${waiting.label} waits, a tab is visible, but ${presenters.length} page(s) present: ${presenters.map(pageName).join(', ') || '-'}`,
    );
  } else if (!presenters[0]!.tab.tab.visible) {
    world.violate(
      'a prompt appears',
      `the prompt is up in hidden ${pageName(presenters[0]!)} while another tab is visible`,
    );
  }
}

/**
 * APPS ON ONE ORIGIN ARE INDEPENDENT, checked after every step: an update of one app
 * (its deploys, its accepts, its worker's RELOAD, which `clients.matchAll` lets reach
 * every window of the origin) never changes another app's tabs. Each live page shows
 * only versions its own app deployed (`version`, `waitingVersion`), and it is applying
 * an update (blocked, activating, reloading) only if its own app ever had an accept.
 * Reloads and prompts are checked where they happen (checkReload, checkPromptStart).
 */
export function checkApps(world: World): void {
  if (world.apps.length < 2) return;
  for (const page of world.pages) {
    if (page.tab.tab.cached) continue;
    const { app } = page.tab;
    const { status, version, waitingVersion } = page.updates.getSnapshot();
    // A page opened in a scope before its app registered there is controlled by the worker
    // of the enclosing scope, and `version` is rightly that worker's; only then.
    const controller = page.tab.tab.controller;
    const underOwnWorker =
      controller === null || controller.scriptURL === new URL(app.scriptURL, world.browser.origin).href;
    const shown = underOwnWorker ? [version, waitingVersion] : [waitingVersion];
    const foreign = shown.filter((v) => v !== undefined && !app.versions.has(v));
    if (foreign.length > 0) {
      world.violate(
        'apps on one origin are independent',
        `${pageName(page)} shows version ${foreign.join(', ')} of another app`,
      );
    }
    if (APPLYING.has(status) && app.accepts.length === 0) {
      world.violate(
        'apps on one origin are independent',
        `${pageName(page)} is ${status} though nobody accepted an update of its app`,
      );
    }
  }
}

/** Per-tab state for reports: one line per tab. */
export function describeTabs(world: World): string[] {
  const label = (worker: { id: number; label: string } | null | undefined) =>
    worker ? `#${worker.id} ${worker.label}` : '-';
  const lines = world.apps.map((app) => {
    const registration = world.registration(app);
    const name = app.name ? `app ${app.name} (${app.base}) ` : '';
    return `${name}registration: installing ${label(registration?.installing)}, waiting ${label(registration?.waiting)}, active ${label(registration?.active)}`;
  });
  for (const tab of world.tabs) {
    const state = tab.tab.crashed ? 'crashed' : tab.tab.closed ? 'closed' : tab.tab.visible ? 'visible' : 'hidden';
    const page = tab.page;
    const s = page?.updates.getSnapshot();
    const gone = tab.tab.closed ? ' (last page)' : '';
    lines.push(
      `${tab.name} ${state}${gone}: page ${page?.n ?? '-'}, status ${s?.status ?? '-'}, ` +
        `leader ${s?.isLeader ?? '-'}, prompting ${page?.presenting ?? '-'}, version ${s?.version ?? '-'}, ` +
        `waiting ${s?.waitingVersion ?? '-'}, holds ${page?.holds.size ?? 0} (all tabs: ${s?.holds ?? '-'}), ` +
        `controller ${label(tab.tab.controller)}, reloads ${tab.tab.reloads}, errors ${page?.errors ?? 0}`,
    );
  }
  return lines;
}
