/**
 * The lifecycle machine's effect slots: every side effect it asks for, as a named
 * placeholder that src/page/wiring.ts replaces with `.provide()`, typed so that
 * the compiler checks what is provided. Actions that take `params`, the adapter
 * actors (typed by their input) and the params themselves live here.
 */
import { fromCallback, type CallbackActorLogic, type EventObject } from 'xstate';
import type { LifecycleContext } from './lifecycle-context.js';
import { presenterMachine } from './presenter.js';

/** Input of the `prompt` actor: what the UI shows (the waiting version, and this page's). */
export interface PromptInput {
  waitingVersion?: string;
  version?: string;
}

/** Input of the `poller` actor. */
export interface PollerInput {
  interval: number;
}

/**
 * What the effects are told, as `params`, so that their implementations
 * (src/page/wiring.ts) read nothing of the machine's context. One function for
 * all (smaller than one each, and the prompt's input too); each slot's type below names the
 * part it reads.
 */
export const effectParams = ({ context }: { context: LifecycleContext }) => ({
  updateId: context.updateId,
  version: context.version,
  waitingVersion: context.waitingVersion,
  /** Set with the update id just before (assignUpdateId, assignPolicyUpdateId). */
  force: context.forced,
  epoch: context.grantEpoch,
  error: context.error,
});
const effect = <T extends string>(type: T) => ({ type, params: effectParams });
// The effects that take params, as the chart refers to them: `{ type, params }`.
export const notifyError = effect('notifyError');
export const announceAccept = effect('announceAccept');
export const announceDismiss = effect('announceDismiss');
export const announceReleased = effect('announceReleased');
export const requestSkipWaiting = effect('requestSkipWaiting');
export const reload = effect('reload');

const noEffect = (): void => {};
/** The type of an effect slot that takes `params` (the placeholder ignores them). */
type Effect<Params> = (_: unknown, params: Params) => void;

/** The effect actions: placeholders, provided by src/page/wiring.ts. */
export const effectSlots = {
  notifyError: noEffect as Effect<{ error?: Error }>,
  notifyOfflineReady: noEffect,
  announceAccept: noEffect as Effect<{ updateId?: string; waitingVersion?: string; force: boolean }>,
  /** `waitingVersion`: the version dismissed; the snooze length is the app's option. */
  announceDismiss: noEffect as Effect<{ waitingVersion?: string }>,
  /** `epoch`: of the grant this tab gives up. */
  announceReleased: noEffect as Effect<{ epoch: number }>,
  requestSkipWaiting: noEffect as Effect<{ updateId?: string }>,
  /** The accepted worker is still waiting, long after SKIP_WAITING: make Chromium try again. */
  nudgeActivation: noEffect,
  /** The leader's interval elapsed: always checks (unless backing off after failures). */
  checkForUpdate: noEffect,
  /** A triggered check: merged with any check made within `checkDebounce`. */
  checkForUpdateDebounced: noEffect,
  /**
   * Reloads the page, unless this update already reloaded it (then RELOAD_REFUSED comes
   * back). A page that reloads departs first: out of the group without a word back to
   * this machine, deaf to its registration, since every event it would still handle
   * delays the navigation.
   */
  reload: noEffect as Effect<{ updateId?: string }>,
  leaveGroup: noEffect,
  rejoinGroup: noEffect,
  retryRegistration: noEffect,
};

/**
 * One placeholder for the adapter actors, typed per slot by its input so that the
 * coordinator's `.provide()` is checked: callback actors that send lifecycle events back.
 */
const adapter = fromCallback<EventObject>(() => noEffect);
type AdapterSlot<Input> = CallbackActorLogic<EventObject, Input>;

/** The actors the machine invokes: the adapters (provided by src/) and the presenter machine. */
export const actorSlots = {
  registration: adapter,
  group: adapter,
  poller: adapter as AdapterSlot<PollerInput>,
  prompt: adapter as AdapterSlot<PromptInput>,
  presenter: presenterMachine,
};
