/**
 * SVG emitter over the ELK layout (layout.ts): states as rounded boxes (compound and
 * parallel states hold their children, parallel regions have dashed borders), transitions
 * as right-angled arrows with rounded corners and their labels. Each state is a
 * `<g data-state="…">`, which the demo's live chart highlights. Same chart in, same bytes out.
 */
import { stateTitle, type Chart } from './describe.js';
import { FONT_SIZE, INITIAL_SIZE, LINE_HEIGHT, PAD, TITLE_HEIGHT, layoutChart } from './layout.js';
import type { Box, PlacedEdge, PlacedState } from './layout.js';

const MARGIN = 16;
const CORNER = 6;
const ATOMIC_FILL = '#e8f0fb';
/** Composite states get darker with depth. */
const FILLS = ['#ffffff', '#f5f7fa', '#eaf0f7', '#dde7f2'];
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';

const STYLE = [
  `text { font-family: ${FONT}; fill: #1f2933; }`,
  `.title { font-size: ${FONT_SIZE.title}px; font-weight: bold; }`,
  `.activity { font-size: ${FONT_SIZE.text}px; fill: #3e4c59; }`,
  '.invoke { font-style: italic; fill: #7b4b00; }',
  `.label { font-size: ${FONT_SIZE.label}px; fill: #243b53; }`,
  '.label { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }',
  '.state { stroke: #4a6fa5; stroke-width: 1.2; }',
  '.composite { stroke: #627d98; }',
  '.region { stroke: #829ab1; stroke-dasharray: 6 4; }',
  '.divider { stroke: #9fb3c8; stroke-width: 0.8; }',
  '.edge { fill: none; stroke: #44546a; stroke-width: 1.2; marker-end: url(#arrow); }',
  'circle.initial { fill: #1f2933; }',
];
const ARROW =
  '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">' +
  '<path d="M0,0 L10,5 L0,10 z" fill="#44546a"/></marker>';

/** Coordinates with at most one decimal, so the bytes do not depend on float noise. */
const num = (n: number): string => {
  const text = (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return text === '-0' ? '0' : text;
};

/** An orthogonal route as a path, its corners rounded. */
function pathData(points: readonly { x: number; y: number }[]): string {
  const parts: string[] = [];
  points.forEach((p, i) => {
    const [prev, next] = [points[i - 1], points[i + 1]];
    if (prev === undefined || next === undefined) {
      parts.push(`${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`);
      return;
    }
    const r = Math.min(CORNER, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const toward = (q: { x: number; y: number }): string => {
      const d = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return `${num(p.x + ((q.x - p.x) * r) / d)},${num(p.y + ((q.y - p.y) * r) / d)}`;
    };
    parts.push(`L${toward(prev)}`, `Q${num(p.x)},${num(p.y)} ${toward(next)}`);
  });
  return parts.join(' ');
}

export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const text = (cls: string, x: number, y: number, content: string, extra = ''): string =>
  `<text class="${cls}" x="${num(x)}" y="${num(y)}"${extra}>${escapeXml(content)}</text>`;

function rect(cls: string, box: Box, inset: number, rx: number, fill: string): string {
  const [x, y, w, h] = [box.x + inset, box.y + inset, box.w - 2 * inset, box.h - 2 * inset].map(num);
  return `<rect class="${cls}" x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${fill}"/>`;
}

function stateSvg({ state, box, lines, region, depth }: PlacedState): string[] {
  const atomic = state.children.length === 0;
  const cls = atomic ? 'state' : region ? 'state region' : 'state composite';
  const fill = atomic ? ATOMIC_FILL : (FILLS[Math.min(depth, FILLS.length - 1)] ?? '#ffffff');
  const rx = atomic ? 8 : 10;
  const out = [`<g data-state="${escapeXml(state.id)}">`, rect(cls, box, 0, rx, fill)];
  if (state.kind === 'final') out.push(rect(cls, box, 3, rx - 2, fill));
  const title = stateTitle(state);
  if (atomic) out.push(text('title', box.x + box.w / 2, box.y + 17, title, ' text-anchor="middle"'));
  else out.push(text('title', box.x + PAD, box.y + 17, title));
  if (lines.length > 0) {
    const top = box.y + TITLE_HEIGHT;
    const [x1, x2, y] = [box.x, box.x + box.w, top].map(num);
    out.push(`<line class="divider" x1="${x1}" y1="${y}" x2="${x2}" y2="${y}"/>`);
    lines.forEach((line, i) => {
      const cls = line.startsWith('invokes ') ? 'activity invoke' : 'activity';
      out.push(text(cls, box.x + PAD, top + 14 + i * LINE_HEIGHT, line));
    });
  }
  out.push('</g>');
  return out;
}

function labelSvg(edge: PlacedEdge): string[] {
  const at = edge.labelAt;
  if (!at) return [];
  return edge.label.map((line, i) => text('label', at.x, at.y + 11 + i * LINE_HEIGHT, line));
}

export async function emitSvg(chart: Chart): Promise<string> {
  const placed = await layoutChart(chart);
  const [width, height] = [placed.width + 2 * MARGIN, placed.height + 2 * MARGIN].map(num);
  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
      ' role="img" aria-labelledby="chart-title">',
    `<title id="chart-title">State chart of the ${escapeXml(chart.machineId)} machine</title>`,
    '<desc>Generated from the XState machine by scripts/docs/generate.ts. Do not edit by hand.</desc>',
    '<defs>',
    ARROW,
    '<style>',
    ...STYLE,
    '</style>',
    '</defs>',
    `<g transform="translate(${MARGIN},${MARGIN})">`,
  ];
  for (const state of placed.states) lines.push(...stateSvg(state));
  for (const dot of placed.initials) {
    lines.push(`<circle class="initial" cx="${num(dot.x)}" cy="${num(dot.y)}" r="${num(INITIAL_SIZE / 2 - 1)}"/>`);
  }
  for (const edge of placed.edges) lines.push(`<path class="edge ${edge.kind}" d="${pathData(edge.points)}"/>`);
  for (const edge of placed.edges) lines.push(...labelSvg(edge));
  lines.push('</g>', '</svg>');
  return `${lines.join('\n')}\n`;
}
