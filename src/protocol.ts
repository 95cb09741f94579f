/**
 * The wire protocol: every message that crosses a tab or worker boundary.
 *
 * This module is the one place message shapes live. The page side and the worker
 * entry both import it, so it must stay free of page code and dependencies.
 * docs/protocol.md is the human-readable contract; a change here is a change there.
 *
 * Compatibility rule: within one `v`, fields may be added but never removed or
 * re-typed, and receivers ignore fields they do not know. A receiver ignores any
 * message whose `ns` is not ours, whose `v` is not one it speaks, or whose fields
 * fail the guards below. A later release that needs `v: 2` keeps sending the `v: 1`
 * RELOAD too, so pages of this release still reload. Nothing here throws on bad input.
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
/** Ids and versions are short strings; anything longer is treated as malformed. */
const MAX_STRING = 256;

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

// --- guards ------------------------------------------------------------------

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_STRING;
}

function isOptionalShortString(value: unknown): boolean {
  return value === undefined || isShortString(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A plain object from any realm (structured clones arrive in the receiver's realm). */
function isPlainObject(value: unknown): value is Fields {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Ours, this version, plain data and small; everything else is someone else's traffic. */
function isOurs(value: unknown): value is Fields {
  if (!isPlainObject(value)) return false;
  if (value.ns !== NAMESPACE || value.v !== PROTOCOL_VERSION) return false;
  if (typeof value.type !== 'string') return false;
  try {
    return JSON.stringify(value).length <= MAX_MESSAGE_CHARS;
  } catch {
    return false;
  }
}

const hasTabFields = (m: Fields): boolean =>
  isShortString(m.tabId) &&
  typeof m.visible === 'boolean' &&
  isFiniteNumber(m.focusedAt) &&
  Number.isSafeInteger(m.holds) &&
  (m.holds as number) >= 0;

const groupFieldChecks: Record<GroupMessage['type'], (m: Fields) => boolean> = {
  TAB: hasTabFields,
  HELLO: (m) => hasTabFields(m) && (m.rollCall === undefined || typeof m.rollCall === 'boolean'),
  ROSTER: (m) =>
    isShortString(m.tabId) &&
    Array.isArray(m.tabs) &&
    m.tabs.length <= MAX_ROSTER_TABS &&
    m.tabs.every((tab: unknown) => isPlainObject(tab) && hasTabFields(tab)),
  BYE: (m) => isShortString(m.tabId),
  ACCEPT: (m) =>
    isShortString(m.updateId) &&
    isOptionalShortString(m.version) &&
    (m.force === undefined || typeof m.force === 'boolean') &&
    (m.at === undefined || isFiniteNumber(m.at)),
  DISMISS: (m) => isFiniteNumber(m.until) && isOptionalShortString(m.version),
  GRANT: (m) => isShortString(m.tabId) && isFiniteNumber(m.epoch),
  REVOKE: (m) => isOptionalShortString(m.except) && isFiniteNumber(m.epoch),
  RELEASED: (m) => isShortString(m.tabId) && isFiniteNumber(m.epoch),
  CHECK: (m) => isShortString(m.tabId),
};

/** Wraps a check so that reading a hostile object (a throwing getter, a revoked proxy) means "not ours". */
function never<T>(check: (value: unknown) => boolean): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    try {
      return check(value);
    } catch {
      return false;
    }
  };
}

/** True for a well-formed tab-to-tab message of this protocol version. */
export const isGroupMessage = never<GroupMessage>(
  (value) =>
    isOurs(value) &&
    Object.hasOwn(groupFieldChecks, value.type as string) &&
    groupFieldChecks[value.type as GroupMessage['type']](value),
);

/** True for a well-formed message a page may send to the worker (Workbox's bare form included). */
export const isWorkerInboundMessage = never<WorkerInboundMessage>((value) => {
  if (!isRecord(value)) return false;
  if (value.type === 'SKIP_WAITING') return isOptionalShortString(value.updateId);
  return isOurs(value) && value.type === 'GET_VERSION';
});

/** True for a well-formed {@link VersionMessage}. */
export const isVersionMessage = never<VersionMessage>(
  (value) => isOurs(value) && value.type === 'VERSION' && isOptionalShortString(value.version),
);

/** True for a well-formed {@link ReloadMessage}. */
export const isReloadMessage = never<ReloadMessage>(
  (value) =>
    isOurs(value) &&
    value.type === 'RELOAD' &&
    isOptionalShortString(value.updateId) &&
    isOptionalShortString(value.version) &&
    // A URL: longer than an id may be, bounded by MAX_MESSAGE_CHARS.
    (value.scope === undefined || typeof value.scope === 'string'),
);
