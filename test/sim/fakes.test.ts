/**
 * What the simulation adds to the fake browser (tab.crash(), its own broadcast-channel
 * transport, virtual MessagePorts) and the virtual clock itself.
 */
import { BroadcastChannel } from 'broadcast-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeBrowser, VirtualMessageChannel, type FakeBrowser, type FakeWorkerScope } from '../fakes/index.js';
import { EPOCH, VirtualClock } from './clock.js';
import { Random } from './random.js';

const browsers: FakeBrowser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((browser) => browser.closeAll()));
});

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

/** v1 active and controlling `count` tabs (the tab that registered it closed). */
async function controlledTabs(count: number) {
  const browser = createFakeBrowser();
  browsers.push(browser);
  let self: FakeWorkerScope | undefined;
  browser.deploy('/sw.js', (scope) => void (self = scope), 'v1');
  const first = browser.openTab('/');
  await first.container.register('/sw.js');
  await browser.settle();
  await first.close();
  const tabs = Array.from({ length: count }, () => browser.openTab('/'));
  await browser.settle();
  return { browser, tabs, scope: () => must(self) };
}

describe('FakeTab.crash()', () => {
  it('drops the page at once: no pagehide, no cleanup, gone from clients.matchAll, the tab counts as closed', async () => {
    const { browser, tabs, scope } = await controlledTabs(2);
    const [crashing, other] = tabs as [(typeof tabs)[number], (typeof tabs)[number]];
    const seen: string[] = [];
    crashing.env.on('pagehide', () => seen.push('pagehide'));
    crashing.crash();
    expect(seen).toEqual([]);
    expect(crashing.closed && crashing.crashed).toBe(true);
    expect(browser.tabs).toEqual([other]);
    const clients = await scope().clients.matchAll({ type: 'window', includeUncontrolled: true });
    expect(clients.map((client) => client.id)).toHaveLength(1);
  });

  it('ignores the dead page’s reload() and update(), and its page script cleanup never runs', async () => {
    const browser = createFakeBrowser();
    browsers.push(browser);
    browser.deploy('/sw.js', () => {}, 'v1');
    let cleanups = 0;
    const tab = browser.openTab('/', { onLoad: () => () => void cleanups++ });
    const registration = await tab.container.register('/sw.js');
    await browser.settle();
    const requests = browser.scriptRequests.length;
    const { env } = tab;
    tab.crash();
    env.reload();
    let settled = false;
    void registration.update().finally(() => (settled = true));
    await browser.settle();
    expect([tab.reloads, tab.loads, cleanups, settled]).toEqual([0, 1, 0, false]);
    expect(browser.scriptRequests.length).toBe(requests);
  });

  it('counts as gone for Try Activate: crashing the last client of the old worker activates the waiting one', async () => {
    const { browser, tabs } = await controlledTabs(1);
    browser.deploy('/sw.js', () => {}, 'v2');
    await (await must(tabs[0]).container.getRegistration())!.update();
    await browser.settle();
    expect(browser.inspect()).toMatchObject({ waiting: 'v2', active: 'v1' });
    must(tabs[0]).crash();
    await browser.settle();
    expect(browser.inspect()).toMatchObject({ waiting: null, active: 'v2' });
  });
});

describe("the fake browser's broadcast-channel transport", () => {
  it('delivers between pages after 5 ms, and never to or from a crashed page', async () => {
    const { browser, tabs } = await controlledTabs(3);
    const [a, b, c] = tabs.map((tab) => new BroadcastChannel<string>('test', tab.env.channelOptions));
    const heard: string[] = [];
    b!.onmessage = (data) => void heard.push(`b:${data}`);
    c!.onmessage = (data) => void heard.push(`c:${data}`);
    await a!.postMessage('before');
    expect(heard.sort()).toEqual(['b:before', 'c:before']);
    must(tabs[2]).crash();
    await a!.postMessage('after');
    await c!.postMessage('from the dead');
    await browser.settle({ quietMs: 20 });
    expect(heard.sort()).toEqual(['b:after', 'b:before', 'c:before']);
    await Promise.all([a, b, c].map((channel) => channel!.close()));
  });

  it('keeps browsers apart', async () => {
    const [one, two] = [await controlledTabs(1), await controlledTabs(1)];
    const sender = new BroadcastChannel<string>('test', must(one.tabs[0]).env.channelOptions);
    const receiver = new BroadcastChannel<string>('test', must(two.tabs[0]).env.channelOptions);
    const heard: string[] = [];
    receiver.onmessage = (data) => void heard.push(data);
    await sender.postMessage('hello');
    await two.browser.settle({ quietMs: 20 });
    expect(heard).toEqual([]);
    await Promise.all([sender.close(), receiver.close()]);
  });
});

describe('VirtualMessageChannel', () => {
  it('carries the worker’s reply through a transferred port, on setTimeout', async () => {
    const browser = createFakeBrowser({ MessageChannel: VirtualMessageChannel as unknown as typeof MessageChannel });
    browsers.push(browser);
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('message', (event) => event.ports[0]?.postMessage({ echo: event.data }));
      },
      'v1',
    );
    const tab = browser.openTab('/');
    const registration = await tab.container.register('/sw.js');
    await browser.settle();
    const { port1, port2 } = new tab.env.MessageChannel();
    expect(port1).toBeInstanceOf(EventTarget);
    const reply = new Promise<unknown>((resolve) => (port1.onmessage = (event) => resolve(event.data)));
    must(registration.active).postMessage({ hello: 1 }, [port2]);
    await expect(reply).resolves.toEqual({ echo: { hello: 1 } });
    port1.close();
  });
});

describe('VirtualClock', () => {
  it('runs timers in time order, each after the microtasks of the one before, and fakes Date', async () => {
    const clock = new VirtualClock(new Random(7));
    clock.install();
    try {
      const log: string[] = [];
      setTimeout(() => log.push(`b ${Date.now() - EPOCH}`), 20);
      setTimeout(() => {
        log.push(`a ${new Date().getTime() - EPOCH}`);
        void Promise.resolve().then(() => log.push('a microtask'));
      }, 10);
      const interval = setInterval(() => log.push(`tick ${Date.now() - EPOCH}`), 15);
      setTimeout(() => clearInterval(interval), 40);
      setTimeout(() => {
        throw new Error('boom');
      }, 50);
      await clock.advance(100);
      expect(log).toEqual(['a 10', 'a microtask', 'tick 15', 'b 20', 'tick 30']);
      expect(clock.errors).toEqual([new Error('boom')]);
      expect(Date.now()).toBe(EPOCH + 100);
    } finally {
      clock.uninstall();
    }
    expect(Date.now()).toBeGreaterThan(EPOCH - 10 * 365 * 24 * 3600 * 1000);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1_000);
  });

  it('draws Math.random and crypto.randomUUID from the seed', () => {
    const draw = () => {
      const clock = new VirtualClock(new Random(42));
      clock.install();
      try {
        return [Math.random(), crypto.randomUUID()];
      } finally {
        clock.uninstall();
      }
    };
    expect(draw()).toEqual(draw());
    expect(draw()[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
