/**
 * Readable text for the parts of an XState v5 machine that are values, not names:
 * guards (including not/and/or/stateIn), actions, delays, invoked actors, events.
 */
import { and, not, or, stateIn, type AnyStateMachine } from 'xstate';
import { DEFAULT_TIMING } from '../../machines/timing.js';

interface BuiltinGuard {
  readonly check?: unknown;
  readonly guards?: readonly unknown[];
  readonly stateValue?: unknown;
}

/** The `check` functions XState attaches to its higher-order guards identify them. */
const checkOf = (guard: unknown): unknown => (guard as BuiltinGuard).check;
const NOT_CHECK = checkOf(not('x'));
const AND_CHECK = checkOf(and(['x']));
const OR_CHECK = checkOf(or(['x']));
const STATE_IN_CHECK = checkOf(stateIn('x'));

/** Names that JavaScript gives inline functions from the property they are written in. */
const GENERIC_FUNCTION_NAMES = new Set(['', 'guard', 'actions', 'entry', 'exit', 'anonymous']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const typeOf = (value: unknown): string | undefined =>
  (isRecord(value) || typeof value === 'function') && typeof (value as { type?: unknown }).type === 'string'
    ? (value as { type: string }).type
    : undefined;

/** `{ running: { role: 'leader' } }` → `running.role.leader`; `'#a.b'` → `a.b`. */
export function stateValueText(value: unknown): string {
  if (typeof value === 'string') return value.replace(/^#/, '');
  if (!isRecord(value)) return String(value);
  const leaves = Object.entries(value).map(([key, child]) =>
    isRecord(child) && Object.keys(child).length === 0 ? key : `${key}.${stateValueText(child)}`,
  );
  return leaves.join(' and ');
}

function isCompound(guard: unknown): boolean {
  const check = checkOf(guard);
  return typeof guard === 'function' && (check === AND_CHECK || check === OR_CHECK);
}

/** A guard as text: its name, or `not x`, `a and b`, `a or b`, `in a.b` for built-ins. */
export function guardText(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const builtin = guard as BuiltinGuard;
    const parts = (builtin.guards ?? []).map((g) => (isCompound(g) ? `(${guardText(g)})` : guardText(g)));
    if (builtin.check === NOT_CHECK) return `not ${parts[0] ?? '?'}`;
    if (builtin.check === AND_CHECK) return parts.join(' and ');
    if (builtin.check === OR_CHECK) return parts.join(' or ');
    if (builtin.check === STATE_IN_CHECK) return `in ${stateValueText(builtin.stateValue)}`;
    return GENERIC_FUNCTION_NAMES.has(guard.name) ? 'inline' : guard.name;
  }
  return typeOf(guard) ?? 'inline';
}

/**
 * An action as text, or undefined for the raise/cancel pair XState adds to entry/exit
 * for every `after` transition (the chart shows those as transitions).
 */
export function actionText(action: unknown): string | undefined {
  if (typeof action === 'string') return action;
  const type = typeOf(action);
  if (typeof action === 'function') {
    const fields = action as { id?: unknown; sendId?: unknown };
    const ref = type === 'xstate.raise' ? fields.id : type === 'xstate.cancel' ? fields.sendId : undefined;
    if (typeof ref === 'string' && ref.startsWith('xstate.after.')) return undefined;
    if (type !== undefined) return type.replace(/^xstate\./, '');
    return GENERIC_FUNCTION_NAMES.has(action.name) ? 'inline' : action.name;
  }
  return type ?? 'inline';
}

/** Milliseconds in the largest unit that keeps it short: 100 ms, 1.5 s, 10 s, 2 min, 1 h. */
export function formatDuration(ms: number): string {
  const units: ReadonlyArray<readonly [number, string]> = [
    [3_600_000, 'h'],
    [60_000, 'min'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  }
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${ms} ms`;
}

/**
 * `after activateTimeout (10 s)` for a named delay with a numeric value or a default in
 * DEFAULT_TIMING (delays read the timing from context), `after 30 s` for a number.
 */
export function delayText(delay: unknown, machine: AnyStateMachine): string {
  if (typeof delay === 'number') return `after ${formatDuration(delay)}`;
  if (typeof delay === 'string') {
    const implemented: unknown = machine.implementations.delays[delay];
    const value =
      typeof implemented === 'number'
        ? implemented
        : delay in DEFAULT_TIMING
          ? DEFAULT_TIMING[delay as keyof typeof DEFAULT_TIMING]
          : undefined;
    return typeof value === 'number' ? `after ${delay} (${formatDuration(value)})` : `after ${delay}`;
  }
  return 'after (computed delay)';
}

/** The event part of a transition label; XState's internal event types made readable. */
export function eventText(eventType: string): string {
  const internal: ReadonlyArray<readonly [string, string]> = [
    ['xstate.done.actor.', 'done '],
    ['xstate.error.actor.', 'error '],
    ['xstate.snapshot.', 'snapshot '],
  ];
  for (const [prefix, text] of internal) {
    if (eventType.startsWith(prefix)) return text + eventType.slice(prefix.length);
  }
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  if (eventType === 'xstate.route') return 'route';
  return eventType;
}

/** An invoked actor: its `src` name, with its id when one was given that differs. */
export function invokeText(invoke: { id: string; src: unknown }, index: number, stateId: string): string {
  const generatedId = invoke.id === `${index}.${stateId}`;
  const src = typeof invoke.src === 'string' && !invoke.src.startsWith('xstate.invoke.') ? invoke.src : undefined;
  if (src === undefined) return generatedId ? 'inline actor' : invoke.id;
  return generatedId || invoke.id === src ? src : `${src} (id ${invoke.id})`;
}
