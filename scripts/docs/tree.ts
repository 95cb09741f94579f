/** Lookups over a chart's state tree: parents, ancestry, relative names. */
import { allStates, type Chart, type ChartState } from './describe.js';

export interface ChartTree {
  readonly byId: ReadonlyMap<string, ChartState>;
  readonly parentOf: ReadonlyMap<string, string>;
}

export function chartTree(chart: Chart): ChartTree {
  const byId = new Map<string, ChartState>();
  const parentOf = new Map<string, string>();
  for (const state of allStates(chart)) {
    byId.set(state.id, state);
    for (const child of state.children) parentOf.set(child.id, state.id);
  }
  return { byId, parentOf };
}

/** Ids from the state itself up to the root. */
export function ancestry(tree: ChartTree, id: string): string[] {
  const chain: string[] = [];
  for (let s: string | undefined = id; s !== undefined; s = tree.parentOf.get(s)) chain.push(s);
  return chain;
}

/** True when `ancestor` is `id` or contains it. */
export function contains(tree: ChartTree, ancestor: string, id: string): boolean {
  return ancestry(tree, id).includes(ancestor);
}

/** The child of `ancestor` on the way down to `id` (`id` itself when it is a child). */
export function childToward(tree: ChartTree, ancestor: string, id: string): string {
  const chain = ancestry(tree, id);
  const index = chain.indexOf(ancestor);
  return index > 0 ? (chain[index - 1] ?? id) : id;
}

/** Keys from `ancestor` (exclusive) down to `id`, dotted: `blocked.held`. */
export function relativeName(tree: ChartTree, ancestor: string, id: string): string {
  const chain = ancestry(tree, id);
  const index = chain.indexOf(ancestor);
  const below = (index < 0 ? chain : chain.slice(0, index)).reverse();
  return below.map((s) => tree.byId.get(s)?.key ?? s).join('.');
}

export const isComposite = (state: ChartState | undefined): boolean =>
  state !== undefined && (state.kind === 'compound' || state.kind === 'parallel');
