// @vitest-environment node
/**
 * A tab that departs (it is reloading) hears nothing more from the group. When it takes
 * part again with the same adapter (its reload did not happen: the machine starts it over
 * after `timing.reloadTimeout`), nothing said on the channel meanwhile may carry over.
 */
import { BroadcastChannel } from 'broadcast-channel';
import { afterEach, expect, it } from 'vitest';
import { createActor, setup, type EventObject } from 'xstate';
import { DEFAULT_TIMING } from '../../machines/timing.js';
import { channelName, createGroupAdapter } from '../../src/page/group/group.js';
import { groupMessage } from '../../src/protocol/messages.js';
import { createFakeBrowser, type FakeBrowser } from '../fakes/index.js';

let browser: FakeBrowser;
afterEach(() => browser.closeAll());

it('a departed tab keeps nothing the group said while it was silent', async () => {
  browser = createFakeBrowser();
  const group = createGroupAdapter(browser.openTab('/').env, { scope: '/', tabId: 'a', timing: DEFAULT_TIMING });
  const heard: EventObject[] = [];
  // What the lifecycle machine does with the adapter: invokes it, and hears what it says.
  const machine = setup({ actors: { group: group.logic } }).createMachine({
    invoke: { src: 'group' },
    on: { '*': { actions: ({ event }) => void heard.push(event) } },
  });
  const first = createActor(machine).start();
  await browser.settle();
  group.depart();

  // Another page of the app says a tab holds work, while this one is silent.
  const other = browser.openTab('/');
  const channel = new BroadcastChannel<unknown>(channelName('/'), other.env.channelOptions);
  await channel.postMessage(groupMessage({ type: 'TAB', tabId: 'ghost', visible: false, focusedAt: 0, holds: 2 }));
  await browser.settle();
  await channel.close();

  // The reload did not happen: the machine stops the adapter and runs it again. The roster
  // it reports (within rosterSettle) is its own, without the tab heard while it was silent.
  first.stop();
  const rosters = () => heard.filter((event) => event.type === 'ROSTER_CHANGED');
  const before = rosters().length;
  createActor(machine).start();
  await browser.waitFor(() => rosters().length > before, { message: 'no roster reported after the restart' });
  expect(rosters().at(-1)).toMatchObject({ holds: 0, tabIds: ['a'] });
});
