/**
 * Quiet when there is nothing to do, in a real engine: idle tabs of an app, no update
 * anywhere and no hold, post no channel message at all (the roll call runs only while
 * something depends on liveness; broadcast-channel's election uses Web Locks). Every
 * `BroadcastChannel.prototype.postMessage` call in each tab is counted, as the bench
 * does (test/bench/pages/bench-page.ts), with the time of the call. The roll call is set
 * to every 1 s so that, were it still running, a 3 s window would see one to three
 * (hidden tabs' timers are at most about 1 s late); the control shows the same counter
 * sees it run once an update waits. Only posts inside the window count:
 * WebKit's driver focuses a tab's window to run a script in it, and a focused tab tells
 * the group (a `TAB`), as it does when the user turns to it.
 */
import { describe, expect } from 'vitest';
import { scenario, sleep, useDemo, type App } from './harness.js';
import { checkAfterDeploy } from './deploy-check.js';
import { waitForPrompt } from './app-waits.js';

const demo = useDemo();
const ROLL_CALL_MS = 1_000;
const IDLE_WINDOW_MS = 3_000;
/** After the election: the tabs' joins and their answers are over well within it. */
const SETTLE_MS = 2_000;

/** Records every channel post of each live tab from now on: [wall-clock ms, message type]. */
async function recordPosts(app: App): Promise<void> {
  for (const i of app.liveIndices()) {
    await app.pages[i]!.evaluate(() => {
      const w = window as unknown as { __posts?: Array<[number, string]> };
      if (w.__posts) return;
      const posts: Array<[number, string]> = (w.__posts = []);
      const post = BroadcastChannel.prototype.postMessage;
      BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
        const m = message as { type?: unknown; data?: { type?: unknown; action?: unknown } } | null;
        const label =
          m?.type === 'internal' ? `election:${String(m.data?.action)}` : String((m?.data ?? m)?.type ?? 'other');
        posts.push([Date.now(), label]);
        post.call(this, message);
      };
    });
  }
}

/** Posts per tab between `from` and `to` (wall-clock ms, one machine), by message type. */
async function posts(app: App, from: number, to: number): Promise<Array<Record<string, number>>> {
  return Promise.all(
    app.liveIndices().map(async (i) => {
      const all = await app.pages[i]!.evaluate(
        () => (window as unknown as { __posts: Array<[number, string]> }).__posts,
      );
      const counts: Record<string, number> = {};
      for (const [t, label] of all) if (t >= from && t <= to) counts[label] = (counts[label] ?? 0) + 1;
      return counts;
    }),
  );
}

/** Records posts, lets the driver's own script runs settle, and waits `ms`: the window counted. */
async function countingWindow(app: App, ms: number): Promise<{ from: number; to: number }> {
  await recordPosts(app);
  await sleep(500);
  const from = Date.now();
  await sleep(ms);
  return { from, to: Date.now() };
}

const total = (counts: Array<Record<string, number>>, type?: string): number =>
  counts.reduce(
    (sum, c) => sum + Object.entries(c).reduce((s, [t, n]) => s + (type === undefined || t === type ? n : 0), 0),
    0,
  );

describe('idle tabs are quiet', () => {
  scenario(
    `3 idle tabs post no channel message in ${IDLE_WINDOW_MS / 1000} s; with an update waiting, the roll call runs`,
    [],
    async () => {
      const app = await demo.app({ tabs: 3, query: `timing.rollCallInterval=${ROLL_CALL_MS}` });
      await app.waitFor('one leader', async () => (await app.snapshots()).filter((s) => s?.isLeader).length === 1);
      await sleep(SETTLE_MS);

      const quiet = await countingWindow(app, IDLE_WINDOW_MS);
      const idle = await posts(app, quiet.from, quiet.to);
      console.log(`idle, ${IDLE_WINDOW_MS} ms: posts per tab ${JSON.stringify(idle)}`);
      expect((await app.snapshots()).map((s) => s?.status)).toEqual(['idle', 'idle', 'idle']);
      expect(total(idle)).toBe(0);

      // Control: the same counter sees the roll call once something depends on liveness.
      await demo.server.deploy('good', '2');
      expect(await checkAfterDeploy(demo.server, app)).toBe(true);
      await waitForPrompt(app, '2');
      const busy = await countingWindow(app, 4 * ROLL_CALL_MS);
      const waiting = await posts(app, busy.from, busy.to);
      console.log(`update waiting, ${4 * ROLL_CALL_MS} ms: posts per tab ${JSON.stringify(waiting)}`);
      expect(total(waiting, 'HELLO')).toBeGreaterThanOrEqual(2);
      expect(total(waiting, 'TAB')).toBeGreaterThanOrEqual(4);
      expect(app.eventsOf('error')).toEqual([]);
    },
    60_000,
  );
});
