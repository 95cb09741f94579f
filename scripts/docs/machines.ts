/**
 * The machines whose state charts are generated into docs/. One entry per machine
 * that machines/ exports; add a machine here when you add one there (the docs test
 * checks every state of every machine listed here appears in its chart).
 */
import type { AnyStateMachine } from 'xstate';
import { lifecycleMachine } from '../../machines/lifecycle.js';
import { presenterMachine } from '../../machines/presenter.js';

export interface DocumentedMachine {
  readonly machine: AnyStateMachine;
  /** Section title in docs/state-charts.md. */
  readonly title: string;
  /** Where the machine is defined, shown in the generated intro line. */
  readonly source: string;
}

export const documentedMachines: readonly DocumentedMachine[] = [
  { machine: lifecycleMachine, title: 'Lifecycle (per tab)', source: 'machines/lifecycle.ts' },
  { machine: presenterMachine, title: 'Presenter hand-off (leader only)', source: 'machines/presenter.ts' },
];
