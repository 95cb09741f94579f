/**
 * What an accept does: USER_ACCEPTED (made in this tab) and PEER_ACCEPTED (heard from
 * another), in every lifecycle state, as one ordered guard chain. Each case names the
 * states it applies in (`peerOnly`: only to PEER_ACCEPTED, since only an accept from
 * another tab can be late or find this page already behind); a state takes its cases
 * in this order, the first whose guard holds wins, and a state with none that holds
 * falls through to `lifecycle`'s.
 */
import { and } from 'xstate';

/** Where accepts are handled: `lifecycle` itself covers every state not named. */
type Where = 'idle' | 'installing' | 'available' | 'snoozed' | 'waitingForHolds' | 'lifecycle';

const updateWaiting: readonly Where[] = ['available', 'snoozed'];
/** Record the accepted update, and tell the other tabs when the accept was made here. */
const accept = ['assignUpdateId', 'announceAcceptIfOwn'] as const;

export const acceptTransitions = [
  // Nothing waits and this page runs older code: the update applied itself before this
  // tab heard of the accept, so it reloads (held work keeps it in `blocked.held`).
  {
    where: ['idle'],
    peerOnly: true,
    guard: and(['isBehind', 'hasLocalHolds']),
    target: '#lifecycle.blocked.held',
    actions: 'assignUpdateId',
  },
  { where: ['idle'], peerOnly: true, guard: 'isBehind', target: '#lifecycle.reloading', actions: 'assignUpdateId' },
  // Another tab accepted a worker this one has not heard of yet (hidden tabs hear of a
  // new worker late): kept, and heard again once it installs or waits here.
  { where: ['idle'], peerOnly: true, guard: 'isAcceptOfUnseenUpdate', actions: 'keepAccept' },
  // First while an update waits: a late accept of what already applied reloads a page
  // left behind and must never start the next update (the one waiting now).
  {
    where: updateWaiting,
    peerOnly: true,
    guard: and(['isLateAccept', 'isBehind', 'hasLocalHolds']),
    target: '#lifecycle.blocked.held',
    actions: 'assignUpdateId',
  },
  {
    where: updateWaiting,
    peerOnly: true,
    guard: and(['isLateAccept', 'isBehind']),
    target: '#lifecycle.reloading',
    actions: 'assignUpdateId',
  },
  { where: updateWaiting, peerOnly: true, guard: 'isLateAccept' },
  // The worker is already activating (someone's accept): this one only decides that this tab reloads.
  { where: updateWaiting, guard: 'isWaitingActivating', target: '#lifecycle.activating.applying', actions: accept },
  // Before activating: unsaved work in any tab stops a plain accept ("update anyway" goes on).
  { where: updateWaiting, guard: 'mustWaitForHolds', target: '#lifecycle.blocked', actions: accept },
  { where: updateWaiting, target: '#lifecycle.activating', actions: accept },
  // Already waiting for holds: only "update anyway" goes on.
  { where: ['waitingForHolds'], guard: 'isForced', target: '#lifecycle.activating', actions: accept },
  // The worker still installs here, but another tab saw it waiting and accepted (hidden
  // tabs hear of a waiting worker up to a second late): kept, and replayed once it waits.
  { where: ['installing'], peerOnly: true, actions: 'keepAccept' },
  // Last, in every other state: an accept from another tab still records which update
  // is under way (SKIP_WAITING and the reload name it); one made here is ignored.
  { where: ['lifecycle'], peerOnly: true, actions: 'assignUpdateId' },
] as const;

type Case = (typeof acceptTransitions)[number] & { readonly peerOnly?: true };

/**
 * The cases of `acceptTransitions` for one state, in order: all of them for an accept
 * heard from another tab, those not marked `peerOnly` for one made here.
 */
export function acceptIn(where: Where) {
  const cases = acceptTransitions
    .filter((entry) => (entry.where as readonly Where[]).includes(where))
    .map((entry: Case) => entry);
  const transitions = (list: readonly Case[]) => list.map(({ where: _, peerOnly: __, ...transition }) => transition);
  return {
    USER_ACCEPTED: transitions(cases.filter((entry) => entry.peerOnly !== true)),
    PEER_ACCEPTED: transitions(cases),
  };
}
