/**
 * WebKit backend: Debian's WebKitGTK MiniBrowser, driven by WebKitWebDriver (classic
 * WebDriver, webdriver.ts) under an Xvfb display of our own. A context is a WebDriver
 * session: each session is a fresh MiniBrowser with its own storage, and the driver runs
 * one session at a time. Tabs are windows of type "tab"; only the session's first tab is
 * visible, the others stay hidden, and WebDriver cannot bring one to the front.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { endOnExit, endProcessGroup, quietly, reapAfterOwner } from './cleanup.js';
import { callSource, expression } from './puppeteer.js';
import { deepQuery, type Context, type Engine, type PageFunction, type Tab } from './types.js';
import { webdriver, WebDriverSession } from './webdriver.js';
import { startXvfb } from './xvfb.js';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';

/** Debian ships the MiniBrowser with libwebkit2gtk (`dpkg -S MiniBrowser`), under the multiarch lib directory. */
export function miniBrowserPath(): string | undefined {
  if (process.env.WEBKIT_MINIBROWSER) return process.env.WEBKIT_MINIBROWSER;
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    if (!existsSync(lib)) continue;
    for (const arch of ['', ...readdirSync(lib).filter((d) => d.endsWith('-linux-gnu'))]) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
        const path = [lib, arch, api, 'MiniBrowser'].filter(Boolean).join('/');
        if (existsSync(path)) return path;
      }
    }
  }
  return undefined;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

class WebKitTab implements Tab {
  closed = false;
  constructor(
    private readonly context: WebKitContext,
    private readonly session: WebDriverSession,
    readonly handle: string,
    readonly index: number,
  ) {}

  private run<T>(steps: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`tab ${this.index} is closed`));
    return this.session.inWindow(this.handle, steps);
  }

  goto(url: string): Promise<void> {
    return this.run(async () => void (await this.session.command('POST', '/url', { url })));
  }

  evaluate<A extends unknown[], T>(fn: PageFunction<A, T> | string, ...args: A): Promise<T> {
    return this.run(() => this.session.evaluate(expression(fn as (...a: never[]) => unknown, args)) as Promise<T>);
  }

  reload(): Promise<void> {
    return this.run(async () => void (await this.session.command('POST', '/refresh')));
  }

  back(): Promise<void> {
    return this.run(async () => void (await this.session.command('POST', '/back')));
  }

  type(selector: string, text: string): Promise<void> {
    return this.run(async () => {
      const id = await this.session.element(callSource(deepQuery, [selector]), selector);
      await this.session.command('POST', `/element/${id}/clear`);
      // Element Clear fires no input event in every engine: say it, as a user's delete would.
      await this.session.evaluate(
        `(${deepQuery.toString()})(${JSON.stringify(selector)}).dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }))`,
      );
      if (text !== '') await this.session.command('POST', `/element/${id}/value`, { text });
    });
  }

  click(selector: string): Promise<void> {
    return this.run(async () => {
      const id = await this.session.element(callSource(deepQuery, [selector]), selector);
      await this.session.command('POST', `/element/${id}/click`);
    });
  }

  bringToFront(): Promise<void> {
    return Promise.reject(
      new Error("WebKitGTK's WebDriver cannot bring a tab to the front (see EnginePowers.bringToFront)"),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const last = this.context.tabs.every((tab) => tab.closed);
    await quietly(`close tab ${this.index}`, () =>
      this.session.inWindow(this.handle, async () => {
        if (last) {
          // Closing a session's last window ends the session: leave the page for a blank
          // one instead, and let the context's next tab take this window.
          await this.session.command('POST', '/url', { url: 'about:blank' });
          this.context.reuse(this.handle);
          return;
        }
        await this.session.command('DELETE', '/window');
        this.session.currentWindow = undefined;
      }),
    );
  }
}

class WebKitContext implements Context {
  readonly tabs: WebKitTab[] = [];
  private blank: string | undefined;

  constructor(
    private readonly session: WebDriverSession,
    private readonly end: (session: WebDriverSession) => Promise<void>,
    private readonly ended: () => void,
  ) {
    // The session's own first window: the first tab goes there, so it is the visible one.
    this.blank = session.currentWindow;
  }

  async newTab(url: string): Promise<WebKitTab> {
    let handle = this.blank;
    this.blank = undefined;
    if (handle === undefined) {
      const opened = (await this.session.exclusive(() =>
        this.session.command('POST', '/window/new', { type: 'tab' }),
      )) as {
        handle: string;
      };
      handle = opened.handle;
    }
    const tab = new WebKitTab(this, this.session, handle, this.tabs.length);
    this.tabs.push(tab);
    await tab.goto(url);
    return tab;
  }

  /** A window left blank by the context's last tab, for the next tab. */
  reuse(handle: string): void {
    this.blank = handle;
  }

  async close(): Promise<void> {
    for (const tab of this.tabs) tab.closed = true;
    // Not queued behind the tabs' commands: one of them may be what hangs.
    await quietly('end the WebDriver session', () => this.end(this.session), 40_000);
    this.ended();
  }
}

/** The session's own bounds, well inside a scenario's 90 s: a stuck script or load fails the step, naming it. */
const SESSION_TIMEOUTS = { script: 30_000, pageLoad: 30_000 };
/** How long a new session may take before the driver is started anew (see `newSession`). */
const SESSION_START = 20_000;

interface Driver {
  readonly base: string;
  stop(): Promise<void>;
}

async function startDriver(display: string): Promise<Driver> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const driver: ChildProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: { ...process.env, DISPLAY: display },
  });
  const forget = endOnExit(driver);
  if (driver.pid !== undefined) reapAfterOwner(driver.pid);
  let driverErrors = '';
  driver.stderr!.on('data', (chunk: Buffer) => (driverErrors = (driverErrors + chunk.toString()).slice(-2000)));
  // The driver leads its process group: ending it ends the MiniBrowser it started too.
  const stop = async (): Promise<void> => {
    await endProcessGroup(driver, 'WebKitWebDriver');
    forget();
  };
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ready = await webdriver(base, 'GET', '/status', undefined, 2_000).then(
        (status) => (status as { ready?: boolean }).ready !== false,
        () => false,
      );
      if (ready) break;
      if (driver.exitCode !== null || Date.now() > deadline) {
        throw new Error(`WebKitWebDriver did not answer on ${base}: ${driverErrors}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}

export async function launchWebKit(): Promise<Engine> {
  const binary = miniBrowserPath();
  if (binary === undefined)
    throw new Error(
      "WebKitGTK's MiniBrowser not found: apt-get install -y webkit2gtk-driver (or set WEBKIT_MINIBROWSER)",
    );
  const display = await startXvfb();
  let driver: Driver;
  try {
    driver = await startDriver(display.name);
  } catch (error) {
    await display.close();
    throw error;
  }

  let open: WebKitContext | undefined;
  let version = 'WebKitGTK';
  const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary, args: ['--automation'] } };
  /** Starts the driver, and with it the browser, anew, saying why (`what`, `error`). */
  const restartDriver = async (what: string, error: unknown): Promise<void> => {
    console.warn(
      `[webkit] ${what} (${error instanceof Error ? error.message : String(error)}): restarting WebKitWebDriver`,
    );
    await driver.stop();
    driver = await startDriver(display.name);
  };
  const newSession = async (): Promise<WebDriverSession> => {
    // The MiniBrowser starts in a second or two. Once (in a run of the whole suite) the
    // driver never answered the new session: waiting out the command timeout cost a
    // minute and the scenario's retry. Now the driver and its browser are started anew
    // after SESSION_START, or after any failure to start one, and asked once more.
    const session = await WebDriverSession.create(driver.base, capabilities, SESSION_START).catch(
      async (error: unknown) => {
        await restartDriver(`no session within ${SESSION_START / 1000} s`, error);
        return WebDriverSession.create(driver.base, capabilities);
      },
    );
    await session.command('POST', '/timeouts', SESSION_TIMEOUTS);
    version = `WebKitGTK/${String(session.capabilities.browserVersion)}`;
    return session;
  };
  /**
   * Ends a session. The driver holds one session at a time, so a session that does not
   * end (a command stuck in a hung page) would fail every later scenario: then the
   * driver and its browser are started anew, and the next scenario gets a working one.
   */
  const endSession = async (session: WebDriverSession): Promise<void> => {
    await session
      .command('DELETE', '', undefined, 15_000)
      .catch((error: unknown) => restartDriver('the session did not end', error));
  };
  // One session up front: the version is known before the first scenario, and a
  // broken setup fails here, naming WebKit.
  try {
    await endSession(await newSession());
  } catch (error) {
    await driver.stop();
    await display.close();
    throw error;
  }

  return {
    name: 'webkit',
    get version() {
      return version;
    },
    powers: {},
    async newContext() {
      if (open !== undefined) {
        throw new Error(
          'WebKitWebDriver runs one session at a time: close the open context first (EnginePowers.concurrentContexts)',
        );
      }
      const context = new WebKitContext(await newSession(), endSession, () => {
        if (open === context) open = undefined;
      });
      open = context;
      return context;
    },
    async close() {
      if (open !== undefined) await open.close();
      await driver.stop();
      await display.close();
    },
  };
}
