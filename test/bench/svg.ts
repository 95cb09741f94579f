/**
 * A tiny dependency-free SVG emitter and the bench's two charts. Deterministic: the same
 * data gives the same bytes (coordinates rounded to 0.1 px, no dates, no random ids).
 */
import type { UpdateResult } from './scenarios.js';
import type { VariantName } from './browser.js';
import { RATIO_GOAL } from './report.js';

type Attrs = Record<string, string | number | undefined>;

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (n: number): string => String(Math.round(n * 10) / 10);

export function el(name: string, attrs: Attrs = {}, children: readonly string[] | string = []): string {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escape(v!)}"`)
    .join('');
  const inner = typeof children === 'string' ? escape(children) : children.join('');
  return inner === '' ? `<${name}${list}/>` : `<${name}${list}>${inner}</${name}>`;
}

export function document(width: number, height: number, title: string, children: readonly string[]): string {
  return (
    el(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        width,
        height,
        viewBox: `0 0 ${width} ${height}`,
        'font-family': 'system-ui, sans-serif',
        'font-size': 12,
      },
      [el('title', {}, title), el('rect', { width, height, fill: '#fff' }), ...children],
    ) + '\n'
  );
}

export const COLORS: Record<VariantName, string> = { ours: '#1d6fb8', bare: '#5a5a5a', 'workbox-window': '#d9822b' };

/** A round step for an axis that ends at or above `max`: 1, 2 or 5 × 10^k. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

/**
 * The reload timeline of one round per variant (same N): one panel per variant, one row
 * per tab (in the order the tabs loaded again), ms since accept across.
 */
export function timelineChart(rounds: ReadonlyArray<UpdateResult>): string {
  const width = 1100;
  const left = 150;
  const right = 30;
  const top = 88;
  const rowHeight = Math.max(6, Math.min(16, 240 / Math.max(...rounds.map((r) => r.n))));
  const panelGap = 34;
  const n = Math.max(...rounds.map((r) => r.n));
  const panelHeight = n * rowHeight;
  const height = top + rounds.length * (panelHeight + panelGap) + 40;
  const maxT = Math.max(...rounds.flatMap((r) => r.tabs.map((t) => t.load)));
  const step = niceStep(maxT, 8);
  const end = Math.ceil(maxT / step) * step;
  const x = (ms: number): number => left + ((width - left - right) * ms) / end;
  const out: string[] = [];

  out.push(
    el(
      'text',
      { x: left, y: 22, 'font-size': 15, 'font-weight': 'bold' },
      `Reload timeline, ${n} tabs: ms from accept until each tab runs the new version`,
    ),
  );
  // Legend.
  const legend: Array<[string, string]> = [
    ['controllerchange (new worker activating)', 'ring'],
    ['tab calls location.reload()', 'tick'],
    ['new document’s response starts', 'bar'],
    ['new page’s script runs', 'dot'],
  ];
  let lx = left;
  for (const [label, mark] of legend) {
    out.push(marker(mark, lx + 5, 42, '#333'));
    out.push(el('text', { x: lx + 14, y: 46 }, label));
    lx += 14 + label.length * 6.2 + 22;
  }
  out.push(el('line', { x1: left, x2: left + 18, y1: 60, y2: 60, stroke: '#333', 'stroke-width': 4 }));
  out.push(el('text', { x: left + 24, y: 64 }, 'loading the new page'));
  out.push(
    el('line', {
      x1: left + 190,
      x2: left + 190,
      y1: 53,
      y2: 67,
      stroke: '#b00',
      'stroke-dasharray': '3 2',
      'stroke-width': 1.5,
    }),
  );
  out.push(el('text', { x: left + 198, y: 64 }, 'the new worker’s activate event (its own clock)'));

  rounds.forEach((round, p) => {
    const y0 = top + p * (panelHeight + panelGap) + 14;
    const color = COLORS[round.variant];
    out.push(el('text', { x: 10, y: y0 + 4, 'font-weight': 'bold', fill: color, 'font-size': 13 }, round.variant));
    out.push(el('text', { x: 10, y: y0 + 20, fill: '#555' }, `all loaded: ${Math.round(round.acceptToAll)} ms`));
    out.push(el('text', { x: 10, y: y0 + 35, fill: '#555' }, `skew: ${Math.round(round.skew)} ms`));
    out.push(el('text', { x: 10, y: y0 + 56, fill: '#888', 'font-size': 11 }, 'one row per tab,'));
    out.push(el('text', { x: 10, y: y0 + 70, fill: '#888', 'font-size': 11 }, 'in the order they loaded'));
    // Grid.
    for (let t = 0; t <= end; t += step) {
      out.push(el('line', { x1: x(t), x2: x(t), y1: y0 - 6, y2: y0 + panelHeight, stroke: '#e4e4e4' }));
    }
    out.push(
      el('rect', {
        x: left,
        y: y0 - 6,
        width: width - left - right,
        height: panelHeight + 6,
        fill: 'none',
        stroke: '#bbb',
      }),
    );
    if (round.activate !== undefined) {
      out.push(
        el('line', {
          x1: x(round.activate),
          x2: x(round.activate),
          y1: y0 - 10,
          y2: y0 + panelHeight + 4,
          stroke: '#b00',
          'stroke-dasharray': '3 2',
          'stroke-width': 1.5,
        }),
      );
    }
    const tabs = [...round.tabs].sort((a, b) => a.load - b.load);
    tabs.forEach((tab, i) => {
      const y = y0 + i * rowHeight + rowHeight / 2 - 3;
      out.push(
        el('line', {
          x1: x(0),
          x2: x(tab.load),
          y1: y,
          y2: y,
          stroke: color,
          'stroke-opacity': 0.3,
          'stroke-width': 2,
        }),
      );
      if (tab.response !== undefined) {
        out.push(el('line', { x1: x(tab.response), x2: x(tab.load), y1: y, y2: y, stroke: color, 'stroke-width': 4 }));
        out.push(marker('bar', x(tab.response), y, color));
      }
      if (tab.controllerchange !== undefined) out.push(marker('ring', x(tab.controllerchange), y, color));
      if (tab.reloading !== undefined) out.push(marker('tick', x(tab.reloading), y, color));
      out.push(marker('dot', x(tab.load), y, color));
    });
  });
  // The time axis, under the last panel.
  const axisY = top + rounds.length * (panelHeight + panelGap) - panelGap + 14 + 4;
  for (let t = 0; t <= end; t += step) {
    out.push(el('text', { x: x(t), y: axisY + 12, 'text-anchor': 'middle', fill: '#333' }, `${t}`));
  }
  out.push(
    el(
      'text',
      { x: (left + width - right) / 2, y: axisY + 30, 'text-anchor': 'middle', fill: '#333' },
      'ms since accept',
    ),
  );
  return document(width, height, `Reload timeline, ${n} tabs`, out);
}

function marker(kind: string, cx: number, cy: number, color: string): string {
  if (kind === 'ring') return el('circle', { cx, cy, r: 3.2, fill: '#fff', stroke: color, 'stroke-width': 1.3 });
  if (kind === 'tick') return el('line', { x1: cx, x2: cx, y1: cy - 5, y2: cy + 5, stroke: color, 'stroke-width': 2 });
  if (kind === 'bar')
    return el('rect', { x: cx - 1.5, y: cy - 4, width: 3, height: 8, fill: '#fff', stroke: color, 'stroke-width': 1 });
  return el('circle', { cx, cy, r: 3.4, fill: color });
}

/** Median accept → all loaded per N, one line per variant. */
export function scalingChart(
  series: ReadonlyArray<{ variant: VariantName; points: ReadonlyArray<{ n: number; ms: number }> }>,
): string {
  const width = 700;
  const height = 360;
  const left = 60;
  const right = 190;
  const top = 40;
  const bottom = 50;
  const ns = [...new Set(series.flatMap((s) => s.points.map((p) => p.n)))].sort((a, b) => a - b);
  const bare = series.find((s) => s.variant === 'bare');
  const goal = (bare?.points ?? []).map((p) => ({ n: p.n, ms: p.ms * RATIO_GOAL }));
  const maxMs = Math.max(...series.flatMap((s) => s.points.map((p) => p.ms)), ...goal.map((p) => p.ms));
  const step = niceStep(maxMs, 5);
  const end = Math.ceil(maxMs / step) * step;
  const maxN = ns.at(-1) ?? 1;
  const x = (n: number): number => left + ((width - left - right) * n) / maxN;
  const y = (ms: number): number => height - bottom - ((height - top - bottom) * ms) / end;
  const out: string[] = [
    el(
      'text',
      { x: left, y: 22, 'font-size': 14, 'font-weight': 'bold' },
      'Accept → every tab loaded on the new version (median ms)',
    ),
  ];
  for (let ms = 0; ms <= end; ms += step) {
    out.push(el('line', { x1: left, x2: width - right, y1: y(ms), y2: y(ms), stroke: '#e4e4e4' }));
    out.push(el('text', { x: left - 6, y: y(ms) + 4, 'text-anchor': 'end', fill: '#333' }, `${ms}`));
  }
  out.push(el('line', { x1: left, x2: width - right, y1: y(0), y2: y(0), stroke: '#888' }));
  for (const n of [0, ...ns]) {
    out.push(el('text', { x: x(n), y: height - bottom + 16, 'text-anchor': 'middle', fill: '#333' }, `${n}`));
  }
  out.push(
    el('text', { x: (left + width - right) / 2, y: height - 12, 'text-anchor': 'middle', fill: '#333' }, 'tabs'),
  );
  if (goal.length > 0) {
    const pts = [...goal].sort((a, b) => a.n - b.n);
    out.push(
      el('polyline', {
        points: pts.map((p) => `${num(x(p.n))},${num(y(p.ms))}`).join(' '),
        fill: 'none',
        stroke: '#999',
        'stroke-width': 1.5,
        'stroke-dasharray': '5 4',
      }),
    );
    const ly = top + 10 + series.length * 20;
    out.push(
      el('line', {
        x1: width - right + 16,
        x2: width - right + 36,
        y1: ly,
        y2: ly,
        stroke: '#999',
        'stroke-width': 1.5,
        'stroke-dasharray': '5 4',
      }),
    );
    out.push(el('text', { x: width - right + 42, y: ly + 4 }, `bare × ${RATIO_GOAL.toFixed(2)} (the goal)`));
  }
  series.forEach((s, i) => {
    const color = COLORS[s.variant];
    const pts = [...s.points].sort((a, b) => a.n - b.n);
    out.push(
      el('polyline', {
        points: pts.map((p) => `${num(x(p.n))},${num(y(p.ms))}`).join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 2,
      }),
    );
    for (const p of pts) out.push(el('circle', { cx: x(p.n), cy: y(p.ms), r: 3.5, fill: color }));
    out.push(
      el('line', {
        x1: width - right + 16,
        x2: width - right + 36,
        y1: top + 10 + i * 20,
        y2: top + 10 + i * 20,
        stroke: color,
        'stroke-width': 2,
      }),
    );
    out.push(el('text', { x: width - right + 42, y: top + 14 + i * 20 }, s.variant));
  });
  return document(width, height, 'Accept to every tab loaded, by number of tabs', out);
}
