/**
 * Engine profiles of the fake browser: where Chromium, Firefox and WebKit order the
 * service-worker lifecycle differently, as test/browser/lifecycle.test.ts measures it in
 * each (docs/guide.md, "Browser support"). The simulation runs across them.
 */
import type { FakeBrowserOptions } from './browser.js';

export type EngineProfileName = 'chromium' | 'firefox' | 'webkit';

export const ENGINE_PROFILES: Record<
  EngineProfileName,
  Pick<FakeBrowserOptions, 'activationDelayMs' | 'updateResolvesWhen'>
> = {
  // The activate event about a second after controllerchange; update() resolves while installing.
  chromium: { activationDelayMs: 1_000, updateResolvesWhen: 'installing' },
  // Activation within milliseconds; update() resolves once the worker is installed.
  firefox: { activationDelayMs: 0, updateResolvesWhen: 'installed' },
  // Activation within milliseconds; update() resolves while installing.
  webkit: { activationDelayMs: 0, updateResolvesWhen: 'installing' },
};

export const ENGINE_PROFILE_NAMES = Object.keys(ENGINE_PROFILES) as EngineProfileName[];
