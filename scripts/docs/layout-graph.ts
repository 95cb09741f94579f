/**
 * A small layered (Sugiyama-style) graph layout, top to bottom, deterministic.
 * Cycles are broken by a depth-first search in the given node order, layers are
 * longest paths, every edge gets a dummy per layer gap (its label takes the place
 * of the dummy next to its source), order comes from barycenter sweeps (keeping the
 * ordering with fewest crossings) and x from isotonic regression towards neighbours
 * (layout-rank.ts). Ranks alternate: nodes, then the labels and bends of edges.
 */
import { at, order, placeRanks, type Item } from './layout-rank.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}
export interface GraphNode {
  readonly id: string;
  readonly w: number;
  readonly h: number;
  /** Lowest layer the node may take (e.g. 1 to keep it below an initial-state dot). */
  readonly minLayer?: number;
}
export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly labelW: number;
  readonly labelH: number;
}
export interface EdgeRoute {
  /** From the source side to the target side, through the gaps between layers. */
  readonly points: readonly Point[];
  /** Top-left corner of the label text. */
  readonly label?: Point;
}
export interface GraphLayout {
  /** Top-left corner of each node. */
  readonly nodes: ReadonlyMap<string, Point>;
  readonly edges: ReadonlyMap<string, EdgeRoute>;
  readonly width: number;
  readonly height: number;
}

const RANK_GAP = 22;
const DUMMY_W = 6;
const LABEL_INSET = 4;

interface Layering {
  readonly layer: number[];
  /** Indices of the edges that point upwards (they close a cycle). */
  readonly reversed: Set<number>;
}

function layers(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Layering {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const idx = (id: string): number => index.get(id) ?? 0;
  const edgeIndices = edges.map((_, i) => i);
  const byTarget = (a: number, b: number): number => idx(at(edges, a).to) - idx(at(edges, b).to) || a - b;
  const out = nodes.map((_, v) => edgeIndices.filter((i) => idx(at(edges, i).from) === v).sort(byTarget));
  const seen = nodes.map(() => 0);
  const reversed = new Set<number>();
  const visit = (v: number): void => {
    seen[v] = 1;
    for (const e of at(out, v)) {
      const w = idx(at(edges, e).to);
      if (seen[w] === 1) reversed.add(e);
      else if (seen[w] === 0) visit(w);
    }
    seen[v] = 2;
  };
  nodes.forEach((_, v) => seen[v] === 0 && visit(v));
  const oriented = edges.map((e, i): readonly [number, number] =>
    reversed.has(i) ? [idx(e.to), idx(e.from)] : [idx(e.from), idx(e.to)],
  );
  const layer = nodes.map((n) => n.minLayer ?? 0);
  const indegree = nodes.map((_, v) => oriented.filter(([, to]) => to === v).length);
  const done = new Set<number>();
  while (done.size < nodes.length) {
    const v = indegree.findIndex((d, i) => d === 0 && !done.has(i));
    done.add(v);
    for (const [from, to] of oriented) {
      if (from !== v) continue;
      layer[to] = Math.max(at(layer, to), at(layer, v) + 1);
      indegree[to] = at(indegree, to) - 1;
    }
  }
  return { layer, reversed };
}

export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphLayout {
  const { layer, reversed } = layers(nodes, edges);
  const rankCount = 2 * Math.max(0, ...layer) + 1;
  const ranks: Item[][] = Array.from({ length: rankCount }, () => []);
  const nodeItems = nodes.map((n, v) => {
    const item: Item = { w: n.w, h: n.h, node: n.id, label: false, x: 0, up: [], down: [] };
    at(ranks, 2 * at(layer, v)).push(item);
    return item;
  });
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const chains = edges.map((e, i) => {
    const [top, bottom] = reversed.has(i) ? [e.to, e.from] : [e.from, e.to];
    const t = index.get(top) ?? 0;
    const b = index.get(bottom) ?? 0;
    const labelRank = reversed.has(i) ? 2 * at(layer, b) - 1 : 2 * at(layer, t) + 1;
    const chain: Item[] = [at(nodeItems, t)];
    for (let r = 2 * at(layer, t) + 1; r < 2 * at(layer, b); r++) {
      const label = r === labelRank && e.labelW > 0;
      const w = label ? e.labelW + 2 * LABEL_INSET + 4 : DUMMY_W;
      const item: Item = { w, h: label ? e.labelH : 0, label, x: 0, up: [], down: [] };
      at(ranks, r).push(item);
      chain.push(item);
    }
    chain.push(at(nodeItems, b));
    chain.forEach((item, k) => {
      const next = chain[k + 1];
      if (next) {
        item.down.push(next);
        next.up.push(item);
      }
    });
    return chain;
  });

  order(ranks);
  placeRanks(ranks);
  const left = Math.min(...ranks.flat().map((item) => item.x - item.w / 2));
  const right = Math.max(...ranks.flat().map((item) => item.x + item.w / 2));
  const tops: number[] = [];
  let y = 0;
  for (const rank of ranks) {
    const h = Math.max(0, ...rank.map((item) => item.h));
    tops.push(y);
    y += rank.length === 0 ? 0 : h + RANK_GAP;
  }
  const rankOf = new Map<Item, number>();
  ranks.forEach((rank, r) => rank.forEach((item) => rankOf.set(item, r)));
  const rankHeight = (r: number): number => Math.max(0, ...at(ranks, r).map((item) => item.h));
  const topOf = (item: Item): number => at(tops, rankOf.get(item) ?? 0);
  const nodePoints = new Map<string, Point>();
  for (const item of nodeItems) nodePoints.set(item.node ?? '', { x: item.x - item.w / 2 - left, y: topOf(item) });
  const routes = new Map<string, EdgeRoute>();
  edges.forEach((e, i) => {
    const points: Point[] = [];
    let label: Point | undefined;
    // Through each rank it passes, an edge runs straight down beside the nodes there.
    for (const item of at(chains, i).slice(1, -1)) {
      const top = topOf(item);
      const x = item.label ? item.x - item.w / 2 - left + LABEL_INSET : item.x - left;
      points.push({ x, y: top }, { x, y: top + rankHeight(rankOf.get(item) ?? 0) });
      if (item.label) label = { x: x + LABEL_INSET + 4, y: top };
    }
    if (reversed.has(i)) points.reverse();
    routes.set(e.id, label === undefined ? { points } : { points, label });
  });
  return { nodes: nodePoints, edges: routes, width: right - left, height: Math.max(0, y - RANK_GAP) };
}
