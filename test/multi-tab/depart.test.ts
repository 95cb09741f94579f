/**
 * A page that reloads for an update departs: from its reload call until the new page
 * arrives, its machine hears nothing more (no worker event, no news from the group, no
 * word of its own leaving). In a browser the navigation starts only once the old page is
 * idle, so every event it still handled would delay it (measured in WebKit: the reload
 * call → navigation start shrank from about 49 to 18 ms at 5 tabs).
 */
import { afterEach, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { controlledApp, waitingUpdate, type App } from './app.js';

let app: App;
afterEach(() => app.close());

it('a reloading tab handles no event after its reload call', async () => {
  const departed = new Set<string>();
  const heardAfter: string[] = [];
  const inspect = (ev: InspectionEvent): void => {
    // Only the coordinator's own machine (the root), not its child actors.
    if (ev.actorRef.sessionId !== ev.rootId) return;
    if (ev.type === '@xstate.action' && ev.action.type === 'reload') departed.add(ev.rootId);
    else if (ev.type === '@xstate.event' && departed.has(ev.rootId)) heardAfter.push(ev.event.type);
  };
  app = await controlledApp(3, { coordinator: { inspect } });
  const tabs = app.live();
  await waitingUpdate(app, '2');
  await app.browser.settle({ quietMs: 150 });

  app.presenter()!.updates!.accept();
  await app.browser.waitFor(() => tabs.every((r) => r.tab.loads === 2), {
    timeout: 5000,
    message: `not every tab reloaded: ${tabs.map((r) => r.tab.reloads).join(',')}`,
  });
  await app.allIn('idle');

  expect(departed.size).toBe(3);
  expect(heardAfter).toEqual([]);
  for (const record of tabs) expect(record.tab.reloads).toBe(1);
});
