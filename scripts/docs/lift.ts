/**
 * Where each transition is drawn. A transition is laid out inside the innermost
 * state holding both of its ends (its `block`), between the children of that state
 * that contain the ends (`from`, `to`). A transition from a composite state into one
 * of its own descendants has no such pair; it is listed on the state (`inward`).
 * Shared by the Mermaid and SVG emitters.
 */
import { allStates, transitionLabel, type Chart, type ChartTransition } from './describe.js';
import { ancestry, childToward, relativeName, type ChartTree } from './tree.js';

export interface LiftedTransition {
  readonly transition: ChartTransition;
  /** XState ids of the real ends. */
  readonly source: string;
  readonly target: string;
  /** XState ids of the children of `block` that contain the ends. */
  readonly from: string;
  readonly to: string;
  readonly block: string;
}

export interface LiftResult {
  readonly lifted: readonly LiftedTransition[];
  /** Per state: `EVENT [guard] → relative.target` for transitions into its own descendants. */
  readonly inward: ReadonlyMap<string, readonly string[]>;
}

export function liftTransitions(chart: Chart, tree: ChartTree): LiftResult {
  const lifted: LiftedTransition[] = [];
  const inward = new Map<string, string[]>();
  for (const state of allStates(chart)) {
    for (const transition of state.transitions) {
      const source = transition.source;
      for (const target of transition.targets) {
        const targetChain = ancestry(tree, target);
        if (source !== target && targetChain.includes(source)) {
          const lines = inward.get(source) ?? [];
          lines.push(`${transitionLabel(transition)} → ${relativeName(tree, source, target)}`);
          inward.set(source, lines);
          continue;
        }
        const sourceAncestors = new Set(ancestry(tree, source).slice(1));
        const block = targetChain.slice(1).find((id) => sourceAncestors.has(id)) ?? chart.root.id;
        const from = childToward(tree, block, source);
        const to = childToward(tree, block, target);
        lifted.push({ transition, source, target, from, to, block });
      }
    }
  }
  return { lifted, inward };
}
