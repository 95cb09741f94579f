/**
 * The wire protocol: every message that crosses a tab or worker boundary.
 *
 * This module is the one place message shapes live; checks.ts is where a receiver tells
 * them from anything else. The page side and the worker entry both import them, so they
 * must stay free of page code and dependencies.
 * docs/protocol.md is the human-readable contract; a change here is a change there.
 *
 * Compatibility rule: within one `v`, fields may be added but never removed or
 * re-typed, and receivers ignore fields they do not know. A receiver ignores any
 * message whose `ns` is not ours, whose `v` is not one it speaks, or whose fields
 * fail the checks in checks.ts. A later release that needs `v: 2` keeps sending the
 * `v: 1` RELOAD too, so pages of this release still reload.
 */

/** Namespace carried by every message, so foreign traffic on shared channels is ignored. */
export const NAMESPACE = 'sw-update-coordinator';
/** Protocol version this release speaks and understands. */
export const PROTOCOL_VERSION = 1;
/**
 * Revision of version 1 this module implements. Revisions only add optional fields and
 * rules (docs/protocol.md lists them); they never change `v`, so every release of
 * version 1 still understands every other.
 */
export const PROTOCOL_REVISION = 2;

/**
 * Messages larger than this (as JSON) are ignored. The largest legitimate one is a
 * ROSTER of {@link MAX_ROSTER_TABS} tabs, about 120 characters each.
 */
export const MAX_MESSAGE_CHARS = 16_384;
/** A ROSTER listing more tabs than this is ignored. */
export const MAX_ROSTER_TABS = 100;

interface Envelope<T extends string> {
  ns: typeof NAMESPACE;
  v: number;
  type: T;
}

// --- page → worker -----------------------------------------------------------

/**
 * Asks the waiting worker to call `skipWaiting()`. The `type` is the one Workbox
 * uses, so a Workbox-built worker activates on it too; the extra fields let our
 * worker tell every tab to reload afterwards.
 */
export interface SkipWaitingMessage {
  type: 'SKIP_WAITING';
  ns?: typeof NAMESPACE;
  v?: number;
  /** Identifies the accepted update; echoed back in {@link ReloadMessage}. */
  updateId?: string;
}

/** Asks a worker for its version; the reply goes to the transferred MessagePort. */
export type GetVersionMessage = Envelope<'GET_VERSION'>;

// --- worker → page -----------------------------------------------------------

/** The worker's answer to {@link GetVersionMessage}. */
export interface VersionMessage extends Envelope<'VERSION'> {
  version?: string;
}

/**
 * Sent by a newly activated worker, after a coordinated update, to every window client
 * in its registration's scope. Pages obey it only from a worker of their own registration.
 */
export interface ReloadMessage extends Envelope<'RELOAD'> {
  updateId?: string;
  version?: string;
  /**
   * The sender's registration scope (absolute URL). Added in revision 2; a page ignores a
   * RELOAD naming another scope. Absent from workers of revision 1.
   */
  scope?: string;
}

// --- tab ↔ tab (broadcast channel) --------------------------------------------

/** What a tab says about itself; the leader picks the presenter from these. */
export interface TabFields {
  tabId: string;
  visible: boolean;
  /** Wall-clock ms when the tab was last shown or focused. */
  focusedAt: number;
  /** Active holds in that tab. */
  holds: number;
}

/** A tab's news about itself (shown, hidden, focused, holds changed). */
export interface TabMessage extends Envelope<'TAB'>, TabFields {}

/**
 * A tab joined (or came back from the back/forward cache): the leader answers with a
 * {@link RosterMessage}. With `rollCall`, the leader calls the roll and every tab
 * answers with its own {@link TabMessage}; a tab that does not answer is gone.
 */
export interface HelloMessage extends Envelope<'HELLO'>, TabFields {
  rollCall?: boolean;
}

/** Leader → a newcomer (and everyone): every tab the leader knows, itself included. */
export interface RosterMessage extends Envelope<'ROSTER'> {
  /** The leader's own id. */
  tabId: string;
  tabs: TabFields[];
}

/** A tab is leaving (pagehide, destroy). */
export interface ByeMessage extends Envelope<'BYE'> {
  tabId: string;
}

/** The user accepted the update in some tab. */
export interface AcceptMessage extends Envelope<'ACCEPT'> {
  updateId: string;
  /** The waiting version the user accepted; tabs showing another version ignore it. */
  version?: string;
  /** Update even though some tabs hold unsaved work; held tabs still wait for release. */
  force?: boolean;
  /**
   * Wall-clock ms when the user accepted. A tab that loaded, or saw an update activate,
   * after that moment does not let an accept of another version start what waits now.
   */
  at?: number;
}

/** The user dismissed the prompt: snooze `version` until wall-clock ms `until`. */
export interface DismissMessage extends Envelope<'DISMISS'> {
  until: number;
  version?: string;
}

/** Leader → tabs: `tabId` presents the prompt from now on. */
export interface GrantMessage extends Envelope<'GRANT'> {
  tabId: string;
  epoch: number;
}

/** Leader → tabs: every tab except `except` stops presenting and answers RELEASED. */
export interface RevokeMessage extends Envelope<'REVOKE'> {
  except?: string;
  epoch: number;
}

/** Tab → leader: this tab's prompt cleanup has run. */
export interface ReleasedMessage extends Envelope<'RELEASED'> {
  tabId: string;
  epoch: number;
}

/** A tab asks the leader to check for an update (shown after a long while, back online). */
export interface CheckMessage extends Envelope<'CHECK'> {
  tabId: string;
}

export type WorkerInboundMessage = SkipWaitingMessage | GetVersionMessage;
export type WorkerOutboundMessage = VersionMessage | ReloadMessage;
export type GroupMessage =
  | TabMessage
  | HelloMessage
  | RosterMessage
  | ByeMessage
  | AcceptMessage
  | DismissMessage
  | GrantMessage
  | RevokeMessage
  | ReleasedMessage
  | CheckMessage;

/** Builds a message of ours with namespace and version filled in. */
export function message<M extends Envelope<string>>(fields: Omit<M, 'ns' | 'v'>): M {
  return { ns: NAMESPACE, v: PROTOCOL_VERSION, ...fields } as M;
}

/** A group message without its envelope, as senders write it (distributes over the union). */
export type GroupFields = GroupMessage extends infer M ? (M extends GroupMessage ? Omit<M, 'ns' | 'v'> : never) : never;

/** Adds the envelope to a group message. */
export function groupMessage(fields: GroupFields): GroupMessage {
  return { ns: NAMESPACE, v: PROTOCOL_VERSION, ...fields } as GroupMessage;
}
