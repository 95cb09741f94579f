/**
 * Box layout of a chart for the SVG emitter. Every compound state lays its children
 * out with layout-graph.ts (transitions lifted to its children, see lift.ts), parallel
 * states put their regions side by side, and sizes come from text lengths in a
 * monospace font. Positions here are relative; place.ts makes them absolute.
 */
import { activityLines, stateTitle, transitionLabel, type Chart, type ChartState } from './describe.js';
import { layoutGraph, type GraphEdge, type GraphNode, type Point } from './layout-graph.js';
import { liftTransitions, type LiftedTransition } from './lift.js';
import { chartTree } from './tree.js';

export const FONT_SIZE = { title: 13, text: 11, label: 11 } as const;
export const LINE_HEIGHT = 14;
export const TITLE_HEIGHT = 24;
export const PAD = 12;
export const INITIAL_SIZE = 12;
export const LOOP_WIDTH = 30;
const CHAR_WIDTH = 0.62;
const REGION_GAP = 10;
const INITIAL = '';

/** Width of text in the monospace font the SVG uses. */
export const textWidth = (text: string, size: number): number => Math.ceil([...text].length * size * CHAR_WIDTH);
export const linesWidth = (lines: readonly string[], size: number = FONT_SIZE.label): number =>
  Math.max(0, ...lines.map((line) => textWidth(line, size)));

export interface FrameRoute {
  readonly kind: 'transition' | 'initial' | 'loop';
  /** XState ids of the real ends; for `initial`, the source is the compound state. */
  readonly source: string;
  readonly target: string;
  /** Points between the layers, relative to the frame's content origin. */
  readonly points: readonly Point[];
  readonly label: readonly string[];
  readonly labelAt?: Point;
}

export interface Frame {
  readonly state: ChartState;
  readonly w: number;
  h: number;
  /** Lines under the title: invoked actors, entry/exit, transitions that stay. */
  readonly lines: readonly string[];
  readonly region: boolean;
  readonly children: ReadonlyArray<{ readonly frame: Frame; readonly x: number; readonly y: number }>;
  /** Origin of the routes' points, relative to the frame. */
  readonly content: Point;
  readonly routes: readonly FrameRoute[];
  /** Centre of the initial-state dot, relative to the content origin. */
  readonly initial?: Point;
}

const labelLines = (group: readonly LiftedTransition[]): string[] => [
  ...new Set(group.map((l) => transitionLabel(l.transition))),
];

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function layoutChart(chart: Chart): Frame {
  const tree = chartTree(chart);
  const { lifted, inward } = liftTransitions(chart, tree);
  const byBlock = groupBy(lifted, (l) => l.block);

  const measure = (state: ChartState, region: boolean): Frame => {
    const invokes = state.invokes.length > 0 ? [`invokes ${state.invokes.join(', ')}`] : [];
    const lines = [...invokes, ...activityLines(state), ...(inward.get(state.id) ?? [])];
    const headerW = Math.max(textWidth(stateTitle(state), FONT_SIZE.title), linesWidth(lines)) + 2 * PAD;
    const headerH = TITLE_HEIGHT + (lines.length > 0 ? lines.length * LINE_HEIGHT + 6 : 6);
    const base = { state, lines, region };
    if (state.children.length === 0) {
      return { ...base, w: Math.max(80, headerW), h: headerH, children: [], content: { x: 0, y: 0 }, routes: [] };
    }

    const frames = state.children.map((child) => measure(child, state.kind === 'parallel'));
    const local = byBlock.get(state.id) ?? [];
    const loops = groupBy(local.filter((l) => l.from === l.to), (l) => l.from);
    const loopExtra = (id: string): number => {
      const group = loops.get(id);
      return group === undefined ? 0 : LOOP_WIDTH + linesWidth(labelLines(group)) + 6;
    };
    const routes: FrameRoute[] = [...loops].map(([from, group]) => ({
      kind: 'loop',
      source: from,
      target: from,
      points: [],
      label: labelLines(group),
    }));
    const edges = [...groupBy(local.filter((l) => l.from !== l.to), (l) => `${l.source} ${l.target}`).values()];
    const route = (group: readonly LiftedTransition[], points: readonly Point[]): FrameRoute => {
      const first = group[0];
      const ends = first ? { source: first.source, target: first.target } : { source: '', target: '' };
      return { kind: 'transition', ...ends, points, label: labelLines(group) };
    };

    if (state.kind === 'parallel') {
      // Regions side by side, equally tall; a transition between regions is drawn straight.
      const height = Math.max(...frames.map((f) => f.h));
      let x = PAD;
      const children = frames.map((frame) => {
        frame.h = height;
        const placed = { frame, x, y: headerH };
        x += frame.w + loopExtra(frame.state.id) + REGION_GAP;
        return placed;
      });
      routes.push(...edges.map((group) => route(group, [])));
      const w = Math.max(headerW, x - REGION_GAP + PAD);
      return { ...base, w, h: headerH + height + PAD, children, content: { x: 0, y: 0 }, routes };
    }

    const minLayer = state.initial === undefined ? 0 : 1;
    const nodes: GraphNode[] = [
      ...(state.initial === undefined ? [] : [{ id: INITIAL, w: INITIAL_SIZE, h: INITIAL_SIZE }]),
      ...frames.map((f) => ({ id: f.state.id, w: f.w + loopExtra(f.state.id), h: f.h, minLayer })),
    ];
    const graphEdges: GraphEdge[] = edges.map((group, i) => {
      const lines = labelLines(group);
      const ends = { from: group[0]?.from ?? '', to: group[0]?.to ?? '' };
      return { id: String(i), ...ends, labelW: linesWidth(lines), labelH: lines.length * LINE_HEIGHT };
    });
    if (state.initial !== undefined) {
      graphEdges.push({ id: INITIAL, from: INITIAL, to: state.initial, labelW: 0, labelH: 0 });
    }
    const graph = layoutGraph(nodes, graphEdges);
    const innerW = Math.max(graph.width, headerW - 2 * PAD);
    const content = { x: PAD + (innerW - graph.width) / 2, y: headerH + 4 };
    const children = frames.map((frame) => {
      const at = graph.nodes.get(frame.state.id) ?? { x: 0, y: 0 };
      return { frame, x: content.x + at.x, y: content.y + at.y };
    });
    edges.forEach((group, i) => {
      const laid = graph.edges.get(String(i));
      if (!laid) return;
      const r = route(group, laid.points);
      routes.push(laid.label === undefined ? r : { ...r, labelAt: laid.label });
    });
    const dot = graph.nodes.get(INITIAL);
    const initialPoints = graph.edges.get(INITIAL)?.points ?? [];
    if (state.initial !== undefined) {
      routes.push({ kind: 'initial', source: state.id, target: state.initial, points: initialPoints, label: [] });
    }
    const h = content.y + graph.height + PAD;
    const frame = { ...base, w: innerW + 2 * PAD, h, children, content, routes };
    return dot === undefined ? frame : { ...frame, initial: { x: dot.x + INITIAL_SIZE / 2, y: dot.y + INITIAL_SIZE / 2 } };
  };
  return measure(chart.root, false);
}
