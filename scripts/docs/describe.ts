/**
 * Walks an XState v5 machine's state-node tree (`machine.root`) into a plain chart
 * model that the Mermaid and SVG emitters share. Reads the machine objects only, so
 * the charts follow the machines as they change. Targets are resolved state nodes
 * (`transition.target`), so `#id` targets need no string handling here.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { actionText, delayText, eventText, guardText, invokeText } from './labels.js';

export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface ChartTransition {
  /** XState id of the state node that declares the transition. */
  readonly source: string;
  /** XState ids of the targets; empty when the transition changes no state. */
  readonly targets: readonly string[];
  /** `EVENT`, `always` or `after …`. */
  readonly trigger: string;
  readonly guard?: string;
  readonly actions: readonly string[];
  readonly reenter: boolean;
}

export interface ChartState {
  /** Id by path, e.g. `coordinator.running.lifecycle` (see `pathId`). */
  readonly id: string;
  /** The state's key (the machine id for the root). */
  readonly key: string;
  /** Keys from the root down; empty for the root. */
  readonly path: readonly string[];
  readonly kind: StateKind;
  readonly history?: 'shallow' | 'deep';
  /** XState id of the initial child, for compound states. */
  readonly initial?: string;
  readonly children: readonly ChartState[];
  readonly entry: readonly string[];
  readonly exit: readonly string[];
  readonly invokes: readonly string[];
  /** In declaration order: `on` events, then `always`, then `after`. */
  readonly transitions: readonly ChartTransition[];
}

export interface Chart {
  readonly machineId: string;
  readonly root: ChartState;
}

/**
 * A state's id by its path (`coordinator.running.lifecycle`), also where a region sets
 * its own XState id (`#lifecycle`): the demo's live chart finds states by path.
 */
export const pathId = (node: AnyStateNode): string => [node.machine.id, ...node.path].join('.');

function describeTransitions(node: AnyStateNode, machine: AnyStateMachine): ChartTransition[] {
  type Definition = AnyStateNode['transitions'] extends Map<string, Array<infer T>> ? T : never;
  const convert = (t: Definition, trigger: string): ChartTransition => {
    const base = {
      source: pathId(node),
      targets: (t.target ?? []).map(pathId),
      trigger,
      actions: t.actions.map(actionText).filter((a): a is string => a !== undefined),
      reenter: t.reenter,
    };
    return t.guard === undefined ? base : { ...base, guard: guardText(t.guard) };
  };
  const result: ChartTransition[] = [];
  for (const [eventType, definitions] of node.transitions) {
    // Delayed transitions are listed in `transitions` too; `after` carries their delay.
    if (eventType.startsWith('xstate.after.')) continue;
    for (const t of definitions) result.push(convert(t, eventText(eventType)));
  }
  for (const t of node.always ?? []) result.push(convert(t, 'always'));
  for (const t of node.after) result.push(convert(t, delayText(t.delay, machine)));
  return result;
}

function describeState(node: AnyStateNode, machine: AnyStateMachine): ChartState {
  const children = Object.values(node.states).map((child) => describeState(child, machine));
  const kind: StateKind = node.type;
  const state: ChartState = {
    id: pathId(node),
    key: node.path.length === 0 ? machine.id : node.key,
    path: [...node.path],
    kind,
    children,
    entry: node.entry.map(actionText).filter((a): a is string => a !== undefined),
    exit: node.exit.map(actionText).filter((a): a is string => a !== undefined),
    invokes: node.invoke.map((invoke, index) => invokeText(invoke, index, node.id)),
    transitions: describeTransitions(node, machine),
  };
  const target = kind === 'compound' ? node.initial.target[0] : undefined;
  const initial = target === undefined ? undefined : pathId(target);
  const history = kind === 'history' && node.history !== false ? node.history : undefined;
  return {
    ...state,
    ...(initial === undefined ? {} : { initial }),
    ...(history === undefined ? {} : { history }),
  };
}

export function describeMachine(machine: AnyStateMachine): Chart {
  return { machineId: machine.id, root: describeState(machine.root, machine) };
}

/** Every state of the chart, root first, in document order. */
export function allStates(chart: Chart): ChartState[] {
  const out: ChartState[] = [];
  const visit = (state: ChartState): void => {
    out.push(state);
    state.children.forEach(visit);
  };
  visit(chart.root);
  return out;
}

/** `EVENT [guard] / actions`; actions are left out when the label would get long. */
export function transitionLabel(t: ChartTransition, maxLength = 48): string {
  const head = t.guard === undefined ? t.trigger : `${t.trigger} [${t.guard}]`;
  if (t.actions.length === 0) return t.targets.length === 0 ? `${head} (ignored)` : head;
  const full = `${head} / ${t.actions.join(', ')}`;
  return full.length <= maxLength ? full : head;
}

/** What a state does without leaving: entry/exit actions and transitions that change no state. */
export function activityLines(state: ChartState): string[] {
  const lines: string[] = [];
  if (state.entry.length > 0) lines.push(`entry / ${state.entry.join(', ')}`);
  if (state.exit.length > 0) lines.push(`exit / ${state.exit.join(', ')}`);
  for (const t of state.transitions) {
    if (t.targets.length === 0) lines.push(transitionLabel(t, Number.POSITIVE_INFINITY));
  }
  return lines;
}

/** The name a chart shows for a state: its key, marked when parallel or history. */
export function stateTitle(state: ChartState): string {
  if (state.kind === 'parallel') return `${state.key} (parallel)`;
  if (state.kind === 'history') return `${state.key} (${state.history === 'deep' ? 'H*' : 'H'})`;
  return state.key;
}
