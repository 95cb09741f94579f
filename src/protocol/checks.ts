/**
 * The receivers' checks: a message is ours, of this protocol version, plain data and
 * small, and its fields have the types its message type declares (messages.ts). Anything
 * else is someone else's traffic, or hostile, and is ignored. Nothing here throws on bad
 * input.
 */
import {
  MAX_MESSAGE_CHARS,
  MAX_ROSTER_TABS,
  NAMESPACE,
  PROTOCOL_VERSION,
  type GroupMessage,
  type ReloadMessage,
  type VersionMessage,
  type WorkerInboundMessage,
} from './messages.js';

/** Ids and versions are short strings; anything longer is treated as malformed. */
const MAX_STRING = 256;

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
