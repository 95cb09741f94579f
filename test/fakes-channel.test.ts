// @vitest-environment node
/**
 * The fake browser's polled transport (`pollChannelMs`, test/fakes/channel.ts), as
 * broadcast-channel's IndexedDB method: every page reads a message on its own timers,
 * so a hidden page reads it late. Orders only, no timings.
 */
import { BroadcastChannel } from 'broadcast-channel';
import { afterEach, expect, it } from 'vitest';
import { createFakeBrowser, ENGINE_PROFILES, type FakeBrowser, type FakeTab } from './fakes/index.js';

let browser: FakeBrowser;
const channels: Array<BroadcastChannel<string>> = [];
afterEach(async () => {
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
  await browser.closeAll();
});

const channelOf = (tab: FakeTab): BroadcastChannel<string> => {
  const channel = new BroadcastChannel<string>('polled', tab.env.channelOptions);
  channels.push(channel);
  return channel;
};

it('a polled transport says idb, and a hidden page reads a message after a visible one does', async () => {
  browser = createFakeBrowser({ pollChannelMs: 150, hiddenTimers: ENGINE_PROFILES.firefox.hiddenTimers });
  const [sender, front, back] = [browser.openTab('/'), browser.openTab('/'), browser.openTab('/')];
  await back.hide();
  const heard: string[] = [];
  // The hidden page's channel first: on time, it would read first.
  const [out, inBack, inFront] = [channelOf(sender), channelOf(back), channelOf(front)];
  inFront.onmessage = (data) => void heard.push(`front ${data}`);
  inBack.onmessage = (data) => void heard.push(`back ${data}`);
  expect(out.type).toBe('idb');

  // The second message comes right after the hidden page ran a timer (its first read):
  // Firefox's model then holds its next timer for a second.
  await out.postMessage('one');
  await browser.waitFor(() => heard.includes('back one'), { timeout: 5000 });
  await out.postMessage('two');
  await browser.waitFor(() => heard.includes('back two'), { timeout: 5000 });
  expect(heard.indexOf('front two')).toBeGreaterThanOrEqual(0);
  expect(heard.indexOf('front two')).toBeLessThan(heard.indexOf('back two'));
});
