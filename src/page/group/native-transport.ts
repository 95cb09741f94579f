/**
 * broadcast-channel's native transport, rebuilt on its public `methods` option with
 * one change: anything not shaped like broadcast-channel's own envelope is dropped.
 * The library's listener reads `message.type` and indexes its listener table with
 * it unguarded, and its elector reads `data.context`, so `null`, a string or
 * `{ type: 'x' }` posted on our channel name by any other code on the origin would
 * throw in every tab. Our own messages are validated again by src/protocol/checks.ts.
 */
import type { BroadcastChannelOptions, BroadcastMethod } from 'broadcast-channel';

interface NativeState {
  readonly channel: BroadcastChannel;
  callback?: (message: unknown) => void;
}

/** The envelope broadcast-channel posts: `{ type: 'message' | 'internal', time, data }`. */
export function isChannelEnvelope(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { type, time, data } = value as { type?: unknown; time?: unknown; data?: unknown };
  if (typeof time !== 'number') return false;
  if (type === 'message') return true;
  // The elector reads fields of `data` without a check.
  return type === 'internal' && typeof data === 'object' && data !== null;
}

export const guardedNativeMethod: BroadcastMethod<NativeState> = {
  type: 'native',
  // The scale of broadcast-channel's own transports; only compared against listener start times.
  microSeconds: () => Date.now() * 1000,
  create(name) {
    const state: NativeState = { channel: new BroadcastChannel(name) };
    state.channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isChannelEnvelope(event.data)) state.callback?.(event.data);
    };
    return state;
  },
  close: (state) => state.channel.close(),
  onMessage(state, callback) {
    state.callback = callback;
  },
  postMessage(state, message) {
    try {
      state.channel.postMessage(message);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  },
  // As broadcast-channel decides: pages and workers, not Node (it has its own transport there).
  canBeUsed: () =>
    (typeof window !== 'undefined' || typeof self !== 'undefined') && typeof BroadcastChannel === 'function',
  // broadcast-channel's elector scales its waits by this; the native transport's figure.
  averageResponseTime: () => 150,
};

/**
 * The options for our channel: the caller's own transports (tests, a forced type)
 * first, then the guarded native one ahead of broadcast-channel's built-ins.
 */
export function withGuardedNative(options: BroadcastChannelOptions = {}): BroadcastChannelOptions {
  const own = options.methods === undefined ? [] : [options.methods].flat();
  return { ...options, methods: [...own, guardedNativeMethod as BroadcastMethod] };
}
