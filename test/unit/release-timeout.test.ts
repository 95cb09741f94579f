// @vitest-environment node
/**
 * How long the leader waits for a previous presenter's RELEASED, by transport: the
 * configured `releaseTimeout`, and at least `POLLED_RELEASE_TIMEOUT` over IndexedDB,
 * which a hidden tab polls about once a second.
 */
import { afterEach, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { DEFAULT_TIMING } from '../../machines/timing.js';
import { createGroupAdapter, POLLED_RELEASE_TIMEOUT } from '../../src/page/group/group.js';
import { createFakeBrowser, type FakeBrowser } from '../fakes/index.js';

let browser: FakeBrowser;
afterEach(() => browser.closeAll());

async function releaseTimeoutOver(pollChannelMs: number | undefined, configured: number): Promise<number> {
  browser = createFakeBrowser({ pollChannelMs });
  const group = createGroupAdapter(browser.openTab('/').env, { scope: '/', tabId: 'a', timing: DEFAULT_TIMING });
  const actor = createActor(group.logic).start();
  const timeout = group.releaseTimeout(configured);
  actor.stop();
  await group.closed();
  return timeout;
}

it('is the configured one over BroadcastChannel', async () => {
  expect(await releaseTimeoutOver(undefined, 1_000)).toBe(1_000);
});

it('is at least POLLED_RELEASE_TIMEOUT over IndexedDB, and a longer configured one stays', async () => {
  expect(await releaseTimeoutOver(150, 1_000)).toBe(POLLED_RELEASE_TIMEOUT);
  expect(await releaseTimeoutOver(150, 5_000)).toBe(5_000);
});
