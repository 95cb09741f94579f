/**
 * The guarded native transport: junk that broadcast-channel's own listener would
 * throw on never reaches it, and our transport never displaces one a caller chose.
 */
import type { BroadcastMethod } from 'broadcast-channel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardedNativeMethod, isChannelEnvelope, withGuardedNative } from '../../src/page/group/native-transport.js';

describe('isChannelEnvelope', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 1],
    ['a string', 'junk'],
    ['an empty object', {}],
    ['our message without the wrapper', { ns: 'sw-update-coordinator', v: 1, type: 'ACCEPT' }],
    ['an unknown type', { type: 'nonsense', time: 1, data: {} }],
    ['a prototype key as type', { type: 'constructor', time: 1, data: {} }],
    ['no time', { type: 'message', data: {} }],
    ['internal with null data', { type: 'internal', time: 1, data: null }],
    ['internal with a string', { type: 'internal', time: 1, data: 'leader' }],
  ])('drops %s', (_label, value) => {
    expect(isChannelEnvelope(value)).toBe(false);
  });

  it.each([
    ['a message', { type: 'message', time: 1, data: { anything: true } }],
    ['a message with junk data (src/protocol/checks.ts checks it)', { type: 'message', time: 1, data: null }],
    ['an elector message', { type: 'internal', time: 1, data: { context: 'leader', action: 'tell' } }],
  ])('passes %s', (_label, value) => {
    expect(isChannelEnvelope(value)).toBe(true);
  });
});

describe('the guarded native transport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('delivers envelopes between channels of one name and drops the rest', async () => {
    vi.stubGlobal('self', globalThis);
    const a = guardedNativeMethod.create('guarded-test', {}) as Parameters<typeof guardedNativeMethod.close>[0];
    const b = guardedNativeMethod.create('guarded-test', {}) as Parameters<typeof guardedNativeMethod.close>[0];
    const received: unknown[] = [];
    guardedNativeMethod.onMessage(b, (message: unknown) => received.push(message));
    const raw = new BroadcastChannel('guarded-test');
    for (const junk of [null, 'junk', {}, { type: 'internal', time: 1, data: null }]) raw.postMessage(junk);
    const envelope = { type: 'message', time: guardedNativeMethod.microSeconds(), data: { n: 1 } };
    await guardedNativeMethod.postMessage(a, envelope);
    await vi.waitFor(() => expect(received).toEqual([envelope]));
    raw.close();
    guardedNativeMethod.close(a);
    guardedNativeMethod.close(b);
  });

  it('is used only where a page or worker is (broadcast-channel has its own Node transport)', () => {
    expect(guardedNativeMethod.canBeUsed()).toBe(false);
    vi.stubGlobal('self', globalThis);
    expect(guardedNativeMethod.canBeUsed()).toBe(true);
  });

  it('tells time in microseconds, as broadcast-channel compares it', () => {
    const before = Date.now() * 1000;
    const time = guardedNativeMethod.microSeconds();
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now() * 1000);
  });

  it("comes after the caller's own transports, and keeps the caller's options", () => {
    const own = { type: 'test' } as unknown as BroadcastMethod;
    expect(withGuardedNative({ methods: own, webWorkerSupport: false })).toEqual({
      methods: [own, guardedNativeMethod],
      webWorkerSupport: false,
    });
    expect(withGuardedNative(undefined).methods).toEqual([guardedNativeMethod]);
  });
});
