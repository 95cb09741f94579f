/**
 * The leader's presenter hand-off: which single tab shows the prompt.
 *
 * Run only by the leader tab. It never grants the prompt to a tab while another may
 * still show it: first every other tab is told to stop (REVOKE), then the leader
 * waits for the previous presenter's RELEASED (its prompt cleanup has run) or for
 * `handoffTimeout` (it is closed or frozen), and only then grants (GRANT).
 * A freshly elected leader does not know who presents, so it starts by revoking.
 */
import { assign, setup } from 'xstate';
import { DEFAULT_TIMING } from './timing.js';

export interface PresenterContext {
  /** The tab the roster says should present (the one the user looks at). */
  target?: string;
  /** The tab last granted the prompt by this leader. */
  granted?: string;
  /** The tab that must release before the next grant; unknown for a fresh leader. */
  previous?: string;
  /** Tabs currently in the roster. */
  tabIds: readonly string[];
  /** Increases with every revoke round, so late RELEASED answers are told apart. */
  epoch: number;
}

export type PresenterEvent =
  | { type: 'ROSTER_CHANGED'; desired?: string; tabIds: readonly string[] }
  | { type: 'PRESENTER_RELEASED'; tabId: string; epoch: number };

export interface PresenterInput {
  /** First epoch: callers pass a wall-clock based number so a new leader outranks the old. */
  epoch: number;
}

export const presenterMachine = setup({
  types: {
    context: {} as PresenterContext,
    events: {} as PresenterEvent,
    input: {} as PresenterInput,
  },
  actions: {
    assignRoster: assign(({ event }) =>
      event.type === 'ROSTER_CHANGED' ? { target: event.desired, tabIds: event.tabIds } : {},
    ),
    rememberPrevious: assign(({ context }) => ({ previous: context.granted })),
    nextEpoch: assign(({ context }) => ({ epoch: context.epoch + 1 })),
    assignGranted: assign(({ context }) => ({ granted: context.target, previous: undefined })),
    // Effects, provided by the group adapter.
    broadcastRevoke: (_, _params: { except?: string; epoch: number }) => {},
    broadcastGrant: (_, _params: { tabId: string; epoch: number }) => {},
  },
  guards: {
    hasTarget: ({ context }) => context.target !== undefined,
    isTargetUnchanged: ({ context, event }) =>
      event.type === 'ROSTER_CHANGED' && event.desired === context.target,
    isGrantedStillWanted: ({ context, event }) =>
      event.type === 'ROSTER_CHANGED' && event.desired === context.granted,
    isPreviousGone: ({ context }) =>
      context.previous !== undefined && !context.tabIds.includes(context.previous),
    isReleaseOfThisRound: ({ context, event }) =>
      event.type === 'PRESENTER_RELEASED' &&
      event.epoch === context.epoch &&
      (context.previous === undefined || event.tabId === context.previous),
  },
  delays: {
    handoffTimeout: DEFAULT_TIMING.handoffTimeout,
  },
}).createMachine({
  id: 'presenter',
  context: ({ input }) => ({ tabIds: [], epoch: input.epoch }),
  initial: 'waitingForRoster',
  states: {
    waitingForRoster: {
      on: {
        ROSTER_CHANGED: { target: 'revoking', actions: 'assignRoster' },
      },
    },
    revoking: {
      entry: [
        'nextEpoch',
        {
          type: 'broadcastRevoke',
          params: ({ context }) => ({ except: context.target, epoch: context.epoch }),
        },
      ],
      always: { guard: 'isPreviousGone', target: 'granting' },
      after: { handoffTimeout: 'granting' },
      on: {
        PRESENTER_RELEASED: { guard: 'isReleaseOfThisRound', target: 'granting' },
        ROSTER_CHANGED: [
          { guard: 'isTargetUnchanged', actions: 'assignRoster' },
          { target: 'revoking', reenter: true, actions: 'assignRoster' },
        ],
      },
    },
    granting: {
      always: [
        {
          guard: 'hasTarget',
          target: 'granted',
          actions: [
            'assignGranted',
            {
              type: 'broadcastGrant',
              params: ({ context }) => ({ tabId: context.target ?? '', epoch: context.epoch }),
            },
          ],
        },
        { target: 'idle' },
      ],
    },
    granted: {
      on: {
        ROSTER_CHANGED: [
          { guard: 'isGrantedStillWanted', actions: 'assignRoster' },
          { target: 'revoking', actions: ['rememberPrevious', 'assignRoster'] },
        ],
      },
    },
    idle: {
      on: {
        ROSTER_CHANGED: { target: 'revoking', actions: 'assignRoster' },
      },
    },
  },
});
