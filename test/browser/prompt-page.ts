/**
 * Self-contained helper for prompt.test.ts: one Chromium (the system browser, never a
 * download), and a page holding <sw-update-prompt> wired to the same fake coordinator
 * the unit tests use. Both are bundled from source with esbuild at test time, so the
 * suite needs no build and no server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import type * as Prompt from '../../src/prompt/index.js';
import type { CoordinatorSnapshot } from '../../src/page/types.js';
import type * as Fakes from '../bindings/fake-coordinator.js';

import { CHROMIUM_PATH, LAUNCH_ARGS } from './chromium.js';

export { CHROMIUM_PATH };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS = `${ROOT}test-results/`;

declare global {
  interface Window {
    swUpdatePrompt: typeof Prompt;
    fakes: typeof Fakes;
    updates: Fakes.FakeCoordinator;
    unmount: () => void;
    axe: typeof Axe;
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

async function bundle(entry: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [`${ROOT}${entry}`],
    bundle: true,
    format: 'iife',
    globalName,
    target: 'es2020',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** The prompt and the fake coordinator as classic scripts, built once per file. */
export async function bundleScripts(): Promise<string[]> {
  return Promise.all([
    bundle('src/prompt/index.ts', 'swUpdatePrompt'),
    bundle('test/bindings/fake-coordinator.ts', 'fakes'),
  ]);
}

/** A plain app page that follows the colour scheme, with a focusable control before the prompt. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="color-scheme" content="light dark">
  <title>Prompt test page</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 24px 32px; }
    main { max-width: 40rem; }
  </style>
</head>
<body>
  <main>
    <h1>Notes</h1>
    <p>An app page with some content, so screenshots show the prompt in context.</p>
    <label>Title <input id="title"></label>
    <button id="before" type="button">Save</button>
  </main>
</body>
</html>`;

/**
 * Loads the page with the scripts and mounts the prompt on a fresh fake coordinator
 * (status idle, nothing to prompt). Options are passed to mountUpdatePrompt (only
 * serialisable ones: strings hold functions, and are covered by the unit tests).
 */
export async function openPromptPage(
  page: Page,
  scripts: string[],
  options: { position?: Prompt.UpdatePromptPosition } = {},
): Promise<void> {
  await page.setContent(PAGE);
  for (const content of scripts) await page.addScriptTag({ content });
  await page.evaluate((options) => {
    window.updates = window.fakes.createFakeCoordinator();
    window.unmount = window.swUpdatePrompt.mountUpdatePrompt(window.updates, options);
  }, options);
}

/** Changes the fake coordinator's snapshot in the page, then lets the slide-in finish. */
export async function setSnapshot(page: Page, patch: Partial<CoordinatorSnapshot>): Promise<void> {
  await page.evaluate(async (patch) => {
    window.updates.set(patch);
    const prompt = document.querySelector('sw-update-prompt')!;
    await Promise.all(prompt.shadowRoot!.getAnimations().map((animation) => animation.finished));
  }, patch);
}

/** The prompt's container, inside the shadow root (Playwright's CSS engine pierces open shadow roots). */
export const CONTAINER = 'sw-update-prompt [part=container]';
export const UPDATE = 'sw-update-prompt [part~=update]';
export const LATER = 'sw-update-prompt [part~=later]';

/** The `part` of the element focused inside the prompt, or the id/tag of the page's focused element. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.shadowRoot?.activeElement;
    if (inner) return inner.getAttribute('part') ?? inner.tagName;
    return active?.id || active?.tagName || 'none';
  });
}
