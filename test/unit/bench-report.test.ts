/**
 * The bench's Markdown (test/bench/report.ts) from a small made-up run: the ratio table
 * against the goal, and the round table's rows from each round's timings. The bench
 * itself runs only in `npm run bench`, so its report is checked here.
 */
import { describe, expect, it } from 'vitest';
import { markdown, type RunResults } from '../bench/report.js';
import type { TabTimeline, UpdateResult } from '../bench/scenarios.js';

const measured = { min: 0, gzip: 0, metafile: { inputs: {}, outputs: {} } };

/** One round in WebKit: every tab loaded at `loads`, the accepting tab's timings as given. */
function round(variant: UpdateResult['variant'], loads: number[], accepting?: UpdateResult['accepting']): UpdateResult {
  const tabs: TabTimeline[] = loads.map((load) => ({ controllerchange: load / 2, reloading: load / 2 + 1, load }));
  return {
    engine: 'webkit',
    variant,
    n: loads.length,
    prompts: 1,
    acceptToAll: Math.max(...loads),
    skew: Math.max(...loads) - Math.min(...loads),
    tabs,
    activate: 5,
    accepting,
  };
}

function run(updates: UpdateResult[]): RunResults {
  return {
    environment: { date: '2026-12-03', os: 'Linux', cpus: '2 cores', memory: '4 GB', versions: {}, commit: 'abc1234' },
    settings: { rounds: 2, roundsLargest: 2, tabs: [2], interval: 1000, window: 5000, checkTabs: [], seconds: 60 },
    engines: [{ name: 'webkit', version: 'WebKitGTK/2.50', seconds: 60, failures: [] }],
    updates,
    intervals: [],
    sizes: [],
    breakdown: { groups: [], files: [], marginalGzip: [], total: measured, own: measured, shell: measured },
    timeline: [],
  };
}

const rowOf = (text: string, label: string): string | undefined =>
  text.split('\n').find((line) => line.startsWith(`| ${label} |`));

describe('the bench report', () => {
  const report = markdown(
    run([
      round('ours', [40, 120], { ran: 3, free: 10 }),
      round('ours', [50, 140], { ran: 5, free: 30 }),
      round('bare', [30, 100], { ran: 0, free: 1 }),
      round('bare', [30, 100], { ran: 0, free: 3 }),
      round('workbox-window', [30, 100]),
      round('workbox-window', [30, 100]),
    ]),
  );

  it('divides ours by bare, median over the rounds, and marks the goal', () => {
    // ours: median of 120 and 140 = 130; bare 100.
    expect(rowOf(report, '2 tabs')).toBe('| 2 tabs | **1.30** ✗ (130 / 100) |');
  });

  it("shows the accepting tab's call and next task, median over the rounds, and '–' where none was recorded", () => {
    expect(rowOf(report, 'ours: accepting tab, accept call returned / next task ran')).toBe(
      '| ours: accepting tab, accept call returned / next task ran | 4 / 20 |',
    );
    expect(rowOf(report, 'bare: accepting tab, accept call returned / next task ran')).toBe(
      '| bare: accepting tab, accept call returned / next task ran | 0 / 2 |',
    );
    expect(rowOf(report, 'workbox-window: accepting tab, accept call returned / next task ran')).toBe(
      '| workbox-window: accepting tab, accept call returned / next task ran | – |',
    );
  });

  it('shows when the tabs heard controllerchange: the median tab and the last, median over the rounds', () => {
    // ours, per round: tabs at 20 and 60 (median 40), then 25 and 70 (47.5); the last 60 and 70.
    expect(rowOf(report, 'ours: controllerchange heard, median / last tab')).toBe(
      '| ours: controllerchange heard, median / last tab | 44 / 65 |',
    );
  });
});
