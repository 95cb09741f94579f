/**
 * The tab driver's entry: `launchEngine(name)` starts one engine from its Debian
 * package (never a download), or fails naming the package to install.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../chromium.js';
import { launchChromium } from './chromium.js';
import { FIREFOX_PATH, launchFirefox } from './firefox.js';
import type { Engine, EngineName, EnginePowers } from './types.js';
import { launchWebKit, miniBrowserPath, WEBKIT_DRIVER } from './webkit.js';

export type { Context, Engine, EngineName, EnginePowers, PageFunction, Tab } from './types.js';
export { MISSING_POWER } from './types.js';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** Each engine's powers (EnginePowers), known before it starts, so scenarios can be marked when collected. */
export const POWERS: Record<EngineName, ReadonlyArray<keyof EnginePowers>> = {
  chromium: [
    'crash',
    'freeze',
    'backForwardCacheReasons',
    'preload',
    'stayOnBeforeUnload',
    'bringToFront',
    'concurrentContexts',
  ],
  firefox: ['preload', 'stayOnBeforeUnload', 'bringToFront', 'concurrentContexts'],
  webkit: [],
};

/** The Debian packages each engine needs. */
export const PACKAGES: Record<EngineName, string[]> = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'xvfb'],
};

/** What is missing for `engine`, as the one command that installs it; undefined if nothing. */
export function missing(engine: EngineName): string | undefined {
  const present: Record<EngineName, () => boolean> = {
    chromium: () => existsSync(CHROMIUM_PATH),
    firefox: () => existsSync(FIREFOX_PATH),
    webkit: () => existsSync(WEBKIT_DRIVER) && miniBrowserPath() !== undefined && existsSync('/usr/bin/Xvfb'),
  };
  return present[engine]() ? undefined : `apt-get install -y ${PACKAGES[engine].join(' ')}`;
}

/** Starts `engine`; throws, naming the engine and the package, if it is not installed or does not start. */
export async function launchEngine(engine: EngineName): Promise<Engine> {
  const install = missing(engine);
  if (install !== undefined)
    throw new Error(`${engine} is not installed: run \`${install}\` (scripts/engines/ensure.sh does it for you)`);
  const launch = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit }[engine];
  try {
    return await launch();
  } catch (error) {
    throw new Error(`${engine} did not start: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** The engine a test project runs in (vitest sets ENGINE per project: browser:chromium, …). */
export function engineOfRun(): EngineName {
  const name = process.env.ENGINE ?? 'chromium';
  if (!(ENGINES as readonly string[]).includes(name))
    throw new Error(`ENGINE=${name}: expected one of ${ENGINES.join(', ')}`);
  return name as EngineName;
}
