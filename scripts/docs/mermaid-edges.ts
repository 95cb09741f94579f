/**
 * Mermaid specifics of drawing transitions (the ends come from lift.ts).
 *
 * Mermaid re-parents a state to the last composite block that mentions it, so an
 * edge may only join states declared in the same block: each transition is drawn
 * between the children of its block, and the label names the real end when it lies
 * deeper: `always [not hasHolds] (from waitingForHolds)`.
 */
import { transitionLabel, type Chart } from './describe.js';
import { liftTransitions } from './lift.js';
import { ancestry, isComposite, relativeName, type ChartTree } from './tree.js';

export interface MermaidEdge {
  /** XState ids of the drawn ends: children of `block`. */
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** The state whose `{ }` block holds the edge (the root for top-level edges). */
  readonly block: string;
}

export interface EdgePlan {
  readonly edges: readonly MermaidEdge[];
  /** Extra activity lines per state: transitions into the state's own descendants. */
  readonly inward: ReadonlyMap<string, readonly string[]>;
}

export function planEdges(chart: Chart, tree: ChartTree): EdgePlan {
  const { lifted, inward } = liftTransitions(chart, tree);
  const edges = lifted.map(({ transition, source, target, from, to, block }): MermaidEdge => {
    const label = transitionLabel(transition);
    const notes: string[] = [];
    if (from !== source) notes.push(`from ${relativeName(tree, from, source)}`);
    if (to !== target) notes.push(`to ${relativeName(tree, to, target)}`);
    return { from, to, block, label: notes.length > 0 ? `${label} (${notes.join(', ')})` : label };
  });
  return { edges, inward };
}

/**
 * Whether a parallel state can use Mermaid's `--` region separators. Mermaid fails
 * to render ("Cannot set properties of undefined (setting 'rank')",
 * mermaid-js/mermaid#4052) when an edge inside a `--` region touches a composite
 * state, and ("No such shape: divider") when an edge follows the last region.
 */
export function canUseSeparators(parallelId: string, plan: EdgePlan, tree: ChartTree): boolean {
  const inside = (id: string): boolean => ancestry(tree, id).slice(1).includes(parallelId);
  for (const edge of plan.edges) {
    if (edge.block === parallelId) return false;
    const touchesComposite = isComposite(tree.byId.get(edge.from)) || isComposite(tree.byId.get(edge.to));
    if (inside(edge.block) && touchesComposite) return false;
  }
  for (const [id, state] of tree.byId) {
    if (inside(id) && state.initial !== undefined && isComposite(tree.byId.get(state.initial))) return false;
  }
  return true;
}
