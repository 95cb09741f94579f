/**
 * Chromium backend: Debian's /usr/bin/chromium through puppeteer-core over CDP. Pages
 * of a context are tabs of one window: the tab in front is visible, the others hidden,
 * with Chrome's own background throttling (puppeteer's launcher turns it off by default;
 * those three flags are dropped, so hidden tabs' timers run late as in a user's browser).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type CDPSession, type Protocol } from 'puppeteer-core';
import { CHROMIUM_PATH, LAUNCH_ARGS } from '../chromium.js';
import { quietly, reapAfterOwner, removeDir, removeOnExit } from './cleanup.js';
import { PuppeteerContext, PuppeteerTab } from './puppeteer.js';
import type { Engine, Tab } from './types.js';

/** Puppeteer's defaults that would make hidden tabs behave like visible ones. */
export const KEEP_BACKGROUND_THROTTLING = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

const cdpOf = (tab: Tab): Promise<CDPSession> => (tab as PuppeteerTab).page.createCDPSession();

export async function launchChromium(): Promise<Engine> {
  const profile = mkdtempSync(join(tmpdir(), 'sw-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Our own profile directory: puppeteer's removal of its temporary one throws when
    // Chromium's helpers still write into it (ENOTEMPTY); ours is removed quietly.
    userDataDir: profile,
    // Chromium makes a directory for its singleton socket in the system's temporary
    // directory at every launch and leaves it there (org.chromium.Chromium.*, one per
    // run); in the profile it goes with the profile.
    env: { ...process.env, TMPDIR: profile },
    args: LAUNCH_ARGS,
    ignoreDefaultArgs: KEEP_BACKGROUND_THROTTLING,
  });
  const forget = removeOnExit(profile);
  const pid = browser.process()?.pid;
  if (pid !== undefined) reapAfterOwner(pid, [profile]);
  const contexts: PuppeteerContext[] = [];
  return {
    name: 'chromium',
    version: await browser.version(),
    powers: {
      bringToFront: true,
      concurrentContexts: true,
      preload: (context, url, script) => (context as PuppeteerContext).openPreloaded(url, script),
      stayOnBeforeUnload: async (tab) => (tab as PuppeteerTab).stayOnBeforeUnload(),
      async crash(tab) {
        const cdp = await cdpOf(tab);
        // The renderer dies before it can answer.
        void cdp.send('Page.crash').catch(() => undefined);
        (tab as PuppeteerTab).closed = true;
      },
      async freeze(tab, frozen) {
        const cdp = await cdpOf(tab);
        await cdp.send('Page.setWebLifecycleState', { state: frozen ? 'frozen' : 'active' });
        await cdp.detach();
      },
      async backForwardCacheReasons(tab, during) {
        const cdp = await cdpOf(tab);
        await cdp.send('Page.enable');
        const reasons: string[] = [];
        cdp.on('Page.backForwardCacheNotUsed', (event: Protocol.Page.BackForwardCacheNotUsedEvent) =>
          reasons.push(...event.notRestoredExplanations.map((e) => e.reason)),
        );
        try {
          await during();
        } finally {
          await cdp.detach().catch(() => undefined);
        }
        return reasons;
      },
    },
    async newContext() {
      const context = new PuppeteerContext(await browser.createBrowserContext());
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts.splice(0)) await context.close();
      await quietly('close Chromium', () => browser.close());
      await removeDir(profile);
      forget();
    },
  };
}
