/**
 * The part of the Chromium and Firefox backends they share: both are driven by
 * puppeteer-core (CDP for Chromium, WebDriver BiDi for Firefox), where a browser
 * context's pages are tabs of one window and only the tab in front is visible.
 */
import type { Browser, BrowserContext, ElementHandle, Page } from 'puppeteer-core';
import { quietly } from './cleanup.js';
import { deepQuery, type Context, type PageFunction, type Tab } from './types.js';

/** Source of a call of `fn` with JSON arguments, for evaluate(). */
export const callSource = (fn: (...args: never[]) => unknown, args: unknown[]): string =>
  `(${fn.toString()})(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(',')})`;

/** What evaluate() sends: the expression as given, or a call of the function. */
export const expression = (fn: ((...args: never[]) => unknown) | string, args: unknown[]): string =>
  typeof fn === 'string' ? fn : callSource(fn, args);

export class PuppeteerTab implements Tab {
  closed = false;
  constructor(
    readonly page: Page,
    readonly index: number,
  ) {
    page.once('close', () => {
      this.closed = true;
    });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  evaluate<A extends unknown[], T>(fn: PageFunction<A, T> | string, ...args: A): Promise<T> {
    // A string, not the function: puppeteer would serialise it the same way, and the
    // string keeps the backends alike (WebDriver only takes strings).
    return this.page.evaluate(expression(fn, args)) as Promise<T>;
  }

  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'load' });
  }

  async back(): Promise<void> {
    await this.page.goBack({ waitUntil: 'domcontentloaded' }).catch(() => undefined);
  }

  async type(selector: string, text: string): Promise<void> {
    // A user types only in the tab in front (and Chromium's input pipeline waits for a
    // frame that a hidden tab never draws).
    await this.page.bringToFront();
    await this.clear(selector);
    if (text !== '') {
      const element = await this.page.evaluateHandle(callSource(deepQuery, [selector]));
      const field = element.asElement();
      if (field === null) throw new Error(`no element ${selector} to type into`);
      await field.type(text);
      await element.dispose();
    }
  }

  async click(selector: string): Promise<void> {
    await this.page.bringToFront();
    const element = await this.page.evaluateHandle(callSource(deepQuery, [selector]));
    const target = element.asElement() as ElementHandle<Element> | null;
    if (target === null) throw new Error(`no element ${selector} to click`);
    await target.click();
    await element.dispose();
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  /** EnginePowers.stayOnBeforeUnload: the same in CDP and WebDriver BiDi. */
  stayOnBeforeUnload(): void {
    this.page.on('dialog', (dialog) => {
      if (dialog.type() === 'beforeunload') void dialog.dismiss().catch(() => undefined);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await quietly(`close tab ${this.index}`, () => this.page.close());
  }

  /** Empties a field the way a user's select-all + delete would: input event included. */
  private async clear(selector: string): Promise<void> {
    const found = await this.evaluate(
      (source: string, selector: string) => {
        // eslint-disable-next-line no-new-func
        const field = (new Function(`return (${source})`)() as (s: string) => HTMLInputElement | null)(selector);
        if (field === null) return false;
        field.focus();
        if (field.value !== '') {
          field.value = '';
          field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
        }
        return true;
      },
      deepQuery.toString(),
      selector,
    );
    if (!found) throw new Error(`no element ${selector} to type into`);
  }
}

export class PuppeteerContext implements Context {
  readonly tabs: PuppeteerTab[] = [];
  constructor(readonly context: BrowserContext) {}

  async newTab(url: string): Promise<PuppeteerTab> {
    const page = await this.context.newPage();
    const tab = new PuppeteerTab(page, this.tabs.length);
    this.tabs.push(tab);
    await tab.goto(url);
    return tab;
  }

  /** A tab whose page runs `script` first; not waiting for its load (EnginePowers.preload). */
  async openPreloaded(url: string, script: string): Promise<PuppeteerTab> {
    const page = await this.context.newPage();
    const tab = new PuppeteerTab(page, this.tabs.length);
    this.tabs.push(tab);
    await page.evaluateOnNewDocument(script);
    void page.goto(url).catch(() => undefined);
    return tab;
  }

  private closing: Promise<void> | undefined;

  close(): Promise<void> {
    for (const tab of this.tabs) tab.closed = true;
    this.closing ??= quietly('close a browser context', () => this.context.close());
    return this.closing;
  }
}

/** Browser version, e.g. "Chrome/156.0.8078.108" or "firefox/153.8.0esr". */
export async function versionOf(browser: Browser): Promise<string> {
  return browser.version();
}
