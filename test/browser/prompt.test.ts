/**
 * <sw-update-prompt> in real Chromium: how it looks (screenshots in light and dark,
 * saved to test-results/ for a human to look at), keyboard operation with a visible
 * focus ring, no focus stealing, axe-core with no violations, reduced motion, layout.
 *
 * These component tests use Playwright's emulation (colour scheme, reduced motion),
 * screenshots, keyboard and ARIA snapshots, so they run in the Chromium project only;
 * the prompt's behaviour and its axe check on the demo page run in every engine
 * (demo.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import { quietly } from './driver/cleanup.js';
import { ENGINE, onlyIn } from './harness.js';
import type { Browser, Page } from 'playwright-core';
import {
  bundleScripts,
  CONTAINER,
  focused,
  LATER,
  launchChromium,
  openPromptPage,
  RESULTS,
  setSnapshot,
  UPDATE,
} from './prompt-page.js';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const PROMPTING = { status: 'available', isPrompting: true, waitingVersion: '2.4' } as const;
const BLOCKED = { status: 'blocked', isPrompting: false, holds: 2 } as const;

const CHROMIUM_ONLY =
  "the prompt's component tests use Playwright's Chromium emulation (colour scheme, reduced motion), screenshots and ARIA snapshots; its behaviour and axe check run in every engine in demo.test.ts";
const it = Object.assign(onlyIn('chromium', CHROMIUM_ONLY), {
  each:
    <T>(cases: readonly T[]) =>
    (name: string, body: (value: T) => Promise<void>) => {
      for (const value of cases)
        onlyIn('chromium', CHROMIUM_ONLY)(name.replace('%s', String(value)), () => body(value));
    },
});
const active = ENGINE === 'chromium';

let browser: Browser;
let scripts: string[];
let page: Page;

beforeAll(async () => {
  if (active) [browser, scripts] = await Promise.all([launchChromium(), bundleScripts()]);
});
afterAll(async () => {
  if (browser !== undefined) await quietly('close Chromium', () => browser.close());
});
beforeEach(async () => {
  if (active) page = await browser.newPage({ viewport: { width: 800, height: 480 } });
});
afterEach(async () => {
  if (page !== undefined) await quietly('close the page', () => page.close());
});

const shot = (name: string) => page.screenshot({ path: `${RESULTS}prompt-${name}.png`, animations: 'disabled' });

describe('appearance', () => {
  it('follows the colour scheme; screenshots in light and dark', async () => {
    const backgrounds: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await openPromptPage(page, scripts);
      await setSnapshot(page, PROMPTING);
      await shot(`available-${colorScheme}`);
      backgrounds.push(await page.locator(CONTAINER).evaluate((el) => getComputedStyle(el).backgroundColor));
      await page.locator(UPDATE).click();
      await setSnapshot(page, BLOCKED);
      await shot(`blocked-${colorScheme}`);
      await setSnapshot(page, { status: 'activating', holds: 0 });
      await shot(`updating-${colorScheme}`);
    }
    expect(backgrounds).toEqual(['rgb(255, 255, 255)', 'rgb(45, 46, 49)']);
  });

  it('is themable with custom properties and ::part()', async () => {
    await openPromptPage(page, scripts);
    await page.addStyleTag({
      content: `sw-update-prompt { --sw-update-prompt-bg: #fdf6e3; --sw-update-prompt-fg: #3b3228; --sw-update-prompt-accent: #8a3b12; --sw-update-prompt-radius: 4px; --sw-update-prompt-font: 14px/1.4 Georgia, serif; }
        sw-update-prompt::part(later) { text-decoration: underline; }`,
    });
    await setSnapshot(page, PROMPTING);
    await shot('themed');
    const style = await page.locator(CONTAINER).evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, radius: s.borderTopLeftRadius, font: s.fontFamily };
    });
    expect(style).toEqual({ bg: 'rgb(253, 246, 227)', radius: '4px', font: 'Georgia, serif' });
    expect(await page.locator(LATER).evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('underline');
  });

  it('sits where it is told, 16px from the edges, following the text direction', async () => {
    const expected = {
      'bottom-end': { right: 784, bottom: 464 },
      'bottom-start': { left: 16, bottom: 464 },
      'top-end': { right: 784, top: 16 },
      'top-start': { left: 16, top: 16 },
    } as const;
    for (const [position, edges] of Object.entries(expected)) {
      await openPromptPage(page, scripts, { position: position as keyof typeof expected });
      await setSnapshot(page, PROMPTING);
      const box = await page.locator(CONTAINER).evaluate((el) => el.getBoundingClientRect().toJSON());
      expect(box, position).toMatchObject(edges);
    }
    await openPromptPage(page, scripts, { position: 'bottom-center' });
    await setSnapshot(page, PROMPTING);
    const centre = await page.locator(CONTAINER).evaluate((el) => {
      const { left, right } = el.getBoundingClientRect();
      return (left + right) / 2;
    });
    expect(centre).toBeCloseTo(400, 0);

    await openPromptPage(page, scripts);
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    await setSnapshot(page, PROMPTING);
    expect(await page.locator(CONTAINER).evaluate((el) => el.getBoundingClientRect().left)).toBe(16);
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openPromptPage(page, scripts, { position: 'bottom-center' });
    await setSnapshot(page, { ...PROMPTING, waitingVersion: '2024.11.21-beta.3' });
    await shot('phone');
    const box = await page.locator(CONTAINER).evaluate((el) => el.getBoundingClientRect().toJSON());
    expect(box.left).toBeGreaterThanOrEqual(16);
    expect(box.right).toBeLessThanOrEqual(344);
  });

  it('takes no space and shows nothing while hidden', async () => {
    await openPromptPage(page, scripts);
    const box = await page.locator(CONTAINER).evaluate((el) => el.getBoundingClientRect().toJSON());
    expect(box).toMatchObject({ width: 0, height: 0 });
    expect(await page.locator(UPDATE).isVisible()).toBe(false);
  });
});

describe('keyboard and focus', () => {
  it('Tab reaches Update then Later, with a visible focus ring; Enter and Space activate', async () => {
    await openPromptPage(page, scripts);
    await setSnapshot(page, PROMPTING);
    await page.focus('#before');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button update');
    const ring = await page.locator(UPDATE).evaluate((el) => {
      const s = getComputedStyle(el);
      return { focusVisible: el.matches(':focus-visible'), style: s.outlineStyle, width: s.outlineWidth };
    });
    expect(ring).toEqual({ focusVisible: true, style: 'solid', width: '2px' });
    await shot('focus-update');

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button later');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('button update');
    await page.keyboard.press('Enter');

    const calls = await page.evaluate(() => ({
      accept: window.updates.calls.accept.length,
      dismiss: window.updates.calls.dismiss,
    }));
    expect(calls).toEqual({ accept: 1, dismiss: 1 });
  });

  it('never steals focus: typing carries on in the page while the prompt appears', async () => {
    await openPromptPage(page, scripts);
    await page.focus('#title');
    await page.keyboard.type('Shopping');
    await setSnapshot(page, PROMPTING);
    await page.keyboard.type(' list');
    expect(await focused(page)).toBe('title');
    expect(await page.inputValue('#title')).toBe('Shopping list');
  });
});

describe('accessibility', () => {
  it.each(['light', 'dark'] as const)('axe-core finds no violations in any state (%s)', async (colorScheme) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openPromptPage(page, scripts);
    await page.addScriptTag({ path: AXE });
    for (const patch of [PROMPTING, BLOCKED, { status: 'reloading', holds: 0 }] as const) {
      // As a user gets there: Update, then the coordinator reports blocked.
      if (patch === BLOCKED) await page.locator(UPDATE).click();
      await setSnapshot(page, patch);
      const results = await page.evaluate(async () => {
        const { violations, passes } = await window.axe.run(document.querySelector('sw-update-prompt')!);
        return {
          violations: violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.failureSummary).join('; ')}`),
          passes: passes.map((p) => p.id),
        };
      });
      expect(results.violations, patch.status).toEqual([]);
      // The rules that matter did run inside the shadow root (only 'reloading' has no button).
      expect(results.passes).toContain('color-contrast');
      if (patch.status !== 'reloading') expect(results.passes).toContain('button-name');
    }
  });

  it('announces through a polite status region', async () => {
    await openPromptPage(page, scripts);
    await setSnapshot(page, PROMPTING);
    const snapshot = await page.locator('sw-update-prompt').ariaSnapshot();
    expect(snapshot).toContain('status: Version 2.4 is ready');
    expect(snapshot).toContain('button "Update"');
    expect(snapshot).toContain('button "Later"');
  });
});

describe('motion', () => {
  it('slides in, unless the user prefers reduced motion', async () => {
    const animation = async () => {
      await openPromptPage(page, scripts);
      await setSnapshot(page, PROMPTING);
      return page.locator(CONTAINER).evaluate((el) => getComputedStyle(el).animationName);
    };
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await animation()).toBe('in');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
  });
});
