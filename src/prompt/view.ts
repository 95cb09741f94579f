/**
 * What the prompt shows for a snapshot: a pure function, so the presenting-tab rule
 * is tested without a DOM.
 */
import type { CoordinatorSnapshot, CoordinatorStatus } from '../page/types.js';

/** What `<sw-update-prompt>` shows; also reflected as its `state` attribute. */
export type PromptView =
  | { readonly state: 'hidden' }
  | { readonly state: 'available'; readonly version?: string }
  | { readonly state: 'blocked'; readonly holds: number }
  | { readonly state: 'updating' };

const HIDDEN: PromptView = { state: 'hidden' };

/** Statuses after an accept; the prompt follows them only where it was already showing. */
const AFTER_ACCEPT: readonly CoordinatorStatus[] = ['blocked', 'activating', 'reloading'];

/**
 * Shown exactly while this tab presents (`isPrompting`), then through blocked,
 * activating and reloading if it was showing when the update was accepted: the
 * coordinator stops "presenting" at the accept, but the user who clicked Update
 * should see what happens next, and no other tab should start showing it.
 */
export function viewOf(snapshot: CoordinatorSnapshot, wasShowing: boolean): PromptView {
  if (snapshot.isPrompting) return { state: 'available', version: snapshot.waitingVersion };
  if (!wasShowing || !AFTER_ACCEPT.includes(snapshot.status)) return HIDDEN;
  return snapshot.status === 'blocked' ? { state: 'blocked', holds: snapshot.holds } : { state: 'updating' };
}
