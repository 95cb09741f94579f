// @vitest-environment node
/**
 * The fake browser's Web Locks (test/fakes/locks.ts): what the coordinator relies on,
 * and what the browser suite's crash and failover scenarios check in the engines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeBrowser, type FakeBrowser, type FakeTab } from './fakes/index.js';

let browser: FakeBrowser;
afterEach(() => browser.closeAll());

/** Holds `name` in `tab` until the returned function is called. */
async function hold(tab: FakeTab, name: string): Promise<() => void> {
  let release: () => void = () => {};
  await new Promise<void>((granted) => {
    void tab.env.locks!.request(name, {}, () => {
      granted();
      return new Promise<void>((resolve) => (release = resolve));
    });
  });
  return release;
}

describe('fake Web Locks', () => {
  it('grant a lock to one request at a time, in order, across tabs', async () => {
    browser = createFakeBrowser();
    const [a, b, c] = [browser.openTab('/'), browser.openTab('/'), browser.openTab('/')];
    const order: string[] = [];
    const releaseA = await hold(a, 'x');
    const waiting = [b, c].map((tab, i) => tab.env.locks!.request('x', {}, () => void order.push(i === 0 ? 'b' : 'c')));
    await browser.settle();
    expect(order).toEqual([]);
    releaseA();
    await Promise.all(waiting);
    expect(order).toEqual(['b', 'c']);
  });

  it("free a tab's locks when it closes or crashes, and drop its waiting requests", async () => {
    browser = createFakeBrowser();
    const [a, b, c] = [browser.openTab('/'), browser.openTab('/'), browser.openTab('/')];
    await hold(a, 'a');
    await hold(c, 'c');
    const heard: string[] = [];
    void b.env.locks!.request('a', {}, () => void heard.push('a gone'));
    void b.env.locks!.request('c', {}, () => void heard.push('c gone'));
    // c also waits for a's lock: dropped when c crashes, so b gets it after a closes.
    void c.env.locks!.request('a', {}, () => void heard.push('c got a'));
    await browser.settle();
    expect(heard).toEqual([]);
    c.crash();
    await browser.settle();
    expect(heard).toEqual(['c gone']);
    await a.close();
    await browser.settle();
    expect(heard).toEqual(['c gone', 'a gone']);
  });

  it('reject a waiting request whose signal aborts; a granted one is not affected', async () => {
    browser = createFakeBrowser();
    const [a, b] = [browser.openTab('/'), browser.openTab('/')];
    const release = await hold(a, 'x');
    const controller = new AbortController();
    const waiting = b.env.locks!.request('x', { signal: controller.signal }, () => 'granted');
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    release();
    await expect(b.env.locks!.request('x', {}, () => 'granted')).resolves.toBe('granted');
  });

  it('are missing with webLocks: false', () => {
    browser = createFakeBrowser({ webLocks: false });
    expect(browser.openTab('/').env.locks).toBeUndefined();
  });
});
