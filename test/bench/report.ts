/**
 * Turns a bench run into Markdown (the generated part of docs/benchmarks.md, also
 * printed by `npm run bench`).
 */
import type { VariantName } from './browser.js';
import type { EngineName } from '../browser/driver/index.js';
import type { IntervalResult, UpdateResult } from './scenarios.js';
import { SHELL_GROUP, SIZE_LIMIT_BASELINE, type Breakdown, type SizeEntry } from './size.js';
import { fmt, median, percentile } from './stats.js';
import { scalingChart, timelineChart } from './charts.js';

export interface Environment {
  date: string;
  os: string;
  cpus: string;
  memory: string;
  versions: Record<string, string>;
  commit: string;
}

export interface SizeRow {
  name: string;
  min: number;
  gzip: number;
  entry?: SizeEntry;
}

/** One engine's part of a run. */
export interface EngineRun {
  name: EngineName;
  /** The browser's version string. */
  version: string;
  seconds: number;
  /** Rounds that failed and were repeated. */
  failures: string[];
}

export interface RunResults {
  environment: Environment;
  settings: {
    rounds: number;
    /** Rounds at the largest tab count (fewer: each takes longest). */
    roundsLargest: number;
    tabs: number[];
    /** The check interval of the update-check rounds, ms. */
    interval: number;
    /** How long requests are counted, ms. */
    window: number;
    /** Tab counts of the update-check rounds. */
    checkTabs: number[];
    seconds: number;
  };
  engines: EngineRun[];
  updates: UpdateResult[];
  intervals: IntervalResult[];
  sizes: SizeRow[];
  breakdown: Breakdown;
  /** The rounds drawn in each engine's timeline chart (one per engine and variant). */
  timeline: UpdateResult[];
}

export const VARIANT_NAMES: readonly VariantName[] = ['ours', 'bare', 'workbox-window'];

/** ours / bare, the goal of every accept → loaded figure. */
export const RATIO_GOAL = 1.05;

const ENGINE_LABELS: Record<EngineName, string> = { chromium: 'Chromium', firefox: 'Firefox ESR', webkit: 'WebKitGTK' };

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly string[]): string =>
  [row(head), row(align ?? head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n');

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

export function markdown(r: RunResults): string {
  const { tabs } = r.settings;
  const engines = r.engines;
  const updates = (engine: EngineName, variant: VariantName, n: number): UpdateResult[] =>
    r.updates.filter((u) => u.engine === engine && u.variant === variant && u.n === n);
  const med = (engine: EngineName, v: VariantName, n: number): number | undefined =>
    median(updates(engine, v, n).map((u) => u.acceptToAll));
  const rounds = (engine: EngineName, n: number): number => updates(engine, 'ours', n).length;
  const label = (e: EngineRun): string => ENGINE_LABELS[e.name];
  const engineHead = ['', ...engines.map(label)];
  const out: string[] = [];

  const e = r.environment;
  out.push(
    `Run of ${e.date} (${Math.round(r.settings.seconds)} s), commit ${e.commit}.`,
    '',
    `- Machine: ${e.os}; ${e.cpus}; ${e.memory} memory.`,
    `- Engines: ${engines.map((x) => `${label(x)} (${x.version}, ${Math.round(x.seconds)} s)`).join(', ')}.`,
    `- Versions: ${Object.entries(e.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- Tabs as users have them: every page a tab of one window, the tab opened last in front and every other ` +
      'tab hidden (`document.visibilityState`, checked in every round), background timers throttled as the browser ' +
      'throttles them for users.',
    `- Each figure is the median of ${r.settings.rounds} rounds (${r.settings.roundsLargest} at ${tabs.at(-1)} tabs), ` +
      'each round in a fresh browser context (WebKit: a fresh WebDriver session); the three variants take turns ' +
      'within each round, in a rotating order.',
  );
  for (const x of engines) {
    if (x.failures.length > 0) {
      out.push(
        `- ${label(x)}: rounds that failed and were repeated: ${x.failures.length} (${[...new Set(x.failures)].slice(0, 3).join('; ')}).`,
      );
    }
  }

  const ratio = (engine: EngineName, v: VariantName, n: number): number | undefined => {
    const a = med(engine, v, n);
    const b = med(engine, 'bare', n);
    return a === undefined || b === undefined ? undefined : a / b;
  };
  out.push(
    '',
    '### Accept → every tab loaded on the new version',
    '',
    `ours / bare: the median time from the accept (the accepting tab’s clock) to the last tab’s new page running its script, ` +
      `every tab then checked to be controlled by v2, divided by the same for the bare baseline in the same run. ` +
      `Goal: ≤ ${RATIO_GOAL.toFixed(2)} in every engine. In brackets: ours and bare, median ms.`,
    '',
  );
  /** One row per tab count, one column per engine: `cell` of the variant's ratio to bare. */
  const ratioTable = (variant: VariantName, cell: (q: number, engine: EngineName, n: number) => string): string =>
    table(
      engineHead,
      tabs.map((n) => [
        `${n} tabs`,
        ...engines.map((x) => {
          const q = ratio(x.name, variant, n);
          return q === undefined ? '–' : cell(q, x.name, n);
        }),
      ]),
    );
  out.push(
    ratioTable(
      'ours',
      (q, engine, n) =>
        `**${q.toFixed(2)}** ${q <= RATIO_GOAL ? '✓' : '✗'} (${fmt(med(engine, 'ours', n))} / ${fmt(med(engine, 'bare', n))})`,
    ),
  );
  out.push('', 'workbox-window / bare, for comparison (no coordination; every tab prompts):', '');
  out.push(ratioTable('workbox-window', (q) => q.toFixed(2)));

  for (const x of engines) {
    out.push('', `#### ${label(x)}: every round`, '');
    out.push(
      'Median ms (min–max over the rounds), and where the time goes: accept → the new worker’s `activate` event ' +
        '(the worker’s clock) + `activate` → the last tab loaded; in the tab where the user accepted, when the ' +
        'accept call returned and when the page’s next task ran (a message the page posted to itself then: until it ' +
        'runs, the page’s main thread is busy, and WebKit runs the worker’s events through a page’s main thread); ' +
        'when the tabs heard `controllerchange` ' +
        '(the new worker controls them: the first sign of the takeover a page gets, the same in every variant), ' +
        'the median tab and the last; when the last tab called `location.reload()` ' +
        '(ours: status `reloading`, recorded just after the call); the median tab’s way from that call to its new ' +
        'page’s script, from the new page’s navigation timing: until the browser starts the navigation (the old ' +
        'page still runs), then the response (the worker’s fetch event and the network), then the script’s arrival ' +
        '(the old page’s `pagehide` and `unload`, the new document’s parse, the script’s request); ' +
        'and how long a new page took from its script’s arrival (resource timing) to ' +
        'running it, which is the page’s weight (ours: the library’s bundle), not coordination.',
      '',
    );
    out.push(
      table(
        ['', ...tabs.map((n) => `${n} tabs (${rounds(x.name, n)} rounds)`)],
        VARIANT_NAMES.flatMap((v) => {
          const cells = tabs.map((n) => {
            const all = updates(x.name, v, n).map((u) => u.acceptToAll);
            return all.length === 0
              ? '–'
              : `**${fmt(median(all))}** (${fmt(Math.min(...all))}–${fmt(Math.max(...all))})`;
          });
          const phases = tabs.map((n) => {
            const us = updates(x.name, v, n).filter((u) => u.activate !== undefined);
            return `${fmt(median(us.map((u) => u.activate!)))} + ${fmt(median(us.map((u) => u.acceptToAll - u.activate!)))}`;
          });
          const skews = tabs.map((n) => {
            const all = updates(x.name, v, n).map((u) => u.skew);
            return `${fmt(percentile(all, 50))} / ${fmt(percentile(all, 95))}`;
          });
          // Per round, over its tabs: the last tab's reload call, and the median tab's script run
          // (its script arrived → the new page's first event), then the median over rounds.
          const perRound = (
            n: number,
            f: (t: UpdateResult['tabs'][number]) => number | undefined,
            over: (xs: number[]) => number | undefined,
          ) =>
            fmt(
              median(
                updates(x.name, v, n).flatMap((u) => {
                  const xs = u.tabs.flatMap((t) => {
                    const value = f(t);
                    return value === undefined ? [] : [value];
                  });
                  const value = xs.length === 0 ? undefined : over(xs);
                  return value === undefined ? [] : [value];
                }),
              ),
            );
          /** The last tab's time, over a round's tabs. */
          const last = (xs: number[]): number => Math.max(...xs);
          // When the tabs heard that the new worker controls them, the first sign of the
          // takeover in every variant: the median tab and the last, per round.
          const takeovers = tabs.map(
            (n) =>
              `${perRound(n, (t) => t.controllerchange, median)} / ${perRound(n, (t) => t.controllerchange, last)}`,
          );
          const reloads = tabs.map((n) => perRound(n, (t) => t.reloading, last));
          // The accepting tab's main thread after the accept (median over rounds).
          const accepting = tabs.map((n) => {
            const us = updates(x.name, v, n).flatMap((u) => (u.accepting ? [u.accepting] : []));
            return us.length === 0
              ? '–'
              : `${fmt(median(us.map((a) => a.ran)))} / ${fmt(median(us.map((a) => a.free)))}`;
          });
          // The median tab's way from its reload call to its new page's script (navigation
          // timing of the new page): until the navigation starts, then its response, then the script.
          const span = (t: UpdateResult['tabs'][number], from?: number, to?: number) =>
            t.reloading === undefined || from === undefined || to === undefined ? undefined : to - from;
          const ways = tabs
            .map((n) => [
              perRound(n, (t) => span(t, t.reloading, t.navigationStart), median),
              perRound(n, (t) => span(t, t.navigationStart, t.response), median),
              perRound(n, (t) => span(t, t.response, t.script), median),
            ])
            .map((parts) => (parts.every((part) => part === '–') ? '–' : parts.join(' + ')));
          const scripts = tabs.map((n) =>
            perRound(n, (t) => (t.script === undefined ? undefined : t.load - t.script), median),
          );
          return [
            [v, ...cells],
            [`${v}: to activate + after`, ...phases],
            [`${v}: accepting tab, accept call returned / next task ran`, ...accepting],
            [`${v}: controllerchange heard, median / last tab`, ...takeovers],
            [`${v}: last tab's reload call`, ...reloads],
            [`${v}: reload call → navigation start + → response + → script arrived`, ...ways],
            [`${v}: page script arrived → ran`, ...scripts],
            [`${v}: reload skew p50 / p95`, ...skews],
          ];
        }),
      ),
    );
    const largest = tabs.at(-1)!;
    // A line needs two tab counts; with one, the table above says it all.
    if (tabs.length > 1)
      out.push(
        '',
        scalingChart(
          `${label(x)}: accept → every tab loaded, median ms`,
          tabs,
          VARIANT_NAMES.map((v) => ({ variant: v, ms: tabs.map((n) => med(x.name, v, n)) })),
          RATIO_GOAL,
        ),
      );
    const timeline = r.timeline.filter((u) => u.engine === x.name);
    if (timeline.length > 0) {
      out.push(
        '',
        `The median round at ${largest} tabs, one row per tab in the order the tabs loaded again: from the tab's ` +
          '`location.reload()` call to its new page running its script, in ms since the accept; the milestone is the ' +
          "new worker's `activate` event (its own clock).",
        '',
        timelineChart(`${label(x)}, ${largest} tabs, ms since accept`, timeline),
      );
    }
  }

  out.push('', '### Prompts shown per update', '', 'Goal: 1, whatever the number of tabs (ours).', '');
  out.push(
    table(
      ['', ...engines.flatMap((x) => tabs.map((n) => `${label(x)} ${n}`))],
      VARIANT_NAMES.map((v) => [
        v,
        ...engines.flatMap((x) => tabs.map((n) => fmt(median(updates(x.name, v, n).map((u) => u.prompts))))),
      ]),
    ),
  );

  const intervals = (engine: EngineName, v: VariantName, n: number): IntervalResult[] =>
    r.intervals.filter((i) => i.engine === engine && i.variant === v && i.n === n);
  const perSecond = (i: IntervalResult): number => i.requests / (r.settings.window / 1000);
  out.push(
    '',
    '### Update checks: requests of /sw.js per second',
    '',
    `Requests of \`/sw.js\` counted at the server over ${r.settings.window / 1000} s, per second. ours: ` +
      `\`createUpdateCoordinator({ checkInterval: ${r.settings.interval} })\` and nothing else (public options only), so the ` +
      `goal is ${(1000 / r.settings.interval).toFixed(0)} per second whatever the number of tabs. The baselines: a \`setInterval\` of ` +
      `${r.settings.interval} ms calling \`update()\` in every tab (the usual recipe), which makes one request per tab.`,
    '',
  );
  out.push(
    table(
      ['', ...engines.flatMap((x) => r.settings.checkTabs.map((n) => `${label(x)}, ${n} tab${n === 1 ? '' : 's'}`))],
      VARIANT_NAMES.map((v) => [
        v,
        ...engines.flatMap((x) =>
          r.settings.checkTabs.map((n) => fmt(median(intervals(x.name, v, n).map(perSecond)), 1)),
        ),
      ]),
    ),
  );

  out.push(
    '',
    '### Failover: the presenting or leading tab goes away (ours)',
    '',
    'While an update waits: ms from closing (or, in Chromium, crashing with CDP `Page.crash`) the tab that presents the ' +
      'prompt to the prompt shown in another tab, and from closing or crashing the leader to a new leader; median ' +
      '(samples). Crashing a tab needs CDP, so Firefox and WebKit measure closing only.',
    '',
  );
  const failover = (engine: EngineName, role: string, how: string): string => {
    const samples = r.intervals
      .filter((i) => i.engine === engine && i.variant === 'ours')
      .flatMap((i) => i.failover.filter((f) => f.role === role && f.how === how).map((f) => f.ms));
    return samples.length === 0 ? '–' : `${fmt(median(samples))} (${samples.length})`;
  };
  out.push(
    table(engineHead, [
      ['presenter closed → prompt in another tab', ...engines.map((x) => failover(x.name, 'presenter', 'close'))],
      ['presenter crashed → prompt in another tab', ...engines.map((x) => failover(x.name, 'presenter', 'crash'))],
      ['leader closed → new leader', ...engines.map((x) => failover(x.name, 'leader', 'close'))],
      ['leader crashed → new leader', ...engines.map((x) => failover(x.name, 'leader', 'crash'))],
    ]),
  );

  out.push(
    '',
    '### Channel messages per update (ours)',
    '',
    '`BroadcastChannel.prototype.postMessage` calls, counted in every tab (test/bench/pages/bench-page.ts) and summed over the tabs, ' +
      'from the deploy until every tab is back, idle on the new version, plus 0.5 s (the reloaded tabs rejoining the group ' +
      'count); median per update, and ÷ N. Goal: linear in N. The baselines send none.',
    '',
  );
  const msgs = (engine: EngineName, n: number): NonNullable<UpdateResult['messages']>[] =>
    updates(engine, 'ours', n).flatMap((u) => (u.messages ? [u.messages] : []));
  out.push(
    table(
      engineHead,
      tabs.map((n) => [
        `${n} tabs`,
        ...engines.map(
          (x) =>
            `${fmt(median(msgs(x.name, n).map((m) => m.total)))} (${fmt(median(msgs(x.name, n).map((m) => m.total / n)), 1)} ÷ N)`,
        ),
      ]),
    ),
  );

  out.push(
    '',
    '### Bundle sizes',
    '',
    'esbuild bundle + minify, format esm, platform browser, `process.env.NODE_ENV` = "production", then gzip level 9 ' +
      '(1 KB = 1024 B). Budgets (`.size-limit.js`) are enforced by size-limit in `test/size.test.ts` on every `npm test`, on its count: the figure here ' +
      `less the ${SIZE_LIMIT_BASELINE} B of esbuild's empty project. The IIFE builds are the files ` +
      'in `dist/` as built.',
    '',
  );
  out.push(
    table(
      ['entry', 'min', 'min + gzip', 'enforced budget', 'issue target'],
      r.sizes.map((s) => [
        s.name,
        `${fmt(s.min)} B`,
        `**${fmt(s.gzip)} B** (${kb(s.gzip)})`,
        s.entry ? `${fmt(s.entry.limit)} B ${s.gzip - SIZE_LIMIT_BASELINE <= s.entry.limit ? '✓' : '✗'}` : '–',
        s.entry
          ? `${kb(s.entry.target ?? s.entry.limit)} ${s.gzip <= (s.entry.target ?? s.entry.limit) ? '✓' : `✗ (${fmt(s.gzip - (s.entry.target ?? s.entry.limit))} B over)`}`
          : '–',
      ]),
      ['---', '---:', '---:', '---:', '---:'],
    ),
  );

  const b = r.breakdown;
  const totalBytes = b.groups.reduce((sum, g) => sum + g.bytes, 0);
  out.push(
    '',
    '### Where the page entry’s bytes are',
    '',
    `The page entry is a shell, in the app's main chunk, and a core chunk that the shell imports after the page's ` +
      `\`load\` (src/page/core.ts). Minified bytes per input file (esbuild metafile \`bytesInOutput\`), grouped. gzip does ` +
      `not split by file, so the last column is what each part adds: the shell = its own gzipped bundle; ours = the ` +
      `core chunk with both dependencies external; a dependency = gzip(core) − gzip(core with that dependency ` +
      `external); the total is the shell's and the core's gzip added. broadcast-channel includes its own dependencies ` +
      `(unload, oblivious-set).`,
    '',
  );
  const own = b.own.gzip;
  out.push(
    table(
      ['group', 'files', 'min bytes', 'share', 'gzip it adds'],
      [
        ...b.groups.map((g) => [
          g.group,
          String(g.files),
          fmt(g.bytes),
          `${((100 * g.bytes) / totalBytes).toFixed(0)} %`,
          g.group === SHELL_GROUP
            ? `${fmt(b.shell.gzip)} B`
            : g.group === 'ours'
              ? `${fmt(own)} B`
              : `${fmt(b.marginalGzip.find((m) => m.group === g.group)?.gzip)} B`,
        ]),
        ['total', String(b.files.length), fmt(totalBytes), '100 %', `${fmt(b.shell.gzip + b.total.gzip)} B`],
      ],
      ['---', '---:', '---:', '---:', '---:'],
    ),
  );
  out.push('', 'The largest files (≥ 1 000 min bytes):', '');
  out.push(
    table(
      ['file', 'group', 'min bytes'],
      b.files.filter((f) => f.bytes >= 1000).map((f) => [`\`${f.path}\``, f.group, fmt(f.bytes)]),
      ['---', '---', '---:'],
    ),
  );
  return out.join('\n') + '\n';
}
