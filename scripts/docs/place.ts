/**
 * Makes a chart layout (layout.ts) absolute and turns each route into an SVG path:
 * ports on the real source and target boxes (which may sit inside the boxes the
 * route was laid out between), smooth curves through the gaps between layers.
 */
import type { ChartState } from './describe.js';
import type { Point } from './layout-graph.js';
import { LINE_HEIGHT, LOOP_WIDTH, linesWidth, type Frame, type FrameRoute } from './layout.js';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
export interface PlacedState {
  readonly state: ChartState;
  readonly box: Box;
  readonly lines: readonly string[];
  readonly region: boolean;
  readonly depth: number;
}
export interface PlacedEdge {
  readonly kind: FrameRoute['kind'];
  /** SVG path data. */
  readonly d: string;
  readonly label: readonly string[];
  /** Top-left corner of the label text. */
  readonly labelAt?: Point;
}
export interface Placed {
  readonly width: number;
  readonly height: number;
  /** Parents before children. */
  readonly states: readonly PlacedState[];
  readonly edges: readonly PlacedEdge[];
  readonly initials: readonly Point[];
}

type Direction = 'h' | 'v';
interface Waypoint extends Point {
  readonly dir: Direction;
}

export const num = (n: number): string => {
  const text = (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return text === '-0' ? '0' : text;
};
const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** Where a line heading to (or coming from) `toward` meets the box. */
function port(box: Box, toward: Point): Waypoint {
  const inset = Math.min(12, box.w / 4);
  const x = clamp(toward.x, box.x + inset, box.x + box.w - inset);
  if (toward.y >= box.y + box.h) return { x, y: box.y + box.h, dir: 'v' };
  if (toward.y <= box.y) return { x, y: box.y, dir: 'v' };
  const right = toward.x > box.x + box.w / 2;
  return { x: right ? box.x + box.w : box.x, y: clamp(toward.y, box.y + 8, box.y + box.h - 8), dir: 'h' };
}

/** A smooth path through the points: vertical tangents, horizontal ones at side ports. */
function curve(points: readonly Waypoint[]): string {
  const first = points[0];
  if (!first) return '';
  const parts = [`M${num(first.x)},${num(first.y)}`];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] ?? first;
    const b = points[i] ?? first;
    if (a.x === b.x && a.y === b.y) continue;
    if (a.x === b.x || a.y === b.y) {
      parts.push(`L${num(b.x)},${num(b.y)}`);
      continue;
    }
    const midX = (a.x + b.x) / 2;
    const midY = (a.y + b.y) / 2;
    const c1 = a.dir === 'h' ? { x: midX, y: a.y } : { x: a.x, y: midY };
    const c2 = b.dir === 'h' ? { x: midX, y: b.y } : { x: b.x, y: midY };
    parts.push(`C${num(c1.x)},${num(c1.y)} ${num(c2.x)},${num(c2.y)} ${num(b.x)},${num(b.y)}`);
  }
  return parts.join(' ');
}

const centre = (box: Box): Point => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 });

/** A loop on the right side of the box, its label beside it. */
function loop(box: Box, label: readonly string[]): PlacedEdge {
  const right = box.x + box.w;
  const inset = Math.min(10, box.h / 3);
  const [y1, y2] = [box.y + inset, box.y + box.h - inset];
  const bend = right + LOOP_WIDTH - 4;
  const d = `M${num(right)},${num(y1)} C${num(bend)},${num(y1)} ${num(bend)},${num(y2)} ${num(right + 2)},${num(y2)}`;
  const labelAt = { x: right + LOOP_WIDTH, y: box.y + box.h / 2 - (label.length * LINE_HEIGHT) / 2 };
  return { kind: 'loop', d, label, labelAt };
}

function routeEdge(route: FrameRoute, origin: Point, boxes: ReadonlyMap<string, Box>, dot?: Point): PlacedEdge | undefined {
  const target = boxes.get(route.target);
  const source = boxes.get(route.source);
  if (!target || !source) return undefined;
  const { kind, label } = route;
  if (kind === 'loop') return loop(source, label);
  const middle = route.points.map((p): Waypoint => ({ x: p.x + origin.x, y: p.y + origin.y, dir: 'v' }));
  const start: Waypoint = kind === 'initial' && dot ? { ...dot, dir: 'v' } : port(source, middle[0] ?? centre(target));
  const end = port(target, middle[middle.length - 1] ?? start);
  const d = curve([start, ...middle, end]);
  if (route.labelAt) return { kind, d, label, labelAt: { x: route.labelAt.x + origin.x, y: route.labelAt.y + origin.y } };
  if (label.length === 0) return { kind, d, label };
  // Drawn straight (between parallel regions): the label sits on the middle of the line.
  const middlePoint = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  const labelAt = { x: middlePoint.x - linesWidth(label) / 2, y: middlePoint.y - (label.length * LINE_HEIGHT) / 2 };
  return { kind, d, label, labelAt };
}

export function placeChart(root: Frame): Placed {
  const states: PlacedState[] = [];
  const boxes = new Map<string, Box>();
  const pending: Array<{ route: FrameRoute; origin: Point; dot?: Point }> = [];
  const initials: Point[] = [];
  let right = root.w;
  const visit = (frame: Frame, x: number, y: number, depth: number): void => {
    const box = { x, y, w: frame.w, h: frame.h };
    states.push({ state: frame.state, box, lines: frame.lines, region: frame.region, depth });
    boxes.set(frame.state.id, box);
    const origin = { x: x + frame.content.x, y: y + frame.content.y };
    const dot = frame.initial ? { x: frame.initial.x + origin.x, y: frame.initial.y + origin.y } : undefined;
    if (dot) initials.push(dot);
    for (const route of frame.routes) pending.push(dot ? { route, origin, dot } : { route, origin });
    for (const child of frame.children) visit(child.frame, x + child.x, y + child.y, depth + 1);
  };
  visit(root, 0, 0, 0);
  const edges: PlacedEdge[] = [];
  for (const { route, origin, dot } of pending) {
    const edge = routeEdge(route, origin, boxes, dot);
    if (!edge) continue;
    edges.push(edge);
    if (edge.labelAt) right = Math.max(right, edge.labelAt.x + linesWidth(edge.label));
  }
  return { width: right, height: root.h, states, edges, initials };
}
