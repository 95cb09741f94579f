/**
 * Turns a bench run into Markdown (the generated part of docs/benchmarks.md, also
 * printed by `npm run bench`).
 */
import type { VariantName } from './browser.js';
import type { IntervalResult, UpdateResult } from './scenarios.js';
import type { Breakdown, SizeEntry } from './size.js';
import { fmt, median, percentile } from './stats.js';

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

export interface RunResults {
  environment: Environment;
  settings: { rounds: number; tabs: number[]; interval: number; window: number; seconds: number };
  updates: UpdateResult[];
  intervals: IntervalResult[];
  failures: string[];
  sizes: SizeRow[];
  breakdown: Breakdown;
  /** The rounds drawn in docs/bench/timeline.svg (one per variant). */
  timeline: UpdateResult[];
}

export const VARIANT_NAMES: readonly VariantName[] = ['ours', 'bare', 'workbox-window'];

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly string[]): string =>
  [row(head), row(align ?? head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n');

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

export function markdown(r: RunResults, svg: { timeline: string; scaling: string }): string {
  const { tabs } = r.settings;
  const nHead = ['', ...tabs.map((n) => `${n} tabs`)];
  const updates = (variant: VariantName, n: number): UpdateResult[] => r.updates.filter((u) => u.variant === variant && u.n === n);
  const cells = (f: (n: number) => string): string[] => tabs.map(f);
  const out: string[] = [];

  const e = r.environment;
  out.push(
    `Run of ${e.date} (${Math.round(r.settings.seconds)} s), commit ${e.commit}.`,
    '',
    `- Machine: ${e.os}; ${e.cpus}; ${e.memory} memory.`,
    `- Versions: ${Object.entries(e.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    `- Each figure is the median of ${r.settings.rounds} rounds (unless a column says otherwise), ` +
      `each round in a fresh browser context; the three variants take turns within each round.`,
    '- Pages: ours is `/ours.html` (demo/ours-page.ts: the coordinator and its default prompt, as an app adds ' +
      'them); bare is `/bare.html` and workbox-window `/wb.html` (demo/baselines.ts). All three are built by ' +
      'esbuild, minified.',
  );
  if (r.failures.length > 0) {
    out.push(`- Rounds that failed and were repeated: ${r.failures.length} (${[...new Set(r.failures)].slice(0, 3).join('; ')}).`);
  }

  out.push('', '### Prompts shown per update', '', 'Goal: 1, whatever the number of tabs.', '');
  out.push(
    table(
      nHead,
      VARIANT_NAMES.map((v) => [v, ...cells((n) => fmt(median(updates(v, n).map((u) => u.prompts))))]),
    ),
  );

  out.push(
    '',
    '### Update checks: requests of /sw.js per interval',
    '',
    `Requests of \`/sw.js\` counted at the server over ${r.settings.window / 1000} s with a check interval of ` +
      `${r.settings.interval} ms (ours: \`?checkInterval=${r.settings.interval}&timing.checkDebounce=0\`, in a round of its own; the baselines: ` +
      `a \`setInterval\` calling \`update()\` in every tab, counted at the start of their update rounds and then stopped), ` +
      `divided by the ${r.settings.window / r.settings.interval} intervals. Goal: 1.`,
    '',
  );
  const intervals = (v: VariantName, n: number): IntervalResult[] => r.intervals.filter((i) => i.variant === v && i.n === n);
  out.push(
    table(
      nHead,
      VARIANT_NAMES.map((v) => [v, ...cells((n) => fmt(median(intervals(v, n).map((i) => i.perInterval)), 1))]),
    ),
  );

  out.push(
    '',
    '### Accept → every tab loaded on the new version',
    '',
    'Median ms (min–max over the rounds) from the accept (page-side clock of the accepting tab) to the moment the last tab’s new page ran its ' +
      'script, every tab then checked to be controlled by v2. Chromium spends about 1 s between `skipWaiting()` and ' +
      '`activate` whatever the page does, so the goal is a ratio to the bare baseline measured in the same run: ≤ 1.10.',
    '',
  );
  const med = (v: VariantName, n: number): number | undefined => median(updates(v, n).map((u) => u.acceptToAll));
  const ratioRow = (n: number): string => {
    const ours = med('ours', n);
    const bare = med('bare', n);
    if (ours === undefined || bare === undefined) return '–';
    const ratio = ours / bare;
    return `**${ratio.toFixed(2)}** ${ratio <= 1.1 ? '✓' : '✗'}`;
  };
  out.push(
    table(nHead, [
      ...VARIANT_NAMES.map((v) => [
        v,
        ...cells((n) => {
          const all = updates(v, n).map((u) => u.acceptToAll);
          return all.length === 0 ? '–' : `**${fmt(median(all))}** (${fmt(Math.min(...all))}–${fmt(Math.max(...all))})`;
        }),
      ]),
      ['ours / bare (goal ≤ 1.10)', ...cells(ratioRow)],
      ['workbox-window / bare', ...cells((n) => {
        const w = med('workbox-window', n);
        const b = med('bare', n);
        return w === undefined || b === undefined ? '–' : (w / b).toFixed(2);
      })],
    ]),
  );
  out.push(
    '',
    'Where the time goes: accept → the new worker’s `activate` event (the worker’s clock), and `activate` → the last tab loaded (medians, ms):',
    '',
  );
  const phase = (v: VariantName, n: number): string => {
    const us = updates(v, n).filter((u) => u.activate !== undefined);
    const toActivate = median(us.map((u) => u.activate!));
    const afterActivate = median(us.map((u) => u.acceptToAll - u.activate!));
    return `${fmt(toActivate)} + ${fmt(afterActivate)}`;
  };
  out.push(table(nHead, VARIANT_NAMES.map((v) => [v, ...cells((n) => phase(v, n))])));
  out.push('', `![Median accept → every tab loaded, by number of tabs](${svg.scaling})`);

  out.push(
    '',
    '### Reload skew, first → last tab',
    '',
    'ms between the first and the last tab’s new page load in one update; p50 / p95 over the rounds ' +
      `(with ${r.settings.rounds} rounds, p95 is close to the worst round).`,
    '',
  );
  out.push(
    table(
      nHead,
      VARIANT_NAMES.map((v) => [
        v,
        ...cells((n) => {
          const skews = updates(v, n).map((u) => u.skew);
          return `${fmt(percentile(skews, 50))} / ${fmt(percentile(skews, 95))}`;
        }),
      ]),
    ),
  );
  const largest = tabs.at(-1)!;
  out.push(
    '',
    `The round with the median accept → all loaded time of each variant at ${largest} tabs, one row per tab in the ` +
      'order the tabs came back:',
    '',
    `![Reload timeline at ${largest} tabs: ours, bare and workbox-window](${svg.timeline})`,
  );

  out.push(
    '',
    '### Failover: the presenting or leading tab goes away (ours)',
    '',
    'While an update waits: ms from `page.close()` or a CDP `Page.crash` of the tab that presents the prompt to the ' +
      'prompt shown in another tab, and of the leader to a new leader. One tab after another goes away in each round ' +
      '(presenter closed, presenter crashed, leader closed, leader crashed, while two tabs are left), so the smaller groups ' +
      'measure fewer steps; a tab that was presenter and leader at once counts in both rows. The baselines have nothing to hand over: every tab ' +
      'shows its own prompt already.',
    '',
  );
  const failover = (role: string, how: string, n: number): string => {
    const samples = r.intervals
      .filter((i) => i.variant === 'ours' && i.n === n)
      .flatMap((i) => i.failover.filter((s) => s.role === role && s.how === how).map((s) => s.ms));
    return samples.length === 0 ? '–' : `${fmt(median(samples))} (${samples.length})`;
  };
  out.push(
    table(
      [...nHead.slice(0, 1), ...tabs.map((n) => `${n} tabs (samples)`)],
      [
        ['presenter closed → prompt in another tab', ...cells((n) => failover('presenter', 'close', n))],
        ['presenter crashed → prompt in another tab', ...cells((n) => failover('presenter', 'crash', n))],
        ['leader closed → new leader', ...cells((n) => failover('leader', 'close', n))],
        ['leader crashed → new leader', ...cells((n) => failover('leader', 'crash', n))],
      ],
    ),
  );

  out.push(
    '',
    '### Channel messages per update (ours)',
    '',
    '`BroadcastChannel.prototype.postMessage` calls, counted in every tab by an init script and summed over the tabs, ' +
      'from the deploy until every tab is back, idle on the new version, plus 0.5 s (the reloaded tabs rejoining the group ' +
      'count). Goal: linear in N, so messages ÷ N should stay flat. The baselines send none.',
    '',
  );
  const msgs = (n: number): NonNullable<UpdateResult['messages']>[] => updates('ours', n).flatMap((u) => (u.messages ? [u.messages] : []));
  out.push(
    table(nHead, [
      ['messages (median)', ...cells((n) => fmt(median(msgs(n).map((m) => m.total))))],
      ['messages ÷ N', ...cells((n) => fmt(median(msgs(n).map((m) => m.total / n)), 1))],
      ['before the accept', ...cells((n) => fmt(median(msgs(n).map((m) => m.beforeAccept))))],
      ['after the accept', ...cells((n) => fmt(median(msgs(n).map((m) => m.afterAccept))))],
    ]),
  );
  const types = [...new Set(r.updates.flatMap((u) => Object.keys(u.messages?.byType ?? {})))].sort();
  out.push('', 'By message type (median per update; `election:*` are broadcast-channel’s leader election):', '');
  out.push(
    table(
      ['type', ...tabs.map((n) => `${n} tabs`)],
      types.map((type) => [`\`${type}\``, ...cells((n) => fmt(median(msgs(n).map((m) => m.byType[type] ?? 0))))]),
    ),
  );

  out.push(
    '',
    '### Bundle sizes',
    '',
    'esbuild bundle + minify, format esm, platform browser, `process.env.NODE_ENV` = "production", then gzip level 9 ' +
      '(1 KB = 1024 B). Budgets (`.size-limit.js`) are enforced by size-limit in `test/size.test.ts` on every `npm test`; the IIFE builds are the files ' +
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
        s.entry ? `${fmt(s.entry.limit)} B ${s.gzip <= s.entry.limit ? '✓' : '✗'}` : '–',
        s.entry ? `${kb(s.entry.target ?? s.entry.limit)} ${s.gzip <= (s.entry.target ?? s.entry.limit) ? '✓' : `✗ (${fmt(s.gzip - (s.entry.target ?? s.entry.limit))} B over)`}` : '–',
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
    `Minified bytes in the bundle per input file (esbuild metafile \`bytesInOutput\`), grouped. gzip does not split ` +
      `by file, so the last column is what each part adds to the gzipped bundle: ours = the bundle with both dependencies ` +
      `external; a dependency = gzip(everything) − gzip(with that dependency external). broadcast-channel includes its ` +
      `own dependencies (unload, oblivious-set).`,
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
          g.group === 'ours' ? `${fmt(own)} B` : `${fmt(b.marginalGzip.find((m) => m.group === g.group)?.gzip)} B`,
        ]),
        ['total', String(b.files.length), fmt(totalBytes), '100 %', `${fmt(b.total.gzip)} B`],
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
