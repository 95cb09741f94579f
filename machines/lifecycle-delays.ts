/**
 * The lifecycle machine's named delays. Each reads the context, whose `timing` was
 * merged once from the defaults and the app's option (machines/timing.ts).
 */
import type { LifecycleContext } from './lifecycle-context.js';
import { backoff } from './timing.js';

/** The longest delay setTimeout honours (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_DELAY = 2_147_483_647;

type Delay = (args: { context: LifecycleContext }) => number;

export const lifecycleDelays = {
  activateTimeout: ({ context }) => context.timing.activateTimeout,
  reloadTimeout: ({ context }) => context.timing.reloadTimeout,
  activationNudge: ({ context }) => context.timing.activationNudge,
  skipWaitingRetry: ({ context }) => context.timing.skipWaitingRetry,
  snoozeRemaining: ({ context }) => context.snoozeRemaining,
  /** Browsers run a longer setTimeout at once (its delay overflows 32 bits): cap it. */
  idleDelay: ({ context }) => Math.min(context.idleDelay, MAX_TIMER_DELAY),
  /** Doubles per failure, like automatic update checks (see `checkBackoff`). */
  registrationRetry: ({ context }) => backoff(context.timing, context.registrationFailures),
} satisfies Record<string, Delay>;
