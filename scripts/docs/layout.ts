/**
 * Lays a chart out with ELK's layered algorithm (what Stately's visualizer uses), the
 * state tree as nested ELK nodes and every transition drawn between its real ends
 * (`elk.hierarchyHandling: INCLUDE_CHILDREN`). What is ours: box sizes from text lengths
 * in a monospace font, a header (title, activities) on top of each box, one arrow per
 * pair of states with all its labels, initial-state dots, and transitions into a state's
 * own descendants listed in its header (lift.ts). Coordinates come back absolute.
 */
import ELK, { type ElkExtendedEdge, type ElkNode, type ElkPoint } from 'elkjs/lib/elk.bundled.js';
import { activityLines, allStates, stateTitle, transitionLabel, type Chart, type ChartState } from './describe.js';
import { liftTransitions } from './lift.js';
import { chartTree } from './tree.js';

export const FONT_SIZE = { title: 13, text: 11, label: 11 } as const;
export const LINE_HEIGHT = 14;
export const TITLE_HEIGHT = 24;
export const PAD = 12;
export const INITIAL_SIZE = 12;
const CHAR_WIDTH = 0.62;

/** Width of text in the monospace font the SVG uses. */
export const textWidth = (text: string, size: number): number => Math.ceil([...text].length * size * CHAR_WIDTH);
const linesWidth = (lines: readonly string[]): number =>
  Math.max(0, ...lines.map((line) => textWidth(line, FONT_SIZE.label)));

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
export interface PlacedState {
  readonly state: ChartState;
  readonly box: Box;
  /** Lines under the title: invoked actors, entry/exit, transitions that stay. */
  readonly lines: readonly string[];
  /** A region of a parallel state. */
  readonly region: boolean;
  readonly depth: number;
}
export interface PlacedEdge {
  readonly kind: 'transition' | 'initial';
  readonly points: readonly ElkPoint[];
  readonly label: readonly string[];
  /** Top-left corner of the label text. */
  readonly labelAt?: ElkPoint;
}
export interface Placed {
  readonly width: number;
  readonly height: number;
  /** Parents before children. */
  readonly states: readonly PlacedState[];
  readonly edges: readonly PlacedEdge[];
  readonly initials: readonly ElkPoint[];
}

/** Set on every composite state: ELK reads most options per nesting level, not inherited. */
const OPTIONS = {
  'elk.algorithm': 'layered',
  // Left to right: labels sit on horizontal runs and read along them.
  'elk.direction': 'RIGHT',
  // Back edges found depth first from the initial states, so the flow reads in the order a
  // machine runs. (MODEL_ORDER, the obvious choice, crashes elkjs 0.12 on nested graphs.)
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.compaction.postCompaction.strategy': 'EDGE_LENGTH',
  'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.spacing.nodeNodeBetweenLayers': '28',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '8',
  'elk.spacing.nodeNode': '24',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '10',
  'elk.spacing.edgeLabel': '4',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

const INITIAL = '#initial';

type Header = { lines: string[]; w: number; h: number };

function header(state: ChartState, inward: ReadonlyMap<string, readonly string[]>): Header {
  const invokes = state.invokes.length > 0 ? [`invokes ${state.invokes.join(', ')}`] : [];
  const lines = [...invokes, ...activityLines(state), ...(inward.get(state.id) ?? [])];
  const w = Math.max(textWidth(stateTitle(state), FONT_SIZE.title), linesWidth(lines)) + 2 * PAD;
  const h = TITLE_HEIGHT + (lines.length > 0 ? lines.length * LINE_HEIGHT + 6 : 6);
  return { lines, w, h };
}

export async function layoutChart(chart: Chart): Promise<Placed> {
  const tree = chartTree(chart);
  const { lifted, inward } = liftTransitions(chart, tree);
  const headers = new Map(allStates(chart).map((s) => [s.id, header(s, inward)]));
  const nodes = new Map<string, ElkNode>();

  // One ELK edge per pair of states, in the innermost state that holds both ends.
  const edges = new Map<string, { block: string; source: string; target: string; label: string[] }>();
  for (const { transition, source, target, block } of lifted) {
    const key = `${source} ${target}`;
    const edge = edges.get(key) ?? { block, source, target, label: [] };
    const text = transitionLabel(transition);
    if (!edge.label.includes(text)) edge.label.push(text);
    edges.set(key, edge);
  }

  const toNode = (state: ChartState): ElkNode => {
    const { w, h } = headers.get(state.id) ?? { w: 0, h: 0 };
    if (state.children.length === 0) {
      // Grows to give each arrow its own point on the border, instead of stacking arrowheads.
      const minimum = { 'elk.nodeSize.minimum': `(${Math.max(80, w)},${h})`, 'elk.spacing.portPort': '8' };
      const layoutOptions = { 'elk.nodeSize.constraints': '[PORTS, MINIMUM_SIZE]', ...minimum };
      const node = { id: state.id, width: Math.max(80, w), height: h, layoutOptions };
      nodes.set(state.id, node);
      return node;
    }
    const children = state.children.map(toNode);
    if (state.initial !== undefined) {
      children.unshift({
        id: state.id + INITIAL,
        width: INITIAL_SIZE,
        height: INITIAL_SIZE,
        layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' },
      });
    }
    const node: ElkNode = {
      id: state.id,
      children,
      edges: [],
      layoutOptions: {
        ...OPTIONS,
        'elk.padding': `[top=${h + 8},left=${PAD},bottom=${PAD},right=${PAD}]`,
        'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
        'elk.nodeSize.minimum': `(${w},${h + PAD})`,
      },
    };
    nodes.set(state.id, node);
    if (state.initial !== undefined) {
      node.edges?.push({ id: state.id + INITIAL, sources: [state.id + INITIAL], targets: [state.initial] });
    }
    return node;
  };
  const graph = toNode(chart.root);
  [...edges.values()].forEach(({ block, source, target, label }, i) => {
    const size = { width: linesWidth(label), height: label.length * LINE_HEIGHT };
    const labels = [{ id: `label ${i}`, text: label.join('\n'), ...size }];
    nodes.get(block)?.edges?.push({ id: `edge ${i}`, sources: [source], targets: [target], labels });
  });

  const laid = await new ELK().layout(graph);

  const states: PlacedState[] = [];
  const placedEdges: PlacedEdge[] = [];
  const initials: ElkPoint[] = [];
  const visit = (node: ElkNode, region: boolean, depth: number): void => {
    const state = tree.byId.get(node.id);
    if (state === undefined) {
      initials.push({ x: (node.x ?? 0) + INITIAL_SIZE / 2, y: (node.y ?? 0) + INITIAL_SIZE / 2 });
      return;
    }
    const box = { x: node.x ?? 0, y: node.y ?? 0, w: node.width ?? 0, h: node.height ?? 0 };
    states.push({ state, box, lines: headers.get(state.id)?.lines ?? [], region, depth });
    for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) placedEdges.push(placeEdge(edge));
    for (const child of node.children ?? []) visit(child, state.kind === 'parallel', depth + 1);
  };
  visit(laid, false, 0);
  const right = Math.max(laid.width ?? 0, ...placedEdges.map((e) => (e.labelAt?.x ?? 0) + linesWidth(e.label)));
  return { width: right, height: laid.height ?? 0, states, edges: placedEdges, initials };
}

function placeEdge(edge: ElkExtendedEdge): PlacedEdge {
  const points = (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
  const label = edge.labels?.[0];
  if (edge.id.endsWith(INITIAL)) return { kind: 'initial', points, label: [] };
  const lines = label?.text?.split('\n') ?? [];
  const placed = { kind: 'transition', points, label: lines } as const;
  return label?.x === undefined ? placed : { ...placed, labelAt: { x: label.x, y: label.y ?? 0 } };
}
