/**
 * Mermaid `stateDiagram-v2` emitter for a chart model (see describe.ts).
 *
 * Ids are path based (`running_lifecycle_available_quiet`) and every state gets a
 * display label (`state "quiet" as running_lifecycle_available_quiet`). Compound and
 * parallel states become composite states; parallel regions are separated by `--`
 * where Mermaid can render that (see mermaid-edges.ts). What a state does without
 * leaving it (entry/exit actions, transitions that change no state) is written on
 * the state; invoked actors and the activities of composite states go in a note.
 */
import { activityLines, allStates, stateTitle, type Chart, type ChartState } from './describe.js';
import { canUseSeparators, planEdges, type MermaidEdge } from './mermaid-edges.js';
import { chartTree, isComposite } from './tree.js';

/** Words that start a statement in Mermaid's state grammar; never used as bare ids. */
const RESERVED = new Set(['state', 'note', 'end', 'direction', 'classdef', 'class', 'style', 'hide', 'scale', 'as']);

/** Mermaid id for every state of the chart, keyed by XState id; unique, stable. */
export function mermaidIds(chart: Chart): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const state of allStates(chart)) {
    const raw = state.path.length === 0 ? state.key : state.path.join('_');
    let base = raw.replace(/[^A-Za-z0-9_]/g, '_');
    if (RESERVED.has(base.toLowerCase()) || /^[0-9]/.test(base)) base = `s_${base}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(state.id, id);
  }
  return ids;
}

/** Text that Mermaid reads literally in labels, notes and descriptions. */
export function mermaidText(text: string): string {
  return text
    .replace(/[#;]/g, '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/-->/g, '->')
    .trim();
}

export function emitMermaid(chart: Chart): string {
  const ids = mermaidIds(chart);
  const tree = chartTree(chart);
  const plan = planEdges(chart, tree);
  const id = (xstateId: string): string => ids.get(xstateId) ?? mermaidText(xstateId);
  const edgesByBlock = new Map<string, MermaidEdge[]>();
  for (const edge of plan.edges) edgesByBlock.set(edge.block, [...(edgesByBlock.get(edge.block) ?? []), edge]);

  const lines: string[] = ['stateDiagram-v2'];
  const write = (depth: number, text: string): void => {
    lines.push(`${'  '.repeat(depth)}${text}`);
  };

  const emitBody = (state: ChartState, depth: number): void => {
    const separators = state.kind === 'parallel' && canUseSeparators(state.id, plan, tree);
    if (state.kind === 'parallel' && !separators) {
      write(depth, '%% parallel regions, side by side: Mermaid cannot draw these with -- (mermaid-js/mermaid#4052)');
    }
    if (state.initial !== undefined) write(depth, `[*] --> ${id(state.initial)}`);
    state.children.forEach((child, index) => {
      if (separators && index > 0) write(depth, '--');
      emitState(child, depth);
    });
    for (const edge of edgesByBlock.get(state.id) ?? []) {
      write(depth, `${id(edge.from)} --> ${id(edge.to)} : ${mermaidText(edge.label)}`);
    }
  };

  const emitState = (state: ChartState, depth: number): void => {
    const sid = id(state.id);
    write(depth, `state "${mermaidText(stateTitle(state))}" as ${sid}`);
    if (isComposite(state)) {
      write(depth, `state ${sid} {`);
      emitBody(state, depth + 1);
      write(depth, '}');
    }
    const activities = [...activityLines(state), ...(plan.inward.get(state.id) ?? [])].map(mermaidText);
    const noteLines = state.invokes.length > 0 ? [mermaidText(`invokes ${state.invokes.join(', ')}`)] : [];
    if (isComposite(state)) noteLines.push(...activities);
    else for (const line of activities) write(depth, `${sid} : ${line}`);
    if (noteLines.length === 1) write(depth, `note right of ${sid} : ${noteLines[0] ?? ''}`);
    if (noteLines.length > 1) {
      write(depth, `note right of ${sid}`);
      for (const line of noteLines) write(depth + 1, line);
      write(depth, 'end note');
    }
    if (state.kind === 'final') write(depth, `${sid} --> [*]`);
  };

  const root = chart.root;
  const rootHasText = root.invokes.length > 0 || activityLines(root).length > 0 || plan.inward.has(root.id);
  const rootIsPlain = root.kind === 'compound' && !rootHasText;
  if (rootIsPlain) emitBody(root, 1);
  else emitState(root, 1);
  return `${lines.join('\n')}\n`;
}
