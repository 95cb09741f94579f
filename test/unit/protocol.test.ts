/**
 * The wire protocol's guards: well-formed messages pass, anything else is ignored
 * without throwing (malformed, foreign, oversized, future-versioned, polluting).
 */
import { describe, expect, it } from 'vitest';
import { NAMESPACE, PROTOCOL_VERSION, type ReloadMessage } from '../../src/protocol/messages.js';
import {
  isGroupMessage,
  isReloadMessage,
  isVersionMessage,
  isWorkerInboundMessage,
} from '../../src/protocol/checks.js';
import type { RegistrationLike } from '../../src/page/environment.js';
import { isOwnReload } from '../../src/page/reload-source.js';

const tab = { tabId: 't1', visible: true, focusedAt: 1, holds: 0 };
/** Builds an envelope around any fields, valid or not: the guards are what is under test. */
const message = (fields: Record<string, unknown>) => ({ ns: NAMESPACE, v: PROTOCOL_VERSION, ...fields });

describe('protocol guards', () => {
  it('accepts every well-formed group message', () => {
    const good = [
      message({ type: 'TAB', ...tab }),
      message({ type: 'HELLO', ...tab }),
      message({ type: 'HELLO', ...tab, rollCall: true }),
      message({ type: 'ROSTER', tabId: 't1', tabs: [tab, { ...tab, tabId: 't2' }] }),
      message({ type: 'ROSTER', tabId: 't1', tabs: [] }),
      message({ type: 'BYE', tabId: 't1' }),
      message({ type: 'ACCEPT', updateId: 'u1' }),
      message({ type: 'ACCEPT', updateId: 'u1', force: true }),
      message({ type: 'ACCEPT', updateId: 'u1', version: '2', force: false, at: 1_700_000_000_000 }),
      message({ type: 'DISMISS', until: 5, version: '2' }),
      message({ type: 'DISMISS', until: 5 }),
      message({ type: 'GRANT', tabId: 't1', epoch: 3 }),
      message({ type: 'REVOKE', except: 't1', epoch: 3 }),
      message({ type: 'REVOKE', epoch: 3 }),
      message({ type: 'RELEASED', tabId: 't1', epoch: 3 }),
    ];
    for (const msg of good) expect(isGroupMessage(msg), JSON.stringify(msg)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'TAB'],
    ['an array', [NAMESPACE]],
    ['a foreign namespace', { ...message({ type: 'BYE', tabId: 't1' }), ns: 'other-lib' }],
    ['a future version', { ...message({ type: 'BYE', tabId: 't1' }), v: PROTOCOL_VERSION + 1 }],
    ['an unknown type', message({ type: 'EXPLODE', tabId: 't1' })],
    ['a prototype key as type', message({ type: '__proto__' })],
    ['constructor as type', message({ type: 'constructor' })],
    ['a missing field', message({ type: 'GRANT', tabId: 't1' })],
    ['a wrong field type', message({ type: 'GRANT', tabId: 't1', epoch: '3' })],
    ['NaN epoch', message({ type: 'GRANT', tabId: 't1', epoch: Number.NaN })],
    ['negative holds', message({ type: 'TAB', ...tab, holds: -1 })],
    ['fractional holds', message({ type: 'TAB', ...tab, holds: 0.5 })],
    ['an empty id', message({ type: 'BYE', tabId: '' })],
    ['an oversized id', message({ type: 'BYE', tabId: 'x'.repeat(300) })],
    ['an oversized payload', { ...message({ type: 'BYE', tabId: 't1' }), junk: 'x'.repeat(20_000) }],
    ['a non-boolean force', message({ type: 'ACCEPT', updateId: 'u', force: 'yes' })],
    ['an accept time that is not a number', message({ type: 'ACCEPT', updateId: 'u', at: '2026-11-21' })],
    ['an infinite accept time', message({ type: 'ACCEPT', updateId: 'u', at: Number.POSITIVE_INFINITY })],
    ['a non-boolean roll call', message({ type: 'HELLO', ...tab, rollCall: 1 })],
    ['a roster that is not a list', message({ type: 'ROSTER', tabId: 't1', tabs: { 0: tab } })],
    ['a roster with a malformed tab', message({ type: 'ROSTER', tabId: 't1', tabs: [{ ...tab, holds: -2 }] })],
    [
      'a roster of too many tabs',
      message({ type: 'ROSTER', tabId: 't1', tabs: Array.from({ length: 101 }, () => tab) }),
    ],
    ['a class instance', Object.assign(new (class Msg {})(), message({ type: 'BYE', tabId: 't1' }))],
  ])('ignores %s', (_name, value) => {
    expect(isGroupMessage(value)).toBe(false);
  });

  it('does not throw on hostile objects', () => {
    const cyclic: Record<string, unknown> = { ...message({ type: 'BYE', tabId: 't1' }) };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({ ns: NAMESPACE, v: 1 }, 'type', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(isGroupMessage(cyclic)).toBe(false);
    expect(isGroupMessage(throwing)).toBe(false);
    expect(isGroupMessage(revoked.proxy)).toBe(false);
    expect(isReloadMessage(throwing)).toBe(false);
  });

  it('parsed JSON with __proto__ keys pollutes nothing', () => {
    const parsed: unknown = JSON.parse(
      `{"ns":"${NAMESPACE}","v":1,"type":"BYE","tabId":"t1","__proto__":{"polluted":true}}`,
    );
    isGroupMessage(parsed);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts the bare Workbox SKIP_WAITING and our GET_VERSION, nothing else', () => {
    expect(isWorkerInboundMessage({ type: 'SKIP_WAITING' })).toBe(true);
    expect(isWorkerInboundMessage(message({ type: 'SKIP_WAITING', updateId: 'u' }))).toBe(true);
    expect(isWorkerInboundMessage(message({ type: 'GET_VERSION' }))).toBe(true);
    expect(isWorkerInboundMessage({ type: 'GET_VERSION' })).toBe(false);
    expect(isWorkerInboundMessage({ type: 'SKIP_WAITING', updateId: 7 })).toBe(false);
    expect(isWorkerInboundMessage('SKIP_WAITING')).toBe(false);
  });

  it('recognises worker answers', () => {
    expect(isVersionMessage(message({ type: 'VERSION', version: '2' }))).toBe(true);
    expect(isVersionMessage(message({ type: 'VERSION' }))).toBe(true);
    expect(isVersionMessage(message({ type: 'VERSION', version: 2 }))).toBe(false);
    expect(isReloadMessage(message({ type: 'RELOAD', updateId: 'u', version: '2' }))).toBe(true);
    expect(isReloadMessage({ type: 'RELOAD' })).toBe(false);
  });

  it('reads the scope a revision-2 RELOAD carries, and still accepts a revision-1 RELOAD without one', () => {
    const scope = 'https://app.test/a/';
    expect(isReloadMessage(message({ type: 'RELOAD', updateId: 'u', scope }))).toBe(true);
    expect(isReloadMessage(message({ type: 'RELOAD', updateId: 'u' }))).toBe(true);
    expect(isReloadMessage(message({ type: 'RELOAD', scope: 42 }))).toBe(false);
    expect(isReloadMessage(message({ type: 'RELOAD', scope: `${scope}${'x'.repeat(20_000)}` }))).toBe(false);
  });
});

describe('who obeys a RELOAD', () => {
  const worker = (name: string) => ({ name });
  const active = worker('active');
  const registration = {
    scope: 'https://app.test/a/',
    installing: null,
    waiting: null,
    active,
  } as unknown as RegistrationLike;
  const reload = (fields: Partial<ReloadMessage> = {}) => message({ type: 'RELOAD', ...fields }) as ReloadMessage;

  it("obeys a revision-2 RELOAD naming the page's scope, and a revision-1 one from its registration's worker", () => {
    const own = new WeakSet<object>();
    expect(isOwnReload(reload({ scope: registration.scope }), active, registration, own)).toBe(true);
    // Only this registration's worker can name its scope, whatever object the engine passes.
    expect(isOwnReload(reload({ scope: registration.scope }), null, registration, own)).toBe(true);
    expect(isOwnReload(reload(), active, registration, own)).toBe(true);
    // A worker seen in the registration earlier, since replaced in its slots.
    const earlier = worker('earlier');
    own.add(earlier);
    expect(isOwnReload(reload(), earlier, registration, own)).toBe(true);
  });

  it("ignores another scope, a revision-1 RELOAD from another registration's worker or none, or an unknown registration", () => {
    const own = new WeakSet<object>();
    const foreign = worker('foreign');
    expect(isOwnReload(reload({ scope: 'https://app.test/b/' }), active, registration, own)).toBe(false);
    expect(isOwnReload(reload({ scope: 'https://app.test/' }), foreign, registration, own)).toBe(false);
    expect(isOwnReload(reload(), foreign, registration, own)).toBe(false);
    expect(isOwnReload(reload(), null, registration, own)).toBe(false);
    expect(isOwnReload(reload({ scope: registration.scope }), active, undefined, own)).toBe(false);
  });
});
