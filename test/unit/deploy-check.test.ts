/**
 * The browser suite's rule for a check after a deploy (test/browser/deploy-check.ts): a
 * check that fetched no worker script joined the browser's own update check, begun before
 * the deploy, and is made again, once; one that fetched gives its answer as it is.
 */
import { describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.js';
import { checkAfterDeploy, startCheckAfterDeploy } from '../browser/deploy-check.js';
import type { App } from '../browser/harness.js';

/**
 * A server and an app whose checks answer `answers` in turn; each check fetches the
 * worker script (the server counts a request) when its `fetches` entry says so.
 */
function stubs(answers: boolean[], fetches: boolean[]) {
  let requests = 0;
  let checks = 0;
  const server = { state: () => ({ kind: 'good', version: '2', swRequests: requests }) } as unknown as FixtureServer;
  const checkForUpdate = async (): Promise<boolean> => {
    const n = checks++;
    if (fetches[n]) requests++;
    return answers[n] ?? false;
  };
  const app = { run: async (_page: unknown, fn: (d: unknown) => unknown) => fn({ updates: { checkForUpdate } }) };
  return { server, app: app as unknown as App, checks: () => checks };
}

describe('checkAfterDeploy', () => {
  it('answers a check that found the new worker as it is, made once', async () => {
    const s = stubs([true], [true]);
    expect(await checkAfterDeploy(s.server, s.app)).toBe(true);
    expect(s.checks()).toBe(1);
  });

  it('answers a check that fetched and found nothing as it is: false, made once', async () => {
    const s = stubs([false, true], [true, true]);
    expect(await checkAfterDeploy(s.server, s.app)).toBe(false);
    expect(s.checks()).toBe(1);
  });

  it('makes a check that fetched nothing again, once, and answers with the second', async () => {
    const s = stubs([false, true], [false, true]);
    expect(await checkAfterDeploy(s.server, s.app)).toBe(true);
    expect(s.checks()).toBe(2);
    const again = stubs([false, false, true], [false, false, true]);
    expect(await checkAfterDeploy(again.server, again.app)).toBe(false);
    expect(again.checks()).toBe(2);
  });
});

describe('startCheckAfterDeploy', () => {
  it('starts the check once when the server sees a request', async () => {
    const s = stubs([true], [true]);
    await startCheckAfterDeploy(s.server, s.app, 0, { within: 200 });
    expect(s.checks()).toBe(1);
  });

  it('starts it again, once, when no request comes within the wait', async () => {
    const s = stubs([false, false], [false, false]);
    await startCheckAfterDeploy(s.server, s.app, 0, { within: 200 });
    expect(s.checks()).toBe(2);
  });
});
