/**
 * The fake browser's own broadcast-channel transport (a custom "method" for the
 * broadcast-channel package), so channel traffic belongs to pages: a crashed page's
 * messages go nowhere and nothing reaches it. Otherwise it behaves like the package's
 * `simulate` method: delivery after 5 ms to every other open channel of that name
 * created before the message was sent. One bus per fake browser, so browsers (and
 * simulation runs) never hear each other.
 */
import type { BroadcastChannelOptions, BroadcastMethod } from 'broadcast-channel';
import { asBrowser, asPage } from './late-timers.js';
import type { Page } from './page.js';

/** broadcast-channel's `simulate` delay, which tests and leader election are tuned to. */
export const CHANNEL_DELAY_MS = 5;

interface ChannelState {
  readonly name: string;
  readonly page: Page;
  /** Creation time in µs: a channel never gets messages sent before it existed. */
  readonly time: number;
  callback: ((message: { time: number }) => void) | null;
}

/**
 * Channel messages counted since the browser started, by broadcast-channel's kind:
 * `message` is what the app (the coordinator's group) posts, `internal` the package's
 * own leader election; and by kind and type (`message:HELLO`, `internal:apply`).
 * `delivered` counts each arrival at another page's channel.
 */
export interface ChannelTraffic {
  sent: Record<string, number>;
  delivered: Record<string, number>;
}

export class ChannelBus {
  readonly #channels = new Set<ChannelState>();
  /**
   * @param pollMs undefined: every message arrives `CHANNEL_DELAY_MS` after it was sent,
   *   on time in a hidden page too (as BroadcastChannel and storage events do). A number:
   *   each page reads it by polling, `pollMs` later on that page's own timers (late while
   *   hidden), as broadcast-channel's IndexedDB method does; the method then says `idb`.
   */
  constructor(readonly pollMs?: number) {}

  #lastMicros = 0;
  readonly traffic: ChannelTraffic = { sent: {}, delivered: {} };

  /** Monotonic µs from `Date.now()`, per bus (so a run never depends on an earlier one). */
  microSeconds(): number {
    const micros = Math.max(Date.now() * 1000, this.#lastMicros + 1);
    this.#lastMicros = micros;
    return micros;
  }

  /** The `channelOptions` for `page`: broadcast-channel picks the first usable method. */
  optionsFor(page: Page): BroadcastChannelOptions {
    const method: BroadcastMethod<ChannelState> = {
      type: this.pollMs === undefined ? 'fake-browser' : 'idb',
      microSeconds: () => this.microSeconds(),
      create: (name) => {
        const state: ChannelState = { name, page, time: this.microSeconds(), callback: null };
        this.#channels.add(state);
        return state;
      },
      close: (state) => void this.#channels.delete(state),
      onMessage: (state, callback) => void (state.callback = callback),
      postMessage: (state, message: { time: number }) => this.#post(state, message),
      canBeUsed: () => true,
      averageResponseTime: () => this.pollMs ?? CHANNEL_DELAY_MS,
    };
    // broadcast-channel skips methods of type `idb` unless web-worker support is asked for.
    return { methods: [method as unknown as BroadcastMethod], webWorkerSupport: this.pollMs !== undefined };
  }

  #post(
    from: ChannelState,
    message: { time: number; type?: string; data?: { type?: unknown; action?: unknown } },
  ): Promise<void> {
    // A crashed page's script is dead: what it "sends" goes nowhere.
    if (from.page.crashed) return Promise.resolve();
    const kind = message.type ?? 'unknown';
    const keys = [kind, `${kind}:${String(message.data?.type ?? message.data?.action)}`];
    const count = (tally: Record<string, number>) => keys.forEach((key) => (tally[key] = (tally[key] ?? 0) + 1));
    count(this.traffic.sent);
    // Delivered on time to hidden pages too (only their timers are late), unless polled.
    return new Promise((resolve) =>
      asBrowser(() =>
        setTimeout(() => {
          for (const to of [...this.#channels]) {
            if (
              to.name === from.name &&
              to !== from &&
              to.callback !== null &&
              !to.page.crashed &&
              !to.page.cached &&
              to.time < message.time
            ) {
              const { callback } = to;
              const deliver = (): void => {
                if (to.page.crashed || to.page.cached || !this.#channels.has(to)) return;
                count(this.traffic.delivered);
                callback(message);
              };
              asPage(to.page.timers, () => (this.pollMs === undefined ? deliver() : setTimeout(deliver, this.pollMs)));
            }
          }
          resolve();
        }, CHANNEL_DELAY_MS),
      ),
    );
  }
}
