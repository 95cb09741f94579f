/**
 * The leader's presenter hand-off: which single tab shows the prompt.
 *
 * Run only by the leader tab. It never grants the prompt to a tab while another may
 * still show it: first every other tab is told to stop (REVOKE), then the leader
 * waits for the previous presenter's RELEASED (its prompt cleanup has run), and only
 * then grants (GRANT). A previous presenter that leaves the roster (closed, or
 * crashed and its Web Lock freed) is not waited for; one that stays silent (busy,
 * frozen) is waited for up to `releaseTimeout`. A freshly elected leader starts from
 * the presenter its tab saw granted; when it saw none, it cannot know, so it revokes
 * and waits only `handoffTimeout` for an answer.
 */
import { assign, setup } from 'xstate';
import { DEFAULT_TIMING, type Timing } from './timing.js';

export interface PresenterContext {
  /** The tab the roster says should present (the one the user looks at). */
  target?: string;
  /** The tab last granted the prompt by this leader. */
  granted?: string;
  /**
   * The tab that must release before the next grant: `null` when no tab presents,
   * `undefined` when unknown (a fresh leader that never saw a grant).
   */
  previous?: string | null;
  /** The first revoke round `previous` was asked in: its RELEASED of any later round counts too. */
  releaseFloor: number;
  /** Tabs currently in the roster. */
  tabIds: readonly string[];
  /** Increases with every revoke round, so late RELEASED answers are told apart. */
  epoch: number;
  /** The hand-off timeouts (`handoffTimeout`, `releaseTimeout`) the delays read. */
  readonly timing: Pick<Timing, 'handoffTimeout' | 'releaseTimeout'>;
}

export type PresenterEvent =
  | { type: 'ROSTER_CHANGED'; desired?: string; tabIds: readonly string[] }
  | { type: 'PRESENTER_RELEASED'; tabId: string; epoch: number };

export interface PresenterInput {
  /** First epoch: callers pass a wall-clock based number so a new leader outranks the old. */
  epoch: number;
  /** Who presented when this leader was elected, as far as its tab knows (see `previous`). */
  presenter?: string | null;
  /** The lifecycle machine's timings. @default DEFAULT_TIMING */
  timing?: Pick<Timing, 'handoffTimeout' | 'releaseTimeout'>;
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
    // Runs before the entry of `revoking` bumps the epoch: that next round is the floor.
    rememberPrevious: assign(({ context }) => ({ previous: context.granted, releaseFloor: context.epoch + 1 })),
    forgetPresenters: assign({ granted: undefined, previous: null }),
    nextEpoch: assign(({ context }) => ({ epoch: context.epoch + 1 })),
    assignGranted: assign(({ context }) => ({ granted: context.target, previous: undefined })),
    // Effects, provided by the group adapter.
    broadcastRevoke: (_, _params: { except?: string; epoch: number }) => {},
    broadcastGrant: (_, _params: { tabId: string; epoch: number }) => {},
  },
  guards: {
    hasTarget: ({ context }) => context.target !== undefined,
    isTargetUnchanged: ({ context, event }) => event.type === 'ROSTER_CHANGED' && event.desired === context.target,
    isGrantedStillWanted: ({ context, event }) => event.type === 'ROSTER_CHANGED' && event.desired === context.granted,
    // Nobody to wait for: no tab presented, the presenter left the roster, or it is
    // the tab about to be granted (the leader's GRANT follows its REVOKE in order).
    isPreviousGone: ({ context }) =>
      context.previous === null ||
      (context.previous !== undefined &&
        (context.previous === context.target || !context.tabIds.includes(context.previous))),
    isPreviousUnknown: ({ context }) => context.previous === undefined,
    // A known previous presenter answers only the first REVOKE it hears (it then no
    // longer holds the grant), so its answer counts in any round since.
    isReleaseOfPrevious: ({ context, event }) =>
      event.type === 'PRESENTER_RELEASED' &&
      (context.previous === undefined
        ? event.epoch === context.epoch
        : event.tabId === context.previous && event.epoch >= context.releaseFloor),
  },
  delays: {
    handoffTimeout: ({ context }) => context.timing.handoffTimeout,
    releaseTimeout: ({ context }) => context.timing.releaseTimeout,
  },
}).createMachine({
  id: 'presenter',
  context: ({ input }) => ({
    tabIds: [],
    epoch: input.epoch,
    previous: input.presenter,
    releaseFloor: input.epoch + 1,
    timing: input.timing ?? DEFAULT_TIMING,
  }),
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
      after: {
        handoffTimeout: { guard: 'isPreviousUnknown', target: 'granting' },
        releaseTimeout: { target: 'granting' },
      },
      on: {
        PRESENTER_RELEASED: { guard: 'isReleaseOfPrevious', target: 'granting' },
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
        { target: 'idle', actions: 'forgetPresenters' },
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
