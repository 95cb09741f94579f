/**
 * Engine profiles of the fake browser: where Chromium, Firefox and WebKit order the
 * service-worker lifecycle differently, as test/browser/lifecycle.test.ts measures it in
 * each (docs/guide.md, "Browser support"), and how late each runs a hidden tab's timers,
 * as test/browser/hidden-timers.test.ts measures it. The simulation runs across them.
 */
import type { FakeBrowserOptions } from './browser.js';

export type EngineProfileName = 'chromium' | 'firefox' | 'webkit';

export const ENGINE_PROFILES: Record<
  EngineProfileName,
  Required<Pick<FakeBrowserOptions, 'activationDelayMs' | 'updateResolvesWhen' | 'hiddenTimers'>>
> = {
  // The activate event about a second after controllerchange; update() resolves while
  // installing. Hidden tabs' timers run at whole seconds (wake-ups aligned to 1 s; the
  // 1-minute alignment of chained timers after 5 minutes hidden is not modelled).
  chromium: {
    activationDelayMs: 1_000,
    updateResolvesWhen: 'installing',
    hiddenTimers: { kind: 'aligned', ms: 1_000 },
  },
  // Activation within milliseconds; update() resolves once the worker is installed.
  // Hidden tabs' timers run about a second after they were set, whatever their delay.
  firefox: {
    activationDelayMs: 0,
    updateResolvesWhen: 'installed',
    hiddenTimers: { kind: 'atLeast', ms: 1_000 },
  },
  // Activation within milliseconds; update() resolves while installing. Hidden tabs'
  // timers run 40–80 ms late (WebKitGTK; Safari throttles harder).
  webkit: {
    activationDelayMs: 0,
    updateResolvesWhen: 'installing',
    hiddenTimers: { kind: 'late', minMs: 40, maxMs: 80 },
  },
};

export const ENGINE_PROFILE_NAMES = Object.keys(ENGINE_PROFILES) as EngineProfileName[];
