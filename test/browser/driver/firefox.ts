/**
 * Firefox backend: Debian's firefox-esr, headless, through puppeteer-core over WebDriver
 * BiDi (there is no geckodriver package; puppeteer-core 24 still runs on Node 20). A
 * context is a BiDi user context with its own storage; its pages are tabs of one window,
 * the one in front visible.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { quietly, reapAfterOwner, removeDir, removeOnExit } from './cleanup.js';
import { PuppeteerContext, PuppeteerTab } from './puppeteer.js';
import type { Engine } from './types.js';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefox(): Promise<Engine> {
  const profile = mkdtempSync(join(tmpdir(), 'sw-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      // The network is closed: no update, telemetry or captive-portal checks.
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const forget = removeOnExit(profile);
  const pid = browser.process()?.pid;
  if (pid !== undefined) reapAfterOwner(pid, [profile]);
  const contexts: PuppeteerContext[] = [];
  return {
    name: 'firefox',
    version: await browser.version(),
    powers: {
      bringToFront: true,
      concurrentContexts: true,
      preload: (context, url, script) => (context as PuppeteerContext).openPreloaded(url, script),
      stayOnBeforeUnload: async (tab) => (tab as PuppeteerTab).stayOnBeforeUnload(),
    },
    async newContext() {
      const context = new PuppeteerContext(await browser.createBrowserContext());
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts.splice(0)) await context.close();
      await quietly('close Firefox', () => browser.close());
      await removeDir(profile);
      forget();
    },
  };
}
