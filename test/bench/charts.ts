/**
 * The bench's two charts per engine as Mermaid blocks in docs/benchmarks.md, which GitHub
 * and most Markdown viewers draw: the scaling chart (`xychart-beta`) and the reload
 * timeline of the median round at the largest tab count (`gantt`). Deterministic: the
 * same data gives the same text (whole ms, no dates, no ids).
 */
import type { VariantName } from './browser.js';
import type { UpdateResult } from './scenarios.js';

/** One colour per line, in the order the lines are drawn (Mermaid's xychart has no legend). */
const COLORS: Record<VariantName | 'goal', [hex: string, name: string]> = {
  ours: ['#1d6fb8', 'blue'],
  bare: ['#5a5a5a', 'dark grey'],
  'workbox-window': ['#d9822b', 'orange'],
  goal: ['#b0b0b0', 'light grey'],
};

const ms = (value: number): number => Math.round(value);

/** A round top for an axis at or above `max`: 1, 2 or 5 × 10^k steps. */
function niceTop(max: number): number {
  const raw = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return Math.ceil(max / step) * step;
}

const block = (lines: readonly string[]): string => ['```mermaid', ...lines, '```'].join('\n');

/**
 * Median accept → every tab loaded per tab count: one line per variant and the goal
 * (bare × `goal`), with a line of text naming the colours.
 */
export function scalingChart(
  title: string,
  tabs: readonly number[],
  series: ReadonlyArray<{ variant: VariantName; ms: ReadonlyArray<number | undefined> }>,
  goal: number,
): string {
  const bare = series.find((s) => s.variant === 'bare');
  const lines = [
    ...series.map((s) => ({ key: s.variant as VariantName | 'goal', label: s.variant, values: s.ms })),
    ...(bare
      ? [
          {
            key: 'goal' as const,
            label: `bare × ${goal.toFixed(2)} (the goal)`,
            values: bare.ms.map((v) => v && v * goal),
          },
        ]
      : []),
  ].filter((line) => line.values.every((v) => v !== undefined));
  const top = niceTop(Math.max(...lines.flatMap((line) => line.values as number[])));
  const chart = block([
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${lines.map((line) => COLORS[line.key][0]).join(', ')}"`,
    '---',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "tabs" [${tabs.map((n) => `"${n}"`).join(', ')}]`,
    `  y-axis "ms" 0 --> ${top}`,
    ...lines.map((line) => `  line [${line.values.map((v) => ms(v!)).join(', ')}]`),
  ]);
  const legend = lines.map((line) => `${COLORS[line.key][1]}: ${line.label}`).join(', ');
  return `${chart}\n\nLines: ${legend}.`;
}

/**
 * The reload timeline of one round per variant (same N): a section per variant, one bar
 * per tab (in the order the tabs loaded again) from its `location.reload()` call to its
 * new page running, and the new worker's `activate` (its own clock) as a milestone. A row
 * has one bar, so a tab's response start is not drawn: the tables give what follows it
 * ("page script arrived → ran").
 */
export function timelineChart(title: string, rounds: ReadonlyArray<UpdateResult>): string {
  const lines = [
    '---',
    'config:',
    '  gantt:',
    '    barHeight: 12',
    '    barGap: 3',
    '    fontSize: 10',
    '    sectionFontSize: 12',
    '    leftPadding: 120',
    '---',
    'gantt',
    `  title ${title}`,
    // Times are ms since the accept, written as Unix ms timestamps from 0; %Q prints them back.
    '  dateFormat x',
    '  axisFormat %Q',
    '  todayMarker off',
    // Anchors the axis at the accept, which no bar starts from.
    '  accept : milestone, 0, 0',
  ];
  for (const round of rounds) {
    lines.push(`  section ${round.variant}`);
    if (round.activate !== undefined)
      lines.push(`  activate : milestone, ${ms(round.activate)}, ${ms(round.activate)}`);
    const tabs = [...round.tabs].sort((a, b) => a.load - b.load);
    tabs.forEach((tab, i) => lines.push(`  tab ${i + 1} : ${ms(tab.reloading ?? 0)}, ${ms(tab.load)}`));
  }
  return block(lines);
}
