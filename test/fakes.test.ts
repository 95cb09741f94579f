// @vitest-environment node
/**
 * Tests of the fake browser itself, against the service-worker lifecycle as Jake
 * Archibald's "The Service Worker Lifecycle" describes it (and the spec behind it), then
 * the real src/worker/index.ts running inside it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { message, type GetVersionMessage, type SkipWaitingMessage } from '../src/protocol/messages.js';
import { isReloadMessage, isVersionMessage } from '../src/protocol/checks.js';
import { handleUpdates } from '../src/worker/index.js';
import { createFakeBrowser, ENGINE_PROFILES, messagesOf, record } from './fakes/index.js';
import type {
  FakeBrowser,
  FakeBrowserOptions,
  FakeMessageEvent,
  FakeServiceWorker,
  FakeTab,
  FakeWindowClient,
  FakeWorkerScope,
} from './fakes/index.js';

const browsers: FakeBrowser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((browser) => browser.closeAll()));
});

function newBrowser(options?: FakeBrowserOptions): FakeBrowser {
  const browser = createFakeBrowser(options);
  browsers.push(browser);
  return browser;
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

/** v1 installed and active, and `tab` controlled by it (first load, then a reload). */
async function activeV1(options?: FakeBrowserOptions) {
  const browser = newBrowser(options);
  browser.deploy('/sw.js', () => {}, 'v1');
  const tab = browser.openTab('/');
  await tab.container.register('/sw.js');
  await browser.settle();
  tab.refresh();
  await browser.settle();
  expect(tab.controller?.label).toBe('v1');
  return { browser, tab };
}

async function registrationOf(tab: FakeTab) {
  return must(await tab.container.getRegistration());
}

describe('the first service worker', () => {
  it('goes installing → installed → activating → activated; the page that registered stays uncontrolled', async () => {
    const browser = newBrowser();
    const workerEvents: string[] = [];
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('install', () => workerEvents.push('install'));
        scope.addEventListener('activate', () => workerEvents.push('activate'));
      },
      'v1',
    );
    const tab = browser.openTab('/');
    const controllerChanges = record(tab.container, 'controllerchange');

    const registration = await tab.container.register('/sw.js');
    const updatefound = record(registration, 'updatefound');
    const worker = must(registration.installing);
    expect(worker.state).toBe('installing');
    const pageStates = record(worker, 'statechange', () => worker.state);
    await browser.settle();

    expect(must(browser.worker('v1')).states).toEqual(['parsed', 'installing', 'installed', 'activating', 'activated']);
    expect(pageStates).toEqual(['installed', 'activating', 'activated']);
    expect(updatefound).toEqual(['updatefound']);
    expect(workerEvents).toEqual(['install', 'activate']);
    expect(registration.active).toBe(worker);
    expect(registration.installing).toBeNull();
    expect(tab.container.controller).toBeNull();
    expect(tab.controller).toBeNull();
    expect(controllerChanges).toEqual([]);

    tab.refresh();
    await browser.settle();
    expect(tab.controller?.label).toBe('v1');
    expect(tab.container.controller?.state).toBe('activated');
  });

  it('controls the page at once when the worker calls clients.claim()', async () => {
    const browser = newBrowser();
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));
      },
      'v1',
    );
    const tab = browser.openTab('/');
    const controllerChanges = record(tab.container, 'controllerchange');
    const registration = await tab.container.register('/sw.js');
    await browser.settle();

    expect(controllerChanges).toEqual(['controllerchange']);
    expect(tab.controller).toBe(browser.worker('v1'));
    expect(tab.container.controller).toBe(registration.active);
  });

  it('rejects register() with a TypeError and discards the registration on 404, syntax error or a throwing script', async () => {
    const browser = newBrowser();
    const tab = browser.openTab('/');
    const scripts = [
      { status: 404 },
      { syntaxError: true } as const,
      () => {
        throw new Error('top-level');
      },
    ];
    for (const script of scripts) {
      browser.deploy('/sw.js', script);
      await expect(tab.container.register('/sw.js')).rejects.toBeInstanceOf(TypeError);
      expect(browser.registration()).toBeUndefined();
    }
  });

  it('discards the registration when the first install fails', async () => {
    const browser = newBrowser();
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('install', (event) => event.waitUntil(Promise.reject(new Error('cache failed'))));
      },
      'v1',
    );
    const tab = browser.openTab('/');
    const registration = await tab.container.register('/sw.js');
    const worker = must(registration.installing);
    const states = record(worker, 'statechange', () => worker.state);
    await browser.settle();
    expect(states).toEqual(['redundant']);
    expect(browser.registration()).toBeUndefined();
  });
});

describe('updating the service worker', () => {
  it('leaves the new worker waiting while a tab is controlled by the old one', async () => {
    const { browser, tab } = await activeV1();
    browser.deploy('/sw.js', () => {}, 'v2');
    const registration = await registrationOf(tab);
    await registration.update();
    expect(registration.installing?.scriptURL).toBe('https://app.test/sw.js');
    await browser.settle();

    expect(browser.inspect()).toEqual({ scope: 'https://app.test/', installing: null, waiting: 'v2', active: 'v1' });
    expect(registration.waiting?.state).toBe('installed');
    expect(tab.controller?.label).toBe('v1');
  });

  it.each(Object.entries(ENGINE_PROFILES))(
    'update() resolves as the %s profile says (measured by test/browser/lifecycle.test.ts)',
    async (engine, profile) => {
      const { browser, tab } = await activeV1(profile);
      browser.deploy('/sw.js', () => {}, 'v2');
      const registration = await registrationOf(tab);
      await registration.update();
      const resolvedWith = {
        installing: registration.installing?.state ?? null,
        waiting: registration.waiting?.state ?? null,
      };
      expect(resolvedWith, engine).toEqual(
        profile.updateResolvesWhen === 'installed'
          ? { installing: null, waiting: 'installed' }
          : { installing: 'installing', waiting: null },
      );
      await browser.settle();
      expect(browser.inspect()).toEqual({ scope: 'https://app.test/', installing: null, waiting: 'v2', active: 'v1' });
    },
  );

  it.each(Object.entries(ENGINE_PROFILES))(
    'on skipWaiting(), the old worker retires and the new one activates in the order the %s profile says (measured by test/browser/lifecycle.test.ts)',
    async (engine, profile) => {
      const { browser, tab } = await activeV1(profile);
      browser.deploy('/sw.js', (scope) => scope.addEventListener('message', () => void scope.skipWaiting()), 'v2');
      const registration = await registrationOf(tab);
      await registration.update();
      await browser.settle();
      const seen: string[] = [];
      const label = (worker: object) => (worker === registration.active ? 'old' : 'new');
      for (const worker of [must(registration.active), must(registration.waiting)]) {
        const who = label(worker);
        worker.addEventListener('statechange', () =>
          seen.push(`${who} ${worker.state}, waiting ${registration.waiting ? 'new' : 'none'}`),
        );
      }
      must(registration.waiting).postMessage('skip');
      await browser.settle();
      expect(seen.slice(0, 2), engine).toEqual(
        profile.activationOrder === 'retireFirst'
          ? ['old redundant, waiting new', 'new activating, waiting none']
          : ['new activating, waiting none', 'old redundant, waiting none'],
      );
      expect(browser.inspect()).toMatchObject({ waiting: null, active: 'v2' });
    },
  );

  it('keeps it waiting through a reload of the only tab, and activates it once every tab is closed', async () => {
    const { browser, tab } = await activeV1();
    browser.deploy('/sw.js', () => {}, 'v2');
    await (await registrationOf(tab)).update();
    await browser.settle();

    tab.env.reload();
    await browser.settle();
    expect(tab.reloads).toBe(1);
    expect(tab.loads).toBe(3);
    expect(browser.inspect()).toMatchObject({ waiting: 'v2', active: 'v1' });
    expect(tab.controller?.label).toBe('v1');

    await tab.close();
    await browser.settle();
    expect(browser.inspect()).toMatchObject({ waiting: null, active: 'v2' });
    expect(must(browser.worker('v1')).state).toBe('redundant');
    const next = browser.openTab('/');
    await browser.settle();
    expect(next.controller?.label).toBe('v2');
  });

  it('activates at once when the new worker calls skipWaiting() in install; controlled tabs get controllerchange', async () => {
    const { browser, tab } = await activeV1();
    const other = browser.openTab('/');
    await browser.settle();
    const changes = [record(tab.container, 'controllerchange'), record(other.container, 'controllerchange')];
    const oldController = must(tab.container.controller);
    const oldStates = record(oldController, 'statechange', () => oldController.state);
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('install', () => void scope.skipWaiting());
      },
      'v2',
    );
    await (await registrationOf(tab)).update();
    await browser.settle();

    expect(browser.inspect()).toMatchObject({ waiting: null, active: 'v2' });
    expect(changes).toEqual([['controllerchange'], ['controllerchange']]);
    expect(tab.container.controller?.state).toBe('activated');
    expect(tab.container.controller).not.toBe(oldController);
    expect(other.controller?.label).toBe('v2');
    expect(oldStates).toEqual(['redundant']);
  });

  it('waits activationDelayMs between skipWaiting() and activation while tabs are controlled', async () => {
    const { browser, tab } = await activeV1({ activationDelayMs: 60 });
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('install', () => void scope.skipWaiting());
      },
      'v2',
    );
    await (await registrationOf(tab)).update();
    await browser.waitFor(() => browser.worker('v2')?.state === 'installed');
    expect(browser.inspect()).toMatchObject({ waiting: 'v2', active: 'v1' });
    await browser.waitFor(() => browser.worker('v2')?.state === 'activated');
    expect(tab.controller?.label).toBe('v2');
  });

  it('throws away a worker whose install fails and keeps the old one active', async () => {
    const { browser, tab } = await activeV1();
    const registration = await registrationOf(tab);
    const failures = [
      (scope: FakeWorkerScope) =>
        scope.addEventListener('install', (event) => event.waitUntil(Promise.reject(new Error('no')))),
      // As in Chromium, an uncaught exception in an install listener fails the install too.
      (scope: FakeWorkerScope) =>
        scope.addEventListener('install', () => {
          throw new Error('no');
        }),
    ];
    for (const script of failures) {
      browser.deploy('/sw.js', script, 'broken');
      await registration.update();
      const broken = must(registration.installing);
      const states = record(broken, 'statechange', () => broken.state);
      await browser.settle();
      expect(states).toEqual(['redundant']);
      expect(browser.inspect()).toMatchObject({ installing: null, waiting: null, active: 'v1' });
      expect(registration.installing).toBeNull();
      expect(tab.controller?.label).toBe('v1');
    }
  });

  it('rejects update() with a TypeError on 404, syntax error or a throwing script; the old worker stays', async () => {
    const { browser, tab } = await activeV1();
    const registration = await registrationOf(tab);
    const scripts = [
      { status: 404 },
      { syntaxError: true } as const,
      () => {
        throw new Error('top-level');
      },
    ];
    for (const script of scripts) {
      browser.deploy('/sw.js', script);
      await expect(registration.update()).rejects.toBeInstanceOf(TypeError);
      expect(browser.inspect()).toMatchObject({ installing: null, waiting: null, active: 'v1' });
    }
  });

  it('makes an older waiting worker redundant when a newer one installs', async () => {
    const { browser, tab } = await activeV1();
    const registration = await registrationOf(tab);
    browser.deploy('/sw.js', () => {}, 'v2');
    await registration.update();
    await browser.settle();
    const v2 = must(registration.waiting);
    const v2States = record(v2, 'statechange', () => v2.state);

    browser.deploy('/sw.js', () => {}, 'v3');
    await registration.update();
    await browser.settle();
    expect(v2States).toEqual(['redundant']);
    expect(browser.inspect()).toMatchObject({ waiting: 'v3', active: 'v1' });
  });

  it('checks for updates on navigation, resolves a byte-identical update() without a new worker', async () => {
    const { browser, tab } = await activeV1();
    const registration = await registrationOf(tab);
    await registration.update();
    await browser.settle();
    expect(browser.workers).toHaveLength(1);

    browser.deploy('/sw.js', () => {}, 'v2');
    browser.openTab('/');
    await browser.settle();
    expect(browser.inspect()).toMatchObject({ waiting: 'v2', active: 'v1' });
  });

  it('coalesces equivalent update() calls from many tabs into one script request', async () => {
    const { browser, tab } = await activeV1();
    const others = [browser.openTab('/'), browser.openTab('/')];
    await browser.settle();
    const before = browser.scriptRequests.length;
    const registrations = await Promise.all([tab, ...others].map(registrationOf));
    await Promise.all(registrations.map((registration) => registration.update()));
    expect(browser.scriptRequests.length - before).toBe(1);
  });
});

describe('per-tab objects and tabs', () => {
  it('gives each tab its own ServiceWorker and registration objects, stable within a page', async () => {
    const { browser, tab } = await activeV1();
    const other = browser.openTab('/');
    await browser.settle();
    const mine = must(tab.container.controller);
    expect(tab.container.controller).toBe(mine);
    expect((await registrationOf(tab)).active).toBe(mine);
    expect(await registrationOf(tab)).toBe(await registrationOf(tab));
    expect(other.container.controller).not.toBe(mine);
    expect(other.container.controller?.scriptURL).toBe(mine.scriptURL);
    expect(await registrationOf(other)).not.toBe(await registrationOf(tab));

    tab.refresh();
    await browser.settle();
    expect(tab.container.controller).not.toBe(mine); // a new page is a new realm
  });

  it('counts every env.reload() but navigates once for reloads requested together', async () => {
    const browser = newBrowser();
    const tab = browser.openTab('/', { onLoad: () => {} });
    await tab.whenLoaded();
    tab.env.reload();
    tab.env.reload();
    await browser.settle();
    expect(tab.reloads).toBe(2);
    expect(tab.loads).toBe(2);
  });

  it.each(Object.entries(ENGINE_PROFILES))(
    'after a reload cancelled in the beforeunload prompt, a later reload does what the %s profile says (measured by test/browser/depart.test.ts)',
    async (engine, profile) => {
      const browser = newBrowser(profile);
      const tab = browser.openTab('/', { onLoad: () => {} });
      await tab.whenLoaded();
      tab.cancelsReloads = true;
      tab.env.reload();
      await browser.settle();
      expect([tab.reloads, tab.loads]).toEqual([1, 1]);

      tab.cancelsReloads = false;
      tab.env.reload();
      await browser.settle();
      expect([engine, tab.reloads, tab.loads]).toEqual([engine, 2, profile.reloadAfterCancel === 'ignored' ? 1 : 2]);
    },
  );

  it('keeps a page in the back/forward cache out of matchAll and runs none of its tasks until it is back', async () => {
    const { browser, tab } = await activeV1();
    const other = browser.openTab('/');
    await browser.settle();
    const seen: string[] = [];
    for (const event of ['pagehide', 'pageshow', 'visibilitychange'] as const)
      tab.env.on(event, () => seen.push(event));
    tab.container.addEventListener('controllerchange', () => seen.push('controllerchange'));
    const oldController = tab.container.controller;
    await tab.goAwayIntoCache();

    let self: FakeWorkerScope | undefined;
    browser.deploy(
      '/sw.js',
      (scope) => {
        self = scope;
        scope.addEventListener('install', () => void scope.skipWaiting());
      },
      'v2',
    );
    await (await registrationOf(other)).update();
    await browser.settle();
    // Still its worker's client (the activation moved it to v2), but not listed, and
    // the controllerchange task waits for the page to be shown again.
    expect(browser.inspect()?.active).toBe('v2');
    expect(tab.controller?.label).toBe('v2');
    expect(await must(self).clients.matchAll()).toHaveLength(1);
    expect(tab.container.controller).toBe(oldController);
    expect(seen).toEqual(['visibilitychange', 'pagehide']);

    await tab.goBack();
    await browser.settle();
    expect(seen).toEqual(['visibilitychange', 'pagehide', 'pageshow', 'visibilitychange', 'controllerchange']);
    expect(tab.container.controller?.state).toBe('activated');
    expect(await must(self).clients.matchAll()).toHaveLength(2);
    expect(tab.loads).toBe(2);
  });

  it('runs the page script on every load, its cleanup on pagehide; sessionStorage survives a reload', async () => {
    const browser = newBrowser();
    const log: string[] = [];
    const tab = browser.openTab('/', {
      onLoad: (env) => {
        env.sessionStorage?.setItem('loads', String(Number(env.sessionStorage.getItem('loads') ?? 0) + 1));
        env.on('pagehide', () => log.push('pagehide'));
        return () => log.push('cleanup');
      },
    });
    await tab.whenLoaded();
    tab.refresh();
    await browser.settle();
    expect(log).toEqual(['pagehide', 'cleanup']);
    expect(tab.env.sessionStorage?.getItem('loads')).toBe('2');
    expect(browser.openTab('/').env.sessionStorage?.getItem('loads')).toBeNull();
    browser.localStorage.setItem('shared', 'yes');
    expect(tab.env.localStorage?.getItem('shared')).toBe('yes');
  });
});

describe('messages', () => {
  it('delivers page → worker messages with data, source and a transferred MessagePort', async () => {
    const browser = newBrowser();
    browser.deploy(
      '/sw.js',
      (scope) => {
        scope.addEventListener('message', (event) => {
          const source = event.source as FakeWindowClient;
          event.ports[0]?.postMessage({ echo: event.data, url: source.url, type: source.type });
        });
      },
      'v1',
    );
    const tab = browser.openTab('/');
    const registration = await tab.container.register('/sw.js');
    await browser.settle();

    const { port1, port2 } = new tab.env.MessageChannel();
    const reply = new Promise<unknown>((resolve) => port1.addEventListener('message', (event) => resolve(event.data)));
    port1.start();
    must(registration.active).postMessage({ hello: 1 }, [port2]);
    await expect(reply).resolves.toEqual({ echo: { hello: 1 }, url: 'https://app.test/', type: 'window' });
    port1.close();
  });

  it('lists controlled clients, or every same-origin window with includeUncontrolled', async () => {
    const browser = newBrowser();
    let self: FakeWorkerScope | undefined;
    browser.deploy(
      '/app/sw.js',
      (scope) => {
        self = scope;
      },
      'v1',
    );
    const controlled = browser.openTab('/app/');
    const uncontrolled = browser.openTab('/app/page');
    const outside = browser.openTab('/elsewhere');
    await controlled.container.register('/app/sw.js');
    await browser.settle();
    controlled.refresh();
    await browser.settle();

    const scope = must(self);
    const urls = (clients: readonly FakeWindowClient[]) => clients.map((client) => client.url).sort();
    expect(urls(await scope.clients.matchAll())).toEqual(['https://app.test/app/']);
    expect(urls(await scope.clients.matchAll({ type: 'window', includeUncontrolled: true }))).toEqual(
      [controlled, uncontrolled, outside].map((tab) => tab.url).sort(),
    );
  });

  it('queues worker → page messages until the page calls startMessages()', async () => {
    const browser = newBrowser({ autoStartMessages: false });
    let self: FakeWorkerScope | undefined;
    browser.deploy(
      '/sw.js',
      (scope) => {
        self = scope;
      },
      'v1',
    );
    const tab = browser.openTab('/');
    const registration = await tab.container.register('/sw.js');
    await browser.settle();
    const received = record(tab.container, 'message', (event) => event as FakeMessageEvent);

    const clients = await must(self).clients.matchAll({ type: 'window', includeUncontrolled: true });
    clients.forEach((client) => {
      client.postMessage('one');
      client.postMessage('two');
    });
    await browser.settle();
    expect(received).toEqual([]);

    tab.container.startMessages();
    await browser.settle();
    expect(received.map((event) => event.data)).toEqual(['one', 'two']);
    expect(received[0]?.source).toBe(registration.active);
  });

  it('starts the message queue by itself after the page loads (HTML does at DOMContentLoaded)', async () => {
    const browser = newBrowser();
    let self: FakeWorkerScope | undefined;
    browser.deploy(
      '/sw.js',
      (scope) => {
        self = scope;
      },
      'v1',
    );
    const tab = browser.openTab('/');
    await tab.container.register('/sw.js');
    await browser.settle();
    const received = messagesOf(tab.container);
    const [client] = await must(self).clients.matchAll({ type: 'window', includeUncontrolled: true });
    must(client).postMessage('hi');
    await browser.settle();
    expect(received).toEqual(['hi']);
  });

  it('re-runs the top-level script in a fresh scope after an idle worker is stopped', async () => {
    const { browser, tab } = await activeV1();
    const worker = must(browser.worker('v1'));
    expect(browser.stopIdleWorkers()).toBe(1);
    expect(worker.running).toBe(false);
    must(tab.container.controller).postMessage('wake up');
    await browser.settle();
    expect(worker.running).toBe(true);
    expect(worker.starts).toBe(2);
  });
});

describe('src/worker/index.ts handleUpdates inside the fake', () => {
  const worker = (version: string) => (scope: FakeWorkerScope) => handleUpdates({ version }, scope);

  async function askVersion(tab: FakeTab, target: FakeServiceWorker): Promise<unknown> {
    const { port1, port2 } = new tab.env.MessageChannel();
    const reply = new Promise<unknown>((resolve) => port1.addEventListener('message', (event) => resolve(event.data)));
    port1.start();
    target.postMessage(message<GetVersionMessage>({ type: 'GET_VERSION' }), [port2]);
    try {
      return await reply;
    } finally {
      port1.close();
    }
  }

  it('sends no RELOAD on a first install', async () => {
    const browser = newBrowser();
    browser.deploy('/sw.js', worker('1.0.0'), 'v1');
    const tab = browser.openTab('/');
    const received = messagesOf(tab.container);
    await tab.whenLoaded();
    await tab.container.register('/sw.js');
    await browser.settle();
    expect(browser.inspect()).toMatchObject({ active: 'v1' });
    expect(received).toEqual([]);
  });

  it('answers GET_VERSION over a port; SKIP_WAITING activates the waiting worker and every tab gets RELOAD', async () => {
    const browser = newBrowser();
    browser.deploy('/sw.js', worker('1.0.0'), 'v1');
    const first = browser.openTab('/');
    await first.container.register('/sw.js');
    await browser.settle();
    const second = browser.openTab('/'); // opened after activation: controlled
    await browser.settle();
    const tabs = [first, second];
    const received = tabs.map((tab) => messagesOf(tab.container));

    const version = await askVersion(second, must(second.container.controller));
    expect(isVersionMessage(version) && version.version).toBe('1.0.0');

    browser.deploy('/sw.js', worker('2.0.0'), 'v2');
    const registration = await registrationOf(second);
    await registration.update();
    await browser.settle();
    const waiting = must(registration.waiting);
    const waitingVersion = await askVersion(second, waiting);
    expect(isVersionMessage(waitingVersion) && waitingVersion.version).toBe('2.0.0');

    waiting.postMessage({ type: 'SKIP_WAITING', updateId: 'update-1' } satisfies SkipWaitingMessage);
    await browser.settle();
    expect(browser.inspect()).toMatchObject({ waiting: null, active: 'v2' });
    expect(second.controller?.label).toBe('v2');
    expect(first.controller).toBeNull(); // never controlled: the first install did not claim it
    for (const messages of received) {
      expect(messages).toHaveLength(1);
      const [reload] = messages;
      expect(isReloadMessage(reload) && reload).toMatchObject({
        updateId: 'update-1',
        version: '2.0.0',
        scope: 'https://app.test/',
      });
    }
  });

  it("posts RELOAD only to the windows of its registration's scope, though matchAll lists the whole origin", async () => {
    const browser = newBrowser();
    let self: FakeWorkerScope | undefined;
    browser.deploy(
      '/a/sw.js',
      (scope) => {
        self = scope;
        handleUpdates({ version: '1' }, scope);
      },
      'a1',
    );
    browser.deploy('/b/sw.js', worker('1'), 'b1');
    const [a, b, root] = [browser.openTab('/a/'), browser.openTab('/b/'), browser.openTab('/')];
    await a.container.register('/a/sw.js');
    await b.container.register('/b/sw.js');
    await browser.settle();
    a.refresh();
    await browser.settle();
    expect(must(self).registration.scope).toBe('https://app.test/a/');
    const everyWindow = await must(self).clients.matchAll({ type: 'window', includeUncontrolled: true });
    expect(everyWindow.map((client) => client.url).sort()).toEqual([a.url, b.url, root.url].sort());

    const received = [a, b, root].map((tab) => messagesOf(tab.container));
    browser.deploy('/a/sw.js', worker('2'), 'a2');
    const registration = await registrationOf(a);
    await registration.update();
    await browser.settle();
    must(registration.waiting).postMessage({ type: 'SKIP_WAITING', updateId: 'u' } satisfies SkipWaitingMessage);
    await browser.settle();
    expect(browser.inspect('/a/')).toMatchObject({ active: 'a2' });
    expect(received.map((messages) => messages.length)).toEqual([1, 0, 0]);
    expect(received[0]![0]).toMatchObject({ type: 'RELOAD', scope: 'https://app.test/a/' });
  });
});
