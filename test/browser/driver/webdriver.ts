/**
 * A small client of classic WebDriver (W3C), for WebKitWebDriver: the dozen commands
 * the WebKit backend needs, over fetch. (webdriverio and selenium-webdriver bring
 * dozens of packages and their own driver management for these few calls.)
 *
 * A session has one current window, and every command acts on it: `inWindow` runs
 * commands one at a time, switching to the tab's window first.
 */

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {}

/**
 * No command may outlive a scenario: the session's script and page-load timeouts
 * (webkit.ts) end a stuck script or load first, with the driver's own error; this bound
 * catches a driver that stops answering at all.
 */
export const COMMAND_TIMEOUT = 60_000;

export async function webdriver(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  ms = COMMAND_TIMEOUT,
): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? (method === 'POST' ? '{}' : undefined) : JSON.stringify(body),
    signal: AbortSignal.timeout(ms),
  }).catch((error: unknown) => {
    throw new WebDriverError(
      `${method} ${path}: no answer from WebKitWebDriver (${error instanceof Error ? error.message : String(error)})`,
    );
  });
  const text = await response.text();
  let parsed: { value?: unknown };
  try {
    parsed = JSON.parse(text) as { value?: unknown };
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const value = parsed.value as { error?: string; message?: string } | undefined;
    throw new WebDriverError(
      `${method} ${path}: ${value?.error ?? response.status}: ${value?.message ?? text.slice(0, 200)}`,
    );
  }
  return parsed.value;
}

export class WebDriverSession {
  private queue: Promise<unknown> = Promise.resolve();
  private current: string | undefined;

  constructor(
    readonly base: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  static async create(
    base: string,
    capabilities: Record<string, unknown>,
    ms = COMMAND_TIMEOUT,
  ): Promise<WebDriverSession> {
    const value = (await webdriver(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } }, ms)) as {
      sessionId: string;
      capabilities: Record<string, unknown>;
    };
    const session = new WebDriverSession(base, value.sessionId, value.capabilities);
    session.current = (await session.command('GET', '/window')) as string;
    return session;
  }

  /** A command of this session, on whatever window is current. */
  command(method: string, path: string, body?: unknown, ms?: number): Promise<unknown> {
    return webdriver(this.base, method, `/session/${this.id}${path}`, body, ms);
  }

  /** Runs `steps` alone, with `handle` as the current window. */
  inWindow<T>(handle: string, steps: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.current !== handle) {
        await this.command('POST', '/window', { handle });
        this.current = handle;
      }
      return steps();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Alone, without switching (new windows, the session's end). */
  exclusive<T>(steps: () => Promise<T>): Promise<T> {
    const run = this.queue.then(steps);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get currentWindow(): string | undefined {
    return this.current;
  }

  set currentWindow(handle: string | undefined) {
    this.current = handle;
  }

  /**
   * Evaluates the script (its completion value may be a promise) in the current
   * window, globally, as an indirect eval does; page exceptions come back as errors
   * with the page's message.
   */
  async evaluate(expression: string): Promise<unknown> {
    const script = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (0, eval)(${JSON.stringify(expression)})).then(
  (value) => done({ ok: value === undefined ? null : value }),
  (error) => done({ error: String(error && error.stack ? error.message + '\\n' + error.stack : error) }));`;
    const result = (await this.command('POST', '/execute/async', { script, args: [] })) as {
      ok?: unknown;
      error?: string;
    };
    if (result !== null && typeof result === 'object' && 'error' in result)
      throw new Error(`in the page: ${result.error}`);
    return (result as { ok?: unknown }).ok;
  }

  /** The element the expression returns, as a WebDriver element id. */
  async element(expression: string, what: string): Promise<string> {
    const found = (await this.command('POST', '/execute/sync', {
      script: `return (${expression});`,
      args: [],
    })) as Record<string, string> | null;
    const id = found?.[ELEMENT];
    if (id === undefined) throw new Error(`no element ${what}`);
    return id;
  }
}
