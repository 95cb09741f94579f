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
  Required<
    Pick<
      FakeBrowserOptions,
      'activationDelayMs' | 'updateResolvesWhen' | 'activationOrder' | 'reloadAfterCancel' | 'hiddenTimers'
    >
  >
> = {
  // The activate event about a second after controllerchange; update() resolves while
  // installing. Hidden tabs' timers with a delay run at whole seconds (wake-ups aligned
  // to 1 s; the 1-minute alignment of chained timers after 5 minutes hidden is not
  // modelled); 0 ms ones at once.
  chromium: {
    activationDelayMs: 1_000,
    updateResolvesWhen: 'installing',
    activationOrder: 'retireFirst',
    reloadAfterCancel: 'reloads',
    hiddenTimers: { kind: 'aligned', ms: 1_000 },
  },
  // Activation within milliseconds; update() resolves once the worker is installed; the
  // new worker is active and activating before the old one turns redundant. A page whose
  // reload its beforeunload prompt cancelled ignores its later reloads. Hidden tabs'
  // timers run at most once a second, 0 ms ones included.
  firefox: {
    activationDelayMs: 0,
    updateResolvesWhen: 'installed',
    activationOrder: 'activateFirst',
    reloadAfterCancel: 'ignored',
    hiddenTimers: { kind: 'spaced', ms: 1_000 },
  },
  // Activation within milliseconds; update() resolves while installing. WebKitGTK runs
  // hidden tabs' timers on time (Safari on macOS and iOS throttles; not measured here).
  // How it reloads after a cancelled reload is not measured (its WebDriver answers no
  // beforeunload prompt): as Chromium.
  webkit: {
    activationDelayMs: 0,
    updateResolvesWhen: 'installing',
    activationOrder: 'retireFirst',
    reloadAfterCancel: 'reloads',
    hiddenTimers: { kind: 'onTime' },
  },
};

export const ENGINE_PROFILE_NAMES = Object.keys(ENGINE_PROFILES) as EngineProfileName[];
